"""max_pool1d whose ceil mode never drops a last window that would start in the right padding (max_pool2d's bug, tracel-ai/burn#5791, in one dimension)."""

import reference
import spec.pool

from ._patch import patched
from .ceil_mode_keeps_last_window import _rounded_up


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    # PoolCall.output_size (the reference's output shape and window count) reads this global.
    with patched(spec.pool, "pool_output_size", _rounded_up):
        return reference.max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
