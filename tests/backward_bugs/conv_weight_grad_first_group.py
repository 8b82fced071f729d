"""conv2d backward whose weight gradient, with groups > 1, correlates every output channel's gradient
with the first group's input channels (the input is never sliced per group for the weight
gradient); the weight gradient of nn.grad.conv2d_weight with groups, pytorch/pytorch#51430."""

import numpy as np

import reference

OPERATOR = "conv2d"


def conv2d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
                    padding_mode="zeros"):
    args = (stride, padding, dilation, groups, padding_mode)
    grad_input, _, grad_bias = reference.conv2d_backward(grad_output, input, weight, bias, *args)
    # Input channel c becomes a copy of channel c % (C_in / groups): every group sees the first's.
    first_group = np.take(input, np.arange(input.shape[-3]) % weight.shape[1], axis=-3)
    _, grad_weight, _ = reference.conv2d_backward(grad_output, first_group, weight, bias, *args)
    return grad_input, grad_weight, grad_bias
