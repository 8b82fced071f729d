"""Meta-tests: the strategies draw what they claim, and every pinned behaviour has its test."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec.behaviours import BEHAVIOURS
from spec import pool as pool2d
from spec.conv import RULES, Conv2dCall
from spec.crashes import torch_crashes
from spec.rules import first_violation

from . import strategies as cs
from .strategies.common import reaches
from .strategies.pool2d import _raw_ceil_count


@given(call=cs.conv2d_calls())
def test_valid_conv2d_calls_break_no_rule(call):
    assert first_violation(RULES, Conv2dCall.of(**call.kwargs)) is None, call.python()


def test_every_conv2d_rule_has_a_breaker():
    assert set(cs.BREAKERS) == {rule.name for rule in RULES}


@pytest.mark.parametrize("rule", [rule.name for rule in RULES])
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_invalid_conv2d_calls_break_their_rule_first(rule, data):
    where_torch_raises = data.draw(st.booleans(), label="where torch raises")
    call = data.draw(cs.invalid_conv2d_calls(rule, where_torch_raises), label="call")
    broken = first_violation(RULES, Conv2dCall.of(**call.kwargs))
    assert broken is not None and broken.name == rule, f"breaks {broken and broken.name}:\n{call.python()}"


@given(call=cs.conv2d_calls())
def test_drawn_arrays_fit_their_config(call):
    spec_call = Conv2dCall.of(**call.kwargs)
    assert call["input"].dtype == call["weight"].dtype
    assert spec_call.input_dtype in cs.CONV2D_DTYPES
    assert all(isinstance(call[name], np.ndarray) for name in ("input", "weight"))


def test_every_pinned_behaviour_has_a_test():
    source = "\n".join(path.read_text() for path in pathlib.Path(__file__).parent.glob("test_*.py"))
    missing = [b.name for b in BEHAVIOURS if f"def test_pinned_{b.name}" not in source]
    assert not missing, f"behaviours without a test_pinned_<name>: {missing}"


@pytest.mark.parametrize("op", ["max_pool2d", "avg_pool2d"])
@given(data=st.data())
def test_valid_pool2d_calls_break_no_rule(op, data):
    call = data.draw(cs.pool2d_calls(op), label="call")
    assert first_violation(pool2d.RULES, pool2d.Pool2dCall(op, call["input"].shape, str(call["input"].dtype),
                           **{k: v for k, v in call.kwargs.items() if k != "input"})) is None, call.python()


def test_every_pool2d_rule_has_a_breaker():
    assert set(cs.POOL_BREAKERS) == {rule.name for rule in pool2d.RULES}


@pytest.mark.parametrize("op", ["max_pool2d", "avg_pool2d"])
@pytest.mark.parametrize("rule", [rule.name for rule in pool2d.RULES])
@settings(max_examples=max(10, settings.default.max_examples // 6))
@given(data=st.data())
def test_invalid_pool2d_calls_break_their_rule_first(op, rule, data):
    call = data.draw(cs.invalid_pool2d_calls(op, rule), label="call")
    spec_call = pool2d.Pool2dCall(call.op, call["input"].shape, str(call["input"].dtype),
                                  **{k: v for k, v in call.kwargs.items() if k != "input"})
    broken = first_violation(pool2d.RULES, spec_call)
    assert broken is not None and broken.name == rule, f"breaks {broken and broken.name}:\n{call.python()}"


@settings(max_examples=50)
@given(data=st.data())
def test_ceil_mode_configs_aimed_at_a_dropped_window_get_one(data):
    """Where a kernel/stride/padding/dilation allows it, the size drawn makes ceil mode drop a window."""
    from .strategies.pool2d import _sizes

    k, s, d = (data.draw(st.integers(1, 3), label=name) for name in ("kernel", "stride", "dilation"))
    p = data.draw(st.integers(0, k // 2), label="padding")
    sizes = _sizes(k, s, p, d, ceil_mode=True, drop_last_window=True)
    every = _sizes(k, s, p, d, ceil_mode=True, drop_last_window=False)
    dropping = tuple(n for n in every if pool2d.pool_output_size(n, k, s, p, d, True) < _raw_ceil_count(n, k, s, p, d))
    assert sizes == (dropping or every)


@given(data=st.data())
def test_no_drawn_call_crashes_torch(data):
    """Valid and invalid conv2d draws, float16 above all (the crash's dtype), never match the
    predicate of torch's SIGSEGV (spec/crashes.py)."""
    dtype = data.draw(st.sampled_from(["float16", None]), label="dtype (None: any)")
    if data.draw(st.booleans(), label="invalid"):
        call = data.draw(cs.invalid_conv2d_calls(data.draw(st.sampled_from([r.name for r in RULES]), label="rule"),
                                                 data.draw(st.booleans(), label="where torch raises")))
    else:
        call = data.draw(cs.conv2d_calls(None if dtype is None else st.just(dtype)), label="call")
    assert not torch_crashes(Conv2dCall.of(**call.kwargs)), call.python()


# -- the configurations where options interact are drawn ------------------------------------------------

def _conv(call) -> Conv2dCall:
    return Conv2dCall.of(**call.kwargs)


CONV2D_STRATA = {
    "odd 'same' total": lambda c: c["padding"] == "same" and any(a != b for a, b in _conv(c).paddings),
    "reflect padding read": lambda c: c["padding_mode"] == "reflect" and max(map(max, _conv(c).paddings)) > 0,
    "replicate padding read": lambda c: c["padding_mode"] == "replicate" and max(map(max, _conv(c).paddings)) > 0,
    "asymmetric strides": lambda c: len(set(_conv(c).strides)) == 2,
    "asymmetric paddings": lambda c: len(set(_conv(c).paddings)) == 2,
    "empty batch": lambda c: c["input"].ndim == 4 and c["input"].shape[0] == 0,
    "every float64 bit": lambda c: c["input"].dtype == np.float64 and c["input"].size > 0
                                   and (c["input"] != c["input"].astype(np.float32)).all(),
    "every float16 bit, several terms": lambda c: c["input"].dtype == np.float16 and c["input"].size > 0
                                                  and c["weight"][0].size > 1
                                                  and (c["input"] * 2.0**9 % 2 == 1).all(),
}


@pytest.mark.parametrize("stratum", CONV2D_STRATA)
def test_conv2d_strata_are_drawn(stratum):
    assert reaches(cs.conv2d_calls(), CONV2D_STRATA[stratum])


def _pool(call) -> pool2d.Pool2dCall:
    return pool2d.Pool2dCall(call.op, call["input"].shape, str(call["input"].dtype),
                             **{k: v for k, v in call.kwargs.items() if k != "input"})


def _per_dim(call):
    """(n, k, s, p, d) for each spatial dimension of a pool call."""
    c = _pool(call)
    return zip(c.input_size, c.kernel, c.strides, c.paddings, c.dilations)


def _windows_read_padding(call) -> bool:
    return any(p > 0 for _, _, _, p, _ in _per_dim(call))


def _drops_last_window(call) -> bool:
    return call["ceil_mode"] and any(pool2d.pool_output_size(n, k, s, p, d, True) < _raw_ceil_count(n, k, s, p, d)
                                     for n, k, s, p, d in _per_dim(call))


def _overhangs(call) -> bool:
    """Ceil mode keeps a last window that runs past the padded input."""
    return call["ceil_mode"] and any(pool2d.pool_output_size(n, k, s, p, d, True) > pool2d.pool_output_size(n, k, s, p, d)
                                     for n, k, s, p, d in _per_dim(call))


POOL_STRATA = {
    ("max_pool2d", "negative window beside read padding"): lambda c: _windows_read_padding(c)
        and c["input"].dtype.kind == "f" and (c["input"] < 0).any() and not (c["input"] > 0).any(),
    ("max_pool2d", "NaN in a window"): lambda c: c["input"].dtype.kind == "f" and np.isnan(c["input"]).any(),
    ("max_pool2d", "ceil mode drops the last window"): _drops_last_window,
    ("avg_pool2d", "padding not counted"): lambda c: _windows_read_padding(c) and not c["count_include_pad"]
        and c["divisor_override"] is None,
    ("avg_pool2d", "negative divisor_override, padding not counted"): lambda c: not c["count_include_pad"]
        and (c["divisor_override"] or 0) < 0,
    ("avg_pool2d", "counted padding, ceil window past it"): lambda c: c["count_include_pad"]
        and c["divisor_override"] is None and _overhangs(c),
}


@pytest.mark.parametrize("op, stratum", POOL_STRATA)
def test_pool2d_strata_are_drawn(op, stratum):
    assert reaches(cs.pool2d_calls(op), POOL_STRATA[op, stratum])


@pytest.mark.parametrize("op", ["max_pool2d", "avg_pool2d"])
@given(data=st.data())
def test_pool2d_aims_give_what_they_aim_at(op, data):
    """A config aimed at read padding reads it; one aimed at a ceil window is in ceil mode with
    the window dropped (max) or past the padding (avg) wherever the numbers allow it."""
    from .strategies.pool2d import AIMS, pool2d_configs

    aim = data.draw(st.sampled_from(AIMS[op][1:]), label="aim")
    config = data.draw(pool2d_configs(op, aim), label="config")
    call = pool2d.Pool2dCall(**config)
    if aim == "padding read":
        assert any(p > 0 and k >= 2 for p, k in zip(call.paddings, call.kernel)), config
        if op == "avg_pool2d":
            assert not config["count_include_pad"] and config["divisor_override"] is None
    elif aim == "ceil window":
        assert config["ceil_mode"] and max(call.strides) >= 2, config
        if op == "avg_pool2d":
            assert config["count_include_pad"] and config["divisor_override"] is None
    else:
        assert config["divisor_override"] < 0 and not config["count_include_pad"]
