"""Strategies for the backward of every operator: a valid forward call, drawn by the forward's own
strategies (tests/strategies/conv2d.py and pool2d.py for the 2-D operators, family.py for the
others of the family, adaptive_pool.py, lp_pool.py, unpool.py and fractional_pool.py for those
pools) in a floating dtype, and a grad_output of its output's shape and dtype. The forward's
strategies reach the cases the backward turns on by construction: overlapping windows (adaptive
sizes that do not divide, fractional steps below one, unpool strides below the kernel), ties and
NaN in max-like windows, zero windows and negative inputs for LP pooling, repeated unpool indices.

A backward call is ``Call("<op>_backward", {"grad_output": g, **the forward's arguments})``, so the
harness runs it as it runs a forward call.
"""

from __future__ import annotations

import numpy as np
from hypothesis import assume, event
from hypothesis import strategies as st

from spec.adaptive_pool import AdaptivePoolCall
from spec.backward import window_of_padding_only
from spec.conv import ConvCall
from spec.conv_transpose import ConvTransposeCall
from spec.fractional_pool import FractionalPoolCall
from spec.lp_pool import LpPoolCall
from spec.params import rank_of
from spec.pool import PoolCall
from spec.unpool import MaxUnpoolCall

from ..calls import Call
from . import adaptive_pool, family, fractional_pool, lp_pool, unpool
from .common import arrays
from .conv2d import conv2d_call, conv2d_configs
from .pool2d import pool2d_call, pool2d_configs

# numpy has no bfloat16; the integer dtypes have no gradients (tests/test_gradients.py checks
# that they are rejected).
FLOAT_DTYPES = ("float16", "float32", "float64")
FAMILY = ("conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
          "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d")
# The other pools, by the strategy module that draws their forward calls.
POOLS = {**{f"adaptive_{kind}_pool{rank}d": adaptive_pool for kind in ("avg", "max") for rank in (1, 2, 3)},
         **{f"lp_pool{rank}d": lp_pool for rank in (1, 2, 3)}, **{f"max_unpool{rank}d": unpool for rank in (1, 2, 3)},
         "fractional_max_pool2d": fractional_pool, "fractional_max_pool3d": fractional_pool}
OPERATORS = FAMILY + tuple(POOLS)


def forward_spec(op: str, kwargs: dict):
    """The spec's call (shapes, dtypes, parameters) for the forward call ``op(**kwargs)``."""
    rank = rank_of(op)
    if op.startswith("conv_transpose"):
        return ConvTransposeCall.of(**kwargs, rank=rank)
    if op.startswith("conv"):
        return ConvCall.of(**kwargs, rank=rank)
    if op.startswith("adaptive"):
        return AdaptivePoolCall.of(**kwargs, op=op)
    for prefix, factory in (("lp_pool", LpPoolCall), ("max_unpool", MaxUnpoolCall), ("fractional", FractionalPoolCall)):
        if op.startswith(prefix):
            return factory.of(**kwargs, rank=rank)
    return (PoolCall.max if op.startswith("max") else PoolCall.avg)(**kwargs, rank=rank)


def _float_dtypes(op: str, return_indices: bool = False) -> list[str]:
    """The floating dtypes torch's CPU kernel for ``op`` takes (avg_pool3d has no float16), of those
    the backward is checked in: LP pooling in float32 and float64 only, as its backward's factors
    (x^(p - 1), Z^(1/p - 1)) are float16 operations in torch whose overflow spec/tolerance.py's LP
    model does not cover."""
    if op.startswith("lp_pool"):
        return ["float32", "float64"]
    if op in POOLS:
        return [d for d in FLOAT_DTYPES if d in POOLS[op].DTYPES]
    if not op.startswith(("max", "avg")):
        return list(FLOAT_DTYPES)
    probe = PoolCall(op, (1, 1) + (1,) * rank_of(op), "float32", 1, return_indices=return_indices)
    return [d for d in FLOAT_DTYPES if d in probe.dtypes]


@st.composite
def forward_calls(draw, op: str, dtypes=FLOAT_DTYPES) -> Call:
    """A valid forward call of ``op`` in one of ``dtypes`` (those of them ``op`` takes)."""
    if op == "conv2d":
        config = draw(conv2d_configs(dtypes_drawn=st.sampled_from(dtypes)), label="config")
        return conv2d_call(draw, config)
    if op in ("max_pool2d", "avg_pool2d"):
        config = draw(pool2d_configs(op), label="config")
        config["input_dtype"] = draw(st.sampled_from([d for d in dtypes if d in _float_dtypes(op)]), label="dtype")
        return pool2d_call(draw, config)
    strategies = POOLS.get(op, family)
    config = draw(strategies.configs(op), label="config")
    usable = [d for d in dtypes if d in _float_dtypes(op, config.get("return_indices", False))]
    config["dtype"] = draw(st.sampled_from(usable), label="dtype")
    return draw(strategies.call_of(config), label="call")


@st.composite
def backward_calls(draw, op: str, dtypes=FLOAT_DTYPES) -> Call:
    """``<op>_backward`` calls: a forward call and a grad_output for it.

    Two kinds of call that crash torch's backward are not drawn: max pooling with a window of
    padding only (torch writes its gradient at an index outside the window, past the end of the
    gradient for some shapes: spec/behaviours.py, max_pool_backward_window_of_padding_only), and
    float16 transposed convolutions with a dilated kernel of size 1 under padding
    (conv_transpose_half_precision_backward_crashes). An adaptive pool with an output size of 0 is
    not drawn either: its forward gives an empty output, its backward raises
    (adaptive_backward_of_empty_output_raises).
    """
    forward = draw(forward_calls(op, dtypes), label="forward")
    spec_call = forward_spec(op, forward.kwargs)
    if op.startswith("max_pool"):
        assume(not window_of_padding_only(spec_call))
    if op.startswith("conv_transpose"):
        assume(not crashes_half_precision_backward(spec_call))
    if op.startswith("adaptive"):
        assume(0 not in spec_call.pooled_size)
    dtype = forward["input"].dtype.name
    grad_output = arrays(draw, dtype, spec_call.output_shape, "grad_output")
    event(f"{op}_backward dtype {dtype}")
    return Call(f"{op}_backward", dict(grad_output=grad_output, **forward.kwargs))


def crashes_half_precision_backward(call: ConvTransposeCall) -> bool:
    """A float16 transposed call with, along some dimension, a kernel of size 1, a dilation above 1
    and a padding: the calls whose backward crashed torch 2.13 (oneDNN) in our runs."""
    return call.input_dtype == "float16" and any(
        k == 1 and d > 1 and p > 0 for k, d, p in zip(call.kernel, call.dilations, call.paddings))


def small_integers(draw, shape, label: str) -> np.ndarray:
    """float64 values in [-3, 3] that are integers, so the inner products of the dot-product test
    are exact."""
    return arrays(draw, "int64", shape, label, values=st.integers(-3, 3)).astype(np.float64)
