"""lp_pool1d/2d/3d: one window walk for every spatial rank, the definition torch computes.

Each output is (K / D * sum over the window of x^p) ** (1/p), with K the kernel's size and D the
window's taps inside the input (spec/lp_pool.py); norm_type = +-inf is max pooling of |x|.
"""

from __future__ import annotations

import math

import numpy as np

from spec.lp_pool import LpPoolCall, check_lp_pool, scaled_power_sum
from spec.pool import PoolCall

from ._exact import exact_sum, round_to
from .pool import _max_pool, _planes, _unplanes, _window_walk


def scaled_power_sums(call: LpPoolCall, input) -> np.ndarray:
    """K / D * sum of x^p over each window, in float64: what the p-th root is taken of."""
    planes = _planes(input, call)
    out = np.empty((len(planes),) + call.output_size, dtype=np.float64)
    kernel_size = math.prod(call.kernel)
    for plane, position, taps in _window_walk(call, len(planes)):
        inside = [t[t < n] for t, n in zip(taps, call.input_size)]  # no padding: taps start inside
        window = planes[plane][np.ix_(*inside)].astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):  # a negative base gives NaN
            powers = np.power(window, float(call.norm_type))
        out[(plane,) + position] = scaled_power_sum(exact_sum(powers), kernel_size, window.size)
    return _unplanes(out, input, call)


def _lp_pool(call: LpPoolCall, input):
    if call.is_infinite:
        magnitudes = np.abs(input)
        as_max = PoolCall(f"max_pool{call.spatial_dims}d", call.input_shape, call.input_dtype, call.kernel_size,
                          call.stride, 0, 1, call.ceil_mode)
        pooled = _max_pool(as_max, magnitudes if call.norm_type > 0 else -magnitudes)
        return pooled if call.norm_type > 0 else -pooled
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        rooted = np.power(scaled_power_sums(call, input), 1.0 / call.norm_type)
    return round_to(rooted, input.dtype)


def _lp(rank, input, norm_type, kernel_size, stride, ceil_mode):
    call = LpPoolCall.of(input, norm_type, kernel_size, stride, ceil_mode, rank=rank)
    check_lp_pool(call)
    return _lp_pool(call, input)


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """1-D power-average pooling, as ``torch.nn.functional.lp_pool1d`` computes it on CPU.

    Notes
    -----
    .. math:: out[n, c, i] = \\Big(\\frac{k}{D_i} \\sum_{0 \\le is + a < L,\\ a < k} x[n, c, is + a]^p\\Big)^{1/p}

    D_i is the number of the window's taps inside the input: k, except for a ceil-mode window that
    runs past the end, whose sum is scaled up by k / D_i. A negative sum of powers (odd p, negative
    inputs) gives NaN unless 1/p is an integer; a negative input with a non-integer p gives NaN.
    p = inf gives the window's largest |x|, p = -inf its smallest.

    Examples
    --------
    >>> x = np.array([[[3.0, 4.0, -2.0, 1.0, 2.0]]])
    >>> lp_pool1d(x, 2, 2)  # sqrt(9 + 16), sqrt(4 + 1)
    array([[[5.        , 2.23606798]]])
    >>> lp_pool1d(x, 1, 2, ceil_mode=True)  # the last window holds 2.0 alone: scaled by 2 / 1
    array([[[ 7., -1.,  4.]]])
    >>> float(lp_pool1d(x, 3, 2)[0, 0, 1]), lp_pool1d(x, float("inf"), 2)  # -8 + 1 < 0: no real cube root
    (nan, array([[[4., 2.]]]))
    """
    return _lp(1, input, norm_type, kernel_size, stride, ceil_mode)


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """2-D power-average pooling, as ``torch.nn.functional.lp_pool2d`` computes it on CPU.

    :func:`lp_pool1d` over (k_h, k_w) windows, K = k_h k_w.

    Examples
    --------
    >>> lp_pool2d(np.ones((1, 3, 3)), 2, 2, ceil_mode=True)  # every window scaled to 4 taps
    array([[[2., 2.],
            [2., 2.]]])
    """
    return _lp(2, input, norm_type, kernel_size, stride, ceil_mode)


def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """3-D power-average pooling, as ``torch.nn.functional.lp_pool3d`` computes it on CPU.

    :func:`lp_pool1d` over (k_d, k_h, k_w) windows, K = k_d k_h k_w; float32 and float64 only.

    Examples
    --------
    >>> lp_pool3d(np.full((1, 2, 2, 2), 2.0), 1.5, 2)  # (8 * 2 ** 1.5) ** (1 / 1.5)
    array([[[[8.]]]])
    """
    return _lp(3, input, norm_type, kernel_size, stride, ceil_mode)
