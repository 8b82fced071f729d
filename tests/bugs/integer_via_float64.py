"""conv2d that computes integer convolutions in float64 (as a float GEMM would), exact only below 2**53, then wraps to the dtype; a classic mistake."""

import numpy as np

import reference
from reference._exact import round_to
from spec.conv import Conv2dCall, check_conv2d


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    if input.dtype.kind not in "iu":
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    # Rejected as the reference rejects it, before float64 makes e.g. a dilated int8 call valid.
    check_conv2d(Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode))
    # Each product rounded to float64, their sum rounded once: an integer-valued float64.
    in_float64 = reference.conv2d(input.astype(np.float64), weight.astype(np.float64),
                                  None if bias is None else bias.astype(np.float64),
                                  stride, padding, dilation, groups, padding_mode)
    wrapped = [round_to(int(value), input.dtype) for value in in_float64.ravel()]
    return np.array(wrapped, dtype=input.dtype).reshape(in_float64.shape)
