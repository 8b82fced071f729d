"""avg_pool2d that, with count_include_pad, always divides by kH * kW, counting the part of a ceil-mode window that runs past the padding; apple/coremltools#2844, robertknight/rten#1456, pytorch/xla#746."""

import reference
from spec.pool import Pool2dCall


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    if count_include_pad and divisor_override is None:
        kh, kw = Pool2dCall.avg(input, kernel_size, stride, padding).kernel
        divisor_override = kh * kw
    return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
