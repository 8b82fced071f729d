"""The harness that runs an implementation under test: what it does not support, its known
divergences, its crashes, hangs and warnings, and the reports made of a run.

The formats a backend team writes are here: ``UNSUPPORTED`` (declared on the implementation's
module, keyed by :func:`features`) and ``KNOWN`` (a list of :class:`KnownDivergence` in a module
named by ``--known``).
"""

from hypothesis import HealthCheck, settings

from .drawing import valid_calls
from .features import DEFAULTS, features
from .known import KnownDivergence


def implementation_settings(**overrides) -> settings:
    """Settings of a property test that runs the implementation under test. filter_too_much is
    the one health check not applied: it fires when most calls are discarded, and here the
    implementation discards them (as unsupported, or as known divergences), not the strategies;
    the strategies' own filters are held to it by tests/test_strategies.py, which draws the same
    calls with every health check on."""
    return settings(suppress_health_check=[HealthCheck.filter_too_much], **overrides)


__all__ = ["DEFAULTS", "KnownDivergence", "features", "implementation_settings", "valid_calls"]
