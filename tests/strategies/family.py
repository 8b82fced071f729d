"""Strategies for the operators beyond the 2-D suite's: conv1d/conv3d, conv_transpose1d/2d/3d,
max/avg pool 1d/3d, with the spatial rank a parameter.

As in the 2-D strategies a call is drawn as a config (shapes, dtypes, parameters) and then arrays
to fit it, every draw labelled and each option's value recorded with ``event``. Sizes are kept
small (3-D most of all) because the reference is a Python loop. ``BREAKERS`` turns a valid config
into one that breaks a named rule; the error-parity tests of tests/test_family.py check that the
reference names that rule and that torch raises.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import event
from hypothesis import strategies as st

from spec import dtypes
from spec.conv import PADDING_MODES
from spec.pool import PoolCall
from spec.shapes import conv_transpose_output_size, same_padding

from ..calls import Call
from .common import arrays, one_dim_broken, per_dim_form, with_changes
from .pool2d import dropped_window_sizes

# bfloat16 has no numpy dtype, so no numpy-in implementation can be handed it.
CONV_DTYPES = [name for name in dtypes.CONV if name != "bfloat16"]
CONV_TRANSPOSE_DTYPES = [name for name in dtypes.CONV_TRANSPOSE if name != "bfloat16"]

# Largest kernel and input sizes per rank: a 3-D reference call stays well under a second.
_KERNEL = {1: 3, 2: 3, 3: 2}
_SIZE = {1: 5, 2: 4, 3: 3}


def _per_dim(draw, rank, values, label):
    return tuple(draw(values, label=f"{label}[{i}]") for i in range(rank))


def _leading(draw, channels: int, empty_ok: bool = True) -> tuple:
    """(N, C) with N in 0..2, or (C,) for unbatched input."""
    kinds = ["batched", "unbatched"] + (["empty"] if empty_ok else [])
    kind = draw(st.sampled_from(kinds), label="batch")
    event(f"batch: {kind}")
    return {"batched": (draw(st.integers(1, 2), label="N"), channels), "unbatched": (channels,),
            "empty": (0, channels)}[kind]


# -- conv1d, conv3d ---------------------------------------------------------------------------

@st.composite
def conv_configs(draw, rank: int, empty_ok: bool = True) -> dict:
    op = f"conv{rank}d"
    dtype = draw(st.sampled_from(CONV_DTYPES), label="dtype")
    groups = draw(st.sampled_from([1, 2]), label="groups")
    in_per_group, out_per_group = draw(st.integers(1, 2), label="C_in/groups"), draw(st.integers(1, 2), label="C_out/groups")
    kernel = _per_dim(draw, rank, st.integers(1, _KERNEL[rank]), "kernel")
    dilated_ok = dtype in dtypes.CONV_DILATED
    dilation = _per_dim(draw, rank, st.integers(1, 2 if dilated_ok else 1), "dilation")
    padding_mode = draw(st.sampled_from(PADDING_MODES), label="padding_mode")
    kind = draw(st.sampled_from(["numbers", "valid", "same"]), label="padding kind")
    if kind == "same":
        stride, pairs = (1,) * rank, [same_padding(k, d) for k, d in zip(kernel, dilation)]
        padding = "same"
    else:
        stride = _per_dim(draw, rank, st.integers(1, 2), "stride")
        numbers = (0,) * rank if kind == "valid" else _per_dim(draw, rank, st.integers(0, 2), "padding")
        pairs = [(p, p) for p in numbers]
        padding = "valid" if kind == "valid" else per_dim_form(draw, numbers, "padding",
                                                                one_entry_ok=padding_mode == "zeros" or rank == 1)
    sizes = []
    for k, d, (before, after) in zip(kernel, dilation, pairs):
        low = max(1, d * (k - 1) + 1 - before - after)  # the dilated kernel fits the padded input
        if padding_mode == "reflect":
            low = max(low, max(before, after) + 1)
        elif padding_mode == "circular":
            low = max(low, max(before, after))
        sizes.append(draw(st.integers(low, low + 2), label="size"))
    bias = draw(st.booleans(), label="bias")
    event(f"{op} padding: {kind}, mode {padding_mode}; dtype {dtype}")
    one_entry_dilation_ok = rank == 1 or not (kind == "same" and padding_mode != "zeros")
    return dict(op=op, dtype=dtype, input_shape=_leading(draw, groups * in_per_group, empty_ok) + tuple(sizes),
                weight_shape=(groups * out_per_group, in_per_group) + kernel,
                bias_shape=(groups * out_per_group,) if bias else None,
                stride=per_dim_form(draw, stride, "stride"), padding=padding,
                dilation=per_dim_form(draw, dilation, "dilation", one_entry_ok=one_entry_dilation_ok),
                groups=groups, padding_mode=padding_mode)


# -- conv_transpose1d/2d/3d -------------------------------------------------------------------

@st.composite
def conv_transpose_configs(draw, rank: int, empty_ok: bool = True, dtypes_from=None,
                           output_padding_below_stride: bool = False) -> dict:
    """A valid transposed call. ``output_padding_below_stride``: only output_padding < stride
    (what the adjoint identity needs; torch allows up to max(stride, dilation) - 1)."""
    op = f"conv_transpose{rank}d"
    dtype = draw(st.sampled_from(dtypes_from or CONV_TRANSPOSE_DTYPES), label="dtype")
    groups = draw(st.sampled_from([1, 2]), label="groups")
    # (C_in, C_out) per group: two each half the draws, where the transposed weight's (C_in,
    # C_out / groups) layout, read as conv's (C_out, C_in / groups), shows (with a count of one
    # the two layouts are the same memory); the other three pairs a sixth each.
    in_per_group, out_per_group = draw(st.sampled_from([(2, 2), (2, 2), (2, 2), (1, 2), (2, 1), (1, 1)]),
                                       label="(C_in, C_out) per group")
    kernel = _per_dim(draw, rank, st.integers(1, _KERNEL[rank]), "kernel")
    stride = _per_dim(draw, rank, st.integers(1, 3 if rank < 3 else 2), "stride")
    dilation = _per_dim(draw, rank, st.integers(1, 2), "dilation")
    sizes = _per_dim(draw, rank, st.integers(1, _SIZE[rank] - 1), "size")
    use_output_size = draw(st.booleans(), label="output_size given")
    # With output_size, nn.ConvTransposeNd reads stride, padding and dilation per dimension
    # without repeating a one-entry sequence (the output_size_needs_full_sequences rule).
    one_entry_ok = rank == 1 or not use_output_size
    output_paddings, paddings = [], []
    for n, k, s, d in zip(sizes, kernel, stride, dilation):
        # output_size reaches output_padding < stride only (spec/behaviours.py).
        highest = s - 1 if use_output_size or output_padding_below_stride else max(s, d) - 1
        a = draw(st.integers(0, highest), label="output_padding")
        # Padding crops at most what leaves one output element: (n - 1)s + d(k - 1) + a >= 2p.
        p = draw(st.integers(0, min(2, ((n - 1) * s + d * (k - 1) + (0 if use_output_size else a)) // 2)),
                 label="padding")
        output_paddings.append(a)
        paddings.append(p)
    config = dict(op=op, dtype=dtype, input_shape=_leading(draw, groups * in_per_group, empty_ok) + sizes,
                  weight_shape=(groups * in_per_group, out_per_group) + kernel,
                  bias_shape=(groups * out_per_group,) if draw(st.booleans(), label="bias") else None,
                  stride=per_dim_form(draw, stride, "stride", one_entry_ok),
                  padding=per_dim_form(draw, tuple(paddings), "padding", one_entry_ok),
                  output_padding=per_dim_form(draw, tuple(output_paddings), "output_padding"), groups=groups,
                  dilation=per_dim_form(draw, dilation, "dilation", one_entry_ok), output_size=None)
    if use_output_size:
        spatial = tuple(conv_transpose_output_size(n, k, s, p, d, a) for n, k, s, p, d, a in
                        zip(sizes, kernel, stride, paddings, dilation, output_paddings))
        # torch ignores the output_padding argument then, and any (N, C) entries before the sizes.
        leading = draw(st.sampled_from([(), "shape", "arbitrary"]), label="output_size leading entries")
        if leading == "shape":
            spatial = config["input_shape"][:-rank - 1] + (groups * out_per_group,) + spatial
        elif leading == "arbitrary":
            spatial = (7,) * (len(config["input_shape"]) - rank) + spatial
        config.update(output_size=draw(st.sampled_from([tuple, list]), label="output_size form")(spatial),
                      output_padding=draw(st.sampled_from([0, config["output_padding"]]), label="ignored output_padding"))
        event(f"{op} output_size: leading {leading or 'none'}")
    event(f"{op} dtype {dtype}, groups {groups}")
    return config


# -- max/avg pool 1d, 3d ----------------------------------------------------------------------

@st.composite
def pool_configs(draw, op: str, empty_ok: bool = True) -> dict:
    rank, is_max = int(op[-2]), op.startswith("max")
    return_indices = is_max and draw(st.booleans(), label="return_indices")
    probe = PoolCall(op, (1, 1) + (1,) * rank, "float32", 1, return_indices=return_indices)
    dtype = draw(st.sampled_from([d for d in probe.dtypes if d != "bfloat16"]), label="dtype")
    kernel = _per_dim(draw, rank, st.integers(1, _KERNEL[rank]), "kernel")
    dilation = _per_dim(draw, rank, st.integers(1, 2), "dilation") if is_max else (1,) * rank
    paddings = tuple(draw(st.integers(0, k // 2), label="padding") for k in kernel)
    stride = None if draw(st.booleans(), label="default stride") else _per_dim(draw, rank, st.integers(1, 3), "stride")
    ceil_mode = draw(st.sampled_from([True, True, False]), label="ceil_mode")
    # Ceil mode two draws in three (every window but its last is a floor-mode window). By
    # construction, half the ceil-mode draws: a last window that the ceil rule drops (it would
    # start in the right padding), in the first dimension: a kernel of 2 or more, a padding of 1
    # or more, a stride of 2 or more, and a size that makes it (as strategies.pool2d's "ceil window" aim does in 2-D).
    dropping = ceil_mode and draw(st.booleans(), label="aim for a dropped last window")
    if dropping:  # a stride of 1 never leaves a window to drop
        kernel = (max(kernel[0], 2),) + kernel[1:]
        paddings = (max(paddings[0], 1),) + paddings[1:]
        if stride is not None:
            stride = (max(stride[0], 2),) + stride[1:]
    # avg_pool3d wants the unpadded input at least the kernel (its avg_pool3d_input_at_least_kernel rule).
    lowest = [k if op == "avg_pool3d" else max(1, d * (k - 1) + 1 - 2 * p) for k, d, p in zip(kernel, dilation, paddings)]
    sizes = [draw(st.integers(low, _SIZE[rank] + 1), label="size") for low in lowest]
    if dropping:
        step = kernel[0] if stride is None else stride[0]
        dropped = [n for n in dropped_window_sizes(kernel[0], step, paddings[0], dilation[0])
                   if lowest[0] <= n <= _SIZE[rank] + 1]
        if dropped:
            sizes[0] = draw(st.sampled_from(dropped), label="size")
    config = dict(op=op, dtype=dtype, input_shape=_leading(draw, draw(st.integers(1, 2), label="C"), empty_ok) + tuple(sizes),
                  kernel_size=per_dim_form(draw, kernel, "kernel_size"),
                  stride=None if stride is None else per_dim_form(draw, stride, "stride"),
                  padding=per_dim_form(draw, paddings, "padding"), ceil_mode=ceil_mode)
    if is_max:
        config.update(dilation=per_dim_form(draw, dilation, "dilation"), return_indices=return_indices)
    else:
        config.update(count_include_pad=draw(st.booleans(), label="count_include_pad"))
        if rank > 1:
            # INT64_MIN / -1 kills torch's process with SIGFPE: never -1 with int64.
            config.update(divisor_override=draw(st.one_of(st.none(), st.integers(-3, 6).filter(
                lambda v: v != 0 and not (v == -1 and dtype == "int64"))), label="divisor_override"))
    event(f"{op} dtype {dtype}")
    return config


# -- arrays ----------------------------------------------------------------------------------

_ARRAY_ARGUMENTS = ("input", "weight", "bias")
_NOT_PARAMETERS = ("op", "dtype", "input_shape", "weight_shape", "bias_shape", "weight_dtype", "bias_dtype")


def _values(dtype: str, op: str):
    """Element values: the dtype's whole range, or (for max pooling, where ties and NaN matter) a
    few repeated values, NaN among them for floats."""
    if not op.startswith("max_pool") or np.dtype(dtype).kind not in "iuf":
        return None
    kind = np.dtype(dtype).kind
    few = ([0, 1, 2] if kind == "u" else [-1, 0, 1]) + ([math.nan] if kind == "f" else [])
    return st.sampled_from(few)


@st.composite
def call_of(draw, config: dict) -> Call:
    """Arrays for ``config``: the input, and for convolutions the weight and bias."""
    op = config["op"]
    kwargs = {}
    for name in _ARRAY_ARGUMENTS:
        shape = config.get(f"{name}_shape")
        if name == "bias" and "weight_shape" in config:
            kwargs["bias"] = None if shape is None else arrays(draw, config.get("bias_dtype", config["dtype"]),
                                                                shape, "bias")
        elif shape is not None:
            dtype = config.get(f"{name}_dtype", config["dtype"])
            tie_prone = op.startswith("max_pool") and draw(st.booleans(), label="few distinct values")
            kwargs[name] = arrays(draw, dtype, shape, name, values=_values(dtype, op) if tie_prone else None)
    kwargs.update({k: v for k, v in config.items() if k not in _NOT_PARAMETERS})
    return Call(op, kwargs)


def configs(op: str, empty_ok: bool = True):
    """Valid configs of ``op``, any operator of the three families."""
    rank = int(op[-2])
    if op.startswith("conv_transpose"):
        return conv_transpose_configs(rank, empty_ok)
    if op.startswith("conv"):
        return conv_configs(rank, empty_ok)
    return pool_configs(op, empty_ok)


def own_strategies(op: str):
    """The strategies module of a pool beyond max and average pooling (adaptive, LP, unpooling,
    fractional), which draws that pool's own cases by construction; None for the other operators.
    Imported here rather than at the top, as those modules import ``_leading`` from this one."""
    from . import adaptive_pool, fractional_pool, lp_pool, unpool
    prefixes = {"adaptive_": adaptive_pool, "lp_pool": lp_pool, "max_unpool": unpool, "fractional_": fractional_pool}
    return next((module for prefix, module in prefixes.items() if op.startswith(prefix)), None)


def calls(op: str, empty_ok: bool = True):
    """Valid calls of ``op``, any operator of the protocol."""
    own = own_strategies(op)
    return own.calls(op, empty_ok) if own else configs(op, empty_ok).flatmap(call_of)


# -- calls that break one rule ------------------------------------------------------------------

def _spatial_broken(draw, c, bad, key="input_shape"):
    """``c[key]`` with one spatial entry replaced by a ``bad`` draw."""
    shape, rank = c[key], int(c["op"][-2])
    return shape[:-rank] + one_dim_broken(draw, shape[-rank:], bad)


def _numbers(c, key):
    value, rank = c[key], int(c["op"][-2])
    return (value,) * rank if isinstance(value, int) else tuple(value) * (rank if len(value) == 1 else 1)


def _rank(c) -> int:
    return int(c["op"][-2])


def _zeros_mode(c) -> dict:
    """padding_mode='zeros' for a convolution (the other modes take negative padding: Rule.torch)."""
    return {"padding_mode": "zeros"} if "padding_mode" in c else {}


def _full_forms(c) -> dict:
    """c with stride, padding and dilation written out per dimension (output_size needs them so)."""
    return with_changes(c, **{key: _numbers(c, key) for key in ("stride", "padding", "dilation")})


def _output_size_off(draw, c):
    """An output_size one past the reachable range in one dimension."""
    rank, c = _rank(c), _full_forms(c)
    stride, padding, dilation = (_numbers(c, key) for key in ("stride", "padding", "dilation"))
    smallest = [conv_transpose_output_size(n, k, s, p, d) for n, k, s, p, d in
                zip(c["input_shape"][-rank:], c["weight_shape"][2:], stride, padding, dilation)]
    sizes = list(smallest)
    i = draw(st.integers(0, rank - 1), label="broken dimension")
    sizes[i] = draw(st.sampled_from([smallest[i] - 1, smallest[i] + stride[i]]), label="size out of range")
    return with_changes(c, output_size=tuple(sizes))


# Each breaker: (draw, valid config) -> config breaking that rule first. Shared by all operators
# that have the rule, unless keyed "family:rule".
BREAKERS = {
    "input_rank": lambda draw, c: with_changes(c, input_shape=draw(st.sampled_from(
        [c["input_shape"][-_rank(c):], (1,) * (_rank(c) + 3 - len(c["input_shape"])) + c["input_shape"]]),
        label="input shape")),
    "weight_rank": lambda draw, c: with_changes(c, weight_shape=draw(st.sampled_from(
        [c["weight_shape"][:-1], c["weight_shape"] + (1,)]), label="weight shape")),
    "parameter_form": lambda draw, c: with_changes(c, **draw(st.sampled_from(
        [{"stride": (1,) * (_rank(c) + 1)}, {"padding": 1.5}]
        + ([{"dilation": [1] * (_rank(c) + 1)}] if "dilation" in c else [])), label="malformed parameter")),
    "positive_stride": lambda draw, c: with_changes(c, stride=one_dim_broken(draw, (1,) * _rank(c), st.integers(-1, 0))),
    "non_negative_padding": lambda draw, c: with_changes(
        c, padding=one_dim_broken(draw, (0,) * _rank(c), st.just(-1)), **_zeros_mode(c)),
    # -- conv_transpose
    # Negative only: oneDNN's calls take a dilation of 0 with a kernel of size 1 (Rule.torch).
    "conv_transpose:positive_dilation": lambda draw, c: with_changes(
        c, dilation=one_dim_broken(draw, (1,) * _rank(c), st.integers(-2, -1))),
    "conv_transpose:no_padding_string": lambda draw, c: with_changes(
        c, padding=draw(st.sampled_from(["same", "valid"]), label="padding")),
    "conv_transpose:positive_groups": lambda draw, c: with_changes(c, groups=draw(st.integers(-1, 0), label="groups")),
    "conv_transpose:in_channels_match": lambda draw, c: with_changes(
        c, input_shape=c["input_shape"][:-_rank(c) - 1] + (c["input_shape"][-_rank(c) - 1] + 1,) + c["input_shape"][-_rank(c):]),
    "conv_transpose:positive_in_channels": lambda draw, c: with_changes(
        c, groups=1, input_shape=c["input_shape"][:-_rank(c) - 1] + (0,) + c["input_shape"][-_rank(c):],
        weight_shape=(0,) + c["weight_shape"][1:], bias_shape=None),
    "conv_transpose:in_channels_divisible_by_groups": lambda draw, c: with_changes(
        c, groups=2, input_shape=c["input_shape"][:-_rank(c) - 1] + (3,) + c["input_shape"][-_rank(c):],
        weight_shape=(3,) + c["weight_shape"][1:], bias_shape=None),
    "conv_transpose:positive_out_channels": lambda draw, c: with_changes(
        c, weight_shape=c["weight_shape"][:1] + (0,) + c["weight_shape"][2:], bias_shape=None),
    "conv_transpose:positive_kernel": lambda draw, c: with_changes(
        c, weight_shape=_spatial_broken(draw, c, st.just(0), "weight_shape")),
    "conv_transpose:bias_shape": lambda draw, c: with_changes(
        c, bias_shape=draw(st.sampled_from([(c["weight_shape"][1] * c["groups"] + 1,),
                                            (c["weight_shape"][1] * c["groups"], 1)]), label="bias shape")),
    "conv_transpose:matching_dtypes": lambda draw, c: with_changes(
        c, weight_dtype="float32" if c["dtype"] == "float64" else "float64"),
    "conv_transpose:supported_dtype": lambda draw, c: with_changes(
        c, dtype=draw(st.sampled_from(["int8", "int16", "int32", "uint8"]), label="dtype"), bias_shape=None),
    "conv_transpose:non_empty_spatial": lambda draw, c: with_changes(c, input_shape=_spatial_broken(draw, c, st.just(0))),
    "conv_transpose:output_size_length": lambda draw, c: with_changes(_full_forms(c), output_size=draw(st.sampled_from(
        [(1,) * (_rank(c) - 1), (1,) * (_rank(c) + 3)]), label="output_size")),
    "conv_transpose:output_size_in_range": _output_size_off,
    "conv_transpose:output_size_needs_full_sequences": lambda draw, c: with_changes(
        _output_size_off(draw, c), **{draw(st.sampled_from(["stride", "padding", "dilation"]), label="one-entry"):
                                      (1,)}),
    "conv_transpose:non_negative_output_padding": lambda draw, c: with_changes(
        c, output_size=None, output_padding=one_dim_broken(draw, (0,) * _rank(c), st.just(-1))),
    "conv_transpose:output_padding_smaller_than_stride_or_dilation": lambda draw, c: with_changes(
        c, output_size=None, output_padding=tuple(max(s, d) for s, d in zip(_numbers(c, "stride"), _numbers(c, "dilation")))),
    "conv_transpose:output_not_empty": lambda draw, c: with_changes(
        c, output_size=None, output_padding=0, input_shape=c["input_shape"][:-_rank(c)] + (1,) * _rank(c),
        weight_shape=c["weight_shape"][:2] + (1,) * _rank(c), padding=1),
    # -- conv1d, conv3d
    "conv:dilation_dtype": lambda draw, c: with_changes(
        c, dtype=draw(st.sampled_from(["int8", "int16", "int32", "uint8"]), label="dtype"),
        dilation=one_dim_broken(draw, (1,) * _rank(c), st.just(2)), padding=0, padding_mode="zeros",
        input_shape=c["input_shape"][:-_rank(c)] + (5,) * _rank(c)),
    "conv:kernel_fits": lambda draw, c: with_changes(
        c, padding=0, padding_mode="zeros", input_shape=c["input_shape"][:-_rank(c)] + (1,) * _rank(c),
        weight_shape=c["weight_shape"][:2] + (2,) * _rank(c), dilation=1, stride=1),
    "conv:padding_pair_with_padding_mode": lambda draw, c: with_changes(
        c, padding=(0,), padding_mode=draw(st.sampled_from(["reflect", "replicate", "circular"]), label="mode")),
    "conv:supported_dtype": lambda draw, c: with_changes(c, dtype="bool", bias_shape=None, dilation=1),
    # -- max/avg pool 1d, 3d
    "pool:positive_kernel": lambda draw, c: with_changes(c, kernel_size=one_dim_broken(draw, (1,) * _rank(c), st.just(0)),
                                                         padding=0, stride=1),
    "pool:padding_at_most_half_kernel": lambda draw, c: with_changes(
        c, kernel_size=2, padding=one_dim_broken(draw, (0,) * _rank(c), st.just(2)),
        input_shape=c["input_shape"][:-_rank(c)] + (6,) * _rank(c)),
    "pool:non_empty_input": lambda draw, c: with_changes(
        c, input_shape=c["input_shape"][:-_rank(c) - 1] + one_dim_broken(draw, c["input_shape"][-_rank(c) - 1:], st.just(0))),
    "pool:output_not_empty": lambda draw, c: with_changes(
        c, kernel_size=one_dim_broken(draw, (1,) * _rank(c), st.just(9)), padding=0, stride=1, ceil_mode=False,
        **({"dilation": 1} if "dilation" in c else {})),
    "pool:avg_pool3d_input_at_least_kernel": lambda draw, c: with_changes(
        c, kernel_size=3, padding=1, stride=1, ceil_mode=False,
        input_shape=c["input_shape"][:-3] + one_dim_broken(draw, (3, 3, 3), st.just(2))),
    "pool:supported_dtype": lambda draw, c: with_changes(c, **draw(st.sampled_from(
        {"max_pool1d": [{"dtype": "int32", "return_indices": False}, {"dtype": "complex64"}],
         "max_pool3d": [{"dtype": "complex64"}, {"dtype": "bool"}],
         "avg_pool1d": [{"dtype": "int32"}, {"dtype": "complex64"}],
         "avg_pool3d": [{"dtype": "float16"}, {"dtype": "int32"}]}[c["op"]]), label="unsupported dtype")),
    "pool:non_zero_divisor": lambda draw, c: with_changes(c, divisor_override=0),
}


def family(op: str) -> str:
    return "conv_transpose" if op.startswith("conv_transpose") else ("conv" if op.startswith("conv") else "pool")


def breakers(op: str) -> list[str]:
    """The rules of ``op`` that a breaker here draws calls for."""
    names = [name.split(":")[-1] for name in BREAKERS if ":" not in name or name.startswith(family(op) + ":")]
    if family(op) == "pool":
        names.remove("weight_rank")
        if not op.startswith("avg") or op == "avg_pool1d":
            names.remove("non_zero_divisor")
        if op != "avg_pool3d":
            names.remove("avg_pool3d_input_at_least_kernel")
    # For rank 1 a one-entry sequence is the full form: these rules do not exist.
    if op == "conv1d":
        names.remove("padding_pair_with_padding_mode")
    if op == "conv_transpose1d":
        names.remove("output_size_needs_full_sequences")
    return names


@st.composite
def invalid_calls(draw, op: str, rule: str) -> Call:
    """A call of ``op`` whose first broken rule is ``rule``, with a non-empty batch (an empty
    batch skips some of torch's checks: spec/behaviours.py)."""
    config = draw(configs(op, empty_ok=False), label="valid config")
    breaker = BREAKERS.get(f"{family(op)}:{rule}", BREAKERS.get(rule))
    event(f"{op} broken rule: {rule}")
    return draw(call_of(breaker(draw, config)), label="call")

