"""conv2d that drops the bias; a classic mistake."""

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    return reference.conv2d(input, weight, None, stride, padding, dilation, groups, padding_mode)
