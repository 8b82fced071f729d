"""lp_pool1d that sums x^p over only the taps a ceil-mode window holds, where torch (avg_pool of x^p times the kernel size) scales that sum up by K / D; a classic mistake of a direct (sum x^p)^(1/p) loop."""

import reference
import reference.lp_pool

from ._patch import patched


def _sum_as_is(power_sum, kernel_size, taps):
    return power_sum


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    with patched(reference.lp_pool, "scaled_power_sum", _sum_as_is):
        return reference.lp_pool1d(input, norm_type, kernel_size, stride, ceil_mode)
