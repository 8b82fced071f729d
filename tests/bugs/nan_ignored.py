"""max_pool2d that skips NaN (np.nanmax-like: a window of NaN and numbers gives the largest number, an all-NaN window -inf), where torch propagates it; pytorch/pytorch#7645, tracel-ai/burn#5662."""

import reference

from ._patch import patched


def _replaces_if_greater(value, best) -> bool:
    return value > best  # False whenever value is NaN


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    with patched(reference.pool, "_replaces", _replaces_if_greater):
        return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
