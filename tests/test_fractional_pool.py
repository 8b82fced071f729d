"""fractional_max_pool2d/3d against the reference, with ``_random_samples`` given.

Drawn calls reach steps alpha from large to below one (overlapping windows), samples at both ends
of [0, 1), output_size and output_ratio, ties and NaN (tests/strategies/fractional_pool.py).
Checked: values and indices exactly (the window sequence is computed from the samples as torch
computes it), output shape against torch, error parity per rule, unbatched and empty-batch
input, the window sequence's properties, and the torch surprises, pinned.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reference
from spec.fractional_pool import OPERATORS, RULES_BY_RANK, FractionalPoolCall, fractional_starts
from spec.params import rank_of
from spec.rules import SpecViolation, rule_named

from .adapters import torch_nn
from .calls import Call
from .checks import assert_rejected_everywhere
from .pool_properties import shared_properties
from .strategies import fractional_pool as fps

# tests/test_power.py's in_the_suite reads SHARE: its zoo searches get this test's examples.
SHARE = 3

test_implementation_matches_reference, test_output_shape_matches_torch, test_error_parity = shared_properties(
    OPERATORS, fps, lambda call: FractionalPoolCall.of(**call.kwargs, rank=rank_of(call.op)).output_shape, SHARE)


def test_every_rule_torch_raises_for_has_a_breaker():
    for op in OPERATORS:
        raising = {r.name for r in RULES_BY_RANK[rank_of(op)] if r.torch_raises}
        # non_negative_output_size: torch raises, but only a negative output_size reaches it, and
        # the module's output_ratio check or tensor creation answers first (any error will do).
        assert set(fps.breakers(op)) == raising - {"non_negative_output_size"}, op


@pytest.mark.parametrize("op", OPERATORS)
def test_non_array_input_is_rejected(impl, op):
    samples = np.zeros((1, 1, rank_of(op)))
    for bad in ([[1.0, 2.0]], None, 1.0):
        call = Call(op, dict(input=bad, kernel_size=1, output_size=1, _random_samples=samples))
        assert_rejected_everywhere(call, "input_is_array", impl)


@pytest.mark.parametrize("op", OPERATORS)
def test_unbatched_and_empty_batch(op):
    rank = rank_of(op)
    x = np.linspace(-2, 2, 2 * 5 ** rank).reshape((2,) + (5,) * rank)
    samples = np.linspace(0, 0.9, 2 * rank).reshape(1, 2, rank)
    for function in (getattr(reference, op), getattr(torch_nn, op)):
        unbatched = function(x, 2, output_size=3, _random_samples=samples)
        np.testing.assert_array_equal(unbatched[np.newaxis], function(x[np.newaxis], 2, output_size=3,
                                                                      _random_samples=samples))
        assert function(x[np.newaxis][:0], 2, output_size=3, _random_samples=samples[:0]).shape == (0, 2) + (3,) * rank


@given(n=st.integers(1, 40), data=st.data())
def test_window_sequence(n, data):
    """Starts never decrease, the first is 0, the last window ends at the input's end, every window
    has the kernel's size and lies in the input (for samples in [0, 1), in float32 and float64)."""
    k = data.draw(st.integers(1, n), label="kernel")
    m = data.draw(st.integers(1, n - k + 1), label="output size")
    dtype = data.draw(st.sampled_from(["float32", "float64"]), label="dtype")
    u = data.draw(fps._samples(dtype), label="sample")
    starts = fractional_starts(u, n, m, k, dtype)
    assert len(starts) == m and starts[0] == (0 if m > 1 else n - k) and starts[-1] + k == n
    assert all(a <= b for a, b in zip(starts, starts[1:]))
    assert all(0 <= s and s + k <= n for s in starts)


# -- torch's surprises, pinned (spec/behaviours.py) -----------------------------------------------

@pytest.mark.parametrize("rank", [2, 3])
def test_pinned_fractional_samples_order(rank):
    """2-D samples are read (columns, rows); 3-D ones (depth, rows, columns)."""
    size = (10,) * rank
    x = np.arange(float(np.prod(size))).reshape((1, 1) + size)  # the max of a window is its far corner
    samples = np.zeros((1, 1, rank))
    samples[0, 0, 0] = 0.5  # moves the 2-D columns, the 3-D depth
    got = getattr(torch_nn, f"fractional_max_pool{rank}d")(x, 2, output_size=4, _random_samples=samples,
                                                          return_indices=True)
    expected = getattr(reference, f"fractional_max_pool{rank}d")(x, 2, output_size=4, _random_samples=samples,
                                                                 return_indices=True)
    np.testing.assert_array_equal(got[1], expected[1])
    moved, still = fractional_starts(0.5, 10, 4, 2), fractional_starts(0.0, 10, 4, 2)
    assert moved[1] != still[1]
    column = int(got[1].reshape(-1)[1] % 10)  # the second window along the last dimension
    assert column == (moved if rank == 2 else still)[1] + 1


def test_pinned_fractional_max_pool_zero_kernel():
    x, samples = np.ones((1, 1, 4, 4)), np.zeros((1, 1, 2))
    values, indices = torch_nn.fractional_max_pool2d(x, 0, output_size=2, _random_samples=samples, return_indices=True)
    assert (values == -np.inf).all()
    assert "accepts 0" in rule_named(RULES_BY_RANK[2], "positive_kernel").torch
    with pytest.raises(SpecViolation, match="positive_kernel"):
        reference.fractional_max_pool2d(x, 0, output_size=2, _random_samples=samples)
    with pytest.raises(ValueError, match="kernel_size must be greater than 0"):
        torch_nn.fractional_max_pool3d(np.ones((1, 1, 4, 4, 4)), 0, output_size=2, _random_samples=np.zeros((1, 1, 3)))


def test_pinned_fractional_extra_samples_unused():
    x = np.arange(25.0).reshape(1, 1, 5, 5)
    samples = np.array([[[0.5, 0.5]], [[0.0, 0.0]]])  # N' = 2 > N = 1
    got = torch_nn.fractional_max_pool2d(x, 2, output_size=3, _random_samples=samples)
    np.testing.assert_array_equal(got, torch_nn.fractional_max_pool2d(x, 2, output_size=3, _random_samples=samples[:1]))
    np.testing.assert_array_equal(got, reference.fractional_max_pool2d(x, 2, output_size=3, _random_samples=samples))


def test_pinned_fractional_max_pool3d_strict_fit():
    x2, x3 = np.arange(9.0).reshape(1, 1, 3, 3), np.arange(27.0).reshape(1, 1, 3, 3, 3)
    np.testing.assert_array_equal(torch_nn.fractional_max_pool2d(x2, 1, output_size=3, _random_samples=np.zeros((1, 1, 2))), x2)
    with pytest.raises(RuntimeError, match="too large"):
        torch_nn.fractional_max_pool3d(x3, 1, output_size=3, _random_samples=np.zeros((1, 1, 3)))
    with pytest.raises(SpecViolation, match="windows_fit"):
        reference.fractional_max_pool3d(x3, 1, output_size=3, _random_samples=np.zeros((1, 1, 3)))
    assert torch_nn.fractional_max_pool3d(x3, 1, output_size=2, _random_samples=np.zeros((1, 1, 3))).shape == (1, 1, 2, 2, 2)


@pytest.mark.parametrize("batch, output_size", [(1, (0, 2)), (0, (2, 2))])
def test_pinned_fractional_empty_output_skips_dtype_check(batch, output_size):
    x, samples = np.zeros((batch, 1, 4, 4), dtype=np.int64), np.zeros((1, 1, 2), dtype=np.int64)
    empty = torch_nn.fractional_max_pool2d(x, 2, output_size=output_size, _random_samples=samples)
    assert empty.shape == (batch, 1, *output_size) and empty.dtype == np.int64
    with pytest.raises(RuntimeError, match="not implemented for 'Long'"):
        torch_nn.fractional_max_pool2d(np.zeros((1, 1, 4, 4), dtype=np.int64), 2, output_size=(2, 2),
                                       _random_samples=samples)
    with pytest.raises(SpecViolation, match="supported_dtype"):
        reference.fractional_max_pool2d(x, 2, output_size=output_size, _random_samples=samples)
