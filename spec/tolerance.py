"""The tolerance model: how far a correct floating-point result may lie from the reference.

One output element of conv2d (or of a float avg_pool2d) is a sum of ``n`` terms: the products
x * w of its window (plus the bias), or the window's elements. Let S be the exact sum and
A = sum |term| (the same sum over absolute values). Write u for the unit roundoff of the output
dtype (half its machine epsilon) and gamma_m = m u / (1 - m u).

Real dtypes. An implementation that forms each product and adds the terms in *any* order, in the
output dtype or a wider one, then rounds once to the output dtype, is within gamma_{n} A + u |S|
of S (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.1). The
reference forms the products in float64 (exact for float16 and float32 operands, within 2^-53
relative for float64), sums them with math.fsum and rounds once: within u |S| + u A of S. As
|S| <= A, the two differ by at most gamma_{n + 3} A; the bound used is gamma_{n + 4} A, plus
(n + 4) times the smallest subnormal for results and products that underflow, where relative
bounds stop holding. Dividing by an avg-pool divisor D adds one rounding: the sum's bound over D,
plus u |S / D|, which gamma_{n + 4} A / D already covers.

Complex dtypes. torch forms a complex convolution from three real ones (Gauss's trick:
re = a - b, im = c - a - b with a = conv(x_re, w_re), b = conv(x_im, w_im),
c = conv(x_re + x_im, w_re + w_im)). With A = sum |x| |w|, each of a and b is within gamma_n A,
c within gamma_{n + 2} 2A (its operands are sums, |x_re + x_im| <= sqrt(2) |x|), and the two
subtractions add at most 2u (|a| + |b| + |c|) <= 8u A. The imaginary part is so within
(2 gamma_{n + 2} + 2 gamma_n + 8u) A <= 4 gamma_{n + 4} A, the real part within 3 gamma_{n + 4} A,
and the modulus of the error within 5 gamma_{n + 4} A. The bound used is 6 gamma_{n + 4} A (one
more gamma_{n + 4} A for the reference), with the same underflow term, times 6.

float16 and bfloat16. torch accumulates these in float32 on CPU (spec/behaviours.py,
half_precision_accumulates_in_float32 and avg_half_precision_sums_in_float32): the terms (products
of two float16 values are exact in float32) are summed in float32, in any order, within
gamma_n(u32) A of S, and the sum is rounded once to the output dtype, adding u |S| (u the output's
unit roundoff) and half a subnormal. The reference is within u |S| + 2^-53 A + half a subnormal
of S. With R the reference's result, |S| <= (|R| + gamma_{n+4}(u32) A + tiny) / (1 - u), so the
bound used is 2u (|R| + gamma_{n+4}(u32) A + tiny) / (1 - u) + 2 gamma_{n+4}(u32) A + 2 tiny.
A float16 implementation that accumulates in float16 exceeds it by two orders of magnitude.

Transposed convolutions in float16 and bfloat16 are the exception: torch hands them to oneDNN,
which rounds to the output dtype more than once (spec/behaviours.py,
conv_transpose_half_precision_rounds_more_than_once). Their bound is the real-dtype one, for a sum
formed in the output dtype itself: ``accumulator=None``.

Adaptive average pooling is average pooling with a window of its own per output element: n is
the largest window's size. adaptive_avg_pool3d is the exception among the half-precision ones: its
CPU kernel sums float16 and bfloat16 in the dtype itself and divides by the window's three sizes
one after the other (spec/behaviours.py, adaptive_avg_pool3d_half_precision_sums_in_half), n - 1
additions and three divisions, which with the reference's two roundings stay within the real-dtype
bound gamma_{n + 4} A: ``accumulator=None``.

The model is tight enough that float64 arithmetic done in float32 exceeds it by a factor of
about 2^29, and float32 done in float16 by about 2^13. It does not cover Winograd or FFT
convolution, whose error bounds are larger; torch uses neither on CPU for the sizes drawn here.
"""

from __future__ import annotations

import math

# Unit roundoff u (half the machine epsilon) and the smallest positive subnormal, per dtype.
UNIT_ROUNDOFF = {
    "float16": 2.0**-11, "bfloat16": 2.0**-8, "float32": 2.0**-24, "float64": 2.0**-53,
    "complex64": 2.0**-24, "complex128": 2.0**-53,
}
SMALLEST_SUBNORMAL = {
    "float16": 2.0**-24, "bfloat16": 2.0**-133, "float32": 2.0**-149, "float64": 2.0**-1074,
    "complex64": 2.0**-149, "complex128": 2.0**-1074,
}


def gamma(m: int, u: float) -> float:
    """gamma_m = m u / (1 - m u), the relative error bound of m roundings."""
    if m * u >= 1:
        return math.inf
    return m * u / (1 - m * u)


# Output dtypes torch sums in a wider accumulator on CPU, and that accumulator.
ACCUMULATOR = {"float16": "float32", "bfloat16": "float32"}


_WIDER = object()  # sum_tolerance's default: the accumulator torch uses for the dtype, if any


def sum_tolerance(abs_sum, n_terms: int, dtype: str, result=None, accumulator=_WIDER):
    """Largest |implementation - reference| for one output element of ``dtype`` that is a sum of
    ``n_terms`` terms whose absolute values sum to ``abs_sum`` (see the module docstring).
    ``result``, the reference's value, is needed for the dtypes of ``ACCUMULATOR``. ``accumulator``
    is the dtype the sum is formed in and rounded once from (``ACCUMULATOR``'s by default), None
    for a sum formed in ``dtype`` itself. Works element-wise on arrays."""
    u, tiny, m = UNIT_ROUNDOFF[dtype], SMALLEST_SUBNORMAL[dtype], n_terms + 4
    accumulator = ACCUMULATOR.get(dtype) if accumulator is _WIDER else accumulator
    if accumulator is not None:
        accumulated = gamma(m, UNIT_ROUNDOFF[accumulator]) * abs_sum
        return 2 * u * (abs(result) + accumulated + tiny) / (1 - u) + 2 * accumulated + 2 * tiny
    factor = 6 if dtype.startswith("complex") else 1
    return factor * (gamma(m, u) * abs_sum + m * tiny)
