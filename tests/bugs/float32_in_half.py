"""float32 convolutions computed in float16 and cast back (an autocast / mixed-precision mistake)."""

import numpy as np

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    if input.dtype != np.float32:
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    half = reference.conv2d(input.astype(np.float16), weight.astype(np.float16),
                            None if bias is None else bias.astype(np.float16),
                            stride, padding, dilation, groups, padding_mode)
    return half.astype(np.float32)
