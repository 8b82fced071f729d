"""lp_pool1d/2d/3d: one window walk for every spatial rank, the definition torch computes.

Each output is (K / D * sum over the window of x^p) ** (1/p), with K the kernel's size and D the
window's taps inside the input (spec/lp_pool.py); norm_type = +-inf is max pooling of |x|.
"""

from __future__ import annotations

import math

import numpy as np

from spec.backward import check_backward
from spec.lp_pool import LpPoolCall, check_lp_pool, scaled_power_sum
from spec.pool import PoolCall

from ._exact import exact_sum, round_to
from ._gradient import gradient_planes, routed, spread
from .pool import _avg_windows, _max_pool, _planes, _unplanes, _window_walk


def torch_power(x, exponent: float):
    """x ** exponent as torch's pow computes it: the exponents 0.5 and -0.5 by sqrt and 1 / sqrt,
    which keep the sign of -0.0 (-0.0 and -inf, where IEEE pow gives +0.0 and +inf;
    spec/behaviours.py, lp_pool_half_powers_keep_the_sign_of_zero); np.power for every other
    exponent, with which torch agrees."""
    if exponent == 0.5:
        return np.sqrt(x)
    if exponent == -0.5:
        return 1.0 / np.sqrt(x)
    return np.power(x, exponent)


def scaled_power_sums(call: LpPoolCall, input) -> np.ndarray:
    """K / D * sum of x^p over each window, in float64: what the p-th root is taken of."""
    planes = _planes(input, call)
    out = np.empty((len(planes),) + call.output_size, dtype=np.float64)
    kernel_size = math.prod(call.kernel)
    for plane, position, taps in _window_walk(call, len(planes)):
        inside = [t[t < n] for t, n in zip(taps, call.input_size)]  # no padding: taps start inside
        window = planes[plane][np.ix_(*inside)].astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):  # a negative base gives NaN
            powers = torch_power(window, float(call.norm_type))
        out[(plane,) + position] = scaled_power_sum(exact_sum(powers), kernel_size, window.size)
    return _unplanes(out, input, call)


def _as_max(call: LpPoolCall, return_indices=False) -> PoolCall:
    """The max pooling an infinite norm_type is: the same windows, no padding, no dilation."""
    return PoolCall(f"max_pool{call.spatial_dims}d", call.input_shape, call.input_dtype, call.kernel_size,
                    call.stride, 0, 1, call.ceil_mode, return_indices)


def _lp_pool(call: LpPoolCall, input):
    if call.is_infinite:
        magnitudes = np.abs(input)
        pooled = _max_pool(_as_max(call), magnitudes if call.norm_type > 0 else -magnitudes)
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


# -- backward ------------------------------------------------------------------------------------

def _torch_sign(v):
    """torch.sign: -1, 0 or 1, and 0 for NaN (numpy's sign gives NaN)."""
    return np.where(np.isnan(v), 0.0, np.sign(v))


def _infinite_backward(call: LpPoolCall, g, input):
    """p = +-inf is max pooling of |x| (of -|x| for -inf, negated): each output gradient goes to the
    element the max pooling chose, times the derivative of |x| there, torch.sign(x) (0 at 0 and
    at NaN); the two negations of -inf cancel."""
    magnitudes = np.abs(input)
    _, indices = _max_pool(_as_max(call, return_indices=True), magnitudes if call.norm_type > 0 else -magnitudes)
    grad = routed(g, indices.reshape(g.shape), call.input_size, input.dtype)
    return grad * _torch_sign(_planes(input, call))


def _lp_pool_backward(call: LpPoolCall, grad_output, input):
    """torch's chain rule, factor by factor, in float64 (see :func:`lp_pool2d_backward`)."""
    g = gradient_planes(grad_output, call.spatial_dims, call.output_size)
    if call.is_infinite:
        return _infinite_backward(call, g, input).astype(input.dtype).reshape(input.shape)
    p, q, kernel_size = float(call.norm_type), 1.0 / call.norm_type, math.prod(call.kernel)
    z = scaled_power_sums(call, input).reshape(g.shape)  # K a, a the average of x^p
    x = _planes(input, call).astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        # d/da of (sign(a) relu(|a|) K)^q: the root's q Z^(q - 1), times K, then sign(a), relu's
        # mask (0 where |a| = 0) and |a|'s sign(a), in torch's order, so that its infinities and
        # NaN meet the same zeros (inf * 0 is NaN before the mask, 0 after it).
        to_average = np.where(np.abs(z) <= 0, 0.0, g * (q * np.power(z, q - 1)) * kernel_size * _torch_sign(z))
        to_average = to_average * _torch_sign(z)
        # avg_pool's backward spreads it over each window's D taps (in float64: one rounding, at the
        # end); then x^p's derivative p x^(p - 1) multiplies every element's sum, 0 for an element
        # no window reads too (so NaN there if x is NaN, or 0 with p < 1, as in torch).
        averaged = spread(to_average, _avg_windows(call, len(g)), call.input_size, np.float64)
        grad = round_to(averaged * (p * torch_power(x, p - 1)), input.dtype)
    return grad.reshape(input.shape)


def _backward(rank, grad_output, input, norm_type, kernel_size, stride, ceil_mode):
    call = LpPoolCall.of(input, norm_type, kernel_size, stride, ceil_mode, rank=rank)
    check_lp_pool(call)
    check_backward(call, grad_output)
    return _lp_pool_backward(call, grad_output, input)


def lp_pool1d_backward(grad_output, input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """The input gradient of :func:`lp_pool1d`: :func:`lp_pool2d_backward` with one spatial dimension.

    Examples
    --------
    >>> lp_pool1d_backward(np.ones((1, 1, 2)), np.array([[[3.0, 4.0, -1.0, 0.0, 2.0]]]), 2, 2)  # x / ||x||
    array([[[ 0.6,  0.8, -1. ,  0. ,  0. ]]])
    >>> x = np.array([[[3.0, 4.0, -2.0, 1.0, 2.0]]])
    >>> lp_pool1d_backward(np.ones((1, 1, 3)), x, 1, 2, ceil_mode=True)  # the last window's K / D = 2
    array([[[1., 1., 1., 1., 2.]]])
    >>> lp_pool1d_backward(np.ones((1, 1, 2)), x, float("inf"), 2)  # to the largest |x|, times its sign
    array([[[ 0.,  1., -1.,  0.,  0.]]])
    """
    return _backward(1, grad_output, input, norm_type, kernel_size, stride, ceil_mode)


def lp_pool2d_backward(grad_output, input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """The input gradient of :func:`lp_pool2d`, given the gradient ``grad_output`` of its output;
    returns grad_input, of the input's shape and dtype. torch's autograd differentiates its
    formula, out = (sign(a) relu(|a|) K)^(1/p) with a = avg_pool(x^p) (D taps per window), and the
    reference follows it factor by factor.

    Notes
    -----
    With Z = K a the scaled sum of powers, for each window w containing x_j:

    .. math:: \\frac{\\partial L}{\\partial x_j} = \\sum_w g_w \\, \\frac{1}{p} Z_w^{1/p - 1}
              \\, \\frac{K}{D_w} \\, p \\, x_j^{p - 1}
              = \\sum_w g_w \\Big(\\frac{|x_j|}{out_w}\\Big)^{p - 1} \\frac{K}{D_w} \\operatorname{sign}(x_j)^{p - 1}

    which for a full window (D = K) is the p-norm's gradient; a ceil-mode window that runs past the
    input scales it by K / D, as the forward scales its sum. What torch's chain gives where that
    formula breaks down (spec/behaviours.py, lp_pool_backward_*):

    - a window whose sum of powers is 0 (all zeros, or p = 1 and a zero sum) gives 0: relu's mask;
      with p < 1 its zeros still get NaN, 0 times the power's infinite derivative 0^(p - 1);
    - p = 1 is the plain sum, gradient K / D, except a zero sum (0, the mask) and a NaN sum (0 too:
      torch.sign(NaN) is 0, and for p = 1 nothing infinite meets it);
    - a negative sum (odd p) or a negative input with a fractional p: NaN, as the forward;
    - an element 0 in a window of positive sum gets 0 for p > 1 and inf for p < 1 (0^(p - 1));
    - p x^(p - 1) multiplies each element's summed share last, so an element no window reads (the
      tail floor mode drops), whose share is 0, still gets NaN where x is NaN, or x is 0 and p < 1;
    - p = +-inf routes each gradient to the element of largest (smallest) |x| the max pooling
      chose, times sign(x): 0 at 0, and 0 at NaN.

    Examples
    --------
    >>> lp_pool2d_backward(np.ones((1, 1, 1)), np.array([[[3.0, 4.0]]]), 2, (1, 2))
    array([[[0.6, 0.8]]])
    >>> lp_pool2d_backward(np.ones((1, 1, 1)), np.zeros((1, 1, 2)), 2, (1, 2))  # a zero window: 0
    array([[[0., 0.]]])
    >>> lp_pool2d_backward(np.ones((1, 1, 1)), np.array([[[-1.0, 1.0]]]), 1, (1, 2))  # p = 1, zero sum
    array([[[0., 0.]]])
    """
    return _backward(2, grad_output, input, norm_type, kernel_size, stride, ceil_mode)


def lp_pool3d_backward(grad_output, input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """The input gradient of :func:`lp_pool3d`: :func:`lp_pool2d_backward` over (k_d, k_h, k_w)
    windows, K = k_d k_h k_w.

    Examples
    --------
    >>> lp_pool3d_backward(np.ones((1, 1, 1, 1)), np.full((1, 2, 2, 2), 2.0), 1.5, 2)[0, 0]  # (|x| / out)^(p - 1) = (2 / 8)^0.5
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    return _backward(3, grad_output, input, norm_type, kernel_size, stride, ceil_mode)
