"""The checks a result must pass, shared by the property tests and the tests of the suite's power."""

from __future__ import annotations

import numpy as np

import reference
from spec.tolerance import sum_tolerance

from .compare import assert_matches


def conv2d_bound(call) -> np.ndarray | None:
    """Per-element tolerance (spec/tolerance.py): None for integers, else from the sum of |x * w|
    over each window, computed by the reference itself on absolute values in float64."""
    dtype = call["input"].dtype
    if dtype.kind in "iu":
        return None
    absolute = {name: None if call[name] is None else np.abs(call[name]).astype(np.float64)
                for name in ("input", "weight", "bias")}
    params = {name: call[name] for name in ("stride", "padding", "dilation", "groups", "padding_mode")}
    abs_sum = reference.conv2d(**absolute, **params)
    n_terms = int(np.prod(call["weight"].shape[1:])) + (call["bias"] is not None)
    return sum_tolerance(abs_sum, n_terms, dtype.name)


def check_conv2d(conv2d, call) -> None:
    """``conv2d``'s result for ``call`` matches the reference's: shape, dtype, and values exactly
    (integers) or within the tolerance model (floats)."""
    assert_matches(call.run(conv2d), call.run(reference.conv2d), call, conv2d_bound(call))
