"""Exact (or float64-exact) sums, rounded once to the result dtype.

Integers are summed as Python ints and wrapped to the dtype's width, as torch's integer kernels
wrap (two's complement) on overflow. Floats are multiplied in float64, which is exact for float16
and float32 operands, and summed with math.fsum, which rounds only once; complex values take the
same path for their real and imaginary parts.
"""

from __future__ import annotations

import math

import numpy as np


def widen(x: np.ndarray) -> np.ndarray:
    """``x`` in a type its products and sums can be formed in without (further) rounding."""
    if x.dtype.kind in "iu":
        return x.astype(object)
    return x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)


def exact_sum(*terms: np.ndarray):
    """The sum of every element of the widened ``terms``: exact for ints, correctly rounded to
    float64 (or complex128) otherwise."""
    flat = np.concatenate([t.ravel() for t in terms])
    if flat.dtype == object:
        return sum(flat.tolist(), 0)
    if not np.isfinite(flat).all():  # inf and NaN: fsum refuses inf - inf; any order gives the same
        with np.errstate(invalid="ignore"):
            return flat.sum()
    if flat.dtype.kind == "c":
        return complex(math.fsum(flat.real), math.fsum(flat.imag))
    return math.fsum(flat)


def round_to(value, dtype: np.dtype):
    """``value`` in ``dtype``: wrapped modulo 2**bits for integers, rounded to nearest for floats."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return dtype.type((value - info.min) % (info.max - info.min + 1) + info.min)
    # A value beyond the dtype's range rounds to +-inf, as IEEE rounding (and torch) has it; numpy
    # would warn that the cast overflows, and the suite treats warnings as errors.
    with np.errstate(over="ignore"):
        return np.asarray(value).astype(dtype)[()]
