"""conv2d whose padding_mode='reflect' repeats the edge element (np.pad 'symmetric', TensorFlow's SYMMETRIC) instead of mirroring around it; the difference pytorch/pytorch#46240 describes."""

import numpy as np

import reference
from spec.conv import Conv2dCall, check_conv2d


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    call = Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    check_conv2d(call)
    if padding_mode != "reflect":
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    x = np.pad(input, [(0, 0)] * (input.ndim - 2) + list(call.paddings), mode="symmetric")
    return reference.conv2d(x, weight, bias, stride, 0, dilation, groups)
