"""avg_pool2d that averages int64 input in float64 and truncates back, so sums beyond 2**53 lose digits and never wrap as torch's do; compare google/torchax#104."""

import numpy as np

import reference


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    if input.dtype != np.int64:
        return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                                    divisor_override)
    result = reference.avg_pool2d(input.astype(np.float64), kernel_size, stride, padding, ceil_mode,
                                  count_include_pad, divisor_override)
    with np.errstate(invalid="ignore"):
        return result.astype(np.int64)
