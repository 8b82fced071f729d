"""avg_pool2d that tests divisor_override for truth (if divisor_override: ...), so 0 silently means no override, where torch raises; a classic Python mistake."""

import reference


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                                divisor_override or None)
