"""The two sides of the dot-product identity <vjp(g), v> = <g, jvp(v)>, which checks a backward
against its forward with no other oracle: the tests (tests/test_gradients.py,
tests/test_pool_gradients.py) and the site's worked examples (docs/hooks/gradients.py) use it."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np


def inner(a, b) -> Fraction:
    """<a, b>, exactly (every float64 is a fraction)."""
    return sum((Fraction(float(x)) * Fraction(float(y)) for x, y in zip(np.ravel(a), np.ravel(b))), Fraction(0))


def _forward(op):
    import reference  # the package imports this module's users, not the other way round

    return getattr(reference, op)


def jvp(op: str, kwargs: dict, v: dict) -> np.ndarray:
    """The forward's derivative in direction v (one direction per differentiable argument).
    Convolutions are bilinear in (input, weight) and affine in bias: conv(v_x, w) + conv(x, v_w) +
    (v_b broadcast); average pooling (adaptive too) and max unpooling (for given indices) are
    linear; the max-like pools are piecewise linear: with distinct values at least 1 apart (in
    magnitude too, for LP pooling's infinite norms) and |v| <= 3, a step of 1/8 changes no window's
    choice (nor any sign), so one difference quotient is the derivative, exactly (dyadic numbers).
    A window of padding only is constant (its -inf stays): derivative 0."""
    forward = _forward(op)
    if op.startswith("conv"):
        zero_bias = {"bias": None}
        total = forward(**dict(kwargs, input=v["input"], **zero_bias)) + forward(**dict(kwargs, weight=v["weight"],
                                                                                       **zero_bias))
        if "bias" in v:
            total = total + forward(**dict(kwargs, input=np.zeros_like(kwargs["input"]), bias=v["bias"]))
        return total
    if op.startswith(("avg", "adaptive_avg", "max_unpool")):
        return forward(**dict(kwargs, input=v["input"]))
    step = 1 / 8
    base, moved = forward(**kwargs), forward(**dict(kwargs, input=kwargs["input"] + step * v["input"]))
    base, moved = (r[0] if kwargs.get("return_indices") else r for r in (base, moved))
    return np.where(np.isinf(base), 0.0, (moved - np.where(np.isinf(base), 0.0, base)) / step)


def smooth_derivative(op: str, kwargs: dict, g, v, h: float = 2.0 ** -12) -> tuple[float, float]:
    """<g, jvp(v)> of a smooth forward (LP pooling with a finite norm, away from zeros) in float64,
    by central differences D(h) = <g, f(x + h v) - f(x - h v)> / 2h, and the allowed error.

    D(h) = <g, jvp(v)> + c h^2 + O(h^4), so Richardson's R = (4 D(h) - D(2h)) / 3 is within O(h^4)
    of it and |D(h) - D(2h)| = 3 |c| h^2 + O(h^4) bounds that with room to spare; each output of
    the forward is within 8u |f| of f (powers, the scaled sum, the root), which moves R by at most
    2 * 8u <|g|, |f|> / h. Returns (R, that bound)."""
    forward, u = _forward(op), 2.0 ** -53

    def difference(step):
        ahead = forward(**dict(kwargs, input=kwargs["input"] + step * v))
        behind = forward(**dict(kwargs, input=kwargs["input"] - step * v))
        return math.fsum((g * (ahead - behind)).ravel()) / (2 * step)

    near, far = difference(h), difference(2 * h)
    rounding = 16 * u * math.fsum((np.abs(g) * np.abs(forward(**kwargs))).ravel()) / h
    return (4 * near - far) / 3, abs(near - far) + rounding


def dot_product_sides(op: str, kwargs: dict, g, v: dict):
    """(<vjp(g), v>, <g, jvp(v)>, the difference allowed) for the forward call ``op(**kwargs)``,
    its output gradient g and directions v (small integers, float64; see :func:`jvp` for the
    max-like pools' values).

    Exact (allowed 0) for the convolutions, the max-like pools and unpooling. An average rounds
    each share (a quotient by the divisor) once on each side, so they may differ by
    2u <|g|, avg(|v|)>, u = 2^-53, plus one u for that sum's own rounding. LP pooling with a
    finite norm: :func:`smooth_derivative`'s bound, plus the vjp's own rounding, its terms
    products of at most 16 rounded factors: 16u <vjp(|g|), |v|> (all positive for x > 0)."""
    u, backward = 2.0 ** -53, _forward(f"{op}_backward")
    convolution = op.startswith("conv")
    grads = backward(g, **kwargs)
    grads = dict(zip(("input", "weight", "bias"), grads)) if convolution else {"input": grads}
    left = sum((inner(grad, v[name]) for name, grad in grads.items() if name in v), Fraction(0))
    if op.startswith("lp_pool") and not math.isinf(kwargs["norm_type"]):
        right, allowed = smooth_derivative(op, kwargs, g, v["input"])
        return left, right, allowed + 16 * u * float(inner(backward(np.abs(g), **kwargs), np.abs(v["input"])))
    right = inner(g, jvp(op, kwargs, v))
    if not op.startswith(("avg", "adaptive_avg")):
        return left, right, 0
    # np.abs: a negative divisor_override makes the average of |v| negative.
    scale = float(inner(np.abs(g), np.abs(_forward(op)(**dict(kwargs, input=np.abs(v["input"]))))))
    return left, right, 3 * u * scale
