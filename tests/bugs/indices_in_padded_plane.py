"""max_pool2d whose indices are flat offsets into the padded (H + 2p, W + 2p) plane instead of the unpadded one; the confusion of tensorflow/tensorflow#10216."""

import reference
from spec.pool import Pool2dCall


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    result = reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    if not return_indices:
        return result
    call = Pool2dCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    (ph, pw), width = call.paddings, call.input_size[1]
    values, indices = result
    return values, (indices // width + ph) * (width + 2 * pw) + indices % width + pw
