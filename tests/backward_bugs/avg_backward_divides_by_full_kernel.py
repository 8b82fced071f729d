"""avg_pool2d backward that, with count_include_pad, divides every window's gradient by the full
kernel size, where the forward (and torch) divide a ceil-mode window that overhangs the padded
input by the taps it covers; inductor's lowering of avg_pool2d_backward, pytorch/pytorch#198119
(and burn-flex's, tracel-ai/burn#5604)."""

import math

import reference
from spec.pool import PoolCall

OPERATOR = "avg_pool2d"


def avg_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, ceil_mode=False,
                        count_include_pad=True, divisor_override=None):
    if count_include_pad and divisor_override is None:
        divisor_override = math.prod(PoolCall.avg(input, kernel_size).kernel)
    return reference.avg_pool2d_backward(grad_output, input, kernel_size, stride, padding, ceil_mode,
                                         count_include_pad, divisor_override)
