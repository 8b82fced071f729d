"""lp_pool1d that sums x^p over only the taps a ceil-mode window holds, where torch (avg_pool of x^p times the kernel size) scales that sum up by K / D; a classic mistake of a direct (sum x^p)^(1/p) loop."""

import math

import reference
import reference.lp_pool
from reference._exact import exact_sum
from spec.lp_pool import LpPoolCall

from ._patch import patched


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    kernel_size_of = math.prod(LpPoolCall.of(input, norm_type, kernel_size, stride, ceil_mode, rank=1).kernel)

    def sum_over_taps(powers):
        # The reference multiplies the sum by K / D (D = powers.size): D / K here undoes that.
        return exact_sum(powers) * powers.size / kernel_size_of
    with patched(reference.lp_pool, "exact_sum", sum_over_taps):
        return reference.lp_pool1d(input, norm_type, kernel_size, stride, ceil_mode)
