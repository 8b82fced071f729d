"""conv2d that convolves sample by sample and stacks the results, so an empty batch (N = 0) raises; as in pytorch/pytorch#19599 and kornia/kornia#3594."""

import numpy as np

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    if input.ndim != 4:
        return reference.conv2d(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    return np.stack([reference.conv2d(sample, weight, bias, stride, padding, dilation, groups, padding_mode)
                     for sample in input])
