"""max_pool2d whose ceil mode rounds the window count up but never drops a last window that would start in the right padding; tracel-ai/burn#5791, the rule debated in pytorch/pytorch#45357."""

import reference
import spec.pool
from spec.shapes import pool_output_size

from ._patch import patched


def _rounded_up(size, kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    """spec.shapes.pool_output_size without its last step: ceil(span / s) + 1 windows in ceil mode."""
    if not ceil_mode:
        return pool_output_size(size, kernel, stride, padding, dilation, ceil_mode)
    stride = kernel if stride is None else stride
    return -(-(size + 2 * padding - dilation * (kernel - 1) - 1) // stride) + 1


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    # Pool2dCall.output_size (the reference's output shape and window count) reads this global.
    with patched(spec.pool, "pool_output_size", _rounded_up):
        return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
