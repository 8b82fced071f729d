"""avg_pool2d that rejects a negative divisor_override, which torch accepts (only 0 is invalid); an over-strict validity check."""

import reference


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    if divisor_override is not None and divisor_override < 0:
        raise ValueError("divisor_override must be positive")
    return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
