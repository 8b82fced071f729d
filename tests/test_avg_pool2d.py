"""avg_pool2d: shapes against torch, values against the reference, error parity, and the pinned
torch semantics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference
from spec.pool import RULES, Pool2dCall

from . import strategies as cs
from .adapters import torch_nn
from .harness import implementation_settings, valid_calls
from .strata import conformance_by_stratum
from .strategies.pool2d import SEARCHED_APART
from .checks import PARITY_RULES, assert_rejected_everywhere, check_avg_pool2d


@given(call=cs.pool2d_calls("avg_pool2d"))
def test_output_shape_matches_torch(call):
    spec_shape = Pool2dCall.avg(**call.kwargs).output_shape
    torch_shape = call.run(torch_nn.avg_pool2d).shape
    assert spec_shape == torch_shape, f"spec {spec_shape}, torch {torch_shape} for\n{call.python()}"


@implementation_settings()
@given(data=st.data())
def test_implementation_matches_reference(impl, data):
    impl.conforms(data.draw(valid_calls("avg_pool2d", impl), label="call"), check_avg_pool2d)


test_implementation_matches_reference_in_stratum = conformance_by_stratum("avg_pool2d", check_avg_pool2d, SEARCHED_APART["avg_pool2d"])


@pytest.mark.parametrize("rule", PARITY_RULES["avg_pool2d"])
@implementation_settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_error_parity(impl, rule, data):
    call = data.draw(cs.invalid_pool2d_calls("avg_pool2d", rule), label="call")
    assert_rejected_everywhere(call, rule, impl)


def _avg(x, **params):
    call = cs.Call("avg_pool2d", dict(input=np.asarray(x), **params))
    return call.run(torch_nn.avg_pool2d), call.run(reference.avg_pool2d)


def test_pinned_avg_divisor_counts_padding_only_up_to_the_padded_edge():
    # n=6, k=3, s=2, p=1, ceil: the last window spans [5, 8) but the padded input ends at 7, so
    # count_include_pad divides by 2, not 3; without padding in the count, by 1.
    ones = np.ones((1, 1, 1, 6))
    params = dict(kernel_size=(1, 3), stride=(1, 2), padding=(0, 1), ceil_mode=True)
    for result in _avg(ones, **params):
        np.testing.assert_array_equal(result, [[[[2 / 3, 1, 1, 0.5]]]])
    for result in _avg(ones, count_include_pad=False, **params):
        np.testing.assert_array_equal(result, [[[[1, 1, 1, 1]]]])


@pytest.mark.parametrize("divisor", [-2, 1, 3, 100])
def test_pinned_avg_divisor_override_any_non_zero_int(divisor):
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    sums = np.array([[10.0, 18.0], [42.0, 50.0]])
    for result in _avg(x, kernel_size=2, divisor_override=divisor):
        np.testing.assert_allclose(result[0, 0], sums / divisor, rtol=2**-52)


@pytest.mark.parametrize("total, divisor, quotient", [(-7, 2, -3), (7, 2, 3), (-5, 3, -1), (-1, 4, 0)])
def test_pinned_avg_integer_division_truncates_toward_zero(total, divisor, quotient):
    x = np.array([total] + [0] * (divisor - 1), dtype=np.int64).reshape(1, 1, 1, divisor)
    for result in _avg(x, kernel_size=(1, divisor)):
        assert result.item() == quotient


def test_pinned_avg_half_precision_sums_in_float32():
    # [2048, 1 x 7] / 8: float16 sums would stick at 2048 (its ulp there is 2); float32 gives 2055.
    x = np.array([2048] + [1] * 7, dtype=np.float16).reshape(1, 1, 1, 8)
    for result in _avg(x, kernel_size=(1, 8)):
        assert result.item() == np.float16(2055 / 8)
