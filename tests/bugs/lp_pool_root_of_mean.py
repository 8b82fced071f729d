"""lp_pool2d that takes the p-th root of the mean of x^p over the window instead of K times it (TFLite's L2_POOL_2D average); tensorflow/tensorflow#73742."""

import math

import reference
import reference.lp_pool
from reference.lp_pool import scaled_power_sums

from ._patch import patched


def _mean_of_powers(call, input):
    # The reference's K / D * sum over K: the sum over the D taps the window holds, divided by D.
    return scaled_power_sums(call, input) / math.prod(call.kernel)


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    with patched(reference.lp_pool, "scaled_power_sums", _mean_of_powers):
        return reference.lp_pool2d(input, norm_type, kernel_size, stride, ceil_mode)
