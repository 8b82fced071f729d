"""The result check of every backward call: the gradients of the implementation under test against
the reference's ``<op>_backward``, each within spec/tolerance.py's model for the backward sums
(exact where the model says 0), and the names and shapes a backward returns.

tests/test_gradients.py (convolutions, max and average pooling) and tests/test_pool_gradients.py
(adaptive, LP, max-unpool and fractional pooling) share it, as tests/bugs/ and the hunt share
tests/checks.py.
"""

from __future__ import annotations

import math

import numpy as np

import reference
from reference._gradient import gradient_planes, spread
from reference._window import padding_sources
from reference.lp_pool import _avg_windows, _planes, scaled_power_sums
from spec.lp_pool import LpPoolCall
from spec.shapes import adaptive_window
from spec.tolerance import SMALLEST_SUBNORMAL, UNIT_ROUNDOFF, gamma, sum_tolerance

from .calls import Call
from .compare import Mismatch, assert_matches
from .strategies import gradients as gs


def forward_op(call: Call) -> str:
    return call.op.removesuffix("_backward")


def names(op: str) -> tuple[str, ...]:
    """The differentiable arguments of ``op``, in the order its backward returns their gradients."""
    return ("input", "weight", "bias") if op.startswith("conv") else ("input",)


def as_tuple(result, op: str) -> tuple:
    return tuple(result) if op.startswith("conv") else (result,)


def forward_kwargs(call: Call) -> dict:
    return {k: v for k, v in call.kwargs.items() if k != "grad_output"}


def is_average(op: str) -> bool:
    """The pools whose backward spreads each gradient over a divisor (linear, and rounded)."""
    return op.startswith(("avg", "adaptive_avg"))


def routes(op: str, kwargs: dict) -> bool:
    """The pools whose backward routes each gradient, whole, to one element: max-like ones (LP
    with an infinite norm_type is max pooling of |x|)."""
    return (op.startswith(("max_pool", "adaptive_max", "fractional"))
            or (op.startswith("lp_pool") and math.isinf(kwargs["norm_type"])))


# -- the tolerance model for the backward sums (spec/tolerance.py) ----------------------------------

def _batch(spec_call) -> int:
    return spec_call.batch_size if spec_call.batched else 1


def _fold_multiplicity(spec_call) -> int:
    """The most padded positions that copy one input element, over the dimensions' product."""
    sources = padding_sources(spec_call.input_size, spec_call.paddings, spec_call.padding_mode)
    return int(np.prod([np.bincount(s[s >= 0]).max() for s in sources]))


def _adaptive_overlap(spec_call) -> int:
    """The most adaptive windows one element lies in, over the dimensions' product."""
    most = 1
    for n, m in zip(spec_call.input_size, spec_call.pooled_size):
        counts = np.zeros(n, dtype=int)
        for i in range(m):
            counts[slice(*adaptive_window(i, n, m))] += 1
        most *= int(counts.max(initial=1))
    return most


def _terms(op: str, spec_call) -> tuple[int, ...]:
    """How many terms each gradient's elements sum, at most, per differentiable argument."""
    if op.startswith("adaptive_avg"):
        return (_adaptive_overlap(spec_call),)
    if op.startswith(("avg", "lp_pool")):
        return (int(np.prod([math.ceil(k / s) for k, s in zip(spec_call.kernel, spec_call.strides)])),)
    kernel = int(np.prod(spec_call.kernel))
    if op.startswith("conv_transpose"):
        return (spec_call.weight_shape[1] * kernel, _batch(spec_call) * int(np.prod(spec_call.input_size)),
                _batch(spec_call) * int(np.prod(spec_call.result_size)))
    per_position = _batch(spec_call) * int(np.prod(spec_call.output_size))
    return (spec_call.out_channels // spec_call.groups * kernel * _fold_multiplicity(spec_call), per_position,
            per_position)


def lp_allowance(call: Call):
    """spec/tolerance.py's model for LP pooling's backward (finite p, its last item): the bound of
    each element of grad_input, and the elements where any result is correct (those a window of
    uncertain sign, |Z_w| <= E_w, passes a gradient to)."""
    op, dtype = forward_op(call), call["input"].dtype.name
    spec_call = LpPoolCall.of(**forward_kwargs(call), rank=int(op[-2]))
    u, tiny = UNIT_ROUNDOFF[dtype], SMALLEST_SUBNORMAL[dtype]
    p, q, kernel_size = float(spec_call.norm_type), 1.0 / spec_call.norm_type, math.prod(spec_call.kernel)
    g = np.abs(gradient_planes(call["grad_output"], spec_call.spatial_dims, spec_call.output_size))
    z = scaled_power_sums(spec_call, call["input"]).reshape(g.shape)
    abs_z = scaled_power_sums(spec_call, np.abs(call["input"])).reshape(g.shape)
    x = np.abs(_planes(call["input"], spec_call).astype(np.float64))
    error = sum_tolerance(abs_z, kernel_size, dtype, accumulator=None)
    uncertain = (np.abs(z) <= error) & (abs_z > z)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        rho = np.minimum(error / np.abs(z), 1.0)
        delta = np.maximum(np.abs((1 + rho) ** (q - 1) - 1), np.abs((1 - rho) ** (q - 1) - 1))
        c = np.where(z == 0, 0.0, g * abs(q) * np.abs(z) ** (q - 1) * kernel_size)
        log_z = np.abs((q - 1) * np.log(np.where(np.abs(z) > 0, np.abs(z), 1.0))).max(initial=0)
        log_x = np.abs((p - 1) * np.log(np.where(x > 0, x, 1.0)))
        m = 2 * (8 + _terms(op, spec_call)[0] + log_z + log_x)
        windows = lambda: _avg_windows(spec_call, len(g))  # noqa: E731
        moved = spread(np.where(uncertain, 0.0, c * delta), windows(), spec_call.input_size, np.float64)
        rounded = spread(np.where(uncertain, 0.0, c * (1 + delta)), windows(), spec_call.input_size, np.float64)
        bound = p * x ** (p - 1) * (moved + np.vectorize(gamma, otypes=[float])(np.ceil(m).astype(int), u) * rounded) + m * tiny
        free = spread((uncertain & (g > 0)).astype(np.float64), windows(), spec_call.input_size, np.float64) > 0
    shape = call["input"].shape
    return np.where(np.isnan(bound), np.inf, bound).reshape(shape), free.reshape(shape)


def bounds(call: Call) -> tuple:
    """spec/tolerance.py's bound for each gradient of a backward call: the real-dtype bound for a
    sum formed in the gradient's own dtype, with the backward run by the reference on absolute
    values in float64 as A. A max-like pool keeps its input (so its routing): an element reached by
    at most one gradient is then exact, one reached by several a rounded sum of that many. None:
    exact (max_unpool's gather); LP pooling's own model: :func:`lp_allowance`."""
    op, dtype = forward_op(call), call["input"].dtype.name
    if op.startswith("max_unpool"):
        return (None,)
    if op.startswith("lp_pool") and not routes(op, call.kwargs):
        return (lp_allowance(call)[0],)
    if routes(op, call.kwargs):
        # The call as it is but for |g|: the same dtypes, so the same routing (fractional pooling's
        # windows are computed in the samples' dtype).
        g = call["grad_output"]
        counts = np.abs(getattr(reference, call.op)(**dict(call.kwargs, grad_output=np.ones_like(g))))  # LP: sign(x)
        abs_sum = np.abs(getattr(reference, call.op)(**dict(call.kwargs, grad_output=np.abs(g)))).astype(np.float64)
        n = int(counts.max(initial=0))
        return (np.where(counts > 1, sum_tolerance(abs_sum, n, dtype, accumulator=None), 0.0),)
    absolute = {name: np.abs(value).astype(np.float64) if isinstance(value, np.ndarray) else value
                for name, value in call.kwargs.items()}
    abs_sums = as_tuple(getattr(reference, call.op)(**absolute), op)
    n_terms = _terms(op, gs.forward_spec(op, forward_kwargs(call)))
    # np.abs: a negative divisor_override makes the shares of |g| negative.
    return tuple(None if a is None else sum_tolerance(np.abs(a), n, dtype, accumulator=None)
                 for a, n in zip(abs_sums, n_terms))


def check_backward(function, call: Call) -> None:
    """``function``'s gradients for the backward call ``call`` match the reference's: each its
    argument's shape and dtype, values within :func:`bounds` (exact where it says 0 or None)."""
    op = forward_op(call)
    expected, got = as_tuple(call.run(getattr(reference, call.op)), op), call.run(function)
    if op.startswith("conv") and not (isinstance(got, tuple) and len(got) == 3):
        raise Mismatch("type", f"expected (grad_input, grad_weight, grad_bias), got {type(got).__name__}\n\n"
                               f"minimal failing call:\n{call.python()}")
    if op.startswith("lp_pool") and not routes(op, call.kwargs) and isinstance(got, np.ndarray) \
            and got.shape == expected[0].shape and got.dtype == expected[0].dtype:
        expected = (np.where(lp_allowance(call)[1], got, expected[0]),)  # any result is correct there
    for name, want, have, bound in zip(names(op), expected, as_tuple(got, op), bounds(call)):
        if want is None:
            assert have is None, f"grad_{name}: expected None (no bias), got {type(have).__name__}\n{call.python()}"
            continue
        assert_matches(have, want, call, bound, what=f"grad_{name}")
