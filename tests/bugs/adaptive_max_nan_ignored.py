"""adaptive_max_pool1d that skips NaN (a window of NaN and numbers gives the largest number, an all-NaN one -inf), where torch propagates it; pytorch/pytorch#7645."""

import reference
import reference.adaptive_pool

from ._patch import patched
from .nan_ignored import _replaces_if_greater


def adaptive_max_pool1d(input, output_size, return_indices=False):
    with patched(reference.adaptive_pool, "_replaces", _replaces_if_greater):
        return reference.adaptive_max_pool1d(input, output_size, return_indices)
