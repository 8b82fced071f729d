"""max_unpool1d/2d/3d: one scatter loop for every spatial rank."""

from __future__ import annotations

import numpy as np

from spec.backward import check_backward
from spec.unpool import MaxUnpoolCall, check_max_unpool

from ._window import batched, output_positions, unbatched_like


def _max_unpool(call: MaxUnpoolCall, input, indices):
    """Each plane's elements written, in row-major order, to the flat positions their indices name
    in a plane of zeros: where two indices agree, the later element is the one that stays."""
    x = batched(input, call.spatial_dims)
    values = x.reshape((-1,) + call.input_size)
    where = batched(indices, call.spatial_dims).reshape(values.shape)
    out = np.zeros((len(values), int(np.prod(call.unpooled_size))), dtype=input.dtype)
    for plane in range(len(values)):
        for position in output_positions(call.input_size):
            out[plane, where[(plane,) + position]] = values[(plane,) + position]
    return unbatched_like(out.reshape(x.shape[:2] + call.unpooled_size), input, call.spatial_dims)


def _unpool(rank, input, indices, kernel_size, stride, padding, output_size):
    call = MaxUnpoolCall.of(input, indices, kernel_size, stride, padding, output_size, rank=rank)
    check_max_unpool(call)
    return _max_unpool(call, input, indices)


def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """1-D max unpooling, as ``torch.nn.functional.max_unpool1d`` computes it on CPU.

    Notes
    -----
    Input and indices (N, C, L) or (C, L); the output row, of size L_out, is zero except where an
    index points:

    .. math:: out[n, c, indices[n, c, l]] = x[n, c, l], \\qquad
              L_{out} = (L - 1) s - 2p + k \\text{ unless output\\_size is given}

    output_size (its last entry; a leading N, C are ignored) may differ from that default by less
    than the stride, which recovers the input size max pooling's floor dropped. Indices must lie in
    [0, L_out); of equal indices the last element in order is the one written.

    Examples
    --------
    >>> x = np.array([[[3.0, 1.0, 4.0, 1.0, 5.0]]])
    >>> from reference import max_pool1d
    >>> values, indices = max_pool1d(x, 2, return_indices=True)  # the last element is dropped
    >>> max_unpool1d(values, indices, 2), max_unpool1d(values, indices, 2, output_size=(5,))
    (array([[[3., 0., 4., 0.]]]), array([[[3., 0., 4., 0., 0.]]]))
    >>> max_unpool1d(np.array([[1.0, 2.0]]), np.array([[0, 0]]), 2)  # both to 0: the later stays
    array([[2., 0., 0., 0.]])
    """
    return _unpool(1, input, indices, kernel_size, stride, padding, output_size)


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """2-D max unpooling, as ``torch.nn.functional.max_unpool2d`` computes it on CPU.

    :func:`max_unpool1d` on (H, W) planes: each index is a flat offset h * W_out + w in its own
    output plane, as max_pool2d's indices are in its input plane.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 4, 4)
    >>> from reference import max_pool2d
    >>> max_unpool2d(*max_pool2d(x, 2, return_indices=True), 2)
    array([[[ 0.,  0.,  0.,  0.],
            [ 0.,  5.,  0.,  7.],
            [ 0.,  0.,  0.,  0.],
            [ 0., 13.,  0., 15.]]])
    """
    return _unpool(2, input, indices, kernel_size, stride, padding, output_size)


def max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """3-D max unpooling, as ``torch.nn.functional.max_unpool3d`` computes it on CPU.

    :func:`max_unpool2d` on (D, H, W) volumes: each index is a flat offset (z * H_out + h) * W_out + w.

    Examples
    --------
    >>> max_unpool3d(np.array([[[[[7.0]]]]]), np.array([[[[[5]]]]]), 2)[0, 0]
    array([[[0., 0.],
            [0., 0.]],
    <BLANKLINE>
           [[0., 7.],
            [0., 0.]]])
    """
    return _unpool(3, input, indices, kernel_size, stride, padding, output_size)


# -- backward ------------------------------------------------------------------------------------

def _max_unpool_backward(call: MaxUnpoolCall, grad_output, input, indices):
    """Each input element's gradient read from the output gradient at its index: a gather, with no
    arithmetic, so exact in every dtype."""
    x = batched(input, call.spatial_dims)
    where = batched(indices, call.spatial_dims).reshape((-1,) + call.input_size)
    g = batched(grad_output, call.spatial_dims).reshape((len(where), int(np.prod(call.unpooled_size))))
    grad = np.empty(where.shape, dtype=input.dtype)
    for plane in range(len(where)):
        for position in output_positions(call.input_size):
            grad[(plane,) + position] = g[plane, where[(plane,) + position]]
    return unbatched_like(grad.reshape(x.shape), input, call.spatial_dims)


def _backward(rank, grad_output, input, indices, kernel_size, stride, padding, output_size):
    call = MaxUnpoolCall.of(input, indices, kernel_size, stride, padding, output_size, rank=rank)
    check_max_unpool(call)
    check_backward(call, grad_output)
    return _max_unpool_backward(call, grad_output, input, indices)


def max_unpool1d_backward(grad_output, input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The gradient of :func:`max_unpool1d` with respect to its input (the indices have none), given
    the gradient ``grad_output`` of its output; returns grad_input, of the input's shape and dtype.

    Notes
    -----
    Each element's gradient is the output gradient where its index put it:

    .. math:: \\frac{\\partial L}{\\partial x[n, c, l]} = g[n, c, indices[n, c, l]]

    Where several elements share an index torch's backward still gives each of them the gradient
    there, though the forward kept only one of them (spec/behaviours.py,
    max_unpool_backward_gathers_duplicates): the gather is the adjoint of a scatter that adds, which
    the forward is only where the indices are distinct.

    Examples
    --------
    >>> g = np.array([[[10.0, 20.0, 30.0, 40.0]]])
    >>> max_unpool1d_backward(g, np.ones((1, 1, 2)), np.array([[[0, 3]]]), 2)
    array([[[10., 40.]]])
    >>> max_unpool1d_backward(g[0], np.ones((1, 2)), np.array([[2, 2]]), 2)  # a shared index: both get 30
    array([[30., 30.]])
    """
    return _backward(1, grad_output, input, indices, kernel_size, stride, padding, output_size)


def max_unpool2d_backward(grad_output, input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The input gradient of :func:`max_unpool2d`: :func:`max_unpool1d_backward` on (H, W) planes,
    each index a flat offset h * W_out + w in its output plane.

    Examples
    --------
    >>> g = np.arange(16.0).reshape(1, 4, 4)
    >>> max_unpool2d_backward(g, np.ones((1, 2, 2)), np.array([[[5, 7], [13, 15]]]), 2)
    array([[[ 5.,  7.],
            [13., 15.]]])
    """
    return _backward(2, grad_output, input, indices, kernel_size, stride, padding, output_size)


def max_unpool3d_backward(grad_output, input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The input gradient of :func:`max_unpool3d`: :func:`max_unpool1d_backward` on (D, H, W)
    volumes, each index a flat offset (z * H_out + h) * W_out + w.

    Examples
    --------
    >>> max_unpool3d_backward(np.arange(8.0).reshape(1, 1, 2, 2, 2), np.ones((1, 1, 1, 1, 1)),
    ...                       np.array([[[[[5]]]]]), 2)
    array([[[[[5.]]]]])
    """
    return _backward(3, grad_output, input, indices, kernel_size, stride, padding, output_size)
