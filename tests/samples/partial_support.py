"""A conv2d that implements only float16/32/64 and the zeros and reflect padding modes, raising
NotImplementedError (or spec.Unsupported) for the rest, and applies the stride by subsampling
(tests.bugs.stride_by_subsampling) in what it does implement. Its max_pool2d declares up front
that it lacks ceil_mode (UNSUPPORTED), and is otherwise the reference."""

import numpy as np

import reference
from spec import Unsupported
from tests.bugs.stride_by_subsampling import conv2d as _strided_wrongly

UNSUPPORTED = {"max_pool2d": {"ceil_mode": [True]}}


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    if np.asarray(input).dtype.name not in ("float16", "float32", "float64"):
        raise NotImplementedError(f"dtype {np.asarray(input).dtype.name}")
    if padding_mode not in ("zeros", "reflect"):
        raise Unsupported(f"padding_mode={padding_mode!r}")
    return _strided_wrongly(input, weight, bias, stride, padding, dilation, groups, padding_mode)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if ceil_mode:
        raise Unsupported("ceil_mode=True")
    return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
