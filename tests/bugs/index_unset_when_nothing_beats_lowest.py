"""max_pool2d that starts from index -1 and a running maximum of -inf (the dtype's minimum for integers), so a window whose maximum is that value keeps index -1; pytorch/pytorch#1465, tile-ai/TileOPs#832."""

import numpy as np

import reference
from reference.pool import _lowest


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    result = reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    if not return_indices:
        return result
    values, indices = result
    return values, np.where(values == _lowest(input.dtype), -1, indices)
