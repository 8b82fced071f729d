"""conv3d that reads stride, padding and dilation as (H, D, W): max_pool3d's swapped-argument slip (pool_depth_height_swapped) in the convolution."""

import reference

from ._as_given import checked
from .pool_depth_height_swapped import _swapped


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    checked("conv3d", input=input, weight=weight, bias=bias, stride=stride, padding=padding, dilation=dilation,
            groups=groups, padding_mode=padding_mode)
    padding = padding if isinstance(padding, str) else _swapped(padding)
    return reference.conv3d(input, weight, bias, _swapped(stride), padding, _swapped(dilation), groups, padding_mode)
