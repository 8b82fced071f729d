"""adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d/3d: one window walk for every spatial rank.

Output element (i, j, ...) reads, along each dimension, the input elements
[floor(i n / m), ceil((i + 1) n / m)) of ``spec.shapes.adaptive_window``.
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np

from spec.adaptive_pool import AdaptivePoolCall, check_adaptive_pool
from spec.backward import check_backward
from spec.shapes import adaptive_window

from ._exact import exact_sum, round_to, widen
from ._gradient import gradient_planes, routed, spread
from ._window import output_positions
from .pool import _flat, _planes, _replaces, _unplanes


def _window_walk(call: AdaptivePoolCall, plane_count: int):
    """Each (plane, output position, window), the window one range of input coordinates per dimension."""
    for plane in range(plane_count):
        for position in output_positions(call.pooled_size):
            yield plane, position, tuple(range(*adaptive_window(i, n, m)) for i, n, m in
                                         zip(position, call.input_size, call.pooled_size))


def _adaptive_avg(call: AdaptivePoolCall, input):
    planes = _planes(input, call)
    out = np.empty((len(planes),) + call.pooled_size, dtype=input.dtype)
    for plane, position, window in _window_walk(call, len(planes)):
        elements = planes[plane][np.ix_(*window)]
        # The float64-exact sum over the window's own size, rounded once (spec/tolerance.py).
        out[(plane,) + position] = round_to(exact_sum(widen(elements)) / elements.size, input.dtype)
    return _unplanes(out, input, call)


def _adaptive_max(call: AdaptivePoolCall, input):
    planes = _planes(input, call)
    values = np.empty((len(planes),) + call.pooled_size, dtype=input.dtype)
    indices = np.empty((len(planes),) + call.pooled_size, dtype=np.int64)
    for plane, position, window in _window_walk(call, len(planes)):
        # torch starts from -inf and the window's first element, and scans in row-major order: a
        # greater element or a NaN replaces the maximum (so the last NaN gives the index).
        best, best_index = -np.inf, _flat([w[0] for w in window], call.input_size)
        for coords in itertools.product(*window):
            value = planes[(plane,) + coords]
            if _replaces(value, best):
                best, best_index = value, _flat(coords, call.input_size)
        values[(plane,) + position], indices[(plane,) + position] = best, best_index
    values, indices = _unplanes(values, input, call), _unplanes(indices, input, call)
    return (values, indices) if call.return_indices else values


def _avg(input, output_size, rank: int):
    call = AdaptivePoolCall.of(input, output_size, op=f"adaptive_avg_pool{rank}d")
    check_adaptive_pool(call)
    return _adaptive_avg(call, input)


def _max(input, output_size, return_indices, rank: int):
    call = AdaptivePoolCall.of(input, output_size, return_indices, op=f"adaptive_max_pool{rank}d")
    check_adaptive_pool(call)
    return _adaptive_max(call, input)


def adaptive_avg_pool1d(input, output_size):
    """1-D adaptive average pooling, as ``torch.nn.functional.adaptive_avg_pool1d`` computes it on CPU.

    Notes
    -----
    Input (N, C, L) or (C, L); output element i is the mean of its window:

    .. math:: out[n, c, i] = \\frac{1}{e_i - s_i} \\sum_{s_i \\le l < e_i} x[n, c, l], \\qquad
              s_i = \\lfloor i L / m \\rfloor, \\quad e_i = \\lceil (i + 1) L / m \\rceil

    Windows may differ in size and overlap where m does not divide L; each is divided by its own
    size. output_size=0 gives an empty output.

    Examples
    --------
    >>> x = np.arange(7.0).reshape(1, 1, 7)  # windows [0, 3), [2, 5), [4, 7)
    >>> adaptive_avg_pool1d(x, 3)
    array([[[1., 3., 5.]]])
    >>> adaptive_avg_pool1d(np.array([[0.0, 1.0, 2.0]]), 5)  # m > L: windows of 1 and 2 elements
    array([[0. , 0.5, 1. , 1.5, 2. ]])
    """
    return _avg(input, output_size, 1)


def adaptive_avg_pool2d(input, output_size):
    """2-D adaptive average pooling, as ``torch.nn.functional.adaptive_avg_pool2d`` computes it on CPU.

    Notes
    -----
    Input (N, C, H, W) or (C, H, W); output_size an int, or (m_h, m_w) where None keeps that size.
    Each window is the product of one adaptive window per dimension:

    .. math:: out[n, c, i, j] = \\frac{1}{|R_i| |S_j|} \\sum_{h \\in R_i, w \\in S_j} x[n, c, h, w]

    Examples
    --------
    >>> x = np.arange(12.0).reshape(1, 3, 4)
    >>> adaptive_avg_pool2d(x, (2, None))  # rows [0, 2) and [1, 3); the width is kept
    array([[[2., 3., 4., 5.],
            [6., 7., 8., 9.]]])
    """
    return _avg(input, output_size, 2)


def adaptive_avg_pool3d(input, output_size):
    """3-D adaptive average pooling, as ``torch.nn.functional.adaptive_avg_pool3d`` computes it on CPU.

    :func:`adaptive_avg_pool2d` with three spatial dimensions: input (N, C, D, H, W) or (C, D, H, W).

    Examples
    --------
    >>> x = np.arange(8.0).reshape(1, 2, 2, 2)
    >>> adaptive_avg_pool3d(x, 1), adaptive_avg_pool3d(x, (1, None, 1))[0, 0, :, 0]
    (array([[[[3.5]]]]), array([2.5, 4.5]))
    """
    return _avg(input, output_size, 3)


def adaptive_max_pool1d(input, output_size, return_indices=False):
    """1-D adaptive max pooling, as ``torch.nn.functional.adaptive_max_pool1d`` computes it on CPU.

    Notes
    -----
    .. math:: out[n, c, i] = \\max_{\\lfloor i L / m \\rfloor \\le l < \\lceil (i + 1) L / m \\rceil} x[n, c, l]

    The window is scanned in order from -inf: of equal maxima the first gives the index, a NaN
    always replaces the maximum, so a window holding NaN gives NaN and its last NaN's index.
    Indices are positions in the row; overlapping windows may give the same index twice.

    Examples
    --------
    >>> x = np.array([[[1.0, 5.0, 5.0, 0.0, 2.0, 2.0, 7.0]]])  # windows [0, 3), [2, 5), [4, 7)
    >>> adaptive_max_pool1d(x, 3, return_indices=True)
    (array([[[5., 5., 7.]]]), array([[[1, 2, 6]]]))
    """
    return _max(input, output_size, return_indices, 1)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    """2-D adaptive max pooling, as ``torch.nn.functional.adaptive_max_pool2d`` computes it on CPU.

    :func:`adaptive_max_pool1d` over the product of one adaptive window per dimension, in row-major
    order; each index is the flat offset h * W + w in the chosen element's own (H, W) plane.

    Examples
    --------
    >>> x = np.array([[[np.nan, 1.0], [np.nan, 3.0]]])
    >>> adaptive_max_pool2d(x, 1, return_indices=True)  # the last NaN's index
    (array([[[nan]]]), array([[[2]]]))
    """
    return _max(input, output_size, return_indices, 2)


def adaptive_max_pool3d(input, output_size, return_indices=False):
    """3-D adaptive max pooling, as ``torch.nn.functional.adaptive_max_pool3d`` computes it on CPU.

    :func:`adaptive_max_pool2d` with three spatial dimensions; each index is the flat offset
    (z * H + h) * W + w in the chosen element's own volume.

    Examples
    --------
    >>> x = np.arange(8.0).reshape(1, 2, 2, 2)
    >>> adaptive_max_pool3d(x, (1, 1, 2), return_indices=True)
    (array([[[[6., 7.]]]]), array([[[[6, 7]]]]))
    """
    return _max(input, output_size, return_indices, 3)


# -- backward ------------------------------------------------------------------------------------

def _window_size(call: AdaptivePoolCall, window) -> int:
    """The divisor of one window's gradient: the window's own size, as in the forward (windows
    differ in size where m does not divide n)."""
    return math.prod(len(w) for w in window)


def _adaptive_avg_backward(call: AdaptivePoolCall, grad_output, input):
    """Each output's gradient spread equally over its own window, g / |window| to every element of
    it; overlapping windows add their shares to the elements they share."""
    g = gradient_planes(grad_output, call.spatial_dims, call.pooled_size)
    windows = ((plane, position, itertools.product(*window), _window_size(call, window))
               for plane, position, window in _window_walk(call, len(g)))
    return spread(g, windows, call.input_size, input.dtype).reshape(input.shape)


def _adaptive_max_backward(call: AdaptivePoolCall, grad_output, input):
    """Each output's gradient routed, whole, to the element the forward's index names."""
    g = gradient_planes(grad_output, call.spatial_dims, call.pooled_size)
    _, indices = _adaptive_max(dataclasses.replace(call, return_indices=True), input)
    return routed(g, indices.reshape(g.shape), call.input_size, input.dtype).reshape(input.shape)


def _backward(kind: str, rank: int, grad_output, input, output_size, return_indices=False):
    call = AdaptivePoolCall.of(input, output_size, return_indices, op=f"adaptive_{kind}_pool{rank}d")
    check_adaptive_pool(call)
    check_backward(call, grad_output)
    return (_adaptive_avg_backward if kind == "avg" else _adaptive_max_backward)(call, grad_output, input)


def adaptive_avg_pool1d_backward(grad_output, input, output_size):
    """The input gradient of :func:`adaptive_avg_pool1d`, given the gradient ``grad_output`` of its
    output; returns grad_input, of the input's shape and dtype.

    Notes
    -----
    Each output gradient is spread equally over its window, whose size is its own divisor:

    .. math:: \\frac{\\partial L}{\\partial x[n, c, l]} = \\sum_{i:\\ s_i \\le l < e_i} \\frac{g[n, c, i]}{e_i - s_i}

    Where m does not divide L the windows overlap and an element they share gets a share of each.

    Examples
    --------
    Windows [0, 3), [2, 5), [4, 7): elements 2 and 4 lie in two windows each.

    >>> adaptive_avg_pool1d_backward(np.array([[[3.0, 6.0, 9.0]]]), np.zeros((1, 1, 7)), 3)
    array([[[1., 1., 3., 2., 5., 3., 3.]]])
    """
    return _backward("avg", 1, grad_output, input, output_size)


def adaptive_avg_pool2d_backward(grad_output, input, output_size):
    """The input gradient of :func:`adaptive_avg_pool2d`: :func:`adaptive_avg_pool1d_backward` over
    the product of one adaptive window per dimension, g / (|R_i| |S_j|) to each of its elements.

    Examples
    --------
    >>> adaptive_avg_pool2d_backward(np.full((1, 2, 1), 6.0), np.zeros((1, 3, 2)), (2, 1))  # rows [0, 2), [1, 3)
    array([[[1.5, 1.5],
            [3. , 3. ],
            [1.5, 1.5]]])
    """
    return _backward("avg", 2, grad_output, input, output_size)


def adaptive_avg_pool3d_backward(grad_output, input, output_size):
    """The input gradient of :func:`adaptive_avg_pool3d`: :func:`adaptive_avg_pool2d_backward` with
    three spatial dimensions.

    Examples
    --------
    >>> adaptive_avg_pool3d_backward(np.full((1, 1, 1, 1), 8.0), np.zeros((1, 2, 2, 2)), 1)[0, 1]
    array([[1., 1.],
           [1., 1.]])
    """
    return _backward("avg", 3, grad_output, input, output_size)


def adaptive_max_pool1d_backward(grad_output, input, output_size, return_indices=False):
    """The input gradient of :func:`adaptive_max_pool1d`, given the gradient ``grad_output`` of its
    values (with return_indices the indices get none); returns grad_input, of the input's shape
    and dtype.

    Notes
    -----
    Each output gradient goes, whole, to the element the forward's index names: the first of tied
    maxima, the last NaN of a window holding NaN.

    .. math:: \\frac{\\partial L}{\\partial x[n, c, l]} = \\sum_{i:\\ index[n, c, i] = l} g[n, c, i]

    Overlapping windows that choose the same element send it both their gradients.

    Examples
    --------
    Windows [0, 3), [2, 5), [4, 7): the first window's tie 5, 5 goes to its first 5 (element 1);
    the second window starts at element 2, the other 5. With two windows, [0, 4) and [3, 7), the
    tie goes to element 1 again.

    >>> x = np.array([[[1.0, 5.0, 5.0, 0.0, 2.0, 2.0, 7.0]]])
    >>> adaptive_max_pool1d_backward(np.array([[[1.0, 10.0, 100.0]]]), x, 3)
    array([[[  0.,   1.,  10.,   0.,   0.,   0., 100.]]])
    >>> adaptive_max_pool1d_backward(np.array([[[1.0, 10.0]]]), x, 2)  # windows [0, 4), [3, 7)
    array([[[ 0.,  1.,  0.,  0.,  0.,  0., 10.]]])
    """
    return _backward("max", 1, grad_output, input, output_size, return_indices)


def adaptive_max_pool2d_backward(grad_output, input, output_size, return_indices=False):
    """The input gradient of :func:`adaptive_max_pool2d`: :func:`adaptive_max_pool1d_backward` with
    the index the flat offset h * W + w in its plane.

    Examples
    --------
    >>> x = np.array([[[np.nan, 1.0], [np.nan, 3.0]]])
    >>> adaptive_max_pool2d_backward(np.array([[[2.0]]]), x, 1)  # to the last NaN
    array([[[0., 0.],
            [2., 0.]]])
    """
    return _backward("max", 2, grad_output, input, output_size, return_indices)


def adaptive_max_pool3d_backward(grad_output, input, output_size, return_indices=False):
    """The input gradient of :func:`adaptive_max_pool3d`: :func:`adaptive_max_pool1d_backward` with
    the index the flat offset (z * H + h) * W + w in its volume.

    Examples
    --------
    >>> adaptive_max_pool3d_backward(np.array([[[[3.0, 4.0]]]]), np.arange(8.0).reshape(1, 2, 2, 2), (1, 1, 2))[0, 1]
    array([[0., 0.],
           [3., 4.]])
    """
    return _backward("max", 3, grad_output, input, output_size, return_indices)
