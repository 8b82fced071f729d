"""float64 (and complex128) convolutions computed in single precision, then cast back; a classic mistake (a float32-only kernel behind a float64 API)."""

import numpy as np

import reference

from ._as_given import checked

_SINGLE = {np.dtype(np.float64): np.float32, np.dtype(np.complex128): np.complex64}


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    checked("conv2d", input=input, weight=weight, bias=bias, stride=stride, padding=padding, dilation=dilation,
            groups=groups, padding_mode=padding_mode)
    single = _SINGLE.get(input.dtype)
    if single is None:
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    result = reference.conv2d(input.astype(single), weight.astype(single),
                              None if bias is None else bias.astype(single),
                              stride, padding, dilation, groups, padding_mode)
    return result.astype(input.dtype)
