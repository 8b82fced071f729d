"""The valid calls drawn for an implementation under test: the suite's strategies, less the calls
with an option the implementation declares it lacks (its module's ``UNSUPPORTED``), so no search
time is spent on them. For the 2-D operators the filter acts on the config, before any array is
drawn; for the other ranks, on the drawn call."""

from __future__ import annotations

from functools import lru_cache

from spec.conv import Conv2dCall
from spec.pool import Pool2dCall

from ..strategies import family
from ..strategies.conv2d import conv2d_calls, stratum_calls
from ..strategies.pool2d import pool2d_calls


def _spec_call(op: str, config: dict):
    return Conv2dCall(**config) if op == "conv2d" else Pool2dCall(**config)


@lru_cache(maxsize=None)
def valid_calls(op: str, under_test=None, stratum: tuple | None = None):
    """Valid calls of ``op``; with ``under_test``, none that it declares unsupported; with
    ``stratum`` (option, value), only those of one of the strata the strategies search apart
    (strategies.conv2d.SEARCHED_APART, strategies.pool2d.SEARCHED_APART)."""
    declared = under_test is not None and under_test.declared.get(op)
    if op not in ("conv2d", "max_pool2d", "avg_pool2d"):
        calls = family.calls(op)
        return calls.filter(lambda call: not under_test.declares_unsupported(op, call)) if declared else calls
    keep = (lambda config: not under_test.declares_unsupported(op, _spec_call(op, config))) if declared else None
    if op == "conv2d":
        return conv2d_calls(keep=keep) if stratum is None else stratum_calls(*stratum, keep=keep)
    if stratum is None:
        return pool2d_calls(op, keep=keep)
    option, value = stratum
    return pool2d_calls(op, (value,), keep=keep) if option == "aim" else pool2d_calls(op, keep=keep, dtype=value)
