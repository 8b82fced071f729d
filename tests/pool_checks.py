"""The result check of the pools beyond max/avg pooling (adaptive, unpool, LP, fractional): the
values, and the indices where the call returns them, against the reference's.

tests/checks.py's ``check_result`` serves the operators it knows; these operators' tolerances
come from their own terms: an adaptive average is a sum over its window divided by the window's
size (spec/tolerance.py's sum model, n the largest window), LP pooling a root of a scaled sum of
powers (spec/tolerance.py's LP model); max-like results and indices are exact.
"""

from __future__ import annotations

import math

import numpy as np

import reference
from reference.lp_pool import scaled_power_sums
from spec.adaptive_pool import AdaptivePoolCall
from spec.lp_pool import LpPoolCall
from spec.shapes import adaptive_window
from spec.tolerance import ACCUMULATOR, power_mean_tolerance, sum_tolerance

from .compare import Mismatch, assert_matches


def _largest_adaptive_window(call) -> int:
    spec_call = AdaptivePoolCall.of(call["input"], call["output_size"], op=call.op)
    largest = 1
    for n, m in zip(spec_call.input_size, spec_call.pooled_size):
        widths = [end - start for start, end in (adaptive_window(i, n, m) for i in range(m))]
        largest *= max(widths, default=1)
    return largest


def bound(call, expected) -> np.ndarray | None:
    """Per-element tolerance of a float result, None (exact) for max-like results. The sum of
    |terms| over the divisor is the operator run by the reference on |input| in float64."""
    if call["input"].dtype.kind != "f" or not call.op.startswith("adaptive_avg"):
        return None
    absolute = dict(call.kwargs, input=np.abs(call["input"]).astype(np.float64))
    abs_mean = getattr(reference, call.op)(**absolute)
    result = np.abs(expected).astype(np.float64) if call["input"].dtype.name in ACCUMULATOR else None
    # adaptive_avg_pool3d sums float16 and bfloat16 in the dtype itself (spec/tolerance.py).
    wider = {"accumulator": None} if call.op == "adaptive_avg_pool3d" else {}
    return sum_tolerance(abs_mean, _largest_adaptive_window(call), call["input"].dtype.name, result, **wider)


def _unpool_targets(call) -> dict:
    """For max_unpool: (plane, flat position) -> every input value written there, in order."""
    per_plane = int(np.prod(call["input"].shape[-int(call.op[-2]):]))
    targets: dict = {}
    for flat, (value, index) in enumerate(zip(call["input"].ravel(), call["indices"].ravel())):
        targets.setdefault((flat // per_plane, int(index)), []).append(value)
    return targets


def _check_unpool(got, expected, call) -> None:
    """Exact, except where several elements point to one position: torch writes them from several
    threads, so any of them may be the one that stays (spec/behaviours.py,
    max_unpool_duplicate_indices_race); the reference keeps the last."""
    if isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype == expected.dtype:
        rank = int(call.op[-2])
        flat_got = got.reshape((-1, int(np.prod(got.shape[-rank:]))))
        settled = expected.reshape(flat_got.shape).copy()
        for (plane, position), candidates in _unpool_targets(call).items():
            value = flat_got[plane, position]
            if len(candidates) > 1 and any(value == c or (value != value and c != c) for c in candidates):
                settled[plane, position] = value
        expected = settled.reshape(expected.shape)
    assert_matches(got, expected, call)


def _check_lp(got, expected, call) -> None:
    """Within spec/tolerance.py's LP model: where Z's sign is uncertain, NaN or a small result."""
    spec_call = LpPoolCall.of(**call.kwargs, rank=int(call.op[-2]))
    if spec_call.is_infinite:
        return assert_matches(got, expected, call)
    z = scaled_power_sums(spec_call, call["input"])
    abs_z = scaled_power_sums(spec_call, np.abs(call["input"]))
    tolerance, uncertain = power_mean_tolerance(z, abs_z, math.prod(spec_call.kernel), call["input"].dtype.name,
                                                1.0 / spec_call.norm_type)
    if isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype == expected.dtype:
        small = uncertain & (np.isnan(got) | (np.abs(got.astype(np.float64)) <= tolerance))
        expected = np.where(small, got, expected)  # either answer is correct there
    assert_matches(got, expected, call, np.where(np.isfinite(tolerance), tolerance, np.inf))


def check_result(function, call) -> None:
    """``function``'s result for ``call`` has the reference's type, shape, dtype and values (and
    indices, exactly, where the call returns them)."""
    expected, got = call.run(getattr(reference, call.op)), call.run(function)
    if call.op.startswith("max_unpool"):
        return _check_unpool(got, expected, call)
    if call.op.startswith("lp_pool"):
        return _check_lp(got, expected, call)
    if isinstance(expected, tuple):
        if not (isinstance(got, tuple) and len(got) == 2):
            raise Mismatch("type", f"expected (values, indices), got {type(got).__name__}\n\n"
                                   f"minimal failing call:\n{call.python()}")
        assert_matches(got[0], expected[0], call, bound(call, expected[0]), what="values")
        assert_matches(got[1], expected[1], call, what="indices")
    else:
        assert_matches(got, expected, call, bound(call, expected))
