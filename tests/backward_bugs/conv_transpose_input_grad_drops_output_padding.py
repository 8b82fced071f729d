"""conv_transpose2d backward whose input gradient reads the output gradient as if output_padding
were 0 (the trailing output_padding rows and columns cut off), though with padding > 0 the
kernel copies reach into them; the input gradient of a convolution computed without output_padding
compensation, flagos-ai/FlagGems#1576 (and TVM's zero-filled trailing rows, mila-iqia/myia#338)."""

import dataclasses

import reference
import reference.conv_transpose
from spec.conv_transpose import ConvTransposeCall

OPERATOR = "conv_transpose2d"


def conv_transpose2d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, output_padding=0,
                              groups=1, dilation=1, output_size=None):
    call = ConvTransposeCall.of(input, weight, bias, stride, padding, output_padding, groups, dilation, output_size)
    _, grad_weight, grad_bias = reference.conv_transpose2d_backward(grad_output, input, weight, bias, stride, padding,
                                                                    output_padding, groups, dilation, output_size)
    # The call as if output_padding were 0 (unchecked: without output_padding the output may be empty).
    as_if = dataclasses.replace(call, output_padding=0, output_size=None)
    cut = grad_output[(Ellipsis,) + tuple(slice(0, max(m, 0)) for m in call.smallest_size)]
    grad_input, _, _ = reference.conv_transpose._scatter_backward(as_if, cut, input, weight, None)
    return grad_input, grad_weight, grad_bias
