"""Meta-tests: the strategies draw what they claim, and every pinned behaviour has its test."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec.behaviours import BEHAVIOURS
from spec.conv2d import RULES, Conv2dCall
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
