"""Mutation testing of the code mutmut cannot mutate (MUTATION.md): the validity rules' predicates
(the lambdas of the Rule(...) calls in spec/conv.py, spec/conv_transpose.py and spec/pool.py) and
the derived quantities of the call classes (``@property`` methods in those and spec/params.py). mutmut 3 mutates only the bodies of plain functions, methods, classmethods and
staticmethods: it skips decorated functions (so every property) and module-level code (so
every rule).

    python scripts/mutate_rules.py                     # every mutant, one pytest run each
    python scripts/mutate_rules.py --list              # the mutants only
    python scripts/mutate_rules.py --budget 1200       # stop starting new runs after 20 minutes
    python scripts/mutate_rules.py --only spec/pool.py:padding_at_most_half_kernel

Mutations (one per mutant, on the AST; the mutated file is written with ast.unparse into a copy
of the repository): comparison operators to their neighbours (< <=, > >=, == !=, in / not in),
``and`` / ``or`` swapped, ``min`` / ``max`` swapped, integer constants +1 and -1, ``+`` / ``-``
swapped, ``not`` dropped. Each mutant runs the tests of its operator(s) under the "fast" profile
(scripts/fast_profile.py), stopping at the first failure (-x); exit status 1 means killed.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent

TESTS = {
    "spec/conv.py": ["tests/test_conv2d.py", "tests/test_strategies.py", "tests/test_family.py"],
    "spec/conv_transpose.py": ["tests/test_family.py"],
    "spec/pool.py": ["tests/test_max_pool2d.py", "tests/test_avg_pool2d.py", "tests/test_strategies.py",
                     "tests/test_family.py"],
    "spec/params.py": ["tests/test_conv2d.py", "tests/test_max_pool2d.py", "tests/test_avg_pool2d.py",
                       "tests/test_strategies.py", "tests/test_family.py"],
}
PYTEST = ["-p", "scripts.fast_profile", "--hypothesis-profile=fast", "-p", "no:cacheprovider", "-x", "-q",
          "--no-header", "-p", "no:randomly"]

COMPARE_SWAPS = {ast.Lt: [ast.LtE], ast.LtE: [ast.Lt], ast.Gt: [ast.GtE], ast.GtE: [ast.Gt],
                 ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.In: [ast.NotIn], ast.NotIn: [ast.In],
                 ast.Is: [ast.IsNot], ast.IsNot: [ast.Is]}


def _regions(tree: ast.Module):
    """(name, node) for each region mutated here: a lambda in a Rule(...) call, wherever the call is
    (named by the rule; the rule lists are built per spatial rank, inside functions), and a
    @property method (named Class.method), which mutmut skips."""
    for element in ast.walk(tree):
        if (isinstance(element, ast.Call) and isinstance(element.func, ast.Name)
                and element.func.id == "Rule" and element.args
                and isinstance(element.args[0], ast.Constant)):
            for argument in element.args[1:]:
                if isinstance(argument, ast.Lambda):
                    yield element.args[0].value, argument
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef):
            for item in statement.body:
                if isinstance(item, ast.FunctionDef) and any(
                        isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list):
                    yield f"{statement.name}.{item.name}", item


def _node_mutations(node):
    """(description, apply) pairs for one AST node; apply mutates the node in place."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for new in COMPARE_SWAPS.get(type(op), []):
                def apply(n, i=i, new=new):
                    n.ops[i] = new()
                yield f"{type(op).__name__} -> {new.__name__}", apply
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield f"{type(node.op).__name__} -> {new.__name__}", lambda n, new=new: setattr(n, "op", new())
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
        other = "max" if node.func.id == "min" else "min"
        yield f"{node.func.id} -> {other}", lambda n, other=other: setattr(n.func, "id", other)
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        for delta in (1, -1):
            yield (f"{node.value} -> {node.value + delta}",
                   lambda n, delta=delta: setattr(n, "value", n.value + delta))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        new = ast.Sub if isinstance(node.op, ast.Add) else ast.Add
        yield f"{type(node.op).__name__} -> {new.__name__}", lambda n, new=new: setattr(n, "op", new())
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not dropped", None  # handled by the transformer: the node is replaced by its operand


def mutants(path: str):
    """Every mutant of ``path``: dicts with id, file, region, line, what, and the mutated source."""
    source = (ROOT / path).read_text()
    tree = ast.parse(source)
    regions = list(_regions(tree))
    for region_index, (region, _) in enumerate(regions):
        count = sum(1 for _ in _region_nodes(regions[region_index][1]))
        for node_index in range(count):
            original_node = list(_region_nodes(regions[region_index][1]))[node_index]
            for mutation_index, (what, _) in enumerate(_node_mutations(original_node)):
                mutated = copy.deepcopy(tree)
                target_region = list(_regions(mutated))[region_index][1]
                node = list(_region_nodes(target_region))[node_index]
                _, apply = list(_node_mutations(node))[mutation_index]
                if apply is None:  # drop a `not`: replace the node by its operand in its parent
                    _replace(target_region, node, node.operand)
                else:
                    apply(node)
                yield dict(id=f"{path}:{region}:{node.lineno}.{node.col_offset}-{node.end_col_offset}:{what}", file=path, region=region,
                           line=node.lineno, what=what, source=ast.unparse(ast.fix_missing_locations(mutated)))


def _region_nodes(region):
    body = region.body if isinstance(region, ast.Lambda) else region
    nodes = [body] if isinstance(region, ast.Lambda) else list(region.body)
    for start in nodes:
        for node in ast.walk(start):
            yield node


def _replace(root, old, new):
    for parent in ast.walk(root):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return


def _copy_tree(destination: pathlib.Path) -> None:
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, destination / name)
    for name in ("spec", "reference", "tests", "scripts"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))


def run(mutant, workdir: pathlib.Path, python: str, timeout: float) -> tuple[str, float]:
    target = workdir / mutant["file"]
    original = target.read_text()
    target.write_text(mutant["source"])
    start = time.perf_counter()
    try:
        result = subprocess.run([python, "-m", "pytest", *PYTEST, *TESTS[mutant["file"]]], cwd=workdir,
                                capture_output=True, text=True, timeout=timeout)
        status = {0: "survived", 1: "killed"}.get(result.returncode, f"error {result.returncode}")
        if status.startswith("error"):
            status += ": " + (result.stdout + result.stderr).strip().splitlines()[-1][:200]
    except subprocess.TimeoutExpired:
        status = "timeout"
    finally:
        target.write_text(original)
    return status, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--only", action="append", help="mutant ids starting with this (repeatable)")
    parser.add_argument("--budget", type=float, default=None, help="seconds; start no run after this")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run (default %(default)s)")
    parser.add_argument("--json", type=pathlib.Path, help="write the results here as JSON")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)

    every = [m for path in TESTS for m in mutants(path)]
    every.sort(key=lambda m: "." in m["region"])  # the rules first, then the properties
    if args.only:
        every = [m for m in every if any(m["id"].startswith(prefix) for prefix in args.only)]
    if args.list:
        for m in every:
            print(m["id"])
        print(f"{len(every)} mutants")
        return 0

    results = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="convspec-rule-mutants-") as tmp:
        workdir = pathlib.Path(tmp)
        _copy_tree(workdir)
        clean, seconds = run(dict(file="spec/conv.py", source=(ROOT / "spec/conv.py").read_text()),
                             workdir, args.python, args.timeout)
        print(f"clean run (tests of spec/conv.py): {clean} in {seconds:.0f}s", flush=True)
        if clean != "survived":
            print("the unmutated suite does not pass; stopping")
            return 2
        for i, m in enumerate(every, 1):
            if args.budget is not None and time.perf_counter() - started > args.budget:
                print(f"budget spent: {i - 1} of {len(every)} mutants run")
                break
            status, seconds = run(m, workdir, args.python, args.timeout)
            results.append(dict(id=m["id"], status=status, seconds=round(seconds, 1)))
            print(f"{i:4}/{len(every)} {status:<9} {seconds:5.0f}s  {m['id']}", flush=True)
    counts = {}
    for r in results:
        counts[r["status"].split(":")[0]] = counts.get(r["status"].split(":")[0], 0) + 1
    print(f"run {len(results)} of {len(every)}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for r in results:
        if r["status"] != "killed":
            print(f"  {r['status']}: {r['id']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
