"""conv2d strategies: valid calls over every option, and calls that break one rule each."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, event
from hypothesis import strategies as st

from spec import dtypes
from spec.conv import PADDING_MODES, Conv2dCall
from spec.crashes import torch_crashes
from spec.shapes import same_padding

from ..calls import Call
from .common import arrays, full_mantissas, non_empty_batch, one_dim_broken, pairs, per_dim_form, with_changes

# Numpy has no bfloat16, so no numpy-in, numpy-out implementation can be handed one.
CONV2D_DTYPES = [name for name in dtypes.CONV2D if name != "bfloat16"]
# float16, float32, float64 and int64 are each two ninths of the draws, the other six share the
# last ninth: each of the four is the only place a bug shows (float64 computed in float32, float32
# in float16, float16 sums rounded per term, int64 through float64 beyond 2**53), where the bugs
# of the other six (integer saturation, say) show in int64 too. Stratified, not just weighted:
# Hypothesis's generation follows each fresh example with up to five mutations of it that keep
# its dtype, so a run of 60 examples has about ten independent dtypes; with ten equally likely
# dtypes, float32 came once or not at all in a quarter of the runs.
OWN_STRATUM = ("float16", "float32", "float64", "int64")
_SHARED_STRATUM = [name for name in CONV2D_DTYPES if name not in OWN_STRATUM]


def _dtypes():
    return st.sampled_from(OWN_STRATUM * 2 + ("the others",)).flatmap(
        lambda stratum: st.sampled_from(_SHARED_STRATUM) if stratum == "the others" else st.just(stratum))


# 'zeros' a seventh of the draws, each other mode two sevenths: each other mode is the only place
# its bug shows, where the bugs that are not about padding show in every mode.
_PADDING_MODE_DRAWS = PADDING_MODES[:1] + PADDING_MODES[1:] * 2
UNSUPPORTED_DTYPES = ["bool", "uint16", "uint32", "uint64"]

@st.composite
def conv2d_configs(draw, dtypes_drawn=None, padding_modes_drawn=None, padding_kinds_drawn=None):
    """The numbers of a valid conv2d call: every option, sizes small enough for the loops.
    ``dtypes_drawn``, ``padding_modes_drawn``, ``padding_kinds_drawn``: strategies for the dtype,
    the padding mode and the kind of padding ("ints", "same" or "valid") (default: every dtype
    numpy and torch share, every mode, every kind)."""
    dtype = draw(_dtypes() if dtypes_drawn is None else dtypes_drawn, label="dtype")
    groups = draw(st.integers(1, 3), label="groups")
    # float16 sums of two terms or more: one term is rounded once whatever the accumulator, so a
    # float16 call of one term could not show float16 accumulation (tests/bugs).
    in_per_group = draw(st.integers(2 if dtype == "float16" else 1, 2), label="in_channels per group")
    out_per_group = draw(st.integers(1, 2), label="out_channels per group")
    padding_mode = draw(st.sampled_from(_PADDING_MODE_DRAWS) if padding_modes_drawn is None else padding_modes_drawn,
                        label="padding_mode")
    dilated = dtype in dtypes.CONV2D_DILATED
    # Integer padding half the draws (the one kind whose height and width paddings differ at
    # will, as circular padding's dimensions need), 'same' a third, 'valid' a sixth. 'same' needs
    # stride 1, so it is drawn first and the stride fits it (before, 'same' came only after a
    # unit stride, in about one draw in 6).
    padding_kind = draw(st.sampled_from(["ints", "same", "ints", "valid", "ints", "same"])
                        if padding_kinds_drawn is None else padding_kinds_drawn, label="padding kind")
    if padding_kind == "same":
        kernel, dilation = _same_kernel(draw, dilated)
        stride = (1, 1)
    else:
        kernel = draw(pairs(1, 3), label="kernel")
        dilation = draw(pairs(1, 3) if dilated else st.just((1, 1)), label="dilation")
        stride = draw(st.one_of(st.just((1, 1)), pairs(1, 3)), label="stride")
    if padding_kind == "ints":
        padding = draw(pairs(0, 3), label="padding")
        if padding_mode != "zeros" and padding == (0, 0):
            # The modes that pad with something other than zeros get a padding the kernel reads
            # (no padding would leave padding_mode unread).
            padding = one_dim_broken(draw, padding, st.integers(1, 3))
        sides = tuple((p, p) for p in padding)
    else:
        padding = padding_kind
        sides = (tuple(same_padding(k, d) for k, d in zip(kernel, dilation))
                 if padding == "same" else ((0, 0), (0, 0)))
    size = tuple(draw(st.integers(0, 3), label="size above minimum") + _min_size(k, d, side, padding_mode)
                 for k, d, side in zip(kernel, dilation, sides))
    # An empty batch a quarter of the draws, as each of the other three (one_of(none, 0..2) drew
    # it one time in six).
    batch = draw(st.sampled_from([None, 1, 0, 2]), label="batch (None: unbatched)")
    has_bias = draw(st.booleans(), label="bias")

    in_channels, out_channels = groups * in_per_group, groups * out_per_group
    config = dict(
        input_shape=((batch,) if batch is not None else ()) + (in_channels,) + size,
        weight_shape=(out_channels, in_per_group) + kernel,
        bias_shape=(out_channels,) if has_bias else None,
        input_dtype=dtype, weight_dtype=dtype, bias_dtype=dtype if has_bias else None,
        stride=per_dim_form(draw, stride, "stride"),
        padding=padding if isinstance(padding, str) else per_dim_form(
            draw, padding, "padding", one_entry_ok=padding_mode == "zeros"),
        dilation=per_dim_form(draw, dilation, "dilation",
                              one_entry_ok=padding_mode == "zeros" or padding != "same"),
        groups=groups, padding_mode=padding_mode,
    )
    # torch's process dies on these (spec/crashes.py): never drawn, so no check runs torch on one.
    assume(not torch_crashes(Conv2dCall(**config)))
    for name, value in [("dtype", dtype), ("padding_mode", padding_mode), ("padding", padding_kind),
                        ("groups", _groups_kind(groups, in_per_group, out_per_group)),
                        ("stride > 1", max(stride) > 1), ("dilation > 1", max(dilation) > 1),
                        ("odd 'same' total", padding == "same" and any(s[0] != s[1] for s in sides)),
                        ("padding read", padding_mode != "zeros" and max(max(s) for s in sides) > 0),
                        ("batch", "unbatched" if batch is None else batch), ("bias", has_bias)]:
        event(f"conv2d {name}: {value}")
    return config


def _same_kernel(draw, dilated: bool):
    """Kernel and dilation for padding='same', with an odd total padding d(k - 1) (whose extra
    row or column goes at the end, spec/behaviours.py) in at least one dimension three times in
    four."""
    kernel = list(draw(pairs(1, 3), label="kernel"))
    dilation = list(draw(pairs(1, 3) if dilated else st.just((1, 1)), label="dilation"))
    if draw(st.sampled_from([True, True, True, False]), label="odd 'same' total"):
        dim = draw(st.integers(0, 1), label="odd dimension")
        kernel[dim], dilation[dim] = 2, draw(st.sampled_from([1, 3]) if dilated else st.just(1), label="odd dilation")
    return tuple(kernel), tuple(dilation)


def _min_size(kernel, dilation, sides, padding_mode) -> int:
    """The smallest input size along one dimension that the kernel and padding mode allow."""
    fits = dilation * (kernel - 1) + 1 - sum(sides)
    mode_limit = {"reflect": max(sides) + 1, "circular": max(sides)}.get(padding_mode, 0)
    return max(1, fits, mode_limit)


def _groups_kind(groups, in_per_group, out_per_group) -> str:
    if groups == 1:
        return "1"
    if in_per_group == 1:
        return "depthwise" if out_per_group == 1 else "depthwise multiplier"
    return "grouped"


def conv2d_call(draw, config: dict) -> Call:
    """Arrays drawn to fit ``config``'s shapes and dtypes; for a real floating input with every
    mantissa bit of every element drawn (common.full_mantissas): Hypothesis's generation repeats
    earlier examples, so a run holds few distinct float examples, and each must show a precision
    bug."""
    bias = None
    if config["bias_shape"] is not None:
        bias = arrays(draw, config["bias_dtype"], config["bias_shape"], "bias")
    dtype = config["input_dtype"]
    dense = dtype == config["weight_dtype"] and np.dtype(dtype).kind == "f"
    values = full_mantissas(dtype) if dense else None
    return Call("conv2d", dict(
        input=arrays(draw, dtype, config["input_shape"], "input", values),
        weight=arrays(draw, config["weight_dtype"], config["weight_shape"], "weight", values),
        bias=bias, **{name: config[name] for name in
                      ("stride", "padding", "dilation", "groups", "padding_mode")}))


@st.composite
def conv2d_calls(draw, dtypes_drawn=None, padding_modes_drawn=None, padding_kinds_drawn=None, keep=None) -> Call:
    """Valid conv2d calls; ``keep``, a predicate on configs, filters them before any array is drawn."""
    configs = conv2d_configs(dtypes_drawn, padding_modes_drawn, padding_kinds_drawn)
    return conv2d_call(draw, draw(configs if keep is None else configs.filter(keep), label="config"))


# The option values a run also searches apart, each in a test of its own (tests/test_conv2d.py):
# each holds bugs of its own (float32 computed in float16 lives in float32 alone, reflect read as
# symmetric in reflect alone), and a run of the main test holds only about a dozen independent
# configurations, of which one has a given value with probability 2/9 (a dtype) or 2/7 (a mode):
# a run missed such a value altogether one time in twelve, or in thirty. padding='same' (a third of
# the draws) holds the side of its odd extra row or column, which the main test found in 18 of
# 20 fresh runs: it is searched apart too.
SEARCHED_APART = (tuple(("dtype", d) for d in OWN_STRATUM) + tuple(("padding_mode", m) for m in PADDING_MODES[1:])
                  + (("padding", "same"),))


def stratum_calls(option: str, value, keep=None):
    """Valid conv2d calls whose ``option`` (one of SEARCHED_APART's) is ``value``."""
    drawn = {"dtype": "dtypes_drawn", "padding_mode": "padding_modes_drawn", "padding": "padding_kinds_drawn"}[option]
    return conv2d_calls(**{drawn: st.just(value)}, keep=keep)


# -- calls that break one rule -------------------------------------------------------------------

def _spatial(config: dict, size) -> dict:
    return with_changes(config, input_shape=config["input_shape"][:-2] + tuple(size))


def _refit(config: dict) -> dict:
    """Grow the input until the kernel and padding mode fit it again."""
    call = Conv2dCall(**config)
    return _spatial(config, [max(n, _min_size(k, d, side, call.padding_mode)) for n, k, d, side in
                             zip(call.input_size, call.kernel, call.dilations, call.paddings)])


def _break_groups_divisibility(draw, config):
    groups = draw(st.integers(2, 3), label="groups")
    in_per_group, out_channels = config["weight_shape"][1], config["weight_shape"][0]
    out_channels = groups * out_channels + draw(st.integers(1, groups - 1), label="remainder")
    return with_changes(config, groups=groups,
                 input_shape=config["input_shape"][:-3] + (groups * in_per_group,) + config["input_shape"][-2:],
                 weight_shape=(out_channels,) + config["weight_shape"][1:],
                 bias_shape=None if config["bias_shape"] is None else (out_channels,))


def _break_padding_limit(draw, config, excess: int):
    """Integer padding that reaches ``excess`` past one dimension's size, the other left valid."""
    call = Conv2dCall(**config)
    dim = draw(st.integers(0, 1), label="broken dimension")
    padding = [max(side) for side in call.paddings]
    padding[dim] = call.input_size[dim] + excess + draw(st.integers(0, 1), label="extra")
    return with_changes(config, padding=tuple(padding))


def _break_kernel_fit(draw, config):
    config = with_changes(config, padding="valid") if config["padding"] == "same" else config
    call = Conv2dCall(**config)
    dim = draw(st.integers(0, 1), label="broken dimension")
    kernel = list(call.kernel)
    padded, dilation = call.padded_size[dim], call.dilations[dim]
    kernel[dim] = -(-padded // dilation) + 1 + draw(st.integers(0, 1), label="extra")  # d(k-1)+1 > padded
    return with_changes(config, weight_shape=config["weight_shape"][:2] + tuple(kernel))


def _break_dilation_dtype(draw, config):
    dtype = draw(st.sampled_from(sorted(set(dtypes.CONV2D) - set(dtypes.CONV2D_DILATED))), label="dtype")
    dilation = one_dim_broken(draw, (1, 1), st.integers(2, 3))
    config = with_changes(config, dilation=dilation, input_dtype=dtype, weight_dtype=dtype,
                   bias_dtype=dtype if config["bias_shape"] is not None else None)
    return _refit(non_empty_batch(config))


def _break_matching_dtypes(draw, config):
    other = draw(st.sampled_from([d for d in CONV2D_DTYPES if d != config["input_dtype"]]), label="other dtype")
    if config["bias_shape"] is not None and draw(st.booleans(), label="break the bias's dtype"):
        return with_changes(config, bias_dtype=other)
    return with_changes(config, weight_dtype=other)


def _break_bias_shape(draw, config):
    out_channels = config["weight_shape"][0]
    shape = draw(st.sampled_from([(out_channels + 1,), (out_channels, 1), ()]), label="bias shape")
    return with_changes(config, bias_shape=shape, bias_dtype=config["input_dtype"])


def _break_non_empty_spatial(draw, config):
    config = non_empty_batch(config)
    return _spatial(config, one_dim_broken(draw, config["input_shape"][-2:], st.just(0)))


# One way (or a few, drawn) to break each rule, starting from a valid config.
BREAKERS = {
    "input_rank": lambda draw, c: with_changes(c, input_shape=draw(st.sampled_from(
        [c["input_shape"][-2:], (1,) * (5 - len(c["input_shape"])) + c["input_shape"]]), label="input shape")),
    # With padding='same' and a padding mode, nn.Conv2d pads the input by the malformed weight's
    # sizes before any check, so torch's message would be F.pad's: the zeros mode keeps it conv's.
    "weight_rank": lambda draw, c: with_changes(c, weight_shape=draw(st.sampled_from(
        [c["weight_shape"][:3], c["weight_shape"] + (1,)]), label="weight shape"),
        padding_mode="zeros" if c["padding"] == "same" else c["padding_mode"]),
    "parameter_form": lambda draw, c: with_changes(c, **draw(st.sampled_from(
        [{"stride": (1, 1, 1)}, {"stride": []}, {"dilation": 1.5}, {"padding": (0, 0, 0)},
         {"padding": 1.5}, {"groups": float(c["groups"])}]), label="malformed parameter")),
    "padding_string": lambda draw, c: with_changes(c, padding=draw(st.sampled_from(
        ["SAME", "Valid", "full", "causal", ""]), label="padding")),
    "padding_mode": lambda draw, c: with_changes(c, padding_mode=draw(st.sampled_from(
        ["constant", "reflection", "Zeros", "wrap", "edge"]), label="padding_mode")),
    "positive_stride": lambda draw, c: with_changes(c, padding=0 if c["padding"] == "same" else c["padding"],
                                             stride=one_dim_broken(draw, (1, 1), st.integers(-1, 0))),
    "positive_dilation": lambda draw, c: with_changes(c, dilation=one_dim_broken(draw, (1, 1), st.integers(-1, 0))),
    "non_negative_padding": lambda draw, c: with_changes(c, padding=one_dim_broken(draw, (0, 0), st.integers(-2, -1))),
    "positive_groups": lambda draw, c: with_changes(c, groups=draw(st.integers(-1, 0), label="groups")),
    "same_padding_needs_unit_stride": lambda draw, c: _refit(with_changes(
        c, padding="same", stride=one_dim_broken(draw, (1, 1), st.integers(2, 3)))),
    "positive_out_channels": lambda draw, c: with_changes(
        c, weight_shape=(0,) + c["weight_shape"][1:], bias_shape=None if c["bias_shape"] is None else (0,)),
    "out_channels_divisible_by_groups": _break_groups_divisibility,
    "in_channels_match": lambda draw, c: with_changes(c, input_shape=c["input_shape"][:-3] + (
        c["input_shape"][-3] + draw(st.integers(1, 2), label="extra channels"),) + c["input_shape"][-2:]),
    "positive_in_channels": lambda draw, c: with_changes(
        c, weight_shape=c["weight_shape"][:1] + (0,) + c["weight_shape"][2:],
        input_shape=c["input_shape"][:-3] + (0,) + c["input_shape"][-2:]),
    "positive_kernel": lambda draw, c: with_changes(c, weight_shape=c["weight_shape"][:2] + one_dim_broken(
        draw, c["weight_shape"][2:], st.just(0))),
    "bias_shape": _break_bias_shape,
    "matching_dtypes": _break_matching_dtypes,
    "supported_dtype": lambda draw, c: non_empty_batch(with_changes(c, **dict.fromkeys(
        ["input_dtype", "weight_dtype"] + (["bias_dtype"] if c["bias_shape"] is not None else []),
        draw(st.sampled_from(UNSUPPORTED_DTYPES), label="dtype")))),
    "padding_pair_with_padding_mode": lambda draw, c: _refit(with_changes(
        c, padding_mode=draw(st.sampled_from(PADDING_MODES[1:]), label="padding_mode"),
        padding=(draw(st.integers(0, 2), label="padding"),))),
    "same_padding_dilation_pair_with_padding_mode": lambda draw, c: _refit(with_changes(
        c, padding_mode=draw(st.sampled_from(PADDING_MODES[1:]), label="padding_mode"), padding="same",
        stride=1, dilation=(draw(st.integers(1, 3 if c["input_dtype"] in dtypes.CONV2D_DILATED else 1),
                                 label="dilation"),))),
    "non_empty_spatial": _break_non_empty_spatial,
    "reflect_padding_limit": lambda draw, c: _break_padding_limit(draw, with_changes(c, padding_mode="reflect"), 0),
    "circular_padding_limit": lambda draw, c: _break_padding_limit(draw, with_changes(c, padding_mode="circular"), 1),
    "kernel_fits": _break_kernel_fit,
    "dilation_dtype": _break_dilation_dtype,
}

# Rules torch enforces only in part of their domain: the parity tests draw the part where torch
# raises (these restrictions, and a non-empty batch for every rule, as torch skips some checks
# for N = 0); tests/test_conv2d.py pins what torch does in the rest.
TORCH_RAISES_WHEN = {
    "non_negative_padding": lambda c: with_changes(c, padding_mode="zeros"),
    "matching_dtypes": lambda c: with_changes(c, padding=0) if isinstance(c["padding"], str) else c,
    "parameter_form": lambda c: with_changes(c, padding_mode="zeros") if c["padding"] == (0, 0, 0) else c,
    "padding_pair_with_padding_mode": lambda c: with_changes(c, input_shape=(1,) * (len(c["input_shape"]) == 3)
                                                      + c["input_shape"]),
}


@st.composite
def invalid_conv2d_calls(draw, rule: str, where_torch_raises: bool = True) -> Call:
    """A conv2d call whose first broken rule is ``rule``."""
    config = BREAKERS[rule](draw, draw(conv2d_configs(), label="valid config"))
    if where_torch_raises:
        config = TORCH_RAISES_WHEN.get(rule, non_empty_batch)(non_empty_batch(config))
    assume(not torch_crashes(Conv2dCall(**config)))
    event(f"conv2d broken rule: {rule}")
    return conv2d_call(draw, config)
