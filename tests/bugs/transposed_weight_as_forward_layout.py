"""conv_transpose2d that reads its weight's memory in conv's layout (C_out, C_in / groups, k...) instead of (C_in, C_out / groups, k...); apache/systemds#541, whose tests used C_in = C_out = 1 and missed it (also apache/tvm#9336)."""

import reference

from ._as_given import checked


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    checked("conv_transpose2d", input=input, weight=weight, bias=bias, stride=stride, padding=padding,
            output_padding=output_padding, groups=groups, dilation=dilation, output_size=output_size)
    in_channels, out_per_group, kernel = weight.shape[0], weight.shape[1], weight.shape[2:]
    # The same memory seen as (groups, C_out / groups, C_in / groups, k...), conv's order, then
    # handed to the reference in the transposed layout it expects.
    as_forward = weight.reshape((groups, out_per_group, in_channels // groups) + kernel)
    read = as_forward.transpose((0, 2, 1, 3, 4)).reshape(weight.shape)
    return reference.conv_transpose2d(input, read, bias, stride, padding, output_padding, groups, dilation,
                                      output_size)
