"""pytest configuration for convspec: the implementation under test (--impl) and how it is run
(--known, --strict-support, --isolate, --call-timeout, --warnings-as-errors, --report), Hypothesis
profiles, the report header and the run's summary. At the repository root so that `--impl MODULE`
parses before any test path (pytest would otherwise take MODULE for a path and never load the
option)."""

from __future__ import annotations

import importlib.util
import os
import pathlib

import hypothesis
import numpy
import pytest
import sympy
import torch
from hypothesis import Phase, settings
from hypothesis.errors import Unsatisfiable

from tests.harness.loading import CannotImport, load_module
from tests.harness.known import KnownDivergence
from tests.harness.summary import summary_lines, unsupported_reason
from tests.harness.tally import Tally
from tests.harness.under_test import InProcess, UnderTest

DEFAULT_IMPL = "tests.adapters.torch_nn"
PROTOCOL = tuple(f"{family}{rank}d" for family in ("conv", "conv_transpose", "max_pool", "avg_pool")
                 for rank in (1, 2, 3))
# The other pools the suite checks, and the backward (vector-Jacobian product) of every operator,
# <op>_backward(grad_output, **the forward's arguments), which an implementation may provide too.
MORE_POOLS = tuple(f"{family}{rank}d" for family in ("adaptive_avg_pool", "adaptive_max_pool", "max_unpool", "lp_pool")
                   for rank in (1, 2, 3)) + ("fractional_max_pool2d", "fractional_max_pool3d")
BACKWARD_PROTOCOL = tuple(f"{op}_backward" for op in PROTOCOL + MORE_POOLS)
CALL_LOG = ".convspec/last-call.py"

# deadline=None: the reference is a Python loop and torch's first call of a kind is slow; timing
# is the benchmarks' business, never an assertion. The health checks stay on.
# parent=Hypothesis's own default: under CI=true Hypothesis loads its "ci" profile first, and a
# profile registered without a parent would inherit its derandomize, no database and suppressed
# too_slow check; the suite's profiles are the same on every machine.
# No explain phase: on a failure it reruns the test hundreds of times to list the lines "always and
# only run by failing test cases", which are the suite's own (harness, spec), never the
# implementation's; in a failing conv2d run it took 47 of 53 s. The minimal call is printed anyway.
PHASES = [phase for phase in Phase if phase is not Phase.explain]
_BASE = settings.get_profile("default")
settings.register_profile("default", parent=_BASE, max_examples=60, deadline=None, print_blob=True, phases=PHASES)
settings.register_profile("thorough", parent=_BASE, max_examples=600, deadline=None, print_blob=True, phases=PHASES)
settings.load_profile(os.environ.get("CONVSPEC_PROFILE", "default"))

_UNDER_TEST = pytest.StashKey[UnderTest]()

# The adapters of optional backends (pyproject's onnx and jax extras) import them at the top; they
# hold no doctests, so a checkout without the extras leaves them out of --doctest-modules'
# collection instead of failing to import them. Their runs and repros are skipped likewise.
_OPTIONAL = {"onnx": ["tests/adapters/onnx_graph.py", "tests/adapters/onnx_reference.py"],
             "onnxruntime": ["tests/adapters/onnx_runtime.py"], "jax": ["tests/adapters/jax_lax.py"]}
collect_ignore = [path for backend, paths in _OPTIONAL.items()
                  if importlib.util.find_spec(backend) is None for path in paths]


def pytest_addoption(parser):
    group = parser.getgroup("convspec", "the implementation under test")
    group.addoption(
        "--impl", default=os.environ.get("CONVSPEC_IMPL", DEFAULT_IMPL), metavar="MODULE",
        help="the implementation under test: a dotted module name on the path or the path of a .py "
             "file (env CONVSPEC_IMPL; default: %(default)s)")
    group.addoption(
        "--known", default=os.environ.get("CONVSPEC_KNOWN"), metavar="MODULE",
        help="a module (dotted name or .py path) whose list KNOWN holds the implementation's known "
             "divergences (tests.harness.KnownDivergence); their failures are counted, not raised")
    group.addoption("--strict-support", action="store_true",
                    help="count every unsupported call (NotImplementedError) as a failure")
    group.addoption("--isolate", action="store_true",
                    help="run each call of the implementation in a worker process, so that a crash or "
                         "a hang is reported as a failure of that call")
    group.addoption("--call-timeout", type=float, default=5.0, metavar="SECONDS",
                    help="with --isolate, the time one call may take before it counts as a hang "
                         "(default: %(default)s)")
    group.addoption("--warnings-as-errors", action="store_true",
                    help="fail a call on which the implementation warns (default: count the warnings)")
    group.addoption("--report", action="append", default=[], metavar="FILE",
                    help="write the conformance report to FILE (.md or .json; may be given twice)")


def _known(config) -> list[KnownDivergence]:
    name = config.getoption("--known")
    if not name:
        return []
    entries = getattr(load_module(name, "--known"), "KNOWN", None)
    if not isinstance(entries, (list, tuple)) or not all(isinstance(e, KnownDivergence) for e in entries):
        raise CannotImport(f"--known {name}: it must define KNOWN, a list of tests.harness.KnownDivergence")
    return list(entries)


def _executor(config, module):
    if config.getoption("--isolate"):
        from tests.harness.isolation import Isolated
        return Isolated(config.getoption("--impl"), config.getoption("--call-timeout"))
    return InProcess(module, pathlib.Path(config.rootpath, CALL_LOG))


def pytest_configure(config):
    try:
        module = load_module(config.getoption("--impl"))
        known = _known(config)
    except CannotImport as problem:
        raise pytest.UsageError(str(problem)) from None
    config.stash[_UNDER_TEST] = UnderTest(
        module, _executor(config, module), known, strict_support=config.getoption("--strict-support"),
        warnings_as_errors=config.getoption("--warnings-as-errors"))


def pytest_unconfigure(config):
    under_test = config.stash.get(_UNDER_TEST, None)
    if under_test is not None:
        under_test.executor.close()


def pytest_report_header(config):
    under_test = config.stash[_UNDER_TEST]
    module = under_test.module
    provided = [name for name in PROTOCOL if under_test.provides(name)]
    missing = [name for name in PROTOCOL if name not in provided]
    profile = settings.get_current_profile_name()
    running = (f"each call in a worker process, {config.getoption('--call-timeout')} s a call (--isolate)"
               if config.getoption("--isolate") else f"in this process; the call in flight is kept in {CALL_LOG}")
    lines = [
        f"convspec: torch {torch.__version__}, numpy {numpy.__version__}, sympy {sympy.__version__}, "
        f"hypothesis {hypothesis.__version__}",
        f"convspec: implementation under test: {module.__name__} ({module.__file__}), run {running}",
        f"convspec: provides {', '.join(provided) or 'nothing'}"
        + (f"; lacks {', '.join(missing)}: their tests are skipped" if missing else ""),
        f"convspec: hypothesis profile {profile!r} (max_examples={settings.default.max_examples}); "
        "--hypothesis-profile=thorough for ten times the examples",
    ]
    backward = [name for name in BACKWARD_PROTOCOL if under_test.provides(name)]
    lines.insert(3, f"convspec: provides <op>_backward for all {len(backward)} operators"
                 if len(backward) == len(BACKWARD_PROTOCOL) else
                 f"convspec: provides <op>_backward for {len(backward)} of {len(BACKWARD_PROTOCOL)} operators"
                 + (f" ({', '.join(backward)})" if backward else "") + "; the gradient tests skip the others")
    if under_test.declared:
        lines.append(f"convspec: declared unsupported (never drawn): {under_test.declared}")
    if under_test.known:
        lines.append(f"convspec: known divergences: {', '.join(k.name for k in under_test.known)}")
    if config.getoption("--strict-support"):
        lines.append("convspec: --strict-support: an unsupported call is a failure")
    return lines


@pytest.fixture(scope="session")
def impl(pytestconfig) -> UnderTest:
    return pytestconfig.stash[_UNDER_TEST]


@pytest.fixture(autouse=True)
def _running_test(request):
    under_test = request.config.stash[_UNDER_TEST]
    under_test.test = request.node.nodeid
    yield
    under_test.test = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.when != "call" or call.excinfo is None:
        return
    if call.excinfo.errisinstance(Unsatisfiable):
        under_test = item.config.stash[_UNDER_TEST]
        reason = unsupported_reason(under_test.tally, item.nodeid)
        if reason is None and under_test.declared:
            # The declared filter left nothing to draw (a stratum of options it lacks, say).
            reason = "every call this test draws has an option the implementation declares unsupported (UNSUPPORTED)"
        if reason is not None:  # the implementation discarded every call: say so, never "passed"
            report.outcome = "skipped"
            report.longrepr = (str(item.path), item.location[1], f"Skipped: {item.name}: {reason}")
    elif item.name.startswith("test_pinned_"):
        from spec.behaviours import BEHAVIOURS
        name = item.originalname.removeprefix("test_pinned_")
        for behaviour in BEHAVIOURS:
            if behaviour.name == name:
                report.sections.append(("convspec: pinned torch behaviour", f"spec/behaviours.py, {name}: "
                                        f"{behaviour.sentence}\nThis test checks that torch (and the "
                                        "reference) still behave so."))


def pytest_sessionfinish(session):
    config = session.config
    tally = config.stash[_UNDER_TEST].tally
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: the controller adds it up
        config.workeroutput["convspec_tally"] = tally.data
        return
    for path in config.getoption("--report"):
        from tests.harness.report import write_report
        write_report(path, config.stash[_UNDER_TEST], settings.get_current_profile_name())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    data = getattr(node, "workeroutput", {}).get("convspec_tally")
    if data:
        node.config.stash[_UNDER_TEST].tally.merge(Tally(data))


def pytest_terminal_summary(terminalreporter, config):
    under_test = config.stash[_UNDER_TEST]
    lines = summary_lines(under_test.tally, under_test.known, under_test.name)
    if lines:
        terminalreporter.section("convspec summary")
        for line in lines:
            terminalreporter.write_line(line)
