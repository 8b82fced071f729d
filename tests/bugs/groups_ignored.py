"""conv2d whose output channels all read the first group's input channels (the input is never sliced per group); a classic grouped-convolution mistake."""

import numpy as np

import reference
from spec.conv import Conv2dCall, check_conv2d


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    # Checked first: an invalid call is rejected as the reference rejects it, not broken by the remap.
    check_conv2d(Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode))
    # Input channel c becomes a copy of channel c % (C_in / groups): every group sees the first's.
    in_per_group = weight.shape[1]
    first_group_everywhere = np.take(input, np.arange(input.shape[-3]) % in_per_group, axis=-3)
    return reference.conv2d(first_group_everywhere, weight, bias, stride, padding, dilation, groups,
                            padding_mode)
