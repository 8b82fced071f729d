"""max_pool2d whose indices count the planes before the window's (ONNX MaxPool's flat index over the whole tensor) instead of restarting in each (H, W) plane; sonos/tract#2860."""

import numpy as np

import reference


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    result = reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    if not return_indices:
        return result
    values, indices = result
    plane_size = input.shape[-2] * input.shape[-1]
    planes = np.arange(int(np.prod(indices.shape[:-2]))).reshape(indices.shape[:-2] + (1, 1))
    return values, indices + planes * plane_size
