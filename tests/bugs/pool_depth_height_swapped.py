"""max_pool3d that reads kernel_size, stride, padding and dilation as (H, D, W): the kind of swapped-argument slip of pytorch/pytorch#36820 (max_pool3d's backward called with width and height exchanged) and Oneflow-Inc/oneflow#5908."""

import reference

from ._as_given import checked


def _swapped(value):
    """(a, b, c) as (b, a, c); an int or a one-entry sequence means the same in every dimension."""
    return (value[1], value[0], value[2]) if isinstance(value, (tuple, list)) and len(value) == 3 else value


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    checked("max_pool3d", input=input, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation,
            ceil_mode=ceil_mode, return_indices=return_indices)
    return reference.max_pool3d(input, _swapped(kernel_size), _swapped(stride), _swapped(padding),
                                _swapped(dilation), ceil_mode, return_indices)
