"""The backward of the pools beyond max and average pooling (adaptive, LP, max-unpool and
fractional max pooling): what tests/test_gradients.py's properties (against autograd, the
dot-product identity, integer dtypes, gradcheck; parametrized over every operator) cannot say.

- LP pooling with a finite norm is neither linear nor piecewise linear: its vector-Jacobian
  product is checked against central differences of the reference's forward in float64, away from
  zeros (positive inputs), with Richardson's estimate of the truncation error as the tolerance;
- torch's surprises in these backwards, pinned (spec/behaviours.py).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import reference
from reference._adjoint import dot_product_sides

from .adapters import torch_nn
from .strategies import gradients as gs
from .strategies.common import arrays

FD_EXAMPLES = max(3, settings.default.max_examples // 20)
LP_OPERATORS = ("lp_pool1d", "lp_pool2d", "lp_pool3d")


# -- LP pooling against finite differences --------------------------------------------------------------

@st.composite
def positive_lp_calls(draw, op: str):
    """A float64 LP call with a finite norm and inputs in [1, 4] (no zero, no sign change within a
    step), its grad_output g and direction v (small integers)."""
    kwargs = dict(draw(gs.forward_calls(op, dtypes=("float64",)), label="forward").kwargs)
    assume(not math.isinf(kwargs["norm_type"]))
    kwargs["input"] = arrays(draw, "float64", kwargs["input"].shape, "input", values=st.floats(1.0, 4.0))
    g = gs.small_integers(draw, gs.forward_spec(op, kwargs).output_shape, "grad_output")
    return kwargs, g, gs.small_integers(draw, kwargs["input"].shape, "v")


@pytest.mark.parametrize("op", LP_OPERATORS)
@settings(max_examples=FD_EXAMPLES)
@given(data=st.data())
def test_lp_backward_matches_finite_differences(op, data):
    """<vjp(g), v> against the central difference of the reference's forward, within
    reference._adjoint.dot_product_sides's allowance: Richardson's estimate of the truncation
    error, the forward's rounding and the vjp's own."""
    kwargs, g, v = data.draw(positive_lp_calls(op), label="call")
    left, right, allowed = dot_product_sides(op, kwargs, g, {"input": v})
    assert abs(float(left) - right) <= allowed, (float(left), right, allowed)


# -- torch's surprises, pinned (spec/behaviours.py) ---------------------------------------------------

def _both(op, g, **kwargs):
    """``op``'s input gradient by torch's autograd and by the reference."""
    return (getattr(torch_nn, f"{op}_backward")(g, **kwargs), getattr(reference, f"{op}_backward")(g, **kwargs))


def test_pinned_lp_pool_backward_zero_sum_gives_zero():
    # p = 1 is the plain sum K / D * (x_0 + x_1), whose gradient is 1 everywhere; at a zero sum
    # relu's mask gives 0. p = 2 on zeros: the derivative of sqrt at 0 is infinite, masked to 0.
    for norm_type, x in ((1, [[-1.0, 1.0]]), (3, [[-1.0, 1.0]]), (2, [[0.0, 0.0]])):
        for got in _both("lp_pool1d", np.ones((1, 1)), input=np.array(x), norm_type=norm_type, kernel_size=2):
            np.testing.assert_array_equal(got, [[0.0, 0.0]])
    for got in _both("lp_pool1d", np.ones((1, 1)), input=np.array([[-1.0, 3.0]]), norm_type=1, kernel_size=2):
        np.testing.assert_array_equal(got, [[1.0, 1.0]])  # a non-zero sum: the plain sum's gradient


def test_pinned_lp_pool_backward_nan_window_gives_zero():
    # torch.sign(NaN) is 0; for p = 1 (and +-inf) nothing infinite meets it, so the gradient is 0
    # where the forward gives NaN; for p = 2 the root's derivative of NaN is NaN, and 0 * NaN is NaN.
    x = np.array([[np.nan, 2.0]])
    for norm_type in (1, math.inf, -math.inf):
        for got in _both("lp_pool1d", np.ones((1, 1)), input=x, norm_type=norm_type, kernel_size=2):
            np.testing.assert_array_equal(got, [[0.0, 0.0]])
    for got in _both("lp_pool1d", np.ones((1, 1)), input=x, norm_type=2, kernel_size=2):
        assert np.isnan(got).all()


def test_pinned_lp_pool_backward_power_derivative_applied_last():
    # The third element lies in no window (floor mode), so its share is 0; times p x^(p - 1) it is
    # NaN for x = NaN, and for x = 0 with p < 1 (0 * inf); 0 for x = 2.
    for norm_type, last, expected in ((2, np.nan, np.nan), (0.5, 0.0, np.nan), (2, 2.0, 0.0)):
        x = np.array([[1.0, 1.0, last]])
        for got in _both("lp_pool1d", np.ones((1, 1)), input=x, norm_type=norm_type, kernel_size=2):
            np.testing.assert_array_equal(got[0, 2], expected)
            assert np.isfinite(got[0, :2]).all()


def test_pinned_max_unpool_backward_gathers_duplicates():
    # Both elements point at position 2: the forward keeps one of them (the race of
    # max_unpool_duplicate_indices_race), the backward gives each the gradient there.
    g = np.array([[10.0, 20.0, 30.0, 40.0]])
    kwargs = dict(input=np.array([[5.0, 7.0]]), indices=np.array([[2, 2]]), kernel_size=2)
    for got in _both("max_unpool1d", g, **kwargs):
        np.testing.assert_array_equal(got, [[30.0, 30.0]])
    # So the gather is not the forward's adjoint here: <unpool(x), g> counts position 2 once.
    forward = reference.max_unpool1d(**kwargs)
    assert float(np.sum(forward * g)) != float(np.sum(kwargs["input"] * reference.max_unpool1d_backward(g, **kwargs)))


@pytest.mark.parametrize("op", ["adaptive_avg_pool2d", "adaptive_max_pool1d", "adaptive_avg_pool3d"])
def test_pinned_adaptive_backward_of_empty_output_raises(op):
    rank = int(op[-2])
    x = np.ones((1, 2) + (3,) * rank)
    kwargs = dict(input=x, output_size=(2,) * (rank - 1) + (0,))
    g = np.ones(x.shape[:2] + kwargs["output_size"])
    assert getattr(torch_nn, op)(**kwargs).shape == g.shape  # the forward gives the empty output
    with pytest.raises(RuntimeError, match="non-zero size for non-batch dimensions"):
        getattr(torch_nn, f"{op}_backward")(g, **kwargs)
    np.testing.assert_array_equal(getattr(reference, f"{op}_backward")(g, **kwargs), np.zeros_like(x))


def test_pinned_lp_pool_half_powers_keep_the_sign_of_zero():
    x, g = np.array([[[-0.0, 1.0]]], dtype=np.float32), np.ones((1, 1, 1), dtype=np.float32)
    got = torch_nn.lp_pool1d_backward(g, x, norm_type=0.5, kernel_size=2)
    assert got[0, 0, 0] == -np.inf  # rsqrt(-0.0); IEEE pow(-0.0, -0.5) is +inf
    np.testing.assert_array_equal(reference.lp_pool1d_backward(g, x, 0.5, 2), got)
