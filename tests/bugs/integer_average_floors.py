"""avg_pool2d whose int64 division floors (Python's //: -7 // 2 = -4) instead of truncating toward zero as torch (C++) does; a classic mistake."""

import reference
from reference._exact import round_to
from reference.pool import _divide

from ._patch import patched


def _floor_divide(total, divisor, dtype):
    if dtype.kind not in "iu":
        return _divide(total, divisor, dtype)
    return round_to(int(round_to(total, dtype)) // divisor, dtype)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    with patched(reference.pool, "_divide", _floor_divide):
        return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                                    divisor_override)
