"""max_pool2d that uses the dilation for the output size but reads contiguous, undilated windows; xboot/libonnx#24 (and sonos/tract#2847, which ignored it altogether)."""

import reference
from reference._window import window_taps

from ._patch import patched


def _undilated_taps(position, stride, dilation, kernel, start=None):
    return window_taps(position, stride, (1, 1), kernel, start)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    with patched(reference.pool, "window_taps", _undilated_taps):
        return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
