"""Strategies for lp_pool1d/2d/3d.

norm_type is drawn from integer, fractional and infinite values (as int or float); the input's
values by kind: all positive, mixed sign (odd and fractional p then meet negative sums and
negative bases, NaN by construction), or mostly zeros (zero windows). Ceil mode with a stride that
leaves a partial last window is drawn often, as that window's sum is scaled by K / D.
"""

from __future__ import annotations

import math

from hypothesis import event
from hypothesis import strategies as st

from spec.lp_pool import LP_POOL3D_DTYPES, LP_POOL_DTYPES

from ..calls import Call
from .common import FLOAT_BOUND, arrays, one_dim_broken, with_changes
from .family import _leading

_KERNEL = {1: 3, 2: 3, 3: 2}
_SIZE = {1: 6, 2: 4, 3: 3}
NORMS = [1, 2, 3, 4, 1.5, 2.5, 0.5, math.inf, -math.inf]


def _values(kind: str):
    return {"positive": st.floats(2.0 ** -4, FLOAT_BOUND, width=16),
            "mixed sign": st.floats(-FLOAT_BOUND, FLOAT_BOUND, width=16, allow_subnormal=False),
            "mostly zeros": st.sampled_from([0.0, 0.0, 0.0, -1.5, 2.0])}[kind]


@st.composite
def configs(draw, op: str, empty_ok: bool = True) -> dict:
    rank = int(op[-2])
    dtypes = [d for d in (LP_POOL3D_DTYPES if rank == 3 else LP_POOL_DTYPES) if d != "bfloat16"]
    kernel = tuple(draw(st.integers(1, _KERNEL[rank]), label="kernel") for _ in range(rank))
    stride = None if draw(st.booleans(), label="default stride") else tuple(
        draw(st.integers(1, 3), label="stride") for _ in range(rank))
    # Ceil mode three draws in four: its partial last window is the one place the K / D scaling
    # shows, and every window but that one is a floor-mode window, so floor mode's bugs show too.
    ceil_mode = draw(st.sampled_from([True, True, True, False]), label="ceil_mode")
    # lp_pool3d wants the input at least the kernel; 1-D and 2-D, in ceil mode, take a partial window.
    lowest = [k if rank == 3 or not ceil_mode else 1 for k in kernel]
    sizes = [draw(st.integers(low, _SIZE[rank] + 1), label="size") for low in lowest]
    # By construction in ceil mode: a last window that runs past the end of the first dimension
    # (n < k, or n - k not a multiple of the stride), the one window torch scales by K / D; without
    # one, ceil mode computes what floor mode does. The other dimensions' sizes are drawn freely.
    step = kernel[0] if stride is None else stride[0]
    partial = [n for n in range(lowest[0], _SIZE[rank] + 2) if n < kernel[0] or (n - kernel[0]) % step]
    if ceil_mode and partial:
        sizes[0] = draw(st.sampled_from(partial), label="size")
    sizes = tuple(sizes)
    if ceil_mode and stride is not None and any(n < k for n, k in zip(sizes, kernel)):
        stride = kernel  # a window must start inside: keep the first one
    norm = draw(st.sampled_from(NORMS), label="norm_type")
    if float(norm).is_integer() and draw(st.booleans(), label="norm_type as float"):
        norm = float(norm)
    values = draw(st.sampled_from(["positive", "mixed sign", "mostly zeros"]), label="values")
    event(f"{op} norm_type {norm!r}, values {values}, ceil_mode {ceil_mode}")
    if stride is not None and len(set(stride)) == 1 and draw(st.booleans(), label="stride as int"):
        stride = stride[0]
    kernel_form = kernel[0] if rank == 1 or (len(set(kernel)) == 1 and draw(st.booleans(), label="kernel as int")) \
        else draw(st.sampled_from([tuple, list]), label="kernel form")(kernel)
    return dict(op=op, dtype=draw(st.sampled_from(dtypes), label="dtype"), values=values,
                input_shape=_leading(draw, draw(st.integers(1, 2), label="C"), empty_ok) + sizes,
                norm_type=norm, kernel_size=kernel_form, stride=stride, ceil_mode=ceil_mode)


@st.composite
def call_of(draw, c: dict) -> Call:
    float_input = c["dtype"] in LP_POOL_DTYPES
    x = arrays(draw, c["dtype"], c["input_shape"], "input", values=_values(c["values"]) if float_input else None)
    return Call(c["op"], dict(input=x, **{k: c[k] for k in ("norm_type", "kernel_size", "stride", "ceil_mode")}))


def calls(op: str, empty_ok: bool = True):
    return configs(op, empty_ok).flatmap(call_of)


def _rank(c) -> int:
    return int(c["op"][-2])


def _spatial(c):
    return c["input_shape"][-_rank(c):]


def _finite_norm(c: dict) -> dict:
    norm = c.get("norm_type", 2)
    return with_changes(c, norm_type=2) if isinstance(norm, (int, float)) and abs(norm) == float("inf") else c


BREAKERS = {
    "input_rank": lambda draw, c: with_changes(c, input_shape=draw(st.sampled_from(
        [_spatial(c), (1,) * (_rank(c) + 3 - len(c["input_shape"])) + c["input_shape"]]), label="input shape")),
    # A finite p: with p = +-inf torch hands the call to max pooling, whose forms differ (lp_pool1d
    # then takes kernel_size=(1,)).
    "parameter_form": lambda draw, c: with_changes(_finite_norm(c), **draw(st.sampled_from(
        [{"norm_type": "two"}, {"norm_type": None}, {"stride": (1,) * (_rank(c) + 1)}, {"kernel_size": 1.5}]
        + ([{"kernel_size": (1,)}] if _rank(c) > 1 else [{"kernel_size": (1,)}])), label="malformed parameter")),
    "positive_norm_type": lambda draw, c: with_changes(c, norm_type=draw(st.sampled_from([0, 0.0]), label="norm_type")),
    "positive_kernel": lambda draw, c: with_changes(c, kernel_size=0 if _rank(c) == 1 else one_dim_broken(
        draw, (1,) * _rank(c), st.just(0)), stride=1),
    "positive_stride": lambda draw, c: with_changes(c, stride=one_dim_broken(draw, (1,) * _rank(c), st.integers(-1, 0))),
    "non_empty_input": lambda draw, c: with_changes(
        c, input_shape=c["input_shape"][:-_rank(c) - 1] + one_dim_broken(
            draw, c["input_shape"][-_rank(c) - 1:], st.just(0))),
    "output_not_empty": lambda draw, c: with_changes(c, kernel_size=9 if _rank(c) == 1 else one_dim_broken(
        draw, (1,) * _rank(c), st.just(9)), stride=1, ceil_mode=False),
    # norm_type 2: an infinite one is max pooling of |x|, which takes more dtypes (Rule.torch).
    "supported_dtype": lambda draw, c: with_changes(c, norm_type=2, dtype=draw(st.sampled_from(
        ["complex64", "complex128"] + (["float16"] if _rank(c) == 3 else [])), label="unsupported dtype")),
    "lp_pool3d_input_at_least_kernel": lambda draw, c: with_changes(
        c, norm_type=2, kernel_size=3, stride=3, ceil_mode=True, input_shape=c["input_shape"][:-3] + one_dim_broken(
            draw, (3, 3, 3), st.just(2))),
}


def breakers(op: str) -> list[str]:
    return [name for name in BREAKERS if op == "lp_pool3d" or name != "lp_pool3d_input_at_least_kernel"]


@st.composite
def invalid_calls(draw, op: str, rule: str) -> Call:
    config = draw(configs(op, empty_ok=False), label="valid config")
    event(f"{op} broken rule: {rule}")
    return draw(call_of(BREAKERS[rule](draw, config)), label="call")
