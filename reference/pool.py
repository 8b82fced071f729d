"""max_pool1d/2d/3d and avg_pool1d/2d/3d: one window walk for every spatial rank.

Windows are walked in the coordinates of the unpadded input: a tap whose coordinate falls
outside it lies in the padding (or, in ceil mode, past it) and is never read.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from spec.backward import check_backward
from spec.pool import PoolCall, check_pool

from ._exact import exact_sum, round_to, widen
from ._gradient import gradient_planes, routed, spread
from ._window import batched, output_positions, unbatched_like, window_taps


def _window_walk(call: PoolCall, plane_count: int):
    """Each (plane, output position, taps) of the call, taps in unpadded coordinates."""
    start = tuple(-p for p in call.paddings)
    for plane in range(plane_count):
        for position in output_positions(call.output_size):
            yield plane, position, window_taps(position, call.strides, call.dilations, call.kernel, start)


def _inside(taps, low, high):
    """The taps of each dimension that fall in [low, high) of that dimension."""
    return [t[(t >= lo) & (t < hi)] for t, lo, hi in zip(taps, low, high)]


def _lowest(dtype: np.dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _replaces(value, best) -> bool:
    """torch's rule: an element replaces the running maximum if it is greater, or if it is NaN."""
    return value > best or value != value  # value != value: NaN


def _planes(input, call):
    """The input as a stack of spatial planes (volumes), one per (sample, channel); ``call`` is any
    pooling call (its ``spatial_dims`` and ``input_size``)."""
    return batched(input, call.spatial_dims).reshape((-1,) + call.input_size)


def _unplanes(out, input, call):
    """Results per plane, (planes, *out), back in the input's layout: (N, C, *out) or, unbatched,
    (C, *out)."""
    x = batched(input, call.spatial_dims)
    return unbatched_like(out.reshape(x.shape[:2] + out.shape[1:]), input, call.spatial_dims)


def _max_pool(call: PoolCall, input):
    """Values and flat indices of a checked max-pooling call, for any spatial rank."""
    planes = _planes(input, call)
    values = np.empty((len(planes),) + call.output_size, dtype=input.dtype)
    indices = np.empty((len(planes),) + call.output_size, dtype=np.int64)
    origin = (0,) * call.spatial_dims
    for plane, position, taps in _window_walk(call, len(planes)):
        # Before any element is read: the lowest value, and the first tap inside the plane's
        # lower edges (which may lie past its far edge: torch issue #114216).
        first = tuple(int(t[t >= 0][0]) for t in taps)
        best, best_index = _lowest(input.dtype), _flat(first, call.input_size)
        for coords in itertools.product(*_inside(taps, origin, call.input_size)):  # row-major order
            value = planes[(plane,) + coords]
            if _replaces(value, best):
                best, best_index = value, _flat(coords, call.input_size)
        values[(plane,) + position] = best
        indices[(plane,) + position] = best_index
    values, indices = _unplanes(values, input, call), _unplanes(indices, input, call)
    return (values, indices) if call.return_indices else values


def _flat(coords, size) -> int:
    """Row-major offset of ``coords`` in a volume of ``size``: h * W + w in 2-D; coordinates past
    the far edge are allowed (they give an offset past the volume, as torch's do)."""
    offset = 0
    for c, n in zip(coords, size):
        offset = offset * n + c
    return offset


def _avg_pool(call: PoolCall, input):
    """Averages of a checked average-pooling call, for any spatial rank."""
    planes = _planes(input, call)
    out = np.empty((len(planes),) + call.output_size, dtype=input.dtype)
    origin = (0,) * call.spatial_dims
    for plane, position, taps in _window_walk(call, len(planes)):
        inside = _inside(taps, origin, call.input_size)
        total = exact_sum(widen(planes[plane][np.ix_(*inside)]))
        out[(plane,) + position] = _divide(total, _divisor(call, taps), input.dtype)
    return _unplanes(out, input, call)


def _divisor(call: PoolCall, taps) -> int:
    """The divisor of the window at ``taps``: divisor_override, or the taps inside the padded input
    (count_include_pad), or the taps inside the input itself."""
    if call.divisor_override is not None:
        return call.divisor_override
    if call.count_include_pad:
        low = tuple(-p for p in call.paddings)
        high = tuple(n + p for n, p in zip(call.input_size, call.paddings))
        return int(np.prod([len(t) for t in _inside(taps, low, high)]))
    return int(np.prod([len(t) for t in _inside(taps, (0,) * call.spatial_dims, call.input_size)]))


def _divide(total, divisor: int, dtype: np.dtype):
    if dtype.kind in "iu":
        wrapped = int(round_to(total, dtype))
        quotient = abs(wrapped) // abs(divisor)
        return round_to(quotient if (wrapped < 0) == (divisor < 0) else -quotient, dtype)
    return round_to(total / divisor, dtype)


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """1-D max pooling, as ``torch.nn.functional.max_pool1d`` computes it on CPU.

    :func:`max_pool2d` with one spatial dimension: input (N, C, L) or (C, L); each index is the
    position of the chosen element in its own unpadded row. Without return_indices torch takes
    floating dtypes only (spec.pool's supported_dtype).

    Notes
    -----
    .. math:: out[n, c, i] = \\max_{a < k,\\ 0 \\le i s - p + a d < L} x[n, c, i s - p + a d]

    Examples
    --------
    >>> x = np.array([[[3.0, 1.0, 4.0, 1.0, 5.0, 9.0]]])
    >>> max_pool1d(x, 2)
    array([[[3., 4., 9.]]])
    >>> max_pool1d(x, 3, stride=2, padding=1, return_indices=True)[1]
    array([[[0, 2, 5]]])
    """
    call = PoolCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, rank=1)
    check_pool(call)
    return _max_pool(call, input)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """2-D max pooling, as ``torch.nn.functional.max_pool2d`` computes it on CPU.

    Returns the pooled values, or ``(values, indices)`` with ``return_indices``; each index is the
    flat offset h * W + w of the chosen element in its own unpadded (H, W) plane.

    Notes
    -----
    Each window is scanned in row-major order, and an element replaces the current maximum if it
    is greater, or if it is NaN:

    - padding is never read: it acts as -inf, not as zero;
    - of equal maxima the first wins; a window holding NaN gives NaN and the last NaN's index;
    - a window whose taps all fall in the padding (possible only with dilation) gives the dtype's
      lowest value (-inf for floats) and the index of its first tap at or after the top-left corner,
      which may lie outside the plane (torch issue #114216).

    The output size along each dimension is ``spec.shapes.pool_output_size``.

    Examples
    --------
    The 3x3 input of the notes (001), with a 2x2 window and stride 1:

    >>> x = np.arange(9.0).reshape(1, 3, 3)
    >>> max_pool2d(x, 2, stride=1)
    array([[[4., 5.],
            [7., 8.]]])
    >>> max_pool2d(-1 - x, 2, stride=1, padding=1)[0, 0]  # padding is -inf: no window gives 0
    array([-1., -1., -2., -3.])
    """
    call = PoolCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, rank=2)
    check_pool(call)
    return _max_pool(call, input)


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """3-D max pooling, as ``torch.nn.functional.max_pool3d`` computes it on CPU.

    :func:`max_pool2d` with three spatial dimensions: input (N, C, D, H, W) or (C, D, H, W); each
    index is the flat offset (z * H + h) * W + w of the chosen element in its own unpadded volume.

    Notes
    -----
    .. math:: out[n, c, i, j, l] = \\max_{\\text{taps inside the input}}
              x[n, c, i s_d - p_d + a d_d, j s_h - p_h + b d_h, l s_w - p_w + e d_w]

    Examples
    --------
    >>> x = np.arange(27.0).reshape(1, 1, 3, 3, 3)
    >>> values, indices = max_pool3d(x, 2, stride=1, return_indices=True)
    >>> values[0, 0, 0], indices[0, 0, 1]
    (array([[13., 14.],
           [16., 17.]]), array([[22, 23],
           [25, 26]]))
    """
    call = PoolCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, rank=3)
    check_pool(call)
    return _max_pool(call, input)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """1-D average pooling, as ``torch.nn.functional.avg_pool1d`` computes it on CPU.

    :func:`avg_pool2d` with one spatial dimension, and no divisor_override (torch's avg_pool1d
    has none).

    Notes
    -----
    .. math:: out[n, c, i] = \\frac{1}{D} \\sum_{a < k,\\ 0 \\le i s - p + a \\lt L} x[n, c, i s - p + a]

    D is the number of window taps inside the padded input with ``count_include_pad``, inside the
    input itself without.

    Examples
    --------
    >>> x = np.array([[[1.0, 2.0, 3.0, 4.0, 5.0]]])
    >>> avg_pool1d(x, 2)
    array([[[1.5, 3.5]]])
    >>> avg_pool1d(x, 3, stride=3, padding=1), avg_pool1d(x, 3, stride=3, padding=1, count_include_pad=False)
    (array([[[1., 4.]]]), array([[[1.5, 4. ]]]))
    """
    call = PoolCall.avg(input, kernel_size, stride, padding, ceil_mode, count_include_pad, rank=1)
    check_pool(call)
    return _avg_pool(call, input)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """2-D average pooling, as ``torch.nn.functional.avg_pool2d`` computes it on CPU.

    Notes
    -----
    Each output is the sum of the window's input elements over a divisor:

    - ``divisor_override`` if given (any non-zero int, negative too);
    - else, with ``count_include_pad``, the number of window taps inside the *padded* input: taps
      of a ceil-mode window that run past the padding are not counted;
    - else the number of taps inside the input itself.

    Float sums are exact to float64 and rounded once after the division. Integer (int64) results
    wrap the sum to 64 bits and divide truncating toward zero, as C++ does: -7 / 2 = -3.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 3, 3)
    >>> avg_pool2d(x, 2, stride=1)
    array([[[2., 3.],
            [5., 6.]]])
    >>> avg_pool2d(np.ones((1, 1, 3)), (1, 2), ceil_mode=True)  # the last window covers one element
    array([[[1., 1.]]])
    """
    call = PoolCall.avg(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, rank=2)
    check_pool(call)
    return _avg_pool(call, input)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """3-D average pooling, as ``torch.nn.functional.avg_pool3d`` computes it on CPU.

    :func:`avg_pool2d` with three spatial dimensions. torch's CPU kernel takes float32, float64
    and int64 only.

    Notes
    -----
    .. math:: out[n, c, i, j, l] = \\frac{1}{D} \\sum_{\\text{taps inside the input}}
              x[n, c, i s_d - p_d + a, j s_h - p_h + b, l s_w - p_w + e]

    Examples
    --------
    >>> x = np.arange(8).reshape(1, 2, 2, 2)  # int64: the mean 3.5 truncates to 3
    >>> avg_pool3d(x, 2), avg_pool3d(x.astype(float), 2), avg_pool3d(x, 2, divisor_override=-3)
    (array([[[[3]]]]), array([[[[3.5]]]]), array([[[[-9]]]]))
    """
    call = PoolCall.avg(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, rank=3)
    check_pool(call)
    return _avg_pool(call, input)


# -- backward ------------------------------------------------------------------------------------

def _reached(call: PoolCall, plane_count: int) -> np.ndarray:
    """For each window, whether it reads an element at all: a window of padding only (possible with
    dilation) does not, and its output is the lowest value whatever the input."""
    reached = np.empty((plane_count,) + call.output_size, dtype=bool)
    for plane, position, taps in _window_walk(call, plane_count):
        reached[(plane,) + position] = min(len(t) for t in _inside(taps, (0,) * call.spatial_dims, call.input_size)) > 0
    return reached


def _max_pool_backward(call: PoolCall, grad_output, input):
    """The input gradient of a checked max-pooling call, for any spatial rank: each window's output
    gradient goes, whole, to the element its index names (the first maximum in row-major order, or
    the last NaN); an element's gradients are summed exactly and rounded once.

    A window of padding only (possible with dilation) read no element: its output is constant, and
    its gradient reaches nothing. (torch writes it at the window's index, which names no element of
    the window: spec/behaviours.py.)
    """
    g = gradient_planes(grad_output, call.spatial_dims, call.output_size)
    _, indices = _max_pool(dataclasses.replace(call, return_indices=True), input)
    grad = routed(g, indices.reshape(g.shape), call.input_size, input.dtype, _reached(call, len(g)))
    return grad.reshape(input.shape)


def _avg_windows(call: PoolCall, plane_count: int):
    """Each window of an average-pooling call as (plane, position, the elements it covers inside the
    input, the forward's divisor for it): what its output gradient is spread over."""
    origin = (0,) * call.spatial_dims
    for plane, position, taps in _window_walk(call, plane_count):
        yield plane, position, itertools.product(*_inside(taps, origin, call.input_size)), _divisor(call, taps)


def _avg_pool_backward(call: PoolCall, grad_output, input):
    """The input gradient of a checked average-pooling call, for any spatial rank: each window gives
    every element it covers inside the input the share g / D, D the forward's divisor for that
    window; an element's shares are summed exactly and rounded once."""
    g = gradient_planes(grad_output, call.spatial_dims, call.output_size)
    return spread(g, _avg_windows(call, len(g)), call.input_size, input.dtype).reshape(input.shape)


def _max_backward(rank, grad_output, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices):
    call = PoolCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, rank=rank)
    check_pool(call)
    check_backward(call, grad_output)
    return _max_pool_backward(call, grad_output, input)


def _avg_backward(rank, grad_output, input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                  divisor_override=None):
    call = PoolCall.avg(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                        rank=rank)
    check_pool(call)
    check_backward(call, grad_output)
    return _avg_pool_backward(call, grad_output, input)


def max_pool1d_backward(grad_output, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                        return_indices=False):
    """The input gradient of :func:`max_pool1d`: :func:`max_pool2d_backward` with one spatial dimension.

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial x[n, c, j]} = \\sum_{i:\\ index[n, c, i] = j} g[n, c, i]

    Examples
    --------
    >>> x = np.array([[[3.0, 1.0, 4.0, 1.0, 5.0]]])
    >>> max_pool1d_backward(np.array([[[1.0, 10.0, 100.0]]]), x, 3, stride=1)  # 4, 4, 5
    array([[[  0.,   0.,  11.,   0., 100.]]])
    """
    return _max_backward(1, grad_output, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                        return_indices=False):
    """The input gradient of :func:`max_pool2d`, given the gradient ``grad_output`` of its values.

    Parameters are :func:`max_pool2d`'s after grad_output (the values' shape and dtype; with
    return_indices the indices get no gradient). Returns grad_input, of the input's shape and dtype.

    Notes
    -----
    Each output gradient goes, whole, to the element the forward's index names:

    .. math:: \\frac{\\partial L}{\\partial x[n, c, h, w]} = \\sum_{i, j:\\ index[n, c, i, j] = h W + w} g[n, c, i, j]

    so of tied maxima the first in row-major order takes the gradient, and in a window holding NaN
    the last NaN does. Overlapping windows (stride < kernel) can send several gradients to one
    element; they are summed. A window of padding only sends its gradient nowhere.

    Examples
    --------
    Two overlapping windows share their maximum 8; the tie of the last window goes to its first 5.

    >>> x = np.array([[[1.0, 8.0, 2.0, 5.0, 5.0]]])
    >>> max_pool2d_backward(np.array([[[1.0, 2.0, 4.0, 8.0]]]), x, (1, 2), stride=(1, 1))
    array([[[ 0.,  3.,  0., 12.,  0.]]])
    """
    return _max_backward(2, grad_output, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool3d_backward(grad_output, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                        return_indices=False):
    """The input gradient of :func:`max_pool3d`: :func:`max_pool2d_backward` with three spatial
    dimensions, the index the flat offset (z H + h) W + w.

    Examples
    --------
    >>> x = np.arange(8.0).reshape(1, 1, 2, 2, 2)
    >>> max_pool3d_backward(np.full((1, 1, 1, 1, 1), 3.0), x, 2)[0, 0, 1]
    array([[0., 0.],
           [0., 3.]])
    """
    return _max_backward(3, grad_output, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def avg_pool1d_backward(grad_output, input, kernel_size, stride=None, padding=0, ceil_mode=False,
                        count_include_pad=True):
    """The input gradient of :func:`avg_pool1d`: :func:`avg_pool2d_backward` with one spatial
    dimension (and no divisor_override).

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial x[n, c, j]} = \\sum_{i:\\ j \\in window(i)} \\frac{g[n, c, i]}{D_i}

    Examples
    --------
    With count_include_pad the padding counts in the divisor: the first window passes on a third
    of its gradient to each element, not a half.

    >>> avg_pool1d_backward(np.array([[[3.0, 3.0]]]), np.zeros((1, 1, 5)), 3, padding=1)
    array([[[1., 1., 1., 1., 1.]]])
    >>> avg_pool1d_backward(np.array([[[3.0, 3.0]]]), np.zeros((1, 1, 5)), 3, padding=1, count_include_pad=False)
    array([[[1.5, 1.5, 1. , 1. , 1. ]]])
    """
    return _avg_backward(1, grad_output, input, kernel_size, stride, padding, ceil_mode, count_include_pad)


def avg_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, ceil_mode=False,
                        count_include_pad=True, divisor_override=None):
    """The input gradient of :func:`avg_pool2d`, given the gradient ``grad_output`` of its output.

    Parameters are :func:`avg_pool2d`'s after grad_output (the output's shape and dtype). Returns
    grad_input, of the input's shape and dtype.

    Notes
    -----
    Each window gives every input element it covers the share g / D of its output gradient, D the
    divisor the forward divided that window by (divisor_override; else the taps inside the padded
    input with count_include_pad, the taps inside the input without; a ceil-mode window's overhang
    past the padding is never counted):

    .. math:: \\frac{\\partial L}{\\partial x[n, c, h, w]} = \\sum_{i, j:\\ (h, w) \\in window(i, j)}
              \\frac{g[n, c, i, j]}{D_{i, j}}

    Padding elements get shares too, which fall away: the shares that reach the input sum to less
    than g where the divisor counts padding.

    Examples
    --------
    A ceil-mode window that hangs over the input's end divides by what it covers (here 1):

    >>> avg_pool2d_backward(np.array([[[2.0, 2.0]]]), np.zeros((1, 1, 3)), (1, 2), ceil_mode=True)
    array([[[1., 1., 2.]]])
    >>> avg_pool2d_backward(np.array([[[2.0, 2.0]]]), np.zeros((1, 1, 3)), (1, 2), ceil_mode=True,
    ...                     divisor_override=4)
    array([[[0.5, 0.5, 0.5]]])
    """
    return _avg_backward(2, grad_output, input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                         divisor_override)


def avg_pool3d_backward(grad_output, input, kernel_size, stride=None, padding=0, ceil_mode=False,
                        count_include_pad=True, divisor_override=None):
    """The input gradient of :func:`avg_pool3d`: :func:`avg_pool2d_backward` with three spatial
    dimensions.

    Examples
    --------
    >>> avg_pool3d_backward(np.full((1, 1, 1, 1), 8.0), np.zeros((1, 2, 2, 2)), 2)[0, 0]
    array([[1., 1.],
           [1., 1.]])
    """
    return _avg_backward(3, grad_output, input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                         divisor_override)
