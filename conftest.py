"""pytest configuration for convspec: the implementation under test (--impl), Hypothesis profiles,
the report header. At the repository root so that `--impl MODULE` parses before any test path
(pytest would otherwise take MODULE for a path and never load the option)."""

from __future__ import annotations

import importlib
import os

import hypothesis
import numpy
import pytest
import sympy
import torch
from hypothesis import settings

DEFAULT_IMPL = "tests.adapters.torch_nn"
PROTOCOL = ("conv2d", "max_pool2d", "avg_pool2d")

# deadline=None: the reference is a Python loop and torch's first call of a kind is slow; timing
# is the benchmarks' business, never an assertion. The health checks stay on.
# parent=Hypothesis's own default: under CI=true Hypothesis loads its "ci" profile first, and a
# profile registered without a parent would inherit its derandomize, no database and suppressed
# too_slow check; the suite's profiles are the same on every machine.
_BASE = settings.get_profile("default")
settings.register_profile("default", parent=_BASE, max_examples=60, deadline=None, print_blob=True)
settings.register_profile("thorough", parent=_BASE, max_examples=600, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("CONVSPEC_PROFILE", "default"))


def pytest_addoption(parser):
    parser.addoption(
        "--impl", default=os.environ.get("CONVSPEC_IMPL", DEFAULT_IMPL), metavar="MODULE",
        help="dotted name of the implementation under test (env CONVSPEC_IMPL; default: %(default)s)",
    )


def _load_impl(config):
    return importlib.import_module(config.getoption("--impl"))


def pytest_report_header(config):
    impl = _load_impl(config)
    provided = [name for name in PROTOCOL if hasattr(impl, name)]
    missing = [name for name in PROTOCOL if name not in provided]
    profile = settings.get_current_profile_name()
    lines = [
        f"convspec: torch {torch.__version__}, numpy {numpy.__version__}, sympy {sympy.__version__}, "
        f"hypothesis {hypothesis.__version__}",
        f"convspec: implementation under test: {impl.__name__} ({impl.__file__})",
        f"convspec: provides {', '.join(provided) or 'nothing'}"
        + (f"; lacks {', '.join(missing)}: their tests are skipped" if missing else ""),
        f"convspec: hypothesis profile {profile!r} (max_examples={settings.default.max_examples}); "
        "--hypothesis-profile=thorough for ten times the examples",
    ]
    return lines


@pytest.fixture(scope="session")
def impl(pytestconfig):
    return _load_impl(pytestconfig)
