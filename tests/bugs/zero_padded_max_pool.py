"""max_pool2d that pads with zeros (as conv does) instead of ignoring the padding; as TFLite does for windows of padding only, webmachinelearning/webnn#935."""

import numpy as np

import reference
from spec.pool import Pool2dCall


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    call = Pool2dCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    result = reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    values = result[0] if return_indices else result
    if max(call.paddings) > 0 and input.dtype.kind == "f":
        values[...] = np.maximum(values, 0)  # a window reaching into the padding would see a 0
    return result
