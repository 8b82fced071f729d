"""avg_pool2d that, with count_include_pad=False, divides by the count of input elements and ignores divisor_override; pytorch/executorch#18616."""

import reference

from ._as_given import checked


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    checked("avg_pool2d", input=input, kernel_size=kernel_size, stride=stride, padding=padding, ceil_mode=ceil_mode,
            count_include_pad=count_include_pad, divisor_override=divisor_override)
    if not count_include_pad:
        divisor_override = None
    return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
