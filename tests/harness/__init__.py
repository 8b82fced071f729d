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
    """Settings of a property test that runs the implementation under test. Two health checks are
    not applied, both because the implementation discards calls (as unsupported, or as known
    divergences), not the strategies: filter_too_much fires when most calls are discarded, and
    too_slow sums the draw time until ten examples are kept, so an implementation that discards
    every call makes it sum over hundreds of draws and fire on a slow machine before the skip that
    names the reason. The strategies' own filters and speed are held to both checks by
    tests/test_strategies.py, which draws the same calls with every health check on."""
    return settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow], **overrides)


__all__ = ["DEFAULTS", "KnownDivergence", "features", "implementation_settings", "valid_calls"]
