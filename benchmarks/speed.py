"""How fast the suite checks examples, and where the time goes. A benchmark, not a test: nothing
here asserts a time.

    python benchmarks/speed.py                 # the three "implementation matches reference" properties
    python benchmarks/speed.py --suite         # ... and the whole suite's wall time (one pytest run)
    python benchmarks/speed.py --examples 200 --seed 3 --op conv2d

For each operator it runs the property ``test_implementation_matches_reference`` of
tests/test_<op>.py as that test runs it (same strategy, same Hypothesis profile: the one conftest.py
loads, "default" unless CONVSPEC_PROFILE says otherwise; the default implementation under test,
tests.adapters.torch_nn), with the body split into timed steps. The body mirrors
tests/checks.py's ``check_<op>``:

    reference  call.run(reference.<op>)             the loop-based oracle
    torch      call.run(torch_nn.<op>)              the implementation under test
    bound      conv2d_bound / avg_pool2d_bound      the tolerance: the reference again, on |values|
    compare    assert_matches                        shape, dtype, values within the bound

"hypothesis" is the rest of the run's wall time: drawing the examples (the strategies' configs
and arrays) and the engine's own bookkeeping. One warm-up call per operator comes first, so torch's
slow first call of a kind is not charged to the first example.

The output-size rules of spec/shapes.py are sympy expressions, evaluated on ints. The last column,
"sympy", is the time spent in them (by the strategies, which size inputs with them, and by the spec
checks of the reference and the bound), as a share of the run: it is included in the other columns.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import time
import warnings
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from hypothesis import given, seed, settings  # noqa: E402

import conftest  # noqa: E402,F401  registers and loads the suite's Hypothesis profile
import reference  # noqa: E402
import spec.conv  # noqa: E402
import spec.pool  # noqa: E402
import tests.strategies.conv2d  # noqa: E402
import tests.strategies.pool2d  # noqa: E402
from tests import strategies as cs  # noqa: E402
from tests.adapters import torch_nn  # noqa: E402
from tests.checks import avg_pool2d_bound, conv2d_bound  # noqa: E402
from tests.compare import assert_matches  # noqa: E402
from tests.harness.under_test import InProcess, UnderTest  # noqa: E402

OPS = ("conv2d", "max_pool2d", "avg_pool2d")
STEPS = ("reference", "torch", "harness", "bound", "compare")


class _ShapeRuleTimer:
    """Wraps the spec.shapes functions where the spec and the strategies imported them, and adds
    the time spent in them to ``clock["sympy"]``."""

    BINDINGS = [(spec.conv, "same_padding"), (spec.conv, "windows_that_fit"),
                (spec.pool, "pool_output_size"), (tests.strategies.conv2d, "same_padding"),
                (tests.strategies.pool2d, "pool_output_size")]

    def __init__(self):
        self.clock = None

    def __enter__(self):
        self.saved = [(module, name, getattr(module, name)) for module, name in self.BINDINGS]
        for module, name, function in self.saved:
            setattr(module, name, self._timed(function))
        return self

    def __exit__(self, *exc):
        for module, name, function in self.saved:
            setattr(module, name, function)

    def _timed(self, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                if self.clock is not None:
                    self.clock["sympy"] += time.perf_counter() - start
        return timed


SHAPE_RULES = _ShapeRuleTimer()


def _strategy(op):
    return cs.conv2d_calls() if op == "conv2d" else cs.pool2d_calls(op)


# The implementation as the suite calls it: through the harness, in process, with its call log.
UNDER_TEST = UnderTest(torch_nn, InProcess(torch_nn, ROOT / ".convspec" / "benchmark-last-call.py"))


def _checked_steps(op, call, clock):
    """tests/checks.py's check_<op>, step by step, each step's time added to ``clock``. The
    implementation is called twice: once directly (the "torch" step) and once through the harness
    as the suite calls it ("harness": the difference, i.e. the call log and the warnings capture);
    the direct call is a measurement only and is left out of the run's time."""
    t0 = time.perf_counter()
    expected = call.run(getattr(reference, op))
    t1 = time.perf_counter()
    call.run(getattr(torch_nn, op))
    raw = time.perf_counter() - t1
    t1 = time.perf_counter()
    got = call.run(UNDER_TEST.function(op))
    t2 = time.perf_counter()
    clock["measurement"] += raw
    clock["torch"] += raw
    clock["harness"] += max(0.0, t2 - t1 - raw)
    bound = conv2d_bound(call) if op == "conv2d" else avg_pool2d_bound(call) if op == "avg_pool2d" else None
    t3 = time.perf_counter()
    if op == "max_pool2d" and call["return_indices"]:
        assert isinstance(got, tuple) and len(got) == 2
        assert_matches(got[0], expected[0], call, what="values")
        assert_matches(got[1], expected[1], call, what="indices")
    else:
        assert_matches(got, expected, call, bound)
    t4 = time.perf_counter()
    for step, (start, end) in zip(("reference", "bound", "compare"), [(t0, t1), (t2, t3), (t3, t4)]):
        clock[step] += end - start


def _warm_up():
    x = np.ones((1, 1, 3, 3))
    for op, kwargs in [("conv2d", dict(weight=np.ones((1, 1, 2, 2)))), ("max_pool2d", dict(kernel_size=2)),
                       ("avg_pool2d", dict(kernel_size=2))]:
        getattr(torch_nn, op)(x, **kwargs)
        getattr(reference, op)(x, **kwargs)


def measure(op: str, max_examples: int, seed_value: int) -> dict:
    clock = defaultdict(float)
    sizes = []

    @seed(seed_value)
    @settings(settings.default, max_examples=max_examples, database=None)
    @given(call=_strategy(op))
    def prop(call):
        clock["examples"] += 1
        sizes.append(call["input"].size)
        _checked_steps(op, call, clock)

    SHAPE_RULES.clock = clock
    start = time.perf_counter()
    prop()
    clock["total"] = time.perf_counter() - start - clock["measurement"]
    SHAPE_RULES.clock = None
    clock["hypothesis"] = clock["total"] - sum(clock[step] for step in STEPS)
    clock["median input size"] = float(np.median(sizes))
    return clock


def _suite(extra_args) -> None:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--durations=10", *extra_args]
    print(f"\nwhole suite: {' '.join(command[1:])}")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    lines = result.stdout.splitlines()
    summary = next((line for line in reversed(lines) if re.search(r"\b(passed|failed|error)", line)), "")
    print(f"  wall time {wall:.1f} s, exit status {result.returncode}: {summary.strip('= ')}")
    for line in lines:
        if line.startswith(("FAILED ", "ERROR ")):
            print("  " + line[:200])
    if "slowest" in result.stdout:
        print("  slowest tests (pytest --durations=10):")
        start_index = next(i for i, line in enumerate(lines) if "slowest" in line)
        for line in lines[start_index + 1:]:
            if not re.match(r"\d+\.\d+s ", line):
                break
            print("    " + line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=None,
                        help="examples per operator (default: the profile's max_examples)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default: %(default)s)")
    parser.add_argument("--op", choices=OPS, action="append", help="only this operator (repeatable)")
    parser.add_argument("--suite", action="store_true", help="also time one run of the whole suite")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments for --suite (after --)")
    args = parser.parse_args(argv)

    import hypothesis
    import torch

    profile = settings.get_current_profile_name()
    max_examples = args.examples or settings.default.max_examples
    print(f"convspec speed: torch {torch.__version__} ({torch.get_num_threads()} threads), numpy {np.__version__}, "
          f"hypothesis {hypothesis.__version__}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"profile {profile!r}: {max_examples} examples per operator, seed {args.seed}; "
          "property test_implementation_matches_reference, implementation tests.adapters.torch_nn")
    # As pyproject.toml's filterwarnings: an even kernel with padding='same' may copy the input.
    warnings.filterwarnings("ignore", "Using padding='same' with even kernel lengths", UserWarning)
    _warm_up()
    print(f"{'':<11} {'':>8} {'':>8} {'':>7}  per example: mean ms and share of the run's wall time")
    print(f"{'operator':<11} {'examples':>8} {'total s':>8} {'ex/s':>7}  "
          + "".join(f"{name:>13}" for name in ("hypothesis",) + STEPS) + f"{'sympy':>7} {'median n':>9}")
    for op in args.op or OPS:
        with SHAPE_RULES:
            clock = measure(op, max_examples, args.seed)
        n = clock["examples"]
        per = "".join(f"{1000 * clock[name] / n:8.2f}{100 * clock[name] / clock['total']:4.0f}%"
                      for name in ("hypothesis",) + STEPS)
        print(f"{op:<11} {int(n):>8} {clock['total']:8.2f} {n / clock['total']:7.1f}  "
              f"{per}{100 * clock['sympy'] / clock['total']:6.0f}% {clock['median input size']:9.0f}")
    print("hypothesis: drawing examples and the engine; harness: what calling torch through tests.harness adds "
          "(call log, warnings capture);\nbound: the tolerance (the reference on |values|); "
          "\nsympy: time in spec/shapes.py's rules, wherever called (part of the other columns); "
          "median n: median input element count")
    if args.suite:
        _suite(args.pytest_args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
