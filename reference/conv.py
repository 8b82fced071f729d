"""conv1d, conv2d and conv3d: one loop over the output for every spatial rank."""

from __future__ import annotations

import numpy as np

from spec.conv import ConvCall, check_conv

from ._exact import exact_sum, round_to, widen
from ._window import at_taps, batched, output_positions, pad, unbatched_like, window_taps


def _convolve(call: ConvCall, input, weight, bias):
    """The cross-correlation of a checked call, for any number of spatial dimensions.

    Each output element is one window of the padded input times the kernel, summed exactly and
    rounded once (reference._exact).
    """
    rank = call.spatial_dims
    x = pad(batched(input, rank), call.paddings, call.padding_mode)
    in_per_group = weight.shape[1]
    out_per_group = call.out_channels // call.groups
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
    return unbatched_like(out, input, rank)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    """1-D cross-correlation, as ``torch.nn.Conv1d`` computes it (``torch.nn.functional.conv1d``
    plus ``padding_mode``).

    Parameters are :func:`conv2d`'s, with one spatial dimension: input (N, C_in, L) or unbatched
    (C_in, L), weight (C_out, C_in / groups, kL); stride, padding and dilation an int or a
    one-entry sequence.

    Notes
    -----
    .. math:: out[n, o, i] = bias[o] + \\sum_{c, a} x_{pad}[n, c, i s + a d] \\cdot weight[o, c - g C_{in}/groups, a]

    with g = o // (C_out / groups); L_out = floor((L + 2p - d(k - 1) - 1) / s) + 1.

    Examples
    --------
    A moving sum of three (the kernel is not flipped: [1, 0, -1] takes a forward difference):

    >>> x = np.array([[[1, 2, 4, 7, 11]]])
    >>> conv1d(x, np.ones((1, 1, 3), dtype=int))
    array([[[ 7, 13, 22]]])
    >>> conv1d(x, np.array([[[1, 0, -1]]]), padding=1, padding_mode="replicate")
    array([[[-1, -3, -5, -7, -4]]])
    """
    call = ConvCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode, rank=1)
    check_conv(call)
    return _convolve(call, input, weight, bias)


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
    call = ConvCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode, rank=2)
    check_conv(call)
    return _convolve(call, input, weight, bias)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    """3-D cross-correlation, as ``torch.nn.Conv3d`` computes it (``torch.nn.functional.conv3d``
    plus ``padding_mode``).

    Parameters are :func:`conv2d`'s, with three spatial dimensions: input (N, C_in, D, H, W) or
    unbatched (C_in, D, H, W), weight (C_out, C_in / groups, kD, kH, kW); stride, padding and
    dilation an int or a sequence of 1 or 3 ints.

    Notes
    -----
    .. math:: out[n, o, i, j, l] = bias[o] + \\sum_{c, a, b, e} x_{pad}[n, c, i s_d + a d_d, j s_h + b d_h,
              l s_w + e d_w] \\cdot weight[o, c - g C_{in}/groups, a, b, e]

    with g = o // (C_out / groups); each output size is floor((n + 2p - d(k - 1) - 1) / s) + 1.

    Examples
    --------
    A 2x2x2 box sum over a 3x3x3 cube holding 0..26: each window's sum is 8 times its centre's value.

    >>> x = np.arange(27).reshape(1, 1, 3, 3, 3)
    >>> conv3d(x, np.ones((1, 1, 2, 2, 2), dtype=int))[0, 0]
    array([[[ 52,  60],
            [ 76,  84]],
    <BLANKLINE>
           [[124, 132],
            [148, 156]]])
    """
    call = ConvCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode, rank=3)
    check_conv(call)
    return _convolve(call, input, weight, bias)
