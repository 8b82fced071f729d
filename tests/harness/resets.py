"""One option of a valid call set back to its default, the rest of the call kept: how the hunt
tells which options a divergence depends on.

``reset(call, feature)`` gives the changed call, or None when the option is at its default
already or cannot be reset while keeping the call valid (the spec decides). Grouped convolution
resets to groups=1 with a block-diagonal weight, which computes the same result.
"""

from __future__ import annotations

import numpy as np

from spec.conv import Conv2dCall, check_conv2d
from spec.pool import check_pool2d
from spec.rules import SpecViolation

from ..calls import Call
from .features import DEFAULTS, features, spec_call


def _float32(array):
    if array is None:
        return None
    return (array.real if array.dtype.kind == "c" else array).astype(np.float32)


def _batched(array):
    if array.ndim == 3:  # unbatched (C, H, W)
        return array[np.newaxis]
    return np.ones((1,) + array.shape[1:], dtype=array.dtype)  # an empty batch: one sample


def _dense_weight(call: Call):
    """The weight of groups=1 that computes what the grouped call does: zero outside each group."""
    weight, groups = call["weight"], call["groups"]
    out_channels, in_per_group = weight.shape[:2]
    dense = np.zeros((out_channels, in_per_group * groups) + weight.shape[2:], dtype=weight.dtype)
    for o in range(out_channels):
        group = o // (out_channels // groups)
        dense[o, group * in_per_group:(group + 1) * in_per_group] = weight[o]
    return dense


_CONV2D = {
    "dtype": lambda c: {name: _float32(c[name]) for name in ("input", "weight", "bias")},
    "padding": lambda c: {"padding": 0},
    "padding_mode": lambda c: {"padding_mode": "zeros"},
    "stride": lambda c: {"stride": 1},
    "dilation": lambda c: {"dilation": 1},
    "groups": lambda c: {"groups": 1, "weight": _dense_weight(c)},
    "bias": lambda c: {"bias": None},
    "batch": lambda c: {"input": _batched(c["input"])},
}

_POOL2D = {
    "dtype": lambda c: {"input": _float32(c["input"])},
    "padding": lambda c: {"padding": 0},
    "stride": lambda c: {"stride": None},
    "dilation": lambda c: {"dilation": 1},
    "ceil_mode": lambda c: {"ceil_mode": False},
    "return_indices": lambda c: {"return_indices": False},
    "count_include_pad": lambda c: {"count_include_pad": True},
    "divisor_override": lambda c: {"divisor_override": None},
    "batch": lambda c: {"input": _batched(c["input"])},
}


def _valid(call: Call) -> bool:
    try:
        spec = spec_call(call)
        (check_conv2d if isinstance(spec, Conv2dCall) else check_pool2d)(spec)
    except (SpecViolation, TypeError, ValueError):
        return False
    return True


def reset(call: Call, feature: str) -> Call | None:
    if features(call)[feature] == DEFAULTS[call.op][feature]:
        return None
    changes = (_CONV2D if call.op == "conv2d" else _POOL2D)[feature](call)
    changed = Call(call.op, dict(call.kwargs, **changes))
    return changed if _valid(changed) else None


def changed_options(call: Call) -> dict:
    """The options of ``call`` that are not at their default, name -> value."""
    return {name: value for name, value in features(call).items() if value != DEFAULTS[call.op][name]}
