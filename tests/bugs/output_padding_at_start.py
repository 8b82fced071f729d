"""conv_transpose2d that puts output_padding's extra rows and columns before the output instead of after it (ONNX had to state the side: onnx/onnx#2343)."""

import numpy as np

import reference
from spec.conv_transpose import ConvTransposeCall

from ._as_given import checked


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    arguments = dict(input=input, weight=weight, bias=bias, stride=stride, padding=padding,
                     output_padding=output_padding, groups=groups, dilation=dilation, output_size=output_size)
    checked("conv_transpose2d", **arguments)
    call = ConvTransposeCall.of(**arguments, rank=2)
    # The whole scatter, nothing cropped: (n - 1)s + d(k - 1) + 1 per dimension, bias included.
    whole = reference.conv_transpose2d(input, weight, bias, stride, 0, 0, groups, dilation)
    extra = call.output_paddings
    # The bug: the a extra elements (no copy reaches them: the bias alone) go at the start.
    widths = [(0, 0)] * (whole.ndim - 2) + [(a, 0) for a in extra]
    grown = np.pad(whole, widths)
    if bias is not None:
        fresh = np.pad(np.zeros(whole.shape, bool), widths, constant_values=True)
        grown = np.where(fresh, bias.reshape((-1, 1, 1)), grown).astype(whole.dtype)
    crop = tuple(slice(p, p + size) for p, size in zip(call.paddings, call.result_size))
    return grown[(Ellipsis,) + crop]
