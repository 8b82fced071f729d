"""conv1d, conv2d and conv3d: one loop over the output for every spatial rank."""

from __future__ import annotations

import itertools

import numpy as np

from spec.backward import check_backward
from spec.conv import ConvCall, check_conv

from ._exact import exact_sum, round_to, widen
from ._gradient import Terms, channel_sums, tap_correlation
from ._window import at_taps, batched, output_positions, pad, padding_sources, unbatched_like, window_taps


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


# -- backward ------------------------------------------------------------------------------------

def _convolve_backward(call: ConvCall, grad_output, input, weight, bias):
    """(grad_input, grad_weight, grad_bias) of a checked call, for any number of spatial dimensions.

    The input gradient is the transposed scatter: each output gradient g[n, o, *i] adds
    g * weight[o, c', *a] to the padded input element its tap a read, and a padded element's
    gradient goes to the input element it copies (none for zero padding). The weight gradient of
    tap a is the correlation of the output gradient with the input that tap read at every output
    position; the bias gradient sums the output gradient. Each element is summed exactly and
    rounded once.
    """
    rank = call.spatial_dims
    x = widen(pad(batched(input, rank), call.paddings, call.padding_mode))
    g, w = widen(batched(grad_output, rank)), widen(weight)
    sources = padding_sources(call.input_size, call.paddings, call.padding_mode)
    in_per_group, out_per_group = weight.shape[1], call.out_channels // call.groups
    offsets = list(itertools.product(*(range(k) for k in call.kernel)))
    grad_input = Terms(batched(input, rank).shape, input.dtype)
    for n, o in itertools.product(range(g.shape[0]), range(call.out_channels)):
        first_channel = o // out_per_group * in_per_group
        for position in output_positions(call.output_size):
            taps = itertools.product(*window_taps(position, call.strides, call.dilations, call.kernel))
            for offset, tap in zip(offsets, taps):
                source = tuple(s[t] for s, t in zip(sources, tap))
                if min(source) < 0:  # a zero of the padding: no input element behind it
                    continue
                for c in range(in_per_group):
                    grad_input.add((n, first_channel + c) + source, g[(n, o) + position] * w[(o, c) + offset])
    grad_weight = np.empty(weight.shape, dtype=input.dtype)
    for o, c in itertools.product(range(call.out_channels), range(in_per_group)):
        channel = o // out_per_group * in_per_group + c
        for offset in offsets:
            grad_weight[(o, c) + offset] = tap_correlation(g[:, o], x[:, channel], offset, call.strides,
                                                           call.dilations, input.dtype)
    grad_bias = None if bias is None else channel_sums(g, input.dtype)
    return unbatched_like(grad_input.total(), input, rank), grad_weight, grad_bias


def _backward(rank, grad_output, input, weight, bias, stride, padding, dilation, groups, padding_mode):
    call = ConvCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode, rank=rank)
    check_conv(call)
    check_backward(call, grad_output)
    return _convolve_backward(call, grad_output, input, weight, bias)


def conv1d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
                    padding_mode="zeros"):
    """The gradients of :func:`conv1d` (its vector-Jacobian product): :func:`conv2d_backward` with
    one spatial dimension.

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial x[n, c, j]} = \\sum_{o, i, a:\\ i s + a d - p = j} g[n, o, i]\\,
              weight[o, c', a], \\quad \\frac{\\partial L}{\\partial weight[o, c', a]} = \\sum_{n, i}
              g[n, o, i]\\, x_{pad}[n, c, i s + a d], \\quad \\frac{\\partial L}{\\partial bias[o]} = \\sum_{n, i} g[n, o, i]

    Examples
    --------
    A moving sum of two: each input element was read by the windows that cover it, once or twice.

    >>> x, w = np.array([[[1.0, 2.0, 4.0]]]), np.array([[[1.0, 1.0]]])
    >>> grad_input, grad_weight, grad_bias = conv1d_backward(np.array([[[1.0, 10.0]]]), x, w, np.zeros(1))
    >>> grad_input, grad_weight, grad_bias
    (array([[[ 1., 11., 10.]]]), array([[[21., 42.]]]), array([11.]))
    """
    return _backward(1, grad_output, input, weight, bias, stride, padding, dilation, groups, padding_mode)


def conv2d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
                    padding_mode="zeros"):
    """The gradients of :func:`conv2d` with respect to input, weight and bias, given the gradient
    ``grad_output`` of its output (the vector-Jacobian product torch.autograd computes).

    Parameters
    ----------
    grad_output : ndarray, the forward output's shape and dtype
    input, weight, bias, stride, padding, dilation, groups, padding_mode : as :func:`conv2d`

    Returns
    -------
    (grad_input, grad_weight, grad_bias): arrays of the input's, the weight's and the bias's shape
    and dtype; grad_bias is None when bias is.

    Raises
    ------
    spec.SpecViolation naming the first rule broken: the forward's rules, then spec/backward.py's
    (floating dtypes only, grad_output of the output's shape and dtype).

    Notes
    -----
    With g = grad_output, o's group g_o and c' = c - g_o C_in/groups:

    .. math:: \\frac{\\partial L}{\\partial x_{pad}[n, c, y, z]} = \\sum_{o, i, j, a, b:\\ i s_h + a d_h = y,\\
              j s_w + b d_w = z} g[n, o, i, j]\\, weight[o, c', a, b]

    (the transposed scatter: conv_transpose2d of g), and each padded element's gradient adds to the
    input element it copies: the element itself, its mirror (reflect), the edge (replicate), the
    other end (circular), or nothing (zeros).

    .. math:: \\frac{\\partial L}{\\partial weight[o, c', a, b]} = \\sum_{n, i, j} g[n, o, i, j]\\,
              x_{pad}[n, c, i s_h + a d_h, j s_w + b d_w], \\qquad
              \\frac{\\partial L}{\\partial bias[o]} = \\sum_{n, i, j} g[n, o, i, j]

    Each element is summed exactly and rounded once; spec/tolerance.py bounds torch's sums.

    Examples
    --------
    A 2x2 box sum over a 3x3 input: the centre was read by all four windows, a corner by one.

    >>> x, w = np.arange(9.0).reshape(1, 1, 3, 3), np.ones((1, 1, 2, 2))
    >>> grad_input, grad_weight, grad_bias = conv2d_backward(np.ones((1, 1, 2, 2)), x, w)
    >>> grad_input[0, 0]
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    >>> grad_weight[0, 0]  # each tap's window sum: 0+1+3+4, 1+2+4+5, ...
    array([[ 8., 12.],
           [20., 24.]])
    >>> conv2d_backward(np.ones((1, 1, 4, 4)), x, w, padding=1, padding_mode="replicate")[0][0, 0]
    array([[9., 6., 9.],
           [6., 4., 6.],
           [9., 6., 9.]])
    """
    return _backward(2, grad_output, input, weight, bias, stride, padding, dilation, groups, padding_mode)


def conv3d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
                    padding_mode="zeros"):
    """The gradients of :func:`conv3d`: :func:`conv2d_backward` with three spatial dimensions.

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial weight[o, c', \\mathbf{a}]} = \\sum_{n, \\mathbf{i}}
              g[n, o, \\mathbf{i}]\\, x_{pad}[n, c, \\mathbf{i} s + \\mathbf{a} d]

    and the input gradient is the transposed scatter of g, folded back through the padding.

    Examples
    --------
    >>> x, w = np.ones((1, 1, 2, 2, 2)), np.full((1, 1, 2, 2, 2), 0.5)
    >>> grad_input, grad_weight, grad_bias = conv3d_backward(np.full((1, 1, 1, 1, 1), 2.0), x, w, np.zeros(1))
    >>> grad_input[0, 0, 0], grad_weight[0, 0, 1], grad_bias
    (array([[1., 1.],
           [1., 1.]]), array([[2., 2.],
           [2., 2.]]), array([2.]))
    """
    return _backward(3, grad_output, input, weight, bias, stride, padding, dilation, groups, padding_mode)
