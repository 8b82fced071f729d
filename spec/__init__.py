"""convspec's spec: output-shape rules (sympy), validity rules (data) and pinned torch behaviours.

Nothing here imports torch: the spec is what torch is checked against.
"""

from . import dtypes, shapes
from .conv import Conv2dCall, check_conv2d
from .pool import Pool2dCall, check_pool2d
from .rules import Rule, SpecViolation, Unsupported, first_violation
from .shapes import (conv_output_size, effective_kernel_size, pool_output_size, same_padding,
                     windows_that_fit)

__all__ = [
    "Conv2dCall", "Pool2dCall", "Rule", "SpecViolation", "Unsupported", "check_conv2d", "check_pool2d", "conv_output_size", "dtypes",
    "effective_kernel_size", "first_violation", "pool_output_size", "same_padding", "shapes",
    "windows_that_fit",
]
