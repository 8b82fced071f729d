"""max_pool2d and avg_pool2d strategies: valid calls over every option, values that show the
semantics (negatives, ties, NaN, infinities, integers), ceil-mode windows that really get dropped,
and calls that break one rule each."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from hypothesis import event
from hypothesis import strategies as st

from spec.pool import AVG_POOL2D_DTYPES, MAX_POOL2D_DTYPES, Pool2dCall
from spec.shapes import pool_output_size

from ..calls import Call
from .common import FLOAT_BOUND, arrays, non_empty_batch, one_dim_broken, pairs, per_dim_form, with_changes

POOL_DTYPES = {"max_pool2d": [d for d in MAX_POOL2D_DTYPES if d != "bfloat16"],
               "avg_pool2d": [d for d in AVG_POOL2D_DTYPES if d != "bfloat16"]}
NOT_POOLED = {"max_pool2d": ["bool", "complex64", "complex128", "uint16"],
              "avg_pool2d": ["int8", "int16", "int32", "uint8", "bool", "complex64", "uint16"]}


def pool_values(dtype: str):
    """Few distinct values, so windows tie; negatives, so zero padding would show; for floats
    NaN and both infinities; for integers the dtype's extremes (avg: sums that wrap)."""
    kind = np.dtype(dtype).kind
    if kind == "f":
        width = np.dtype(dtype).itemsize * 8
        return st.one_of(st.sampled_from([-2.0, -1.0, -0.5, 0.0, 1.0, 3.0]),
                         st.floats(-FLOAT_BOUND, FLOAT_BOUND, width=width, allow_subnormal=False),
                         st.sampled_from([math.nan, math.inf, -math.inf]))
    info = np.iinfo(dtype)
    return st.one_of(st.integers(max(int(info.min), -3), 3), st.sampled_from([int(info.min), int(info.max)]))


def _raw_ceil_count(n, k, s, p, d) -> int:
    return -(-(n + 2 * p - d * (k - 1) - 1) // s) + 1


# Cached: the spec's sizes are sympy expressions, and shrinking redraws the same few configurations
# thousands of times (uncached, these sizes were four fifths of a pool search's time).
@lru_cache(maxsize=None)
def dropped_window_sizes(k, s, p, d) -> tuple[int, ...]:
    """Input sizes 1..12 for which ceil mode's rule drops the last window (it would start in the
    right padding)."""
    return tuple(n for n in range(1, 13) if 1 <= pool_output_size(n, k, s, p, d, True) < _raw_ceil_count(n, k, s, p, d))


@lru_cache(maxsize=None)
def _sizes(k, s, p, d, ceil_mode, drop_last_window: bool, overhang: bool = False) -> tuple[int, ...]:
    """Input sizes 1..12 with a non-empty output; with ``drop_last_window``, those where ceil mode's
    rule drops the last window; with ``overhang``, those where ceil mode keeps a last window that
    runs past the padded input (either, if there are any)."""
    sizes = tuple(n for n in range(1, 13) if pool_output_size(n, k, s, p, d, ceil_mode) >= 1)
    dropping = tuple(n for n in sizes if n in dropped_window_sizes(k, s, p, d))
    past = tuple(n for n in sizes if pool_output_size(n, k, s, p, d, True) > pool_output_size(n, k, s, p, d))
    if ceil_mode and drop_last_window and dropping:
        return dropping
    return past if ceil_mode and overhang and past else sizes


# What a valid draw aims at, each a third of the draws: options that interact, drawn together by
# construction (each alone in half the draws left them together in about one draw in ten).
# - "padding read": some window covers padding (a dimension with kernel >= 2 and padding >= 1);
#   max_pool2d's values then are all negative (or NaN, -inf), so padding read as 0 would win;
#   avg_pool2d's padding is then left out of the divisor (count_include_pad=False, no override).
# - "ceil window": ceil mode with a stride of 2 or 3 in some dimension; max_pool2d's size makes
#   the rule drop the last window, avg_pool2d's keeps a last window that runs past the padding
#   and counts the padding (count_include_pad=True, no override), so its divisor is the part
#   inside the padded input.
# - "divisor override" (avg_pool2d): a negative divisor_override (which torch accepts) with
#   count_include_pad=False (where the override must still replace the count of input elements);
#   positive overrides come from the "any" draws.
AIMS = {"max_pool2d": ("any", "padding read", "ceil window"),
        "avg_pool2d": ("any", "padding read", "ceil window", "divisor override")}


def _pool_dtypes(op: str):
    """max_pool2d: int64 a third of the draws (the only dtype whose values float64 cannot hold),
    the floating and the other integer dtypes a third each; avg_pool2d: int64 (its one integer
    dtype, whose division truncates and whose sums wrap) half, the floating dtypes the other half.
    Stratified because Hypothesis's generation repeats earlier examples' choices (see
    strategies.conv2d._dtypes)."""
    if op == "avg_pool2d":
        return st.one_of(st.just("int64"), st.sampled_from([d for d in POOL_DTYPES[op] if d != "int64"]))
    floating = [d for d in POOL_DTYPES[op] if np.dtype(d).kind == "f"]
    others = [d for d in POOL_DTYPES[op] if d not in floating and d != "int64"]
    return st.one_of(st.just("int64"), st.sampled_from(floating), st.sampled_from(others))


@st.composite
def pool2d_configs(draw, op: str, aim: str = "any", dtype: str | None = None):
    """A valid config of ``op`` for ``aim`` (AIMS, or "lowest window": max_pool2d's "any" with
    return_indices, for pool2d_call's lowest values); of ``dtype`` if given."""
    indices_wanted = aim == "lowest window"
    aim = "any" if indices_wanted else aim
    if dtype is None:
        dtype = draw(_pool_dtypes(op), label="dtype")
    if aim == "padding read" and op == "max_pool2d" and np.dtype(dtype).kind == "u":
        # The values below the padding that this aim draws (pool2d_call's negative) need a sign.
        dtype = draw(st.sampled_from([d for d in POOL_DTYPES[op] if np.dtype(d).kind in "if"]), label="signed dtype")
    kernel = draw(pairs(1, 3), label="kernel_size")
    if aim == "padding read":
        kernel = one_dim_broken(draw, kernel, st.integers(2, 3))
    stride = draw(st.one_of(st.none(), pairs(1, 3)), label="stride (None: kernel_size)")
    if aim == "ceil window":
        stride = one_dim_broken(draw, stride or kernel, st.integers(2, 3))
    dilation = draw(pairs(1, 3), label="dilation") if op == "max_pool2d" else (1, 1)
    padding = tuple(draw(st.integers(0, k // 2), label="padding") for k in kernel)
    if aim == "padding read" and max(padding) == 0:
        dim = max(range(2), key=lambda i: kernel[i])
        padding = tuple(1 if i == dim else p for i, p in enumerate(padding))
    ceil_mode = aim == "ceil window" or draw(st.booleans(), label="ceil_mode")
    drop = draw(st.booleans(), label="aim for a dropped last window") if aim == "any" else (
        aim == "ceil window" and op == "max_pool2d")
    overhang = aim == "ceil window" and op == "avg_pool2d"
    strides = stride or kernel
    size = tuple(draw(st.sampled_from(_sizes(k, s, p, d, ceil_mode, drop, overhang)), label="size")
                 for k, s, p, d in zip(kernel, strides, padding, dilation))
    batch = draw(st.one_of(st.none(), st.integers(0, 2)), label="batch (None: unbatched)")
    channels = draw(st.integers(1, 3), label="channels")
    config = dict(op=op, input_shape=((batch,) if batch is not None else ()) + (channels,) + size,
                  input_dtype=dtype, kernel_size=per_dim_form(draw, kernel, "kernel_size"),
                  stride=None if stride is None else per_dim_form(draw, stride, "stride"),
                  padding=per_dim_form(draw, padding, "padding"), ceil_mode=ceil_mode)
    if op == "max_pool2d":
        config.update(dilation=per_dim_form(draw, dilation, "dilation"),
                      return_indices=indices_wanted or draw(st.booleans(), label="return_indices"))
    else:
        # int64 INT64_MIN / -1 kills torch's process with SIGFPE (README, surprises), so int64
        # calls are never drawn with divisor_override=-1.
        divisors = st.integers(-3, 6).filter(lambda v: v != 0 and not (v == -1 and dtype == "int64"))
        if aim == "divisor override":
            divisors = divisors.filter(lambda v: v < 0)
        elif aim == "any":
            divisors = st.one_of(st.none(), divisors)
        else:
            divisors = st.none()
        counts_padding = draw(st.booleans(), label="count_include_pad") if aim == "any" else aim == "ceil window"
        config.update(count_include_pad=counts_padding, divisor_override=draw(divisors, label="divisor_override"))
    dropped = ceil_mode and any(pool_output_size(n, k, s, p, d, True) < _raw_ceil_count(n, k, s, p, d)
                                for n, k, s, p, d in zip(size, kernel, strides, padding, dilation))
    for name, value in [("aim", aim), ("dtype", dtype), ("ceil_mode", ceil_mode), ("last window dropped", dropped),
                        ("padding > 0", max(padding) > 0), ("dilation > 1", max(dilation) > 1),
                        ("batch", "unbatched" if batch is None else batch)] + [
                       (key, config[key]) for key in ("return_indices", "count_include_pad") if key in config]:
        event(f"{op} {name}: {value}")
    return config


_POOL_ARGS = {"max_pool2d": ("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"),
              "avg_pool2d": ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                             "divisor_override")}


def pool2d_call(draw, config: dict, negative: bool = False, lowest: bool = False) -> Call:
    """Arrays for ``config``; with ``negative``, values <= 0 only (NaN and -inf included) for
    signed and floating dtypes; with ``lowest``, the dtype's lowest value (-inf, the integer
    minimum) three elements in four, so that whole windows hold nothing above it."""
    dtype = config["input_dtype"]
    values = pool_values(dtype) if np.dtype(dtype).kind in "fiu" else None
    if negative and np.dtype(dtype).kind in "if":  # unsigned values are never below the padding
        values = values.map(lambda v: -abs(v))
    if lowest and values is not None:
        least = st.just(-math.inf if np.dtype(dtype).kind == "f" else int(np.iinfo(dtype).min))
        values = st.one_of(least, least, least, values)
    x = arrays(draw, dtype, config["input_shape"], "input", values)
    return Call(config["op"], dict(input=x, **{name: config[name] for name in _POOL_ARGS[config["op"]]
                                               if name in config}))


@st.composite
def pool2d_calls(draw, op: str, aims=None, keep=None, dtype: str | None = None) -> Call:
    """Valid calls of ``op``, each of one of ``aims`` (default: AIMS[op]), of ``dtype`` if given;
    ``keep``, a predicate on configs, filters them before any array is drawn."""
    aim = draw(st.sampled_from(AIMS[op] if aims is None else aims), label="aim")
    configs = pool2d_configs(op, aim, dtype)
    config = draw(configs if keep is None else configs.filter(keep), label="config")
    return pool2d_call(draw, config, negative=aim == "padding read" and op == "max_pool2d",
                       lowest=aim == "lowest window")


# Searched apart as well, each in a test of its own (tests/test_max_pool2d.py,
# tests/test_avg_pool2d.py), as conv2d's dtypes and modes are (strategies.conv2d.SEARCHED_APART):
# each aim; int64, the one dtype whose values float64 cannot hold (a third of max_pool2d's draws,
# half of avg_pool2d's); and for max_pool2d windows of the lowest value only, with indices (the
# index of a window that nothing in it beats).
SEARCHED_APART = {op: tuple(("aim", aim) for aim in aims if aim != "any") + (("dtype", "int64"),)
                  + ((("aim", "lowest window"),) if op == "max_pool2d" else ())
                  for op, aims in AIMS.items()}


# -- calls that break one rule -------------------------------------------------------------------

def _call(config) -> Pool2dCall:
    return Pool2dCall(**config)


def _break_padding_limit(draw, config):
    call = _call(config)
    dim = draw(st.integers(0, 1), label="broken dimension")
    padding, kernel = list(call.paddings), list(call.kernel)
    changes = {}
    if config["op"] == "max_pool2d" and draw(st.booleans(), label="dilated broken dimension"):
        # Half of max_pool2d's draws: kernel 3 dilated by 3 in the broken dimension, whose padding
        # of 2 or 3 stays within half the dilated extent (7), which torch's limit (half the
        # kernel) ignores: an implementation that limits by the dilated kernel accepts it.
        kernel[dim] = 3
        dilation = list(call.dilations)
        dilation[dim] = 3
        changes = dict(kernel_size=tuple(kernel), dilation=tuple(dilation))
    padding[dim] = kernel[dim] // 2 + 1 + draw(st.integers(0, 1), label="extra")
    return with_changes(config, padding=tuple(padding), **changes)


def _break_output_size(draw, config):
    call = _call(config)
    dim = draw(st.integers(0, 1), label="broken dimension")
    kernel, padding = list(call.kernel), list(call.paddings)
    kernel[dim] = call.input_size[dim] + 1 + draw(st.integers(0, 1), label="extra")
    padding[dim] = 0
    return with_changes(config, kernel_size=tuple(kernel), padding=tuple(padding), ceil_mode=False,
                        dilation=1 if config["op"] == "max_pool2d" else config.get("dilation", 1),
                        stride=call.strides)


def _break_form(draw, config):
    choices = [{"kernel_size": (1, 1, 1)}, {"stride": (1, 2, 3)}, {"padding": 1.5}, {"ceil_mode": 1}]
    choices += [{"dilation": ()}] if config["op"] == "max_pool2d" else [{"divisor_override": 2.0}]
    return with_changes(config, **draw(st.sampled_from(choices), label="malformed parameter"))


POOL_BREAKERS = {
    "input_rank": lambda draw, c: with_changes(c, input_shape=draw(st.sampled_from(
        [c["input_shape"][-2:], (1,) * (5 - len(c["input_shape"])) + c["input_shape"]]), label="input shape")),
    "parameter_form": _break_form,
    "non_zero_divisor": lambda draw, c: with_changes(c, op="avg_pool2d", divisor_override=0, dilation=1,
                                                     return_indices=False),
    "positive_kernel": lambda draw, c: with_changes(c, kernel_size=one_dim_broken(
        draw, _call(c).kernel, st.integers(-1, 0)), padding=0, stride=_call(c).strides),
    "positive_stride": lambda draw, c: with_changes(c, stride=one_dim_broken(draw, _call(c).strides, st.integers(-1, 0))),
    "positive_dilation": lambda draw, c: with_changes(c, op="max_pool2d", dilation=one_dim_broken(
        draw, (1, 1), st.integers(-1, 0)), count_include_pad=True, divisor_override=None),
    "non_negative_padding": lambda draw, c: with_changes(c, padding=one_dim_broken(draw, (0, 0), st.integers(-2, -1))),
    "padding_at_most_half_kernel": _break_padding_limit,
    "non_empty_input": lambda draw, c: non_empty_batch(with_changes(c, input_shape=c["input_shape"][:-3] + one_dim_broken(
        draw, c["input_shape"][-3:-1], st.just(0)) + c["input_shape"][-1:])),
    "output_not_empty": _break_output_size,
    "supported_dtype": lambda draw, c: non_empty_batch(with_changes(
        c, input_dtype=draw(st.sampled_from(NOT_POOLED[c["op"]]), label="dtype"))),
}

def _op_fields(config: dict) -> dict:
    """Drop the fields the other pool has, after a breaker switched ``op``."""
    drop = {"max_pool2d": ("count_include_pad", "divisor_override"),
            "avg_pool2d": ("dilation", "return_indices")}[config["op"]]
    return {k: v for k, v in config.items() if k not in drop}


@st.composite
def invalid_pool2d_calls(draw, op: str, rule: str) -> Call:
    """A call whose first broken rule is ``rule``; op may change where only the other pool has
    the parameter (divisor_override, dilation). As for conv2d, the batch is never empty."""
    config = POOL_BREAKERS[rule](draw, draw(pool2d_configs(op), label="valid config"))
    event(f"pool broken rule: {rule}")
    return pool2d_call(draw, _op_fields(non_empty_batch(config)))
