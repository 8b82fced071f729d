"""conv2d that returns float16 and float32 results in the float64 of its accumulator instead of the input's dtype; a classic mistake."""

import numpy as np

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    result = reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    return result.astype(np.float64) if input.dtype in (np.float16, np.float32) else result
