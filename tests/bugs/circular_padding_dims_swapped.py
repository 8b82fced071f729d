"""conv2d whose padding_mode='circular' applies the height padding to the width and vice versa; the regression of pytorch/pytorch#37844."""

import reference
from reference._window import pad
from spec.conv import Conv2dCall, check_conv2d


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    call = Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    check_conv2d(call)
    if padding_mode != "circular":
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    return reference.conv2d(pad(input, call.paddings[::-1], "circular"), weight, bias, stride, 0, dilation, groups)
