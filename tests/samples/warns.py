"""The reference's max_pool2d, after a numpy step that warns "invalid value encountered in
subtract" on an input holding an infinity (as a numpy port's normalisation might): correct
results, and warnings that are the implementation's, not failures."""

import numpy as np

import reference


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if input.dtype.kind == "f":
        input - input  # inf - inf: numpy's RuntimeWarning, as in a port that centres its input
    return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
