"""max_pool2d and avg_pool2d, as loops.

Windows are walked in the coordinates of the unpadded input: a tap whose coordinate falls
outside it lies in the padding (or, in ceil mode, past it) and is never read.
"""

from __future__ import annotations

import numpy as np

from spec.pool import Pool2dCall, check_pool2d

from ._exact import exact_sum, round_to, widen
from ._window import batched, output_positions, unbatched_like, window_taps


def _window_walk(call: Pool2dCall, plane_count: int):
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
    call = Pool2dCall.max(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    check_pool2d(call)
    x = batched(input, 2)
    planes = x.reshape((-1,) + call.input_size)
    values = np.empty((len(planes),) + call.output_size, dtype=input.dtype)
    indices = np.empty((len(planes),) + call.output_size, dtype=np.int64)
    height, width = call.input_size
    for plane, position, taps in _window_walk(call, len(planes)):
        rows, cols = _inside(taps, (0, 0), call.input_size)
        first_row, first_col = (t[t >= 0][0] for t in taps)
        best, best_index = _lowest(input.dtype), first_row * width + first_col
        for h in rows:
            for w in cols:
                value = planes[plane, h, w]
                if _replaces(value, best):
                    best, best_index = value, h * width + w
        values[(plane,) + position] = best
        indices[(plane,) + position] = best_index
    shape = x.shape[:-2] + call.output_size
    values = unbatched_like(values.reshape(shape), input, 2)
    indices = unbatched_like(indices.reshape(shape), input, 2)
    return (values, indices) if return_indices else values


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
    call = Pool2dCall.avg(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    check_pool2d(call)
    x = batched(input, 2)
    planes = x.reshape((-1,) + call.input_size)
    out = np.empty((len(planes),) + call.output_size, dtype=input.dtype)
    padded_low = tuple(-p for p in call.paddings)
    padded_high = tuple(n + p for n, p in zip(call.input_size, call.paddings))
    for plane, position, taps in _window_walk(call, len(planes)):
        rows, cols = _inside(taps, (0, 0), call.input_size)
        padded_rows, padded_cols = _inside(taps, padded_low, padded_high)
        if divisor_override is not None:
            divisor = divisor_override
        elif count_include_pad:
            divisor = len(padded_rows) * len(padded_cols)
        else:
            divisor = len(rows) * len(cols)
        total = exact_sum(widen(planes[plane][np.ix_(rows, cols)]))
        out[(plane,) + position] = _divide(total, divisor, input.dtype)
    return unbatched_like(out.reshape(x.shape[:-2] + call.output_size), input, 2)


def _divide(total, divisor: int, dtype: np.dtype):
    if dtype.kind in "iu":
        wrapped = int(round_to(total, dtype))
        quotient = abs(wrapped) // abs(divisor)
        return round_to(quotient if (wrapped < 0) == (divisor < 0) else -quotient, dtype)
    return round_to(total / divisor, dtype)
