"""max_pool2d that reads the height's dilation for the width too (dilation[0] used twice); the typo fixed in tracel-ai/burn#4466."""

import reference
from reference._window import window_taps

from ._patch import patched


def _taps_with_height_dilation(position, stride, dilation, kernel, start=None):
    return window_taps(position, stride, (dilation[0], dilation[0]), kernel, start)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    with patched(reference.pool, "window_taps", _taps_with_height_dilation):
        return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
