"""max_pool2d that pools integers on a float64 copy (to have -inf for the padding), so int64 values beyond 2**53 come back changed; a classic mistake."""

import numpy as np

import reference

from ._as_given import checked


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    checked("max_pool2d", input=input, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation,
            ceil_mode=ceil_mode, return_indices=return_indices)
    if input.dtype.kind not in "iu":
        return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    result = reference.max_pool2d(input.astype(np.float64), kernel_size, stride, padding, dilation, ceil_mode,
                                  return_indices)
    values = result[0] if return_indices else result
    with np.errstate(invalid="ignore"):
        values = values.astype(input.dtype)
    return (values, result[1]) if return_indices else values
