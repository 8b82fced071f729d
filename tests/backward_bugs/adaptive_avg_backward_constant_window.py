"""adaptive_avg_pool2d backward that divides every window's gradient by one constant window size,
ceil(n / m) per dimension, where each window has its own size (and the forward divides by it):
right where m divides n, too small a share wherever windows differ; PaddlePaddle's
KernelPool2DGrad, PaddlePaddle/Paddle#74077 ("pool_size 由 pool_height(即 input_height /
output_height 向上取整)和 pool_width 乘积计算得出")."""

import math

import reference

from ..bugs._patch import patched

OPERATOR = "adaptive_avg_pool2d"


def _ceil_window_size(call, window) -> int:
    return math.prod(-(-n // m) for n, m in zip(call.input_size, call.pooled_size))


def adaptive_avg_pool2d_backward(grad_output, input, output_size):
    with patched(reference.adaptive_pool, "_window_size", _ceil_window_size):
        return reference.adaptive_avg_pool2d_backward(grad_output, input, output_size)
