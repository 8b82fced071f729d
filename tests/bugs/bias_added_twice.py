"""conv2d that adds the bias twice (once in the kernel's sum, once more afterwards, as a fused epilogue would); a classic mistake."""

import numpy as np

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    result = reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    if bias is None:
        return result
    with np.errstate(over="ignore"):
        return (result + bias[:, np.newaxis, np.newaxis]).astype(result.dtype)
