"""Strategies for max_unpool1d/2d/3d.

The indices come either from max pooling a drawn input with the same kernel, stride and padding
(the round trip; a stride below the kernel makes windows overlap, so the same index appears more
than once), or drawn at random in the output plane from a few positions (duplicates by
construction). output_size is drawn in its allowed range, default - stride < m < default + stride,
or as max pooling's input size, which that range always holds in floor mode.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import event
from hypothesis import strategies as st

import reference
from spec.shapes import conv_transpose_output_size
from spec.unpool import MAX_UNPOOL_DTYPES, MaxUnpoolCall

from ..calls import Call
from .common import arrays, one_dim_broken, with_changes
from .family import _leading

DTYPES = [name for name in MAX_UNPOOL_DTYPES if name != "bfloat16"]
_KERNEL = {1: 3, 2: 3, 3: 2}
_SIZE = {1: 6, 2: 4, 3: 3}


def _form(draw, values, label):
    """An int where every entry is the same (if drawn so), else a tuple or list (no one-entry
    sequence: max_unpool does not repeat one)."""
    if len(set(values)) == 1 and draw(st.booleans(), label=f"{label} as int"):
        return values[0]
    return draw(st.sampled_from([tuple, list]), label=f"{label} form")(values)


@st.composite
def configs(draw, op: str, empty_ok: bool = True) -> dict:
    """Everything but the arrays, and the pooled input's size (``source``) the indices come from."""
    rank = int(op[-2])
    kernel = tuple(draw(st.integers(1, _KERNEL[rank]), label="kernel") for _ in range(rank))
    stride = tuple(draw(st.integers(1, 3), label="stride") for _ in range(rank))
    padding = tuple(draw(st.integers(0, k // 2), label="padding") for k in kernel)
    source = tuple(draw(st.integers(max(1, k - 2 * p), _SIZE[rank] + 1), label="pooled size")
                   for k, p in zip(kernel, padding))
    event(f"{op} windows: {'overlapping' if any(s < k for s, k in zip(stride, kernel)) else 'apart'}")
    return dict(op=op, dtype=draw(st.sampled_from(DTYPES), label="dtype"), kernel=kernel, stride=stride,
                padding=padding, source=source, leading=_leading(draw, draw(st.integers(1, 2), label="C"), empty_ok),
                indices_from=draw(st.sampled_from(["max_pool", "random"]), label="indices from"))


@st.composite
def call_of(draw, c: dict) -> Call:
    op, rank = c["op"], int(c["op"][-2])
    pool_kwargs = dict(kernel_size=c["kernel"], stride=c["stride"], padding=c["padding"])
    x = arrays(draw, c["dtype"], c["leading"] + c["source"], "pooled input")
    values, indices = getattr(reference, f"max_pool{rank}d")(x, **pool_kwargs, return_indices=True)
    pooled = values.shape[-rank:]
    default = tuple(conv_transpose_output_size(n, k, s, p) for n, k, s, p in
                    zip(pooled, c["kernel"], c["stride"], c["padding"]))
    output_size = draw(st.sampled_from(["default", "source", "in range"]), label="output_size kind")
    if min(default) < 1:  # padding ate the whole default (e.g. k = 2, p = 1, one window): only the source fits
        output_size = "source"
    sizes = {"default": default, "source": c["source"],
             "in range": tuple(draw(st.integers(max(1, d - s + 1), d + s - 1), label="output size")
                               for d, s in zip(default, c["stride"]))}[output_size]
    if c["indices_from"] == "random" or math.prod(sizes) <= indices.max(initial=-1):
        # The pooled input's positions do not all fit this output: indices from a few positions of it.
        few = draw(st.lists(st.integers(0, math.prod(sizes) - 1), min_size=1, max_size=3), label="positions")
        indices = draw(st.lists(st.sampled_from(few), min_size=indices.size, max_size=indices.size),
                       label="indices")
        indices = np.array(indices, dtype=np.int64).reshape(values.shape)
        event(f"{op} indices: random")
    else:
        event(f"{op} indices: max_pool's")
    if draw(st.booleans(), label="fresh values"):
        values = arrays(draw, c["dtype"], values.shape, "input")
    given = None if output_size == "default" and draw(st.booleans(), label="output_size omitted") else sizes
    if given is not None and draw(st.booleans(), label="output_size with N, C"):
        given = (7, 7) + tuple(given)
    event(f"{op} output_size: {output_size if given is not None else 'None'}")
    return Call(op, dict(input=values, indices=indices, kernel_size=_form(draw, c["kernel"], "kernel_size"),
                         stride=_form(draw, c["stride"], "stride") if c["stride"] != c["kernel"] or draw(
                             st.booleans(), label="stride given") else None,
                         padding=_form(draw, c["padding"], "padding"),
                         output_size=None if given is None else draw(st.sampled_from([tuple, list]),
                                                                     label="output_size form")(given)))


def calls(op: str, empty_ok: bool = True):
    return configs(op, empty_ok).flatmap(call_of)


def _rank(call: Call) -> int:
    return int(call.op[-2])


def _spatial_default(call: Call):
    return MaxUnpoolCall.of(**call.kwargs, rank=_rank(call))


def _changed(call: Call, **changes) -> Call:
    return Call(call.op, with_changes(call.kwargs, **changes))


def _output_size_off(draw, call: Call) -> Call:
    """output_size at default - stride or default + stride in one dimension: just out of range."""
    spec_call = _spatial_default(_changed(call, output_size=None))
    sizes, i = list(spec_call.default_size), draw(st.integers(0, _rank(call) - 1), label="broken dimension")
    sizes[i] += draw(st.sampled_from([-1, 1]), label="side") * spec_call.strides[i]
    return _changed(call, output_size=tuple(sizes))


# Each breaker: (draw, a valid call with a non-empty batch) -> a call whose first broken rule is
# the one named. They edit the call itself, as the indices are part of what a rule reads.
BREAKERS = {
    "input_rank": lambda draw, c: _changed(c, input=c["input"][np.newaxis, np.newaxis],
                                           indices=c["indices"][np.newaxis, np.newaxis]),
    "parameter_form": lambda draw, c: _changed(c, **draw(st.sampled_from(
        [{"kernel_size": 2.0, "output_size": None}, {"output_size": (4,) * (_rank(c) + 1)}]
        + ([{"stride": (1,)}, {"kernel_size": (2,)}] if _rank(c) > 1 else [])
        + ([{"padding": (0,) * 4}] if _rank(c) == 3 else [])), label="malformed parameter")),
    "indices_dtype": lambda draw, c: _changed(c, indices=c["indices"].astype(draw(st.sampled_from(
        [np.int32, np.float32]), label="indices dtype"))),
    "indices_shape": lambda draw, c: _changed(c, indices=np.concatenate([c["indices"]] * 2, axis=-1)),
    "positive_kernel": lambda draw, c: _changed(c, kernel_size=0, stride=None, output_size=None),
    "positive_stride": lambda draw, c: _changed(c, stride=one_dim_broken(draw, (1,) * _rank(c), st.integers(-1, 0)),
                                                output_size=None),
    "non_empty_input": lambda draw, c: _changed(c, input=c["input"][..., :0, :] if _rank(c) > 1 else c["input"][:, :0],
                                                indices=c["indices"][..., :0, :] if _rank(c) > 1 else c["indices"][:, :0]),
    "output_size_in_range": _output_size_off,
    "indices_in_range": lambda draw, c: _changed(c, indices=c["indices"] + draw(st.sampled_from(
        [-1 - int(c["indices"].max()), 10 ** 4]), label="shift")),
    "supported_dtype": lambda draw, c: _changed(c, input=c["input"].astype(draw(st.sampled_from(
        [np.int64, np.int32, np.complex64]), label="unsupported dtype"))),
}


def breakers(op: str) -> list[str]:
    """The rules of ``op`` torch raises for (1-D and 2-D take a zero kernel or stride: Rule.torch)."""
    return [name for name in BREAKERS if op == "max_unpool3d" or name not in ("positive_kernel", "positive_stride")]


@st.composite
def invalid_calls(draw, op: str, rule: str) -> Call:
    call = draw(calls(op, empty_ok=False), label="valid call")
    event(f"{op} broken rule: {rule}")
    return BREAKERS[rule](draw, call)
