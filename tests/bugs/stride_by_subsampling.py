"""conv2d that applies the stride by subsampling the padded input, then convolving at stride 1 (the taps then lie stride * dilation apart); a classic mistake."""

import reference
from reference._window import pad
from spec.conv import Conv2dCall, check_conv2d


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    call = Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    check_conv2d(call)
    (sh, sw), x = call.strides, pad(input, call.paddings, padding_mode)
    return reference.conv2d(x[..., ::sh, ::sw], weight, bias, 1, 0, dilation, groups)
