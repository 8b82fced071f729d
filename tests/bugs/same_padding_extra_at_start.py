"""conv2d whose padding='same' puts the odd extra row/column at the top/left (ONNX SAME_LOWER) instead of the bottom/right; the swap fixed in root-project/root#21793."""

import reference
from reference._window import pad
from spec.conv import Conv2dCall, check_conv2d


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    call = Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    check_conv2d(call)
    if padding != "same":
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    x = pad(input, [(after, before) for before, after in call.paddings], padding_mode)
    return reference.conv2d(x, weight, bias, stride, 0, dilation, groups)
