"""conv_transpose2d that ignores groups: every input channel scatters into every group's output channels (the groups > 1 case apache/tvm#9465 had to add to its conv2d_transpose)."""

import numpy as np

import reference

from ._as_given import checked


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    checked("conv_transpose2d", input=input, weight=weight, bias=bias, stride=stride, padding=padding,
            output_padding=output_padding, groups=groups, dilation=dilation, output_size=output_size)
    # Each group's weight block (C_out / groups wide) repeated for every group: input channel c
    # reaches all C_out outputs, as with groups=1.
    dense = np.concatenate([weight] * groups, axis=1)
    return reference.conv_transpose2d(input, dense, bias, stride, padding, output_padding, 1, dilation,
                                      output_size)
