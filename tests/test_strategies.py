"""Meta-tests: the strategies draw what they claim, and every pinned behaviour has its test."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec.behaviours import BEHAVIOURS
from spec import pool2d
from spec.conv2d import RULES, Conv2dCall
from spec.crashes import torch_crashes
from spec.rules import first_violation

from . import strategies as cs


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
    from .strategies.pool2d import _raw_ceil_count, _sizes

    k, s, d = (data.draw(st.integers(1, 3), label=name) for name in ("kernel", "stride", "dilation"))
    p = data.draw(st.integers(0, k // 2), label="padding")
    sizes = _sizes(k, s, p, d, ceil_mode=True, drop_last_window=True)
    every = _sizes(k, s, p, d, ceil_mode=True, drop_last_window=False)
    dropping = [n for n in every if pool2d.pool_output_size(n, k, s, p, d, True) < _raw_ceil_count(n, k, s, p, d)]
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
