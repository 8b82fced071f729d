"""conv2d that pads with zeros when padding_mode='replicate' (an unknown mode falling back to the default); a classic mistake."""

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    mode = "zeros" if padding_mode == "replicate" else padding_mode
    return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, mode)
