"""conv2d that drops the bias; a classic mistake."""

import reference

from ._as_given import checked


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    checked("conv2d", input=input, weight=weight, bias=bias, stride=stride, padding=padding, dilation=dilation,
            groups=groups, padding_mode=padding_mode)
    return reference.conv2d(input, weight, None, stride, padding, dilation, groups, padding_mode)
