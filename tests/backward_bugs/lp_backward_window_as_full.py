"""lp_pool2d backward that spreads each window's gradient over the full kernel size K, where the
forward (and torch's avg_pool of x^p) divides a ceil-mode window that runs past the input by the
D taps it covers: the K / D scaling of that window's sum is lost in the gradient, which is K / D
times too small there. A classic mistake of deriving the p-norm's gradient for full windows only
(no issue thread found)."""

import math

import reference
from reference.pool import _avg_windows

from ..bugs._patch import patched

OPERATOR = "lp_pool2d"


def _windows_of_full_kernel(call, plane_count):
    for plane, position, elements, _ in _avg_windows(call, plane_count):
        yield plane, position, elements, math.prod(call.kernel)


def lp_pool2d_backward(grad_output, input, norm_type, kernel_size, stride=None, ceil_mode=False):
    with patched(reference.lp_pool, "_avg_windows", _windows_of_full_kernel):
        return reference.lp_pool2d_backward(grad_output, input, norm_type, kernel_size, stride, ceil_mode)
