"""conv2d whose integer results saturate at the dtype's limits instead of wrapping as torch's do; as openvinotoolkit/openvino#35651 reports for int8 Add."""

import numpy as np

import reference
from reference._exact import round_to

from ._patch import patched


def _saturating_round_to(value, dtype):
    """In place of reference._exact.round_to, which the reference hands each exact sum: an integer
    sum is clipped to the dtype's range instead of wrapped."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        value = min(max(value, int(info.min)), int(info.max))
    return round_to(value, dtype)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    with patched(reference.conv, "round_to", _saturating_round_to):
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
