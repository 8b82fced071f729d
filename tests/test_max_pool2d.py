"""max_pool2d: shapes against torch, values and indices against the reference, error parity, and
the pinned torch semantics."""

from __future__ import annotations

import math

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
from .checks import PARITY_RULES, assert_rejected, assert_rejected_everywhere, check_max_pool2d



@given(call=cs.pool2d_calls("max_pool2d"))
def test_output_shape_matches_torch(call):
    spec_shape = Pool2dCall.max(**call.kwargs).output_shape
    result = call.run(torch_nn.max_pool2d)
    torch_shape = (result[0] if call["return_indices"] else result).shape
    assert spec_shape == torch_shape, f"spec {spec_shape}, torch {torch_shape} for\n{call.python()}"


@implementation_settings()
@given(data=st.data())
def test_implementation_matches_reference(impl, data):
    impl.conforms(data.draw(valid_calls("max_pool2d", impl), label="call"), check_max_pool2d)


test_implementation_matches_reference_in_stratum = conformance_by_stratum("max_pool2d", check_max_pool2d, SEARCHED_APART["max_pool2d"])


@pytest.mark.parametrize("rule", PARITY_RULES["max_pool2d"])
@implementation_settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_error_parity(impl, rule, data):
    call = data.draw(cs.invalid_pool2d_calls("max_pool2d", rule), label="call")
    assert_rejected_everywhere(call, rule, impl)


def _max(x, **params):
    call = cs.Call("max_pool2d", dict(input=np.asarray(x, dtype=np.float64), return_indices=True, **params))
    return call.run(torch_nn.max_pool2d), call.run(reference.max_pool2d)


def _assert_same(torch_result, reference_result, values, indices):
    for result in (torch_result, reference_result):
        np.testing.assert_array_equal(result[0], values)
        np.testing.assert_array_equal(result[1], indices)


def test_pinned_max_padding_is_negative_infinity():
    x = -np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    _assert_same(*_max(x, kernel_size=2, stride=1, padding=1),
                 [[[[-1, -1, -2, -3], [-1, -1, -2, -3], [-4, -4, -5, -6], [-7, -7, -8, -9]]]],
                 [[[[0, 0, 1, 2], [0, 0, 1, 2], [3, 3, 4, 5], [6, 6, 7, 8]]]])


@pytest.mark.parametrize("window, index", [
    ([1, math.nan, 5, 2], 1), ([math.nan, 5, math.nan, 2], 2), ([1, math.nan, math.nan, 1], 2)])
def test_pinned_max_nan_wins_with_last_nan_index(window, index):
    _assert_same(*_max(np.reshape(window, (1, 1, 2, 2)), kernel_size=2), [[[[math.nan]]]], [[[[index]]]])


def test_pinned_max_ties_go_to_first_in_row_major_order():
    # 7s at flat offsets 1, 4, 6: row-major first is 1 (column-major first would be 4).
    x = np.array([[0, 7, 0], [7, 0, 7], [0, 0, 0]]).reshape(1, 1, 3, 3)
    _assert_same(*_max(x, kernel_size=3), [[[[7]]]], [[[[1]]]])


@pytest.mark.parametrize("dtype, lowest", [("float32", -np.inf), ("int64", np.iinfo(np.int64).min),
                                           ("int8", -128), ("uint8", 0)])
def test_pinned_max_window_of_padding_only(dtype, lowest):
    # k=2, d=3, p=1 on 2x2: the taps sit at -1 and 2 in each dimension, none inside the input.
    # torch reports the dtype's lowest value and index 2 * 2 + 2 = 6, outside the 4-element plane.
    call = cs.Call("max_pool2d", dict(input=np.arange(4).astype(dtype).reshape(1, 1, 2, 2), kernel_size=2,
                                      padding=1, dilation=3, return_indices=True))
    for values, indices in (call.run(torch_nn.max_pool2d), call.run(reference.max_pool2d)):
        assert values.item() == lowest and indices.item() == 6


def test_pinned_max_padding_limit_ignores_dilation():
    # The effective kernel of k=3, d=2 is 5, half of which is 2; torch 2.13 still allows only k // 2 = 1.
    call = cs.Call("max_pool2d", dict(input=np.zeros((1, 1, 8, 8)), kernel_size=3, padding=2, dilation=2))
    assert_rejected(call, "padding_at_most_half_kernel", reference.max_pool2d, {"torch": torch_nn.max_pool2d})


def test_pinned_ceil_mode_drops_window_starting_in_padding():
    # n=5, k=2, s=2, p=1: ceil gives 4 windows, but the 4th would start at 5 = n (in the padding).
    call = cs.Call("max_pool2d", dict(input=np.arange(5.0).reshape(1, 1, 1, 5), kernel_size=(1, 2),
                                      stride=(1, 2), padding=(0, 1), ceil_mode=True))
    assert call.run(torch_nn.max_pool2d).shape[-1] == call.run(reference.max_pool2d).shape[-1] == 3


def test_return_indices_is_read_for_its_truth_value():
    # torch dispatches on bool(return_indices) in Python; the spec (parameter_form) follows it.
    call = cs.Call("max_pool2d", dict(input=np.arange(16.0).reshape(1, 1, 4, 4), kernel_size=2, return_indices=1))
    for values, indices in (call.run(torch_nn.max_pool2d), call.run(reference.max_pool2d)):
        np.testing.assert_array_equal(indices, [[[[5, 7], [13, 15]]]])
