"""lp_pool1d/2d/3d against the reference.

Drawn calls reach integer, fractional and infinite norms, negative inputs (NaN from negative
bases and negative sums), zero windows and ceil-mode windows that run past the input
(tests/strategies/lp_pool.py). Checked: values within spec/tolerance.py's LP model (exact for
+-inf), output shape against torch, error parity per rule, unbatched and empty-batch input, and
the torch surprises, pinned.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import reference
from spec.lp_pool import OPERATORS, RULES_BY_RANK, LpPoolCall
from spec.params import rank_of
from spec.rules import SpecViolation, rule_named

from .adapters import torch_nn
from .calls import Call
from .checks import assert_rejected_everywhere
from .pool_checks import check_result
from .pool_properties import shared_properties
from .strategies import lp_pool as lps

# tests/test_power.py's in_the_suite reads SHARE: its zoo searches get this test's examples.
SHARE = 4

test_implementation_matches_reference, test_output_shape_matches_torch, test_error_parity = shared_properties(
    OPERATORS, lps, lambda call: LpPoolCall.of(**call.kwargs, rank=rank_of(call.op)).output_shape, SHARE)


def test_every_rule_has_a_breaker():
    for op in OPERATORS:
        assert set(lps.breakers(op)) == {r.name for r in RULES_BY_RANK[rank_of(op)]}, op


@pytest.mark.parametrize("op", OPERATORS)
def test_non_array_input_is_rejected(impl, op):
    for bad in ([[1.0, 2.0]], None, 1.0):
        assert_rejected_everywhere(Call(op, dict(input=bad, norm_type=2, kernel_size=1)), "input_is_array", impl)


@pytest.mark.parametrize("op", OPERATORS)
def test_unbatched_and_empty_batch(op):
    rank = rank_of(op)
    x = np.linspace(0.5, 2, 2 * 4 ** rank).reshape((2,) + (4,) * rank)
    for function in (getattr(reference, op), getattr(torch_nn, op)):
        np.testing.assert_allclose(function(x, 2, 2)[np.newaxis], function(x[np.newaxis], 2, 2), rtol=1e-15)
        assert function(np.ones((0,) + x.shape), 2, 2).shape == (0, 2) + (2,) * rank


@pytest.mark.parametrize("p", [1, 2, 3, 1.5])
def test_full_windows_are_p_norms(p):
    """Where every window lies inside the input, LP pooling is the p-norm of the window."""
    x = np.abs(np.linspace(-3, 3, 12)).reshape(1, 1, 12)
    expected = np.array([np.sum(x[0, 0, i:i + 3] ** p) ** (1 / p) for i in range(0, 12, 3)])
    np.testing.assert_allclose(reference.lp_pool1d(x, p, 3)[0, 0], expected, rtol=1e-14)


# -- torch's surprises, pinned (spec/behaviours.py) -----------------------------------------------

@pytest.mark.parametrize("rank", [1, 2])
def test_pinned_lp_pool_ceil_window_scaled_to_kernel(rank):
    x = np.ones((1, 1) + (3,) * rank)
    got = getattr(torch_nn, f"lp_pool{rank}d")(x, 1, 2, ceil_mode=True)
    # The corner window holds one element, yet reads as 2 ** rank of them: K / D times its sum.
    assert got.ravel()[-1] == 2 ** rank
    np.testing.assert_array_equal(got, getattr(reference, f"lp_pool{rank}d")(x, 1, 2, ceil_mode=True))


def test_pinned_lp_pool_negative_sum_gives_nan():
    x = np.array([[[-2.0, 1.0, 2.0, -1.0, -1.0, -1.0]]])
    for function in (torch_nn.lp_pool1d, reference.lp_pool1d):
        third = function(x, 3, 2)[0, 0]
        assert np.isnan(third[0]) and third[1] == (8.0 - 1) ** (1 / 3) and np.isnan(third[2])  # -8 + 1 < 0
        assert np.isnan(function(x, 1.5, 2)).all()  # a negative base in every window
        np.testing.assert_array_equal(function(x, 1, 2), [[[-1.0, 1.0, -2.0]]])  # p = 1: the plain sum


def test_pinned_lp_pool_infinite_norm_is_max_of_magnitudes():
    x = np.array([[[-3.0, 1.0, 0.5, -0.25]]])
    for function in (torch_nn.lp_pool1d, reference.lp_pool1d):
        np.testing.assert_array_equal(function(x, math.inf, 2), [[[3.0, 0.5]]])
        np.testing.assert_array_equal(function(x, -math.inf, 2), [[[1.0, 0.25]]])


def test_pinned_lp_pool_bool_norm_type():
    x = np.array([[[3.0, 4.0]]])
    assert torch_nn.lp_pool1d(x, True, 2)[0, 0, 0] == 7.0
    assert "norm_type=True" in rule_named(RULES_BY_RANK[1], "parameter_form").torch
    with pytest.raises(SpecViolation, match="parameter_form"):
        reference.lp_pool1d(x, True, 2)


def test_pinned_lp_pool_negative_norm_type():
    x = np.array([[[2.0, 2.0, 0.0, 1.0]]])
    got = torch_nn.lp_pool1d(x, -1, 2)[0, 0]
    assert got[0] == 1.0  # (2^-1 + 2^-1)^-1
    assert got[1] == 0.0  # 0^-1 = inf in the sum, inf^-1 = 0
    with pytest.raises(ZeroDivisionError):
        torch_nn.lp_pool1d(x, 0, 2)
    with pytest.raises(SpecViolation, match="positive_norm_type"):
        reference.lp_pool1d(x, -1, 2)


def test_pinned_lp_pool_int64_truncates():
    """F.lp_pool1d with an int norm_type on int64 truncates the average; nn.LPPool1d, which passes
    float(norm_type), promotes the input to float32 and does not."""
    x = np.array([[3, 4, 5]], dtype=np.int64)
    got = torch.nn.functional.lp_pool1d(torch.from_numpy(x), 1, 2, ceil_mode=True).numpy()
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, [[6.0, 10.0]])  # 7 // 2 * 2 = 6; the lone 5 scaled by 2
    by_module = torch_nn.lp_pool1d(x, 1, 2, ceil_mode=True)
    np.testing.assert_array_equal(by_module, reference.lp_pool1d(x.astype(np.float32), 1, 2, ceil_mode=True))
    np.testing.assert_array_equal(by_module, [[7.0, 10.0]])
    assert "truncates" in rule_named(RULES_BY_RANK[1], "supported_dtype").torch
    with pytest.raises(SpecViolation, match="supported_dtype"):
        reference.lp_pool1d(x, 1, 2)


@pytest.mark.parametrize("p", [2, 3, 1.5])
def test_tolerance_model_rejects_float32_done_in_float16(p):
    """The LP bound is tight enough to catch float32 LP pooling computed in float16."""
    x = np.linspace(0.3, 3.7, 64, dtype=np.float32).reshape(1, 1, 8, 8)
    call = Call("lp_pool2d", dict(input=x, norm_type=p, kernel_size=2, stride=None, ceil_mode=False))
    check_result(torch_nn.lp_pool2d, call)

    def in_half(input, **kwargs):
        return torch_nn.lp_pool2d(input.astype(np.float16), **kwargs).astype(np.float32)
    with pytest.raises(AssertionError, match="elements differ"):
        check_result(in_half, call)
