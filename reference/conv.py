"""conv2d, as loops."""

from __future__ import annotations

import numpy as np

from spec.conv import Conv2dCall, check_conv2d

from ._exact import exact_sum, round_to, widen
from ._window import at_taps, batched, output_positions, pad, unbatched_like, window_taps


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    """2-D cross-correlation, as ``torch.nn.Conv2d`` computes it (``torch.nn.functional.conv2d``
    plus ``padding_mode``).

    Parameters
    ----------
    input : ndarray, (N, C_in, H, W) or unbatched (C_in, H, W)
    weight : ndarray, (C_out, C_in / groups, kH, kW), same dtype as input
    bias : ndarray (C_out,) or None
    stride, dilation : int or pair
    padding : int, pair, 'valid' or 'same'
    groups : int, dividing C_in and C_out
    padding_mode : 'zeros', 'reflect', 'replicate' or 'circular'

    Returns
    -------
    ndarray of the input's dtype, (N, C_out, H_out, W_out), or (C_out, H_out, W_out) if unbatched.

    Raises
    ------
    spec.SpecViolation (a ValueError) naming the first validity rule the call breaks.

    Notes
    -----
    With the input padded first (by ``padding_mode``), for output channel o in group
    g = o // (C_out / groups), whose input channels are c in g * C_in/groups + [0, C_in/groups):

    .. math:: out[n, o, i, j] = bias[o] + \\sum_{c, a, b} x_{pad}[n, c, i s_h + a d_h, j s_w + b d_w]
              \\cdot weight[o, c - g C_{in}/groups, a, b]

    This is cross-correlation: the kernel is not flipped. Integer results are exact and wrap on
    overflow; float results are summed in float64 and rounded once. The output size along each
    dimension is ``spec.shapes.conv_output_size``: floor((n + 2p - d(k - 1) - 1) / s) + 1.

    Examples
    --------
    The 5x5 input and 3x3 kernel of the notes (000):

    >>> x = np.array([[1, 2, 0, 3, 1], [0, 1, 2, 3, 1], [1, 2, 1, 0, 0],
    ...               [5, 2, 3, 1, 1], [2, 1, 0, 1, 1]]).reshape(1, 1, 5, 5)
    >>> k = np.array([[1, 2, 1], [0, 1, 0], [2, 1, 0]]).reshape(1, 1, 3, 3)
    >>> conv2d(x, k)[0, 0]
    array([[10, 12, 12],
           [18, 16, 16],
           [13,  9,  3]])
    >>> conv2d(x, k, stride=2)[0, 0]
    array([[10, 12],
           [13,  3]])
    """
    call = Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode)
    check_conv2d(call)
    x = pad(batched(input, 2), call.paddings, padding_mode)
    in_per_group = weight.shape[1]
    out_per_group = call.out_channels // groups
    out = np.empty((x.shape[0], call.out_channels) + call.output_size, dtype=input.dtype)
    for n in range(x.shape[0]):
        for o in range(call.out_channels):
            group = o // out_per_group
            x_group = x[n, group * in_per_group:(group + 1) * in_per_group]
            kernel = widen(weight[o])
            bias_term = () if bias is None else (widen(bias[o:o + 1]),)
            for position in output_positions(call.output_size):
                taps = window_taps(position, call.strides, call.dilations, call.kernel)
                products = widen(at_taps(x_group, taps)) * kernel
                out[(n, o) + position] = round_to(exact_sum(products, *bias_term), input.dtype)
    return unbatched_like(out, input, 2)
