"""The operators beyond the 2-D suite's: conv1d/conv3d, conv_transpose1d/2d/3d, max/avg pool 1d/3d.

The reference is checked against the implementation under test (torch through tests/adapters by
default) on drawn calls: shape, dtype and values (exact for integers, max pooling and indices,
within spec/tolerance.py's model for floats); error parity for the rules a breaker in
tests/strategies/family.py draws calls for; non-array input for every operator; the adjoint
identity of the transposed convolution; and the torch surprises met on the way, pinned.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference
from spec.conv import RULES_BY_RANK as CONV_RULES
from spec.conv_transpose import RULES_BY_RANK as CONV_TRANSPOSE_RULES
from spec.conv_transpose import ConvTransposeCall
from spec.params import rank_of
from spec.pool import RULES_BY_RANK as POOL_RULES
from spec.rules import SpecViolation, rule_named
from spec.tolerance import sum_tolerance

from .adapters import torch_nn
from .adapters.torch_nn import ONEDNN_HALF
from .calls import Call
from .checks import assert_rejected_everywhere, bound, check_result as check
from .harness import implementation_settings
from .compare import assert_matches
from .strategies import family as fs
from .strategies.common import arrays

NEW_OPS = ["conv1d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
           "max_pool1d", "max_pool3d", "avg_pool1d", "avg_pool3d"]
ALL_OPS = NEW_OPS + ["conv2d", "max_pool2d", "avg_pool2d"]
# Per (operator, rule) pair: there are some 150 of them, each a few torch and reference calls.
FEW = max(5, settings.default.max_examples // 10)


def _rules(op: str):
    by_rank = {"conv_transpose": CONV_TRANSPOSE_RULES, "conv": CONV_RULES, "pool": POOL_RULES}[fs.family(op)]
    return by_rank[rank_of(op)]


@pytest.mark.parametrize("op", NEW_OPS)
@implementation_settings()
@given(data=st.data())
def test_implementation_matches_reference(impl, op, data):
    impl.conforms(data.draw(fs.calls(op), label="call"), check)


# -- error parity ----------------------------------------------------------------------------------

PARITY = [(op, rule) for op in NEW_OPS for rule in fs.breakers(op)]


def test_every_breaker_breaks_a_rule_of_its_operator():
    for op, rule in PARITY:
        # Where torch accepts some of a rule's calls (Rule.torch), the breaker draws the others.
        assert rule_named(_rules(op), rule).torch.startswith("raises"), (op, rule)


def test_every_conv_transpose_rule_has_a_breaker():
    for rank in (1, 2, 3):
        assert set(fs.breakers(f"conv_transpose{rank}d")) == {rule.name for rule in CONV_TRANSPOSE_RULES[rank]}


@pytest.mark.parametrize("op, rule", PARITY)
@implementation_settings(max_examples=FEW)
@given(data=st.data())
def test_error_parity(impl, op, rule, data):
    """A call breaking ``rule`` is rejected by the reference (naming the rule), torch and the
    implementation under test."""
    assert_rejected_everywhere(data.draw(fs.invalid_calls(op, rule), label="call"), rule, impl)


def _smallest_call(op: str) -> Call:
    """A small valid call of ``op``: one sample, one channel, 3 elements per dimension."""
    rank = rank_of(op)
    x = np.ones((1, 1) + (3,) * rank)
    if op.startswith("conv"):
        return Call(op, dict(input=x, weight=np.ones((1, 1) + (2,) * rank), bias=None))
    return Call(op, dict(input=x, kernel_size=2))


NON_ARRAYS = [(op, argument, bad) for op in ALL_OPS for argument in ("input", "weight", "bias")
              for bad in ("list", None, "number")
              if argument in _smallest_call(op).kwargs and not (argument == "bias" and bad is None)]  # bias=None is valid


@pytest.mark.parametrize("op, argument, bad", NON_ARRAYS)
def test_non_array_arguments_are_rejected(impl, op, argument, bad):
    call = _smallest_call(op)
    value = {"list": call[argument].tolist() if call[argument] is not None else [1.0], None: None,
             "number": 1.0}[bad]
    assert_rejected_everywhere(Call(op, dict(call.kwargs, **{argument: value})), "input_is_array", impl)


def test_parameter_form_names_the_wrong_argument():
    with pytest.raises(SpecViolation, match=r"wrong: stride=\(1, 1\);"):
        reference.conv1d(np.ones((1, 1, 4)), np.ones((1, 1, 2)), stride=(1, 1))
    with pytest.raises(SpecViolation, match=r"wrong: output_size=\[1.5\];"):
        reference.conv_transpose1d(np.ones((1, 1, 4)), np.ones((1, 1, 2)), output_size=[1.5])
    with pytest.raises(SpecViolation, match=r"wrong: padding=1.5, ceil_mode=1;"):
        reference.max_pool3d(np.ones((1, 1, 4, 4, 4)), 2, padding=1.5, ceil_mode=1)


@pytest.mark.parametrize("op", ["conv1d", "conv3d", "conv_transpose1d"])
def test_float16_overflow_gives_infinity_without_a_warning(op):
    """The sum rounds to inf, as torch's does; numpy's cast warning stays inside the reference
    (warnings are errors in this suite)."""
    call = _smallest_call(op)
    call = Call(op, {name: value * np.float16(40000) if isinstance(value, np.ndarray) else value
                     for name, value in call.kwargs.items()})
    call = Call(op, {name: value.astype(np.float16) if isinstance(value, np.ndarray) else value
                     for name, value in call.kwargs.items()})
    expected = call.run(getattr(reference, op))
    assert np.isinf(expected).any()
    np.testing.assert_array_equal(expected, call.run(getattr(torch_nn, op)))


# -- the adjoint identity ------------------------------------------------------------------------

@st.composite
def adjoint_calls(draw, rank: int):
    """A transposed call with int64 values in [-3, 3], so every inner product is exact; and z, an
    array of the transposed call's output shape."""
    config = draw(fs.conv_transpose_configs(rank, dtypes_from=["int64"], output_padding_below_stride=True),
                  label="config")
    config.update(bias_shape=None)
    small = st.integers(-3, 3)
    y = arrays(draw, "int64", config["input_shape"], "y", values=small)
    w = arrays(draw, "int64", config["weight_shape"], "weight", values=small)
    params = {k: config[k] for k in ("stride", "padding", "output_padding", "groups", "dilation", "output_size")}
    shape = ConvTransposeCall.of(y, w, None, **params, rank=rank).output_shape
    z = arrays(draw, "int64", shape, "z", values=small)
    return y, w, z, params


def _inner(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.sum(a.astype(object) * b.astype(object)))


def assert_adjoint(conv, conv_transpose, y, w, z, params):
    """<conv(z, w), y> = <z, conv_transpose(y, w)>, conv with the transposed call's stride,
    padding, dilation and groups (and the same weight: conv reads it as (C_out, C_in / groups, k))."""
    forward = {k: params[k] for k in ("stride", "padding", "dilation", "groups")}
    transposed = conv_transpose(input=y.copy(), weight=w.copy(), bias=None, **params)
    convolved = conv(input=z.copy(), weight=w.copy(), bias=None, **forward)
    assert convolved.shape == y.shape, (convolved.shape, y.shape, params)
    assert _inner(convolved, y) == _inner(z, transposed), params


@pytest.mark.parametrize("rank", [1, 2, 3])
@given(data=st.data())
def test_adjoint_identity_on_the_reference(rank, data):
    y, w, z, params = data.draw(adjoint_calls(rank), label="call")
    assert_adjoint(getattr(reference, f"conv{rank}d"), getattr(reference, f"conv_transpose{rank}d"), y, w, z, params)


@pytest.mark.parametrize("rank", [1, 2, 3])
@implementation_settings(max_examples=FEW)
@given(data=st.data())
def test_adjoint_identity_on_the_implementation(impl, rank, data):
    conv = impl.function(f"conv{rank}d")
    y, w, z, params = data.draw(adjoint_calls(rank), label="call")
    # Run as the transposed call, so that its unsupported options and its crashes are the harness's.
    call = Call(f"conv_transpose{rank}d", dict(input=y, weight=w, bias=None, **params))
    impl.conforms(call, lambda conv_transpose, _: assert_adjoint(conv, conv_transpose, y, w, z, params))


# -- torch's surprises, pinned (spec/behaviours.py) -----------------------------------------------

def test_pinned_max_pool1d_integers_only_with_indices():
    x = np.arange(6, dtype=np.int32).reshape(1, 1, 6)
    with pytest.raises(NotImplementedError):
        torch_nn.max_pool1d(x, 2)
    with pytest.raises(SpecViolation, match="supported_dtype"):
        reference.max_pool1d(x, 2)
    values, indices = torch_nn.max_pool1d(x, 2, return_indices=True)
    expected = reference.max_pool1d(x, 2, return_indices=True)
    np.testing.assert_array_equal(values, expected[0])
    np.testing.assert_array_equal(indices, expected[1])


def test_pinned_avg_pool3d_has_no_half_precision():
    x = np.ones((1, 1, 2, 2, 2), dtype=np.float16)
    np.testing.assert_array_equal(torch_nn.avg_pool1d(x[0, 0], 2), reference.avg_pool1d(x[0, 0], 2))
    with pytest.raises(NotImplementedError):
        torch_nn.avg_pool3d(x, 2)
    with pytest.raises(SpecViolation, match="supported_dtype"):
        reference.avg_pool3d(x, 2)


def test_pinned_conv_transpose_output_size_overrides_output_padding():
    x, w = np.arange(3.0).reshape(1, 1, 3), np.ones((1, 1, 2))
    smallest = (3 - 1) * 2 + (2 - 1) + 1
    got = torch_nn.conv_transpose1d(x, w, stride=2, output_padding=1, output_size=(smallest,))
    assert got.shape == (1, 1, smallest)
    np.testing.assert_array_equal(got, reference.conv_transpose1d(x, w, stride=2, output_padding=1,
                                                                  output_size=(smallest,)))
    np.testing.assert_array_equal(got, reference.conv_transpose1d(x, w, stride=2))


def test_pinned_conv_transpose_output_size_leading_entries_ignored():
    x, w = np.ones((2, 1, 3, 3)), np.ones((1, 4, 2, 2))
    for leading in [(2, 4), (7, 7), (0, 99)]:
        got = torch_nn.conv_transpose2d(x, w, stride=2, output_size=leading + (7, 6))
        assert got.shape == (2, 4, 7, 6)
        np.testing.assert_array_equal(got, reference.conv_transpose2d(x, w, stride=2, output_size=leading + (7, 6)))


def test_pinned_conv_transpose_output_size_range_ignores_dilation():
    x, w = np.ones((1, 1, 3)), np.ones((1, 1, 3))
    smallest = (3 - 1) * 1 + 3 * (3 - 1) + 1  # stride 1, dilation 3
    by_argument = torch_nn.conv_transpose1d(x, w, dilation=3, output_padding=2)
    assert by_argument.shape[-1] == smallest + 2
    np.testing.assert_array_equal(by_argument, reference.conv_transpose1d(x, w, dilation=3, output_padding=2))
    with pytest.raises(ValueError, match="valid sizes range"):
        torch_nn.conv_transpose1d(x, w, dilation=3, output_size=(smallest + 2,))
    with pytest.raises(SpecViolation, match="output_size_in_range"):
        reference.conv_transpose1d(x, w, dilation=3, output_size=(smallest + 2,))


@pytest.mark.parametrize("broken", ["int8", "weight_dtype", "output_padding"])
def test_pinned_conv_transpose_empty_batch_skips_checks(broken):
    x, w = np.ones((0, 2, 4, 4), dtype=np.float32), np.ones((2, 3, 3, 3), dtype=np.float32)
    if broken == "int8":
        x, w = x.astype(np.int8), w.astype(np.int8)
    changes = {"weight_dtype": dict(weight=w.astype(np.float64)), "output_padding": dict(output_padding=1)}
    kwargs = dict(dict(input=x, weight=w), **changes.get(broken, {}))
    assert torch_nn.conv_transpose2d(**kwargs).shape[0] == 0
    with pytest.raises(SpecViolation):
        reference.conv_transpose2d(**kwargs)
    with pytest.raises(Exception):  # with one sample torch checks
        torch_nn.conv_transpose2d(**dict(kwargs, input=np.ones((1,) + x.shape[1:], dtype=x.dtype)))


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_conv_transpose_bias_of_another_dtype_is_added_in_the_input_dtype(rank):
    """The matching_dtypes rule's divergence (Rule.torch): torch accepts the bias, the reference not."""
    x, w = np.linspace(-1, 1, 3 ** rank, dtype=np.float32).reshape((1, 1) + (3,) * rank), np.ones((1, 2) + (2,) * rank,
                                                                                                   dtype=np.float32)
    bias = np.array([0.1, 1e-9], dtype=np.float64)
    op = f"conv_transpose{rank}d"
    with pytest.raises(SpecViolation, match="matching_dtypes"):
        getattr(reference, op)(x, w, bias)
    if rank == 3:  # slow_conv_transpose3d checks the bias's dtype
        assert rule_named(CONV_TRANSPOSE_RULES[rank], "matching_dtypes").torch == "raises"
        with pytest.raises(RuntimeError):
            getattr(torch_nn, op)(x, w, bias)
        return
    assert "accepts a bias of another dtype" in rule_named(CONV_TRANSPOSE_RULES[rank], "matching_dtypes").torch
    got = getattr(torch_nn, op)(x, w, bias)
    assert got.dtype == np.float32
    call = Call(op, dict(input=x, weight=w, bias=bias.astype(np.float32)))
    assert_matches(got, call.run(getattr(reference, op)), call, bound(call, call.run(getattr(reference, op))))


def test_pinned_conv3d_same_padding_with_one_entry_dilation_pads_only_depth():
    x, w = np.ones((1, 1, 5, 5, 5)), np.ones((1, 1, 3, 3, 3))
    got = torch_nn.conv3d(x, w, padding="same", dilation=(2,), padding_mode="replicate")
    assert got.shape == (1, 1, 5, 1, 1), rule_named(CONV_RULES[3], "same_padding_dilation_pair_with_padding_mode").torch
    with pytest.raises(SpecViolation, match="same_padding_dilation_pair_with_padding_mode"):
        reference.conv3d(x, w, padding="same", dilation=(2,), padding_mode="replicate")


def test_pinned_conv1d_two_entry_padding_pads_channels_and_length():
    x, w = np.arange(8.0).reshape(1, 2, 4), np.ones((1, 2, 3))
    got = torch_nn.conv1d(x, w, padding=(0, 1), padding_mode="circular")
    assert "pads the channels" in rule_named(CONV_RULES[1], "parameter_form").torch
    np.testing.assert_allclose(got, reference.conv1d(x, w, padding=1, padding_mode="circular"))
    with pytest.raises(SpecViolation, match="parameter_form"):
        reference.conv1d(x, w, padding=(0, 1), padding_mode="circular")
    with pytest.raises(Exception):  # unbatched: F.pad takes 2 entries only for its 2-D input
        torch_nn.conv1d(x[0], w, padding=(0, 1), padding_mode="circular")


def test_pinned_avg_pool3d_input_at_least_kernel():
    x = np.ones((1, 1, 2, 3, 3))
    with pytest.raises(RuntimeError, match="smaller than kernel size"):
        torch_nn.avg_pool3d(x, 3, stride=1, padding=1)
    with pytest.raises(SpecViolation, match="avg_pool3d_input_at_least_kernel"):
        reference.avg_pool3d(x, 3, stride=1, padding=1)
    for op in ("avg_pool2d", "max_pool3d"):  # the same window fits the padded input
        x_op = x[0] if op == "avg_pool2d" else x
        np.testing.assert_array_equal(getattr(torch_nn, op)(x_op, 3, stride=1, padding=1),
                                      getattr(reference, op)(x_op, 3, stride=1, padding=1))


def test_pinned_conv_transpose_half_precision_rounds_more_than_once():
    """torch's float16 result is 2 units in the last place from the exact one, which one rounding
    of a float32 sum could not give; the tolerance model for float16 arithmetic allows it."""
    x = np.zeros((2, 1, 2, 3), dtype=np.float16)
    x[1, 0, 1, 2] = -3.27734375
    call = Call("conv_transpose2d", dict(input=x, weight=np.full((1, 1, 1, 1), 1.5, dtype=np.float16),
                                         bias=np.array([3.0], dtype=np.float16), output_padding=(1, 0),
                                         dilation=(2, 1)))
    got, expected = call.run(torch_nn.conv_transpose2d), call.run(reference.conv_transpose2d)
    assert expected[1, 0, 1, 2] == np.float16(-4.916015625 + 3)  # exact in float16: one rounding
    assert got[1, 0, 1, 2] == np.float16(-1.9140625)  # the product rounded to float16, then the bias added
    wider = sum_tolerance(np.float64(4.916015625 + 3), 2, "float16", np.float64(1.916015625))
    assert abs(float(got[1, 0, 1, 2]) - float(expected[1, 0, 1, 2])) > wider
    assert_matches(got, expected, call, bound(call, expected))


def test_pinned_conv_transpose_half_precision_skips_dilation_check():
    x, w = np.ones((1, 1, 3), dtype=np.float16), np.ones((1, 1, 1), dtype=np.float16)
    if ONEDNN_HALF:
        assert torch_nn.conv_transpose1d(x, w, dilation=0).shape == (1, 1, 3)
    else:  # torch's own kernel takes float16 on this CPU, and checks the dilation
        with pytest.raises(RuntimeError, match="dilation"):
            torch_nn.conv_transpose1d(x, w, dilation=0)
    assert "oneDNN" in rule_named(CONV_TRANSPOSE_RULES[1], "positive_dilation").torch
    with pytest.raises(RuntimeError, match="dilation"):
        torch_nn.conv_transpose1d(x.astype(np.float32), w.astype(np.float32), dilation=0)
    with pytest.raises(SpecViolation, match="positive_dilation"):
        reference.conv_transpose1d(x, w, dilation=0)
    grouped_x, grouped_w = np.ones((1, 2, 3, 3), dtype=np.float32), np.ones((2, 1, 1, 1), dtype=np.float32)
    assert torch_nn.conv_transpose2d(grouped_x, grouped_w, groups=2, dilation=0).shape == (1, 2, 3, 3)
    with pytest.raises(RuntimeError, match="dilation"):
        torch_nn.conv_transpose2d(grouped_x.astype(np.float64), grouped_w.astype(np.float64), groups=2, dilation=0)


@pytest.mark.parametrize("rank", [1, 3])
@pytest.mark.parametrize("padding_mode", ["reflect", "replicate", "circular"])
def test_pinned_negative_padding_crops_in_other_modes_every_rank(rank, padding_mode):
    """The non_negative_padding rule's divergence (Rule.torch), in 1-D and 3-D as in 2-D: F.pad
    crops by a negative padding, and the convolution runs on the cropped input."""
    x, w = np.arange(5.0 ** rank).reshape((1, 1) + (5,) * rank), np.ones((1, 1) + (2,) * rank)
    got = getattr(torch_nn, f"conv{rank}d")(x, w, padding=-1, padding_mode=padding_mode)
    cropped = x[(Ellipsis,) + (slice(1, -1),) * rank]
    np.testing.assert_array_equal(got, getattr(reference, f"conv{rank}d")(cropped, w))
    assert "crops the input" in rule_named(CONV_RULES[rank], "non_negative_padding").torch
    with pytest.raises(SpecViolation, match="non_negative_padding"):
        getattr(reference, f"conv{rank}d")(x, w, padding=-1, padding_mode=padding_mode)


@pytest.mark.parametrize("rank", [1, 3])
def test_pinned_torch_accepts_zero_in_channels_every_rank(rank):
    """The positive_in_channels rule's divergence (Rule.torch), in 1-D and 3-D as in 2-D."""
    x, w = np.ones((1, 0) + (4,) * rank), np.ones((2, 0) + (3,) * rank)
    assert getattr(torch_nn, f"conv{rank}d")(x, w).shape == (1, 0) + (2,) * rank
    with pytest.raises(SpecViolation, match="positive_in_channels"):
        getattr(reference, f"conv{rank}d")(x, w)


@pytest.mark.parametrize("rank", [2, 3])
def test_output_size_with_one_entry_sequences_crashes_the_module(rank):
    """The output_size_needs_full_sequences rule: torch's module raises an IndexError (Rule.torch)."""
    x, w = np.ones((1, 1) + (3,) * rank), np.ones((1, 1) + (2,) * rank)
    size = (3 - 1) * 2 + 2
    assert getattr(torch_nn, f"conv_transpose{rank}d")(x, w, stride=2, output_size=(size,) * rank).shape[2:] == (size,) * rank
    with pytest.raises(IndexError):
        getattr(torch_nn, f"conv_transpose{rank}d")(x, w, stride=(2,), output_size=(size,) * rank)
    with pytest.raises(SpecViolation, match="output_size_needs_full_sequences"):
        getattr(reference, f"conv_transpose{rank}d")(x, w, stride=(2,), output_size=(size,) * rank)


@pytest.mark.parametrize("rank", [1, 3])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_pinned_bias_of_another_dtype_with_padding_string_every_rank(rank, padding):
    """The matching_dtypes rule's divergence (Rule.torch), in 1-D and 3-D as in 2-D."""
    x, w = np.ones((1, 1) + (3,) * rank, dtype=np.float32), np.ones((1, 1) + (2,) * rank, dtype=np.float32)
    bias = np.array([0.5], dtype=np.float64)
    got = getattr(torch_nn, f"conv{rank}d")(x, w, bias, padding=padding)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, getattr(reference, f"conv{rank}d")(x, w, bias.astype(np.float32), padding=padding))
    with pytest.raises(SpecViolation, match="matching_dtypes"):
        getattr(reference, f"conv{rank}d")(x, w, bias, padding=padding)
    with pytest.raises(RuntimeError):
        getattr(torch_nn, f"conv{rank}d")(x, w, bias)
