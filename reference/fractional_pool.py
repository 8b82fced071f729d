"""fractional_max_pool2d/3d: windows from the samples (spec.fractional_pool.fractional_starts),
then a max over each, for both spatial ranks."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from spec.backward import check_backward
from spec.fractional_pool import FractionalPoolCall, check_fractional_pool, fractional_starts

from ._gradient import gradient_planes, routed
from ._window import batched, output_positions, unbatched_like
from .pool import _flat, _replaces

# Which sample drives which dimension: torch's CPU kernels read the 2-D samples as (W, H) and
# the 3-D ones as (T, H, W) (spec/behaviours.py, fractional_samples_order).
_SAMPLE_OF_DIMENSION = {2: (1, 0), 3: (0, 1, 2)}


def _fractional_max(call: FractionalPoolCall, input, samples):
    x = batched(input, call.spatial_dims)
    planes = x.reshape((-1,) + call.input_size)
    values = np.empty((len(planes),) + call.pooled_size, dtype=input.dtype)
    indices = np.empty((len(planes),) + call.pooled_size, dtype=np.int64)
    per_plane = samples[:x.shape[0]].reshape(len(planes), call.spatial_dims)  # extra samples are unused
    for plane in range(len(planes)):
        starts = [fractional_starts(per_plane[plane, which], n, m, k, input.dtype) for which, n, m, k in
                  zip(_SAMPLE_OF_DIMENSION[call.spatial_dims], call.input_size, call.pooled_size, call.kernel)]
        for position in output_positions(call.pooled_size):
            window = [range(s[i], s[i] + k) for s, i, k in zip(starts, position, call.kernel)]
            # As max pooling: from -inf and the window's start, a greater element or a NaN replaces.
            best, best_index = -np.inf, _flat([s[i] for s, i in zip(starts, position)], call.input_size)
            for coords in itertools.product(*window):
                if _replaces(planes[(plane,) + coords], best):
                    best, best_index = planes[(plane,) + coords], _flat(coords, call.input_size)
            values[(plane,) + position], indices[(plane,) + position] = best, best_index
    shape = x.shape[:2] + call.pooled_size
    values = unbatched_like(values.reshape(shape), input, call.spatial_dims)
    indices = unbatched_like(indices.reshape(shape), input, call.spatial_dims)
    return (values, indices) if call.return_indices else values


def _fractional(rank, input, kernel_size, output_size, output_ratio, return_indices, _random_samples):
    call = FractionalPoolCall.of(input, kernel_size, output_size, output_ratio, return_indices, _random_samples,
                                 rank=rank)
    check_fractional_pool(call)
    return _fractional_max(call, input, _random_samples)


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    """2-D fractional max pooling, as ``torch.nn.functional.fractional_max_pool2d`` computes it on
    CPU, with the samples given.

    Notes
    -----
    Input (N, C, H, W) or (C, H, W); ``_random_samples`` (N', C, 2), N' >= N, in the input's
    dtype; sample [..., 0] places the columns, [..., 1] the rows. Output element (i, j) is the
    max over rows [r_i, r_i + k_h) and columns [c_j, c_j + k_w), with r and c from
    :func:`spec.fractional_pool.fractional_starts`; indices are flat offsets h * W + w, the last
    NaN's where a window holds NaN, the first maximum's where maxima tie.

    Examples
    --------
    >>> x = np.arange(30.0).reshape(1, 1, 5, 6)
    >>> samples = np.array([[[0.25, 0.75]]])  # columns with u = 0.25, rows with u = 0.75
    >>> fractional_max_pool2d(x, 2, output_size=(2, 3), _random_samples=samples)
    array([[[[ 7.,  9., 11.],
             [25., 27., 29.]]]])
    """
    return _fractional(2, input, kernel_size, output_size, output_ratio, return_indices, _random_samples)


def fractional_max_pool3d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    """3-D fractional max pooling, as ``torch.nn.functional.fractional_max_pool3d`` computes it on
    CPU, with the samples given.

    :func:`fractional_max_pool2d` with (D, H, W); ``_random_samples`` (N', C, 3) places depth,
    rows and columns in that order; indices are flat offsets (z * H + h) * W + w.

    Examples
    --------
    >>> x = np.arange(27.0).reshape(1, 3, 3, 3)
    >>> fractional_max_pool3d(x, 2, output_size=1, _random_samples=np.zeros((1, 1, 3)), return_indices=True)
    (array([[[[26.]]]]), array([[[[26]]]]))
    """
    return _fractional(3, input, kernel_size, output_size, output_ratio, return_indices, _random_samples)


# -- backward ------------------------------------------------------------------------------------

def _fractional_backward(rank, grad_output, input, kernel_size, output_size, output_ratio, return_indices,
                         _random_samples):
    call = FractionalPoolCall.of(input, kernel_size, output_size, output_ratio, return_indices, _random_samples,
                                 rank=rank)
    check_fractional_pool(call)
    check_backward(call, grad_output)
    g = gradient_planes(grad_output, call.spatial_dims, call.pooled_size)
    _, indices = _fractional_max(dataclasses.replace(call, return_indices=True), input, _random_samples)
    return routed(g, indices.reshape(g.shape), call.input_size, input.dtype).reshape(input.shape)


def fractional_max_pool2d_backward(grad_output, input, kernel_size, output_size=None, output_ratio=None,
                                   return_indices=False, _random_samples=None):
    """The input gradient of :func:`fractional_max_pool2d` with the samples given, given the gradient
    ``grad_output`` of its values; returns grad_input, of the input's shape and dtype.

    Notes
    -----
    The samples fix the windows, so the pool is max pooling over them: each output gradient goes,
    whole, to the element the forward's index names (the first of tied maxima, the last NaN);
    windows overlap where the step is below one, and an element two of them chose gets both
    gradients. The samples get no gradient.

    .. math:: \\frac{\\partial L}{\\partial x[n, c, h, w]} = \\sum_{i, j:\\ index[n, c, i, j] = h W + w} g[n, c, i, j]

    Examples
    --------
    >>> x = np.arange(30.0).reshape(1, 1, 5, 6)
    >>> samples = np.array([[[0.25, 0.75]]])
    >>> grad = fractional_max_pool2d_backward(np.ones((1, 1, 2, 3)), x, 2, output_size=(2, 3), _random_samples=samples)
    >>> np.argwhere(grad[0, 0] == 1).tolist()  # the elements 7, 9, 11, 25, 27, 29 of the forward's example
    [[1, 1], [1, 3], [1, 5], [4, 1], [4, 3], [4, 5]]
    """
    return _fractional_backward(2, grad_output, input, kernel_size, output_size, output_ratio, return_indices,
                                _random_samples)


def fractional_max_pool3d_backward(grad_output, input, kernel_size, output_size=None, output_ratio=None,
                                   return_indices=False, _random_samples=None):
    """The input gradient of :func:`fractional_max_pool3d` with the samples given:
    :func:`fractional_max_pool2d_backward` on (D, H, W) volumes, the index (z * H + h) * W + w.

    Examples
    --------
    >>> x = np.arange(27.0).reshape(1, 3, 3, 3)
    >>> grad = fractional_max_pool3d_backward(np.full((1, 1, 1, 1), 5.0), x, 2, output_size=1,
    ...                                       _random_samples=np.zeros((1, 1, 3)))
    >>> grad[0, 2, 2, 2], grad.sum()
    (np.float64(5.0), np.float64(5.0))
    """
    return _fractional_backward(3, grad_output, input, kernel_size, output_size, output_ratio, return_indices,
                                _random_samples)
