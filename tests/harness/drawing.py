"""The valid calls drawn for an implementation under test: the suite's strategies, less the calls
with an option the implementation declares it lacks (its module's ``UNSUPPORTED``), so no search
time is spent on them. For the 2-D operators the filter acts on the config, before any array is
drawn; for the other ranks, on the drawn call."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import strategies as st

from spec.conv import Conv2dCall
from spec.pool import Pool2dCall

from ..strategies import family
from ..strategies.conv2d import conv2d_call, conv2d_configs
from ..strategies.pool2d import pool2d_call, pool2d_configs


def _configs(op: str, dtype: str | None):
    if op == "conv2d":
        return conv2d_configs(None if dtype is None else st.just(dtype))
    if dtype is not None:
        raise ValueError(f"valid_calls: a dtype stratum is drawn for conv2d only, not {op}")
    return pool2d_configs(op)


def _spec_call(op: str, config: dict):
    return Conv2dCall(**config) if op == "conv2d" else Pool2dCall(**config)


def _call(draw, op: str, config: dict):
    return conv2d_call(draw, config) if op == "conv2d" else pool2d_call(draw, config)


@lru_cache(maxsize=None)
def valid_calls(op: str, under_test=None, dtype: str | None = None):
    """Valid calls of ``op``; with ``under_test``, none that it declares unsupported; with
    ``dtype`` (conv2d only), of that dtype alone."""
    declared = under_test is not None and under_test.declared.get(op)
    if op not in ("conv2d", "max_pool2d", "avg_pool2d"):
        calls = family.calls(op)
        return calls.filter(lambda call: not under_test.declares_unsupported(op, call)) if declared else calls
    configs = _configs(op, dtype)
    if declared:
        configs = configs.filter(lambda config: not under_test.declares_unsupported(op, _spec_call(op, config)))

    @st.composite
    def calls(draw):
        return _call(draw, op, draw(configs, label="config"))
    return calls()
