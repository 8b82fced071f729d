"""max_unpool2d that reads each index as a flat offset into the whole output tensor (ONNX MaxPool's indices over N x C x H x W) instead of into the element's own plane, so every plane lands in the first; pytorch/pytorch#16455."""

import numpy as np

import reference
import reference.unpool

from ._patch import patched


def _scatter_over_whole_tensor(call, input, indices):
    out = np.zeros(call.output_shape, dtype=input.dtype)
    out.reshape(-1)[indices.reshape(-1)] = input.reshape(-1)
    return out


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    # The reference still checks the call and takes the output shape from the spec.
    with patched(reference.unpool, "_max_unpool", _scatter_over_whole_tensor):
        return reference.max_unpool2d(input, indices, kernel_size, stride, padding, output_size)
