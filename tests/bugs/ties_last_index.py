"""max_pool2d that compares with >= so that, of equal maxima, the last in the window wins (its index is returned) instead of the first; a classic mistake."""

import reference

from ._patch import patched


def _replaces_on_ties(value, best) -> bool:
    return value >= best or value != value  # value != value: NaN


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    with patched(reference.pool, "_replaces", _replaces_on_ties):
        return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
