"""convspec's spec: output-shape rules (sympy), validity rules (data) and pinned torch behaviours.

Nothing here imports torch: the spec is what torch is checked against. One module per operator
family (conv, conv_transpose, pool); the spatial rank is a parameter of each.
"""

from . import dtypes, shapes
from .conv import Conv2dCall, ConvCall, check_conv, check_conv2d
from .conv_transpose import ConvTransposeCall, check_conv_transpose
from .pool import Pool2dCall, PoolCall, check_pool, check_pool2d
from .rules import Rule, SpecViolation, Unsupported, first_violation
from .shapes import (conv_output_size, conv_transpose_output_size, effective_kernel_size, pool_output_size,
                     same_padding, windows_that_fit)

__all__ = [
    "Conv2dCall", "ConvCall", "ConvTransposeCall", "Pool2dCall", "PoolCall", "Rule", "SpecViolation",
    "Unsupported", "check_conv", "check_conv2d", "check_conv_transpose", "check_pool", "check_pool2d",
    "conv_output_size", "conv_transpose_output_size", "dtypes", "effective_kernel_size", "first_violation",
    "pool_output_size", "same_padding", "shapes", "windows_that_fit",
]
