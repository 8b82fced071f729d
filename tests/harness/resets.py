"""One option of a valid call set back to its default, the rest of the call kept: how the hunt
tells which options a divergence depends on.

``reset(call, feature)`` gives the changed call, or None when the option is at its default
already or cannot be reset while keeping the call valid (the spec decides). A grouped convolution
resets to groups=1 with a block-diagonal weight, which computes the same result.
"""

from __future__ import annotations

import numpy as np

from spec.rules import SpecViolation, first_violation

from ..calls import Call
from ..checks import rules_of
from .features import DEFAULTS, features, spec_call


def _float32(array):
    if array is None:
        return None
    return (array.real if array.dtype.kind == "c" else array).astype(np.float32)


def _batched(array, rank: int):
    if array.ndim == rank + 1:  # unbatched (C, *spatial)
        return array[np.newaxis]
    return np.ones((1,) + array.shape[1:], dtype=array.dtype)  # an empty batch: one sample


def _dense_weight(call: Call):
    """The weight of groups=1 that computes what the grouped call does: zero outside each group.
    conv's weight is (C_out, C_in / groups, k...), conv_transpose's (C_in, C_out / groups, k...);
    either way its first axis splits into the groups, and the second widens by ``groups``."""
    weight, groups = call["weight"], call["groups"]
    first, per_group = weight.shape[:2]
    dense = np.zeros((first, per_group * groups) + weight.shape[2:], dtype=weight.dtype)
    for i in range(first):
        group = i // (first // groups)
        dense[i, group * per_group:(group + 1) * per_group] = weight[i]
    return dense


_SHARED = {
    "padding": lambda c: {"padding": 0},
    "dilation": lambda c: {"dilation": 1},
    "batch": lambda c: {"input": _batched(c["input"], c.rank)},
}

_WEIGHTED = dict(_SHARED, **{
    "dtype": lambda c: {name: _float32(c.get(name)) for name in ("input", "weight", "bias")},
    "padding_mode": lambda c: {"padding_mode": "zeros"},
    "stride": lambda c: {"stride": 1},
    "groups": lambda c: {"groups": 1, "weight": _dense_weight(c)},
    "bias": lambda c: {"bias": None},
    "output_padding": lambda c: {"output_padding": 0},
    "output_size": lambda c: {"output_size": None},
})

def _default_output(c) -> dict:
    """Adaptive pooling: the input's own size (windows of one element); unpooling: the default size;
    fractional pooling: output_ratio given as the output_size it gives."""
    if c.op.startswith("adaptive"):
        return {"output_size": tuple(spec_call(c).input_size)}
    if c.op.startswith("fractional"):
        return {"output_size": spec_call(c).pooled_size, "output_ratio": None}
    return {"output_size": None}


_POOL = dict(_SHARED, **{
    # fractional pooling's samples must keep the input's dtype
    "dtype": lambda c: {name: _float32(c[name]) for name in ("input", "_random_samples") if name in c.kwargs},
    "stride": lambda c: {"stride": None},
    "ceil_mode": lambda c: {"ceil_mode": False},
    "return_indices": lambda c: {"return_indices": False},
    "count_include_pad": lambda c: {"count_include_pad": True},
    "divisor_override": lambda c: {"divisor_override": None},
    "norm_type": lambda c: {"norm_type": 2},
    "output_size": _default_output,
    "output": _default_output,
    # unpooling's indices have the input's shape
    "batch": lambda c: {name: _batched(c[name], c.rank) for name in ("input", "indices") if name in c.kwargs},
})


class _Ranked(Call):
    @property
    def rank(self) -> int:
        return len(spec_call(self).input_size)


def _valid(call: Call) -> bool:
    try:
        return first_violation(rules_of(call.op)[1:], spec_call(call)) is None  # [1:]: input_is_array, checked by spec_call
    except (SpecViolation, TypeError, ValueError):
        return False


def reset(call: Call, feature: str) -> Call | None:
    if features(call)[feature] == DEFAULTS[call.op][feature]:
        return None
    changes = (_POOL if "pool" in call.op else _WEIGHTED)[feature](_Ranked(call.op, call.kwargs))
    changed = Call(call.op, dict(call.kwargs, **changes))
    return changed if _valid(changed) else None


def changed_options(call: Call) -> dict:
    """The options of ``call`` that are not at their default, name -> value."""
    return {name: value for name, value in features(call).items() if value != DEFAULTS[call.op][name]}
