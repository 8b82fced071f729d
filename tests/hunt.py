"""Hunt an implementation's distinct divergences from torch: ``python -m tests.hunt --impl MODULE``.

    python -m tests.hunt --impl my.backend [--known my.known] [--budget 300] [--json out.json]
                         [--markdown out.md] [--report matrix.md] [--no-isolate] [--call-timeout 5]

Each divergence is reported once, with its minimal call as runnable Python, torch's result beside
the implementation's, and the options it depends on (tests/harness/hunting.py says how). Calls
run in a worker process (--isolate's), so a crash or a hang is a divergence like any other.
Exit status: 0 if no divergence was found, 1 if some were, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings

import hypothesis
import numpy as np
import sympy
import torch

from .adapters import torch_nn
from .calls import array_literal
from .harness.hunting import Hunt, _options_text
from .harness.isolation import Isolated
from .harness.known import KnownDivergence
from .harness.loading import CannotImport, load_module
from .harness.report import write_report
from .harness.under_test import InProcess, UnderTest

from .harness.features import VALUES

OPS = tuple(VALUES)  # every operator of the protocol


def _text(function, call) -> str:
    """What ``function`` gives for ``call``: its result as numpy literals, or what it raised."""
    try:
        result = call.run(function)
    except Exception as error:
        return f"raises {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    if isinstance(result, tuple):
        return "(" + ", ".join(_text(lambda r=r, **_: r, call) for r in result) + ")"
    return array_literal(result) if isinstance(result, np.ndarray) else repr(result)


def versions() -> dict:
    return {"torch": torch.__version__, "numpy": np.__version__, "sympy": sympy.__version__,
            "hypothesis": hypothesis.__version__, "python": sys.version.split()[0]}


def findings(hunt: Hunt) -> dict:
    under_test = hunt.under_test
    divergences = [{
        "operator": d.operator, "kind": d.kind, "options": {name: value for name, value in d.options},
        "call": d.call.python(), "expected": _text(getattr(torch_nn, d.operator), d.call),
        "got": _text(under_test.function(d.operator), d.call), "differs": d.message,
    } for d in hunt.found]
    return {"implementation": under_test.name, "versions": versions(), "divergences": divergences,
            "unsupported": under_test.tally.data["unsupported"], "calls": hunt.calls,
            "seconds": round(hunt.seconds, 1)}


def markdown(result: dict) -> str:
    lines = [f"# Divergences of `{result['implementation']}` from torch", "",
             f"{len(result['divergences'])} distinct divergences in {result['calls']} calls "
             f"({result['seconds']} s); " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()) + ".", ""]
    for number, d in enumerate(result["divergences"], 1):
        options = ", ".join(f"{k}={v}" for k, v in d["options"].items()) or "any call"
        lines += [f"## {number}. {d['operator']}: {d['kind']} ({options})", "", d["differs"], "",
                  "```python", "import numpy as np", "", d["call"], "```", "",
                  f"torch: `{d['expected']}`", "", f"implementation: `{d['got']}`", ""]
    if result["unsupported"]:
        lines += ["## Unsupported", ""]
        for op, messages in result["unsupported"].items():
            for message, count in messages.items():
                lines.append(f"- {op}: {count} calls: {message}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", required=True, help="module (dotted name or .py path) under test")
    parser.add_argument("--known", help="module whose KNOWN lists the known divergences")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds in all (default 300)")
    parser.add_argument("--examples", type=int, default=300, help="examples per search (default 300)")
    parser.add_argument("--json", help="write the findings as JSON to this file")
    parser.add_argument("--markdown", help="write the findings as Markdown to this file")
    parser.add_argument("--report", action="append", default=[], help="write the conformance matrix (.md/.json)")
    parser.add_argument("--no-isolate", action="store_true", help="run the implementation in this process")
    parser.add_argument("--call-timeout", type=float, default=5.0, help="seconds a call may take (default 5)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", "Using padding='same' with even kernel lengths", UserWarning)
    try:
        module = load_module(args.impl)
        known = getattr(load_module(args.known, "--known"), "KNOWN", []) if args.known else []
    except CannotImport as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if not all(isinstance(k, KnownDivergence) for k in known):
        print(f"error: --known {args.known}: KNOWN must list tests.harness.KnownDivergence", file=sys.stderr)
        return 2
    executor = InProcess(module, None) if args.no_isolate else Isolated(args.impl, args.call_timeout)
    under_test = UnderTest(module, executor, known)
    hunt = Hunt(under_test, budget=args.budget, examples=args.examples)
    ops = [op for op in OPS if under_test.provides(op)]
    try:
        hunt.run(ops, progress=lambda line: print(f"hunt: {line}", file=sys.stderr, flush=True))
        result = findings(hunt)
    finally:
        executor.close()
    text = markdown(result)
    print(text)
    if args.markdown:
        open(args.markdown, "w").write(text)
    if args.json:
        open(args.json, "w").write(json.dumps(result, indent=2) + "\n")
    for path in args.report:
        write_report(path, under_test, f"hunt, {args.examples} examples a search")
    return 1 if result["divergences"] else 0


if __name__ == "__main__":
    sys.exit(main())
