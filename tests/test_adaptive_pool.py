"""adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d/3d against the reference.

Drawn calls reach dividing and non-dividing output sizes, m > n, m = 0 and None entries by
construction (tests/strategies/adaptive_pool.py); max pooling's inputs hold ties, NaN and -inf.
Checked: values (within spec/tolerance.py's model for averages, exact for maxima and indices),
output shape against torch, error parity per rule, unbatched and empty-batch input, the window
sequence's properties, and the torch surprises met on the way, pinned.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reference
from spec.adaptive_pool import OPERATORS, RULES_BY_RANK, AdaptivePoolCall
from spec.params import rank_of
from spec.rules import SpecViolation, rule_named
from spec.shapes import adaptive_window

from .adapters import torch_nn
from .checks import assert_rejected_everywhere
from .pool_properties import shared_properties
from .strategies import adaptive_pool as aps

# The reference's loops are cheap at these sizes; a few dozen calls per operator find the
# window, tie and NaN cases (each is drawn by construction).
# tests/test_power.py's in_the_suite reads SHARE: its zoo searches get this test's examples.
SHARE = 4

test_implementation_matches_reference, test_output_shape_matches_torch, test_error_parity = shared_properties(
    OPERATORS, aps, lambda call: AdaptivePoolCall.of(call["input"], call["output_size"], op=call.op).output_shape, SHARE)


def test_every_rule_has_a_breaker():
    for op in OPERATORS:
        # non_empty_channels holds for adaptive max pooling and adaptive_avg_pool3d only.
        assert set(aps.breakers(op)) | {"non_empty_channels"} == {r.name for r in RULES_BY_RANK[rank_of(op)]}, op


@pytest.mark.parametrize("op", OPERATORS)
def test_non_array_input_is_rejected(impl, op):
    for bad in ([[1.0, 2.0]], None, 1.0):
        assert_rejected_everywhere(aps.Call(op, dict(input=bad, output_size=1)), "input_is_array", impl)


@pytest.mark.parametrize("op", OPERATORS)
def test_unbatched_and_empty_batch(op):
    rank = rank_of(op)
    x = np.linspace(-2, 2, 2 * 5 ** rank).reshape((2,) + (5,) * rank)
    for function in (getattr(reference, op), getattr(torch_nn, op)):
        unbatched, batched = function(x, 3), function(x[np.newaxis], 3)
        np.testing.assert_array_equal(unbatched, batched[0])
        assert function(np.ones((0,) + x.shape), 3).shape == (0, 2) + (3,) * rank


@given(n=st.integers(1, 40), m=st.integers(1, 40))
def test_window_sequence(n, m):
    """Every window is non-empty and lies in the input, starts and ends never decrease, the first
    starts at 0 and the last ends at n, the windows cover the input, and widths differ by at
    most one from n / m rounded up, plus one (overlap)."""
    windows = [adaptive_window(i, n, m) for i in range(m)]
    assert windows[0][0] == 0 and windows[-1][1] == n
    assert all(0 <= start < end <= n for start, end in windows)
    assert all(a[0] <= b[0] and a[1] <= b[1] and b[0] <= a[1] for a, b in zip(windows, windows[1:]))
    assert all(end - start <= -(-n // m) + 1 for start, end in windows)
    if n % m == 0:
        assert all(end - start == n // m for start, end in windows)


# -- torch's surprises, pinned (spec/behaviours.py) -----------------------------------------------

def test_pinned_adaptive_max_nan_gives_last_nan_index():
    for rank in (1, 2, 3):
        x = np.array([np.nan, 1.0, np.nan, 3.0]).reshape((1, 1) + (1,) * (rank - 1) + (4,))
        op = f"adaptive_max_pool{rank}d"
        got, expected = getattr(torch_nn, op)(x, 1, return_indices=True), getattr(reference, op)(x, 1, return_indices=True)
        assert np.isnan(got[0]).all() and int(got[1].ravel()[0]) == 2
        np.testing.assert_array_equal(got[1], expected[1])


def test_pinned_adaptive_output_size_zero_gives_empty_output():
    for op in OPERATORS:
        x = np.ones((1, 2) + (3,) * rank_of(op))
        got = getattr(torch_nn, op)(x, 0)
        got = got[0] if isinstance(got, tuple) else got
        assert got.shape == (1, 2) + (0,) * rank_of(op)
        assert getattr(reference, op)(x, 0).shape == got.shape


def test_pinned_adaptive_avg_accepts_zero_channels():
    """adaptive_avg_pool1d and 2d take a batched input with C = 0; adaptive max pooling and
    adaptive_avg_pool3d refuse it (the non_empty_channels rule); unbatched, all take C = 0."""
    for op in OPERATORS:
        rank = rank_of(op)
        batched, unbatched = np.ones((1, 0) + (4,) * rank), np.ones((0,) + (4,) * rank)
        assert getattr(torch_nn, op)(unbatched, 2).shape == (0,) + (2,) * rank
        assert getattr(reference, op)(unbatched, 2).shape == (0,) + (2,) * rank
        if op in ("adaptive_avg_pool1d", "adaptive_avg_pool2d"):
            assert getattr(torch_nn, op)(batched, 2).shape == (1, 0) + (2,) * rank
            assert getattr(reference, op)(batched, 2).shape == (1, 0) + (2,) * rank
        else:
            with pytest.raises(RuntimeError, match="non-zero size"):
                getattr(torch_nn, op)(batched, 2)
            with pytest.raises(SpecViolation, match="non_empty_channels"):
                getattr(reference, op)(batched, 2)


def test_pinned_adaptive_output_size_takes_bool_entries():
    """The parameter_form rule's divergence (Rule.torch): a bool entry reads as 0 or 1, though a
    bool output_size raises."""
    x = np.ones((1, 2, 4, 4))
    assert torch_nn.adaptive_avg_pool2d(x, (3, True)).shape == (1, 2, 3, 1)
    assert "(3, 1)" in rule_named(RULES_BY_RANK[2], "parameter_form").torch
    with pytest.raises(TypeError):
        torch_nn.adaptive_avg_pool2d(x, True)
    with pytest.raises(SpecViolation, match="parameter_form"):
        reference.adaptive_avg_pool2d(x, (3, True))


def test_pinned_adaptive_avg_pool3d_half_precision_sums_in_half():
    values = np.array([0.0, 0.0, 0.0, 0.0, 1.0, 3.8828125, 3.38671875, 1.72265625, 0.5], dtype=np.float16)
    window = values[3:]  # the second of the two depth windows of 3 elements: [1, 3)
    in_half = np.float16(0)
    for v in window:  # summed in float16, then divided by 2 (depth), 1 and 3 (width)
        in_half = np.float16(in_half + v)
    in_half = np.float16(np.float16(in_half / np.float16(2)) / np.float16(3))
    got = torch_nn.adaptive_avg_pool3d(values.reshape(1, 1, 3, 1, 3), (2, 1, 1))[0, 0, 1, 0, 0]
    assert got == in_half != reference.adaptive_avg_pool3d(values.reshape(1, 1, 3, 1, 3), (2, 1, 1))[0, 0, 1, 0, 0]
    # The same window in 2-D is summed in float32 and rounded once.
    got_2d = torch_nn.adaptive_avg_pool2d(values.reshape(1, 3, 3), (2, 1))[0, 1, 0]
    assert got_2d == np.float16(window.astype(np.float64).sum() / 6)


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_pinned_adaptive_avg_global_is_mean(rank):
    op = f"adaptive_avg_pool{rank}d"
    empty, complex_input = np.ones((1, 1, 0) + (3,) * (rank - 1)), np.ones((1, 1) + (3,) * rank, dtype=np.complex64)
    assert np.isnan(getattr(torch_nn, op)(empty, 1)).all()
    assert getattr(torch_nn, op)(complex_input, 1).dtype == np.complex64
    assert getattr(torch_nn, op)(np.ones((1, 0) + (2,) * rank), 1).shape == (1, 0) + (1,) * rank
    for rule in ("non_empty_input", "non_empty_channels", "supported_dtype"):
        assert "computes as a mean" in rule_named(RULES_BY_RANK[rank], rule).torch
    with pytest.raises(RuntimeError):  # any other output size runs the adaptive kernel, which checks
        getattr(torch_nn, op)(empty, 2)
    with pytest.raises(SpecViolation, match="non_empty_input"):
        getattr(reference, op)(empty, 1)
    with pytest.raises(SpecViolation, match="supported_dtype"):
        getattr(reference, op)(complex_input, 1)
