"""A true convolution (kernel flipped in both spatial dimensions) instead of torch's cross-correlation; the textbook-versus-framework classic."""

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    return reference.conv2d(input, weight[..., ::-1, ::-1], bias, stride, padding, dilation, groups,
                            padding_mode)
