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

Gradients (the reference's ``<op>_backward``). Each gradient element is again a sum of products,
so the real-dtype bound above applies with the backward's own n and A = the same sum over absolute
values (the reference's backward run on |grad_output|, |input|, |weight| in float64):

- convolution, input: sum over the output channels of its group, the kernel taps and the output
  positions that read it of g * w: n = (C_out / groups) * prod(k) * m, m the most padded
  positions that copy one input element (1 for zeros, more for reflect, replicate, circular);
- convolution, weight: sum over samples and output positions of g * x: n = N * prod(out);
  bias: the sum of g, n = N * prod(out);
- transposed convolution, input: a convolution of g, n = (C_out / groups) * prod(k); weight:
  n = N * prod(in); bias: n = N * prod(out);
- average pooling: sum over the windows covering the element of g / D: n = prod(ceil(k / s)),
  A = the backward of |g|;
- max pooling: the sum of the gradients routed to the element. Where routing is the same, an
  element that receives at most one gradient is exact (a copy); one that receives several is a
  rounded sum, n = that count, A = the routed |g| (the backward of |g| with the same input).

- adaptive average pooling: the same with n = the most windows one element lies in (windows
  overlap where m does not divide n), the divisor each window's own size;
- adaptive and fractional max pooling, and LP pooling with p = +-inf (max pooling of |x|, times
  sign(x), exact): max pooling's routing; max unpooling's backward is a gather, exact;
- LP pooling with a finite p: the gradient of x_j is P_j sum_w c_w / D_w with P_j = p x_j^(p - 1)
  and c_w = g_w q Z_w^(q - 1) K. torch's Z_w is within the forward's E_w, a relative
  rho_w = E_w / |Z_w|, which moves Z_w^(q - 1) by delta_w = max |(1 +- rho_w)^(q - 1) - 1|; every
  other factor is one rounding, a power's also u |e ln t| for its exponent e: m = 8 + (windows per
  element) + |(q - 1) ln Z_w| + |(p - 1) ln |x_j|| roundings, counted twice (torch's and the
  reference's float64 chain). Bound: |P_j| (sum_w |c_w| delta_w / D_w + gamma_2m sum_w |c_w|
  (1 + delta_w) / D_w) + 2m tiny. Where |Z_w| <= E_w (the forward's uncertain sign) the window's
  gradient may be NaN, 0 or any value, and the elements it reaches are not compared. float16 is
  not covered (x^(p - 1) and Z^(q - 1) are float16 operations in torch, which overflow).

torch's CPU backward kernels add into the gradient in its own dtype in places (max pooling routes
float16 gradients with float16 additions, average pooling adds float16 shares: spec/behaviours.py,
pool_backward_half_precision_sums_in_half), so every gradient, float16 included, is held to the
real-dtype bound for a sum formed in its own dtype (``accumulator=None``).

Adaptive average pooling is average pooling with a window of its own per output element: n is
the largest window's size. adaptive_avg_pool3d is the exception among the half-precision ones: its
CPU kernel sums float16 and bfloat16 in the dtype itself and divides by the window's three sizes
one after the other (spec/behaviours.py, adaptive_avg_pool3d_half_precision_sums_in_half), n - 1
additions and three divisions, which with the reference's two roundings stay within the real-dtype
bound gamma_{n + 4} A: ``accumulator=None``.

LP pooling (lp_pool1d/2d/3d) is no plain sum: out = Z^q with q = 1/p and Z = (K / D) sum x_j^p.
Let A = (K / D) sum |x_j|^p. torch forms each power (within 2u of |x_j|^p: two roundings), sums
(n - 1 more), divides by D and multiplies by K (two more): its Z' is within
E = gamma_{n + 4} A + (n + 4) tiny of Z, the real-dtype sum bound over A (in float16 the power,
the product by K and the root are float16 operations, so no wider accumulator is assumed). The
root then moves the error: for Z, Z' >= 0 and 0 < q <= 1, t -> t^q is q-Hoelder,
|Z'^q - Z^q| <= min(E^q, q (Z - E)^(q - 1) E) (the second where Z > E); for q > 1 it is at most
q (Z + E)^(q - 1) E; for q = 1 (p = 1) it is E, whatever the sign. The root itself rounds (2u),
its exponent 1/p is rounded to the dtype (u |q ln Z| relative) and the reference rounds once (u):
the bound used is that propagated error plus (3u + u |q ln(Z + E)|) (Z + E)^q.
Where |Z| <= E the sign of Z' is not known (odd p with negative inputs): a real result
(at most (2E)^q) and NaN are both correct there. +-inf norms are max pooling: exact.

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


def power_mean_tolerance(z, abs_z, n_terms: int, dtype: str, q: float):
    """Largest |implementation - reference| for LP pooling's Z^q (see the module docstring), from
    the reference's Z and A = ``abs_z`` (float64 arrays) and q = 1/p. Returns the bound and the
    mask of elements whose sign is uncertain (|Z| <= E), where NaN or a result of at most
    (2E)^q is correct. Works element-wise on arrays."""
    import numpy as np

    u = UNIT_ROUNDOFF[dtype]
    error = sum_tolerance(abs_z, n_terms, dtype, accumulator=None)
    uncertain = (np.abs(z) <= error) & (abs_z > z)  # only a sum with negative terms can change sign
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        top = np.abs(z) + error
        if q == 1:
            moved = error
        elif q < 1:
            below = np.maximum(np.abs(z) - error, 0)
            moved = np.where(below > 0, np.minimum(error ** q, q * below ** (q - 1) * error), error ** q)
        else:
            moved = q * top ** (q - 1) * error
        rounding = (3 * u + u * np.abs(q * np.log(np.where(top > 0, top, 1)))) * top ** q
        bound = np.where(uncertain, (2 * error) ** q * (1 + 4 * u), moved + rounding)
    return bound, uncertain
