"""conv2d: shapes against torch, the implementation under test against the reference, error parity,
and the pinned torch behaviours."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference
from reference._window import pad as reference_pad
from spec.conv import RULES, Conv2dCall
from spec.rules import SpecViolation, rule_named

from . import strategies as cs
from .adapters import torch_nn
from .harness import implementation_settings, valid_calls
from .checks import PARITY_RULES, assert_rejected_everywhere, check_conv2d, conv2d_bound
from .compare import assert_matches
from .strata import conformance_by_stratum
from .strategies.conv2d import SEARCHED_APART


@given(call=cs.conv2d_calls())
def test_output_shape_matches_torch(call):
    spec_shape = Conv2dCall.of(**call.kwargs).output_shape
    torch_shape = call.run(torch_nn.conv2d).shape
    assert spec_shape == torch_shape, f"spec {spec_shape}, torch {torch_shape} for\n{call.python()}"


@implementation_settings()
@given(data=st.data())
def test_implementation_matches_reference(impl, data):
    impl.conforms(data.draw(valid_calls("conv2d", impl), label="call"), check_conv2d)


test_implementation_matches_reference_in_stratum = conformance_by_stratum("conv2d", check_conv2d, SEARCHED_APART)


@given(call=cs.conv2d_calls())
def test_reference_leaves_its_inputs_alone(call):
    arrays = {name: value for name, value in call.kwargs.items() if isinstance(value, np.ndarray)}
    before = {name: value.copy() for name, value in arrays.items()}
    reference.conv2d(**call.kwargs)
    for name, value in arrays.items():
        np.testing.assert_array_equal(value, before[name], err_msg=f"reference.conv2d changed {name}")


@pytest.mark.parametrize("rule", PARITY_RULES["conv2d"])
@implementation_settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_error_parity(impl, rule, data):
    """A call breaking ``rule`` is rejected by the reference (naming the rule), torch and the
    implementation under test."""
    call = data.draw(cs.invalid_conv2d_calls(rule), label="call")
    assert_rejected_everywhere(call, rule, impl)


# -- torch's divergences from the validity rules, pinned --------------------------------------------

@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_pinned_torch_accepts_zero_in_channels(data):
    call = data.draw(cs.invalid_conv2d_calls("positive_in_channels"), label="call")
    # The other modes go through F.pad, which refuses a zero-channel input or is limited by it.
    call = cs.Call("conv2d", dict(call.kwargs, padding_mode="zeros"))
    spec_call = Conv2dCall.of(**call.kwargs)
    # torch's empty-input shortcut gives 0 channels where the shape rule gives out_channels.
    expected = spec_call.output_shape[:-3] + (0,) + spec_call.output_size
    assert call.run(torch_nn.conv2d).shape == expected, rule_named(RULES, "positive_in_channels").torch
    with pytest.raises(SpecViolation, match="positive_in_channels"):
        call.run(reference.conv2d)


def _crop(x: np.ndarray, amounts) -> np.ndarray:
    return x[(Ellipsis,) + tuple(slice(a, x.shape[i - 2] - a) for i, a in enumerate(amounts))]


@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_pinned_negative_padding_crops_in_other_modes(data):
    call = data.draw(cs.invalid_conv2d_calls("non_negative_padding", where_torch_raises=False), label="call")
    if call["padding_mode"] == "zeros":
        with pytest.raises(Exception):
            call.run(torch_nn.conv2d)
        return
    crop = [-p for p in Conv2dCall.of(**call.kwargs).numeric_padding]
    cropped = dict(call.kwargs, input=_crop(call["input"], crop), padding=0)
    try:
        expected = reference.conv2d(**cropped)
    except SpecViolation:  # the cropped input is too small for the kernel: torch says so too
        with pytest.raises(Exception):
            call.run(torch_nn.conv2d)
        return
    assert_matches(call.run(torch_nn.conv2d), expected, call, conv2d_bound(call.__class__("conv2d", cropped)),
                   what="torch's result vs the reference on the cropped input")


@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_pinned_one_entry_padding_pads_only_width_when_unbatched(data):
    call = data.draw(cs.invalid_conv2d_calls("padding_pair_with_padding_mode", where_torch_raises=False),
                     label="call")
    if call["input"].ndim == 4:
        with pytest.raises(Exception):
            call.run(torch_nn.conv2d)
        return
    width_only = dict(call.kwargs, padding=(0, call["padding"][0]))
    try:
        expected = reference.conv2d(**width_only)
    except SpecViolation:
        with pytest.raises(Exception):
            call.run(torch_nn.conv2d)
        return
    assert_matches(call.run(torch_nn.conv2d), expected, call,
                   conv2d_bound(call.__class__("conv2d", width_only)), what="torch vs width-only padding")


@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_pinned_same_padding_with_one_entry_dilation_pads_only_height(data):
    call = data.draw(cs.invalid_conv2d_calls("same_padding_dilation_pair_with_padding_mode",
                                             where_torch_raises=False), label="call")
    spec_call = Conv2dCall.of(**call.kwargs)
    height_only = (spec_call.paddings[0], (0, 0))
    padded = reference_pad(call["input"], height_only, call["padding_mode"])
    expected_call = cs.Call("conv2d", dict(call.kwargs, input=padded, padding=0, padding_mode="zeros"))
    try:
        expected = expected_call.run(reference.conv2d)
    except SpecViolation:  # unpadded, the width is too small for the kernel: torch says so too
        with pytest.raises(Exception):
            call.run(torch_nn.conv2d)
        return
    assert_matches(call.run(torch_nn.conv2d), expected, call, conv2d_bound(expected_call),
                   what="torch vs 'same' padding of the height only")


@pytest.mark.parametrize("padding_mode", ["reflect", "replicate", "circular"])
def test_pinned_three_entry_padding_pads_channels_height_width(padding_mode):
    x = np.arange(2 * 4 * 5, dtype=np.float64).reshape(1, 2, 4, 5)
    weight = np.arange(2 * 3 * 3, dtype=np.float64).reshape(1, 2, 3, 3)
    call = cs.Call("conv2d", dict(input=x, weight=weight, padding=(0, 1, 2), padding_mode=padding_mode))
    as_pair = cs.Call("conv2d", dict(call.kwargs, padding=(1, 2)))
    np.testing.assert_array_equal(call.run(torch_nn.conv2d), as_pair.run(reference.conv2d))
    with pytest.raises(SpecViolation, match="parameter_form"):
        call.run(reference.conv2d)
    with pytest.raises(Exception):  # a non-zero channel padding breaks the channel count
        cs.Call("conv2d", dict(call.kwargs, padding=(1, 1, 2))).run(torch_nn.conv2d)


# -- surprising torch behaviours (spec/behaviours.py), pinned ------------------------------------------

def _torch_matches_reference(call):
    assert_matches(call.run(torch_nn.conv2d), call.run(reference.conv2d), call, conv2d_bound(call),
                   what="torch vs reference")


@given(call=cs.conv2d_calls(st.sampled_from(["int8", "uint8", "int16"])))
def test_pinned_integer_overflow_wraps(call):
    _torch_matches_reference(call)  # the reference wraps its exact sum modulo 2**bits


def test_pinned_integer_overflow_wraps_example():
    x = np.full((1, 1, 3, 3), 100, dtype=np.int8)
    exact = 9 * 100 * 100
    wrapped = (exact + 128) % 256 - 128
    call = cs.Call("conv2d", dict(input=x, weight=x))
    assert call.run(torch_nn.conv2d)[0, 0, 0, 0] == wrapped == call.run(reference.conv2d)[0, 0, 0, 0]


@pytest.mark.parametrize("padding_mode", ["zeros", "reflect", "replicate", "circular"])
def test_pinned_same_padding_extra_at_end(padding_mode):
    # A 2x2 kernel picking its top-left tap reads the input itself only if no padding comes first.
    x = np.arange(1.0, 26.0).reshape(1, 1, 5, 5)
    top_left = np.array([[[[1.0, 0.0], [0.0, 0.0]]]])
    call = cs.Call("conv2d", dict(input=x, weight=top_left, padding="same", padding_mode=padding_mode))
    assert Conv2dCall.of(**call.kwargs).paddings == ((0, 1), (0, 1))
    np.testing.assert_array_equal(call.run(torch_nn.conv2d), x)
    np.testing.assert_array_equal(call.run(reference.conv2d), x)


@pytest.mark.parametrize("broken", [
    dict(input_dtype="int8", dilation=2), dict(input_dtype="uint8", dilation=2),
    dict(dilation=0), dict(weight_dtype="float64")])
def test_pinned_empty_batch_skips_checks(broken):
    dtype = broken.get("input_dtype", "float32")
    weight = np.ones((1, 1, 2, 2), dtype=broken.get("weight_dtype", dtype))
    params = dict(dilation=broken.get("dilation", 1))
    empty = cs.Call("conv2d", dict(input=np.ones((0, 1, 4, 4), dtype=dtype), weight=weight, **params))
    assert empty.run(torch_nn.conv2d).shape[0] == 0
    full = cs.Call("conv2d", dict(input=np.ones((1, 1, 4, 4), dtype=dtype), weight=weight, **params))
    for call in (empty, full):
        with pytest.raises(SpecViolation):
            call.run(reference.conv2d)
    with pytest.raises(Exception):
        full.run(torch_nn.conv2d)


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_pinned_bias_of_another_dtype_with_padding_string(padding):
    x, weight = np.full((1, 1, 3, 3), 2.0, np.float32), np.full((1, 1, 1, 1), 3.0, np.float32)
    bias = np.array([0.5], dtype=np.float64)
    accepted = cs.Call("conv2d", dict(input=x, weight=weight, bias=bias, padding=padding))
    result = accepted.run(torch_nn.conv2d)
    assert result.dtype == np.float32 and (result == 6.5).all(), rule_named(RULES, "matching_dtypes").torch
    with pytest.raises(Exception):
        cs.Call("conv2d", dict(accepted.kwargs, padding=0)).run(torch_nn.conv2d)
    with pytest.raises(SpecViolation, match="matching_dtypes"):
        accepted.run(reference.conv2d)


def test_pinned_half_precision_accumulates_in_float32():
    # 1 + 64 * 2**-12: each small term is below half an ulp of 1 in float16, so adding them one at a
    # time in float16 would leave 1; summed in float32 they give 1.015625, exactly a float16.
    x = np.array([1.0] + [2.0**-12] * 64, dtype=np.float16).reshape(1, 65, 1, 1)
    call = cs.Call("conv2d", dict(input=x, weight=np.ones_like(x)))
    assert call.run(torch_nn.conv2d).item() == call.run(reference.conv2d).item() == 1.015625


@pytest.mark.parametrize("param", ["stride", "padding", "dilation"])
def test_pinned_one_entry_sequence_repeats(param):
    x = np.arange(64.0).reshape(1, 1, 8, 8)
    weight = np.arange(9.0).reshape(1, 1, 3, 3)
    one_entry = cs.Call("conv2d", dict(input=x, weight=weight, **{param: (2,)}))
    pair = cs.Call("conv2d", dict(input=x, weight=weight, **{param: (2, 2)}))
    np.testing.assert_array_equal(one_entry.run(torch_nn.conv2d), pair.run(torch_nn.conv2d))
    np.testing.assert_array_equal(one_entry.run(reference.conv2d), pair.run(reference.conv2d))


def test_pinned_complex_weight_not_conjugated():
    x = np.array([[[[1j]]]], dtype=np.complex128)
    weight = np.array([[[[1j]]]], dtype=np.complex128)  # x * w = -1; x * conj(w) would be 1
    call = cs.Call("conv2d", dict(input=x, weight=weight))
    assert call.run(torch_nn.conv2d).item() == call.run(reference.conv2d).item() == -1
