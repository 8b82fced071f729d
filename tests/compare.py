"""Comparing an implementation's result with the reference's, with the failing call in the message."""

from __future__ import annotations

import numpy as np

from .calls import Call


class Mismatch(AssertionError):
    """A result that differs from the reference's; ``kind`` says how: type, shape, dtype, values
    or indices (the hunt files divergences by it)."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


def _where(call: Call) -> str:
    return f"\n\nminimal failing call:\n{call.python()}"


def assert_matches(got, expected: np.ndarray, call: Call, bound: np.ndarray | None = None, what="result"):
    """``got`` has ``expected``'s type, shape and dtype, and its values: exactly where ``bound`` is
    None (integers, max pooling, indices), else within ``bound`` element by element (NaN where
    the reference has NaN, the same infinities where it has infinities)."""
    if not isinstance(got, np.ndarray):
        raise Mismatch("type", f"{what}: expected an ndarray, got {type(got).__name__}{_where(call)}")
    if got.shape != expected.shape:
        raise Mismatch("shape", f"{what}: shape {got.shape}, expected {expected.shape}{_where(call)}")
    if got.dtype != expected.dtype:
        raise Mismatch("dtype", f"{what}: dtype {got.dtype}, expected {expected.dtype}{_where(call)}")
    if bound is None:
        same = got == expected
        if expected.dtype.kind in "fc":
            same |= np.isnan(got) & np.isnan(expected)
    else:
        wide = np.complex128 if expected.dtype.kind == "c" else np.float64
        finite = np.isfinite(expected)
        with np.errstate(invalid="ignore", over="ignore"):
            error = np.abs(got.astype(wide) - expected.astype(wide))
        same = np.where(finite, error <= bound,
                        (got == expected) | (np.isnan(got) & np.isnan(expected)))
    if not same.all():
        worst = tuple(int(i) for i in np.argwhere(~same)[0])
        detail = f"at {worst}: got {got[worst]!r}, expected {expected[worst]!r}"
        if bound is not None:
            detail += f", allowed error {bound[worst]:.3g}, error {abs(complex(got[worst]) - complex(expected[worst])):.3g}"
        raise Mismatch("indices" if what == "indices" else "values",
                       f"{what}: {int((~same).sum())} of {same.size} elements differ; first {detail}{_where(call)}")
