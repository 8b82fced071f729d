"""conv_transpose1d, conv_transpose2d and conv_transpose3d, as their definition: every input
element scatters a kernel-weighted copy into the output (d2l's trans_conv, with stride, dilation,
groups, padding cropped and output_padding)."""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

from spec.backward import check_backward
from spec.conv import ConvCall
from spec.conv_transpose import ConvTransposeCall, check_conv_transpose

from ._exact import exact_sum, round_to, widen
from ._gradient import channel_sums, tap_correlation
from ._window import batched, output_positions, unbatched_like, window_taps
from .conv import _convolve


def _scatter(call: ConvTransposeCall, input, weight, bias):
    """The transposed convolution of a checked call, for any number of spatial dimensions.

    Input element x[n, c, *i] adds x[n, c, *i] * weight[c, o', *a] to the uncropped output at
    i * s + a * d, for every kernel offset a and every output channel o of c's group
    (o' = o - g C_out/groups); the padding p is then cropped from each side. The terms landing on
    each output element are kept and summed exactly, then rounded once (reference._exact).
    """
    rank = call.spatial_dims
    x = batched(input, rank)
    in_per_group, out_per_group = call.in_channels // call.groups, weight.shape[1]
    terms = defaultdict(list)  # (n, o, *uncropped position) -> the products landing there
    for n, c in itertools.product(range(x.shape[0]), range(call.in_channels)):
        group = c // in_per_group
        for position in output_positions(call.input_size):
            value = widen(x[(n, c) + position])
            # The kernel's copy covers position * s + d * [0, k) along each dimension.
            landing = itertools.product(*window_taps(position, call.strides, call.dilations, call.kernel))
            offsets = itertools.product(*(range(k) for k in call.kernel))
            for target, offset in zip(landing, offsets):
                for o_in_group in range(out_per_group):
                    product = value * widen(weight[(c, o_in_group) + offset])
                    terms[(n, group * out_per_group + o_in_group) + tuple(target)].append(product)
    wide = widen(np.zeros(0, dtype=input.dtype)).dtype
    out = np.empty((x.shape[0], call.out_channels) + call.result_size, dtype=input.dtype)
    for n, o in itertools.product(range(x.shape[0]), range(call.out_channels)):
        bias_term = () if bias is None else (widen(bias[o:o + 1]),)
        for position in output_positions(call.result_size):
            # Cropping: output position i is uncropped position i + p. The output_padding
            # elements at the far end are reached by no copy: they hold the bias alone.
            uncropped = tuple(i + p for i, p in zip(position, call.paddings))
            landed = np.array(terms.get((n, o) + uncropped, []), dtype=wide)
            out[(n, o) + position] = round_to(exact_sum(landed, *bias_term), input.dtype)
    return unbatched_like(out, input, rank)


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    """1-D transposed convolution, as ``torch.nn.ConvTranspose1d`` computes it
    (``torch.nn.functional.conv_transpose1d``, plus the module forward's ``output_size``).

    Parameters are :func:`conv_transpose2d`'s with one spatial dimension: input (N, C_in, L) or
    (C_in, L), weight (C_in, C_out / groups, kL).

    Notes
    -----
    .. math:: out[n, o, i] = bias[o] + \\sum_{c, j, a:\\ j s + a d = i + p} x[n, c, j] \\cdot weight[c, o', a]

    over the input channels c of o's group, o' = o - g C_out/groups;
    L_out = (L - 1)s - 2p + d(k - 1) + output_padding + 1.

    Examples
    --------
    Each input element lays down a scaled copy of the kernel, the copies ``stride`` apart:

    >>> x, w = np.array([[[1, 2]]]), np.array([[[1, 10, 100]]])
    >>> conv_transpose1d(x, w), conv_transpose1d(x, w, stride=2)
    (array([[[  1,  12, 120, 200]]]), array([[[  1,  10, 102,  20, 200]]]))
    >>> conv_transpose1d(x, w, padding=1), conv_transpose1d(x, w, stride=2, output_padding=1)
    (array([[[ 12, 120]]]), array([[[  1,  10, 102,  20, 200,   0]]]))
    """
    call = ConvTransposeCall.of(input, weight, bias, stride, padding, output_padding, groups, dilation,
                                output_size, rank=1)
    check_conv_transpose(call)
    return _scatter(call, input, weight, bias)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    """2-D transposed convolution, as ``torch.nn.ConvTranspose2d`` computes it
    (``torch.nn.functional.conv_transpose2d``, plus the module forward's ``output_size``).

    Parameters
    ----------
    input : ndarray, (N, C_in, H, W) or unbatched (C_in, H, W)
    weight : ndarray, (C_in, C_out / groups, kH, kW), same dtype as input
    bias : ndarray (C_out,) or None
    stride, padding, output_padding, dilation : int or pair (no padding strings)
    groups : int, dividing C_in
    output_size : None, or the output's size: (H_out, W_out), optionally after the (N, C_out) or
        (C_out,) entries, which are ignored. It picks output_padding = output_size - (the size with
        output_padding 0), and the output_padding argument is then ignored, as the module does.

    Returns
    -------
    ndarray of the input's dtype, (N, C_out, H_out, W_out), or (C_out, H_out, W_out) if unbatched.

    Raises
    ------
    spec.SpecViolation (a ValueError) naming the first validity rule the call breaks.

    Notes
    -----
    Input element x[n, c, i, j] adds x[n, c, i, j] * weight[c, o', a, b] to output position
    (i s_h + a d_h - p_h, j s_w + b d_w - p_w) of every channel o of c's group g
    (o' = o - g C_out/groups), and every output element is the sum of what lands on it plus bias[o]:

    .. math:: out[n, o, y, z] = bias[o] + \\sum_{c, i, j, a, b:\\ i s_h + a d_h = y + p_h,\\
              j s_w + b d_w = z + p_w} x[n, c, i, j] \\cdot weight[c, o', a, b]

    The output size along each dimension is ``spec.shapes.conv_transpose_output_size``:
    (n - 1)s - 2p + d(k - 1) + output_padding + 1. It is the adjoint of conv2d with the same
    weight, stride, padding, dilation and groups: <conv2d(x, w), y> = <x, conv_transpose2d(y, w)>.

    Examples
    --------
    d2l's example (section 14.10):

    >>> x = np.array([[0, 1], [2, 3]]).reshape(1, 1, 2, 2)
    >>> k = np.array([[0, 1], [2, 3]]).reshape(1, 1, 2, 2)
    >>> conv_transpose2d(x, k)[0, 0]
    array([[ 0,  0,  1],
           [ 0,  4,  6],
           [ 4, 12,  9]])
    >>> conv_transpose2d(x, k, stride=2)[0, 0]
    array([[0, 0, 0, 1],
           [0, 0, 2, 3],
           [0, 2, 0, 3],
           [4, 6, 6, 9]])
    >>> conv_transpose2d(x, k, stride=2, output_size=(5, 4)).shape  # output_padding (1, 0)
    (1, 1, 5, 4)
    """
    call = ConvTransposeCall.of(input, weight, bias, stride, padding, output_padding, groups, dilation,
                                output_size, rank=2)
    check_conv_transpose(call)
    return _scatter(call, input, weight, bias)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    """3-D transposed convolution, as ``torch.nn.ConvTranspose3d`` computes it
    (``torch.nn.functional.conv_transpose3d``, plus the module forward's ``output_size``).

    Parameters are :func:`conv_transpose2d`'s with three spatial dimensions: input
    (N, C_in, D, H, W) or (C_in, D, H, W), weight (C_in, C_out / groups, kD, kH, kW).

    Notes
    -----
    .. math:: out[n, o, \\mathbf{y}] = bias[o] + \\sum_{c, \\mathbf{i}, \\mathbf{a}:\\
              \\mathbf{i} s + \\mathbf{a} d = \\mathbf{y} + p} x[n, c, \\mathbf{i}] \\cdot weight[c, o', \\mathbf{a}]

    per dimension, with each output size (n - 1)s - 2p + d(k - 1) + output_padding + 1.

    Examples
    --------
    Two input elements one apart in depth: their kernel copies overlap in the middle slice.

    >>> x, w = np.ones((1, 1, 2, 1, 1), dtype=int), np.arange(8).reshape(1, 1, 2, 2, 2)
    >>> conv_transpose3d(x, w)[0, 0]
    array([[[ 0,  1],
            [ 2,  3]],
    <BLANKLINE>
           [[ 4,  6],
            [ 8, 10]],
    <BLANKLINE>
           [[ 4,  5],
            [ 6,  7]]])
    >>> conv_transpose3d(x, w, stride=2, output_size=(5, 3, 2)).shape
    (1, 1, 5, 3, 2)
    """
    call = ConvTransposeCall.of(input, weight, bias, stride, padding, output_padding, groups, dilation,
                                output_size, rank=3)
    check_conv_transpose(call)
    return _scatter(call, input, weight, bias)


# -- backward ------------------------------------------------------------------------------------

def _uncropped(call: ConvTransposeCall, grad):
    """The output gradient (batched) at the uncropped positions the scatter wrote, i s + a d per
    dimension: the cropped padding p holds zeros before it, and an output_padding beyond the
    copies' reach is dropped (no copy reached it)."""
    reach = tuple((n - 1) * s + d * (k - 1) + 1 for n, s, d, k in
                  zip(call.input_size, call.strides, call.dilations, call.kernel))
    out = np.zeros(grad.shape[:2] + reach, dtype=grad.dtype)
    target = tuple(slice(p, min(p + m, r)) for p, m, r in zip(call.paddings, call.result_size, reach))
    source = tuple(slice(0, t.stop - t.start) for t in target)
    out[(Ellipsis,) + target] = grad[(Ellipsis,) + source]
    return out


def _scatter_backward(call: ConvTransposeCall, grad_output, input, weight, bias):
    """(grad_input, grad_weight, grad_bias) of a checked call, for any number of spatial dimensions.

    Input element x[n, c, *i] was copied, times weight[c, o', *a], to uncropped position
    i s + a d of each channel o of its group; its gradient gathers the output gradient there: the
    convolution of the (uncropped) output gradient with the same weight, stride, dilation and
    groups (reference.conv's loop). The weight gradient of tap a correlates the input with the
    output gradient it reached; the bias gradient sums the output gradient.
    """
    rank = call.spatial_dims
    g = _uncropped(call, batched(grad_output, rank))
    as_conv = ConvCall.of(g, weight, None, call.strides, 0, call.dilations, call.groups, rank=rank)
    grad_input = _convolve(as_conv, g, weight, None)
    x, g_wide = widen(batched(input, rank)), widen(g)
    in_per_group, out_per_group = call.in_channels // call.groups, weight.shape[1]
    grad_weight = np.empty(weight.shape, dtype=input.dtype)
    for c, o_in_group in itertools.product(range(call.in_channels), range(out_per_group)):
        o = c // in_per_group * out_per_group + o_in_group
        for offset in itertools.product(*(range(k) for k in call.kernel)):
            grad_weight[(c, o_in_group) + offset] = tap_correlation(x[:, c], g_wide[:, o], offset, call.strides,
                                                                    call.dilations, input.dtype)
    grad_bias = None if bias is None else channel_sums(widen(batched(grad_output, rank)), input.dtype)
    return unbatched_like(grad_input, input, rank), grad_weight, grad_bias


def _backward(rank, grad_output, input, weight, bias, stride, padding, output_padding, groups, dilation,
              output_size):
    call = ConvTransposeCall.of(input, weight, bias, stride, padding, output_padding, groups, dilation,
                                output_size, rank=rank)
    check_conv_transpose(call)
    check_backward(call, grad_output)
    return _scatter_backward(call, grad_output, input, weight, bias)


def conv_transpose1d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, output_padding=0,
                              groups=1, dilation=1, output_size=None):
    """The gradients of :func:`conv_transpose1d`: :func:`conv_transpose2d_backward` with one
    spatial dimension.

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial x[n, c, i]} = \\sum_{o', a} g[n, o, i s + a d - p]\\, weight[c, o', a],
              \\qquad \\frac{\\partial L}{\\partial weight[c, o', a]} = \\sum_{n, i} x[n, c, i]\\, g[n, o, i s + a d - p]

    over the positions inside the output (g is 0 outside it).

    Examples
    --------
    Each input element laid down a copy of the kernel; its gradient reads the output gradient
    under that copy:

    >>> x, w = np.array([[[1.0, 2.0]]]), np.array([[[1.0, 10.0, 100.0]]])
    >>> g = np.array([[[1.0, 0.0, 0.0, 1.0]]])
    >>> conv_transpose1d_backward(g, x, w)[:2]
    (array([[[  1., 100.]]]), array([[[1., 0., 2.]]]))
    """
    return _backward(1, grad_output, input, weight, bias, stride, padding, output_padding, groups, dilation,
                     output_size)


def conv_transpose2d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, output_padding=0,
                              groups=1, dilation=1, output_size=None):
    """The gradients of :func:`conv_transpose2d` with respect to input, weight and bias, given the
    gradient ``grad_output`` of its output.

    Parameters
    ----------
    grad_output : ndarray, the forward output's shape (output_size or output_padding included) and dtype
    input, weight, bias, stride, padding, output_padding, groups, dilation, output_size : as
        :func:`conv_transpose2d`

    Returns
    -------
    (grad_input, grad_weight, grad_bias), of the input's, weight's and bias's shapes; grad_bias is
    None when bias is.

    Raises
    ------
    spec.SpecViolation naming the first rule broken: the forward's, then spec/backward.py's.

    Notes
    -----
    With o = g_c C_out/groups + o' for input channel c of group g_c, and g = grad_output read as 0
    outside the output:

    .. math:: \\frac{\\partial L}{\\partial x[n, c, i, j]} = \\sum_{o', a, b}
              g[n, o, i s_h + a d_h - p_h, j s_w + b d_w - p_w]\\, weight[c, o', a, b]

    which is conv2d of the output gradient (the forward's adjoint), and

    .. math:: \\frac{\\partial L}{\\partial weight[c, o', a, b]} = \\sum_{n, i, j} x[n, c, i, j]\\,
              g[n, o, i s_h + a d_h - p_h, j s_w + b d_w - p_w], \\qquad
              \\frac{\\partial L}{\\partial bias[o]} = \\sum_{n, y, z} g[n, o, y, z]

    The output_padding rows and columns hold the bias alone: their gradient reaches the bias only.

    Examples
    --------
    d2l's example: the input gradient of each element sums the output gradient under its copy.

    >>> x = np.array([[0.0, 1.0], [2.0, 3.0]]).reshape(1, 1, 2, 2)
    >>> k = np.array([[0.0, 1.0], [2.0, 3.0]]).reshape(1, 1, 2, 2)
    >>> grad_input, grad_weight, grad_bias = conv_transpose2d_backward(np.ones((1, 1, 3, 3)), x, k)
    >>> grad_input[0, 0], grad_weight[0, 0]
    (array([[6., 6.],
           [6., 6.]]), array([[6., 6.],
           [6., 6.]]))
    >>> conv_transpose2d_backward(np.ones((1, 1, 5, 5)), x, k, np.zeros(1), output_padding=1, stride=2)[2]
    array([25.])
    """
    return _backward(2, grad_output, input, weight, bias, stride, padding, output_padding, groups, dilation,
                     output_size)


def conv_transpose3d_backward(grad_output, input, weight, bias=None, stride=1, padding=0, output_padding=0,
                              groups=1, dilation=1, output_size=None):
    """The gradients of :func:`conv_transpose3d`: :func:`conv_transpose2d_backward` with three
    spatial dimensions.

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial x[n, c, \\mathbf{i}]} = \\sum_{o', \\mathbf{a}}
              g[n, o, \\mathbf{i} s + \\mathbf{a} d - p]\\, weight[c, o', \\mathbf{a}]

    Examples
    --------
    >>> x, w = np.ones((1, 1, 1, 1, 1)), np.arange(8.0).reshape(1, 1, 2, 2, 2)
    >>> grad_input, grad_weight, _ = conv_transpose3d_backward(np.ones((1, 1, 2, 2, 2)), x, w)
    >>> grad_input.item(), float(grad_weight.sum())
    (28.0, 8.0)
    """
    return _backward(3, grad_output, input, weight, bias, stride, padding, output_padding, groups, dilation,
                     output_size)
