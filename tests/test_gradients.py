"""The backward of every operator: the reference's ``<op>_backward`` against the implementation
under test (torch.autograd through tests/adapters by default), the dot-product identity on the
reference alone, the backward's validity rules (spec/backward.py), torch.autograd.gradcheck and
gradgradcheck of the adapter (the oracle's own sanity), and torch's surprises, pinned.

Cost: a backward call of the reference is a Python loop over every term, so the properties against
the implementation draw BACKWARD_EXAMPLES calls per operator, the dot-product property
DOT_EXAMPLES (a tenth and a twentieth of the profile's max_examples, at least 5 and 3).
"""

from __future__ import annotations

import importlib
import math
import pathlib
import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st

import reference
from reference._adjoint import dot_product_sides
from spec.backward import RULES, window_of_padding_only
from spec.params import rank_of
from spec.rules import SpecViolation, rule_named

from .adapters import torch_nn
from .adapters.torch_nn import ONEDNN_HALF
from .backward_bugs import BUGS
from .calls import Call
from .compare import assert_matches
from .gradient_checks import as_tuple, bounds, check_backward, names, routes
from .harness import implementation_settings
from .strategies import gradients as gs

OPERATORS = gs.OPERATORS
BACKWARD_EXAMPLES = max(5, settings.default.max_examples // 10)
DOT_EXAMPLES = max(3, settings.default.max_examples // 20)


@pytest.mark.parametrize("op", OPERATORS)
@implementation_settings(max_examples=BACKWARD_EXAMPLES)
@given(data=st.data())
def test_backward_matches_reference(impl, op, data):
    if not impl.provides(f"{op}_backward"):
        pytest.skip(f"{impl.name} provides no {op}_backward")
    impl.conforms(data.draw(gs.backward_calls(op), label="call"), check_backward)


# -- the dot-product identity, on the reference alone -----------------------------------------------

def _distinct_indices(draw, input, plane_size: int, rank: int) -> np.ndarray:
    """max_unpool indices, distinct within each plane: where two agree the forward keeps one value
    but the backward gathers for both, so the identity holds for distinct indices only
    (spec/behaviours.py, max_unpool_backward_gathers_duplicates)."""
    per_plane = int(np.prod(input.shape[-rank:]))
    assume(per_plane <= plane_size)
    planes = [draw(st.permutations(range(plane_size)), label="distinct indices")[:per_plane]
              for _ in range(input.size // max(per_plane, 1))]
    return np.array(planes, dtype=np.int64).reshape(input.shape)


@st.composite
def dot_calls(draw, op: str):
    """A float64 forward call with small integer values, its grad_output g and directions v (one per
    differentiable argument). Max-like pools get distinct values, at least 1 apart in magnitude and
    value (+-1, +-2, ...: LP pooling's infinite norm, the only one drawn here, pools |x|)."""
    forward = draw(gs.forward_calls(op, dtypes=("float64",)), label="forward")
    kwargs = dict(forward.kwargs)
    if op.startswith("lp_pool"):  # finite norms: tests/test_pool_gradients.py, by finite differences
        kwargs["norm_type"] = draw(st.sampled_from([math.inf, -math.inf]), label="norm_type")
    for name in names(op):
        if kwargs.get(name) is not None:
            kwargs[name] = gs.small_integers(draw, kwargs[name].shape, name)
    if routes(op, kwargs):
        size = kwargs["input"].size
        signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=size, max_size=size), label="signs"))
        magnitudes = np.array(draw(st.permutations(range(1, size + 1)), label="distinct values"), dtype=np.float64)
        kwargs["input"] = (signs * magnitudes).reshape(kwargs["input"].shape)
    spec_call = gs.forward_spec(op, kwargs)
    if op.startswith("max_unpool"):
        kwargs["indices"] = _distinct_indices(draw, kwargs["input"], int(np.prod(spec_call.unpooled_size)),
                                              spec_call.spatial_dims)
    g = gs.small_integers(draw, spec_call.output_shape, "grad_output")
    directions = {name: gs.small_integers(draw, kwargs[name].shape, f"v_{name}")
                  for name in names(op) if kwargs.get(name) is not None}
    return kwargs, g, directions


@pytest.mark.parametrize("op", OPERATORS)
@settings(max_examples=DOT_EXAMPLES)
@given(data=st.data())
def test_dot_product_identity(op, data):
    """<vjp(g), v> = <g, jvp(v)>, within reference._adjoint.dot_product_sides's allowance: exact
    for the convolutions, the max-like pools and unpooling (integer and dyadic values), a few u
    for the averages (each side rounds every share once)."""
    kwargs, g, v = data.draw(dot_calls(op), label="call")
    left, right, allowed = dot_product_sides(op, kwargs, g, v)
    assert abs(left - right) <= allowed, (op, float(left), float(right), allowed)


# -- the backward's validity rules ----------------------------------------------------------------

def _small_kwargs(op: str, x: np.ndarray) -> dict:
    """A small valid forward call of ``op`` on ``x`` (1, 1, 3, ...) (with return_indices for
    max_pool1d, whose integer kernel needs it)."""
    rank, dtype = rank_of(op), x.dtype
    if op.startswith("conv"):
        return dict(input=x, weight=np.ones((1, 1) + (2,) * rank, dtype=dtype), bias=None)
    if op.startswith("adaptive"):
        return dict(input=x, output_size=2)
    if op.startswith("lp_pool"):
        return dict(input=x, norm_type=2, kernel_size=2)
    if op.startswith("max_unpool"):
        return dict(input=x, indices=np.zeros(x.shape, dtype=np.int64), kernel_size=2)
    if op.startswith("fractional"):
        return dict(input=x, kernel_size=2, output_size=1, _random_samples=np.zeros((1, 1, rank), dtype=dtype))
    return dict(input=x, kernel_size=2, return_indices=True) if op.startswith("max") else dict(input=x, kernel_size=2)


def _integer_call(op: str, dtype: str) -> Call:
    """:func:`_small_kwargs`'s call in ``dtype``, as a backward call with a grad_output of the
    output's shape."""
    kwargs = _small_kwargs(op, np.arange(3 ** rank_of(op), dtype=dtype).reshape((1, 1) + (3,) * rank_of(op)))
    shape = gs.forward_spec(op, kwargs).output_shape
    return Call(f"{op}_backward", dict(grad_output=np.ones(shape, dtype=dtype), **kwargs))


INTEGER_CASES = [(op, "int64") for op in OPERATORS] + [("conv2d", "int8"), ("max_pool2d", "uint8")]


@pytest.mark.parametrize("op, dtype", INTEGER_CASES)
def test_integer_dtypes_have_no_gradient(impl, op, dtype):
    """torch's autograd refuses integer tensors; the reference names differentiable_dtype, or,
    for the pools whose forward takes floating dtypes only (adaptive, LP, unpool, fractional), the
    forward's own supported_dtype, checked first; so must the implementation under test (it must
    raise)."""
    call = _integer_call(op, dtype)
    try:
        getattr(reference, op)(**{k: v for k, v in call.kwargs.items() if k != "grad_output"})
        rule = rule_named(RULES, "differentiable_dtype")
    except SpecViolation as violation:
        assert op in gs.POOLS and violation.rule.name == "supported_dtype", violation
        rule = violation.rule
    with pytest.raises(SpecViolation, match=rule.name):
        call.run(getattr(reference, call.op))
    with pytest.raises(RuntimeError, match="floating point"):
        call.run(getattr(torch_nn, call.op))
    if impl.provides(call.op):
        impl.rejects(call, rule)


@pytest.mark.parametrize("op", ["conv2d", "conv_transpose1d", "max_pool3d", "avg_pool2d", "lp_pool2d", "max_unpool1d"])
def test_grad_output_of_another_shape_is_rejected(impl, op):
    call = _integer_call(op, "float64")
    g = call["grad_output"]
    wrong = Call(call.op, dict(call.kwargs, grad_output=np.ones(g.shape[:-1] + (g.shape[-1] + 1,))))
    with pytest.raises(SpecViolation, match="grad_output_shape"):
        wrong.run(getattr(reference, call.op))
    with pytest.raises(RuntimeError, match="Mismatch in shape"):
        wrong.run(getattr(torch_nn, call.op))
    if impl.provides(call.op):
        impl.rejects(wrong, rule_named(RULES, "grad_output_shape"))
    with pytest.raises(SpecViolation, match="grad_output_is_array"):
        Call(call.op, dict(call.kwargs, grad_output=g.tolist())).run(getattr(reference, call.op))


def test_grad_output_of_another_dtype_is_cast_by_torch():
    """The grad_output_dtype rule's divergence (Rule.torch): torch casts, the reference rejects."""
    call = _integer_call("conv2d", "float64")
    cast = Call(call.op, dict(call.kwargs, grad_output=call["grad_output"].astype(np.float32)))
    assert "casts it" in rule_named(RULES, "grad_output_dtype").torch
    got = cast.run(torch_nn.conv2d_backward)
    for have, want in zip(got, call.run(reference.conv2d_backward)):
        if want is not None:
            assert have.dtype == np.float64
            np.testing.assert_array_equal(have, want)
    with pytest.raises(SpecViolation, match="grad_output_dtype"):
        cast.run(reference.conv2d_backward)


def test_complex_gradients_are_torchs_but_not_the_references():
    """The differentiable_dtype rule's divergence (Rule.torch): torch differentiates complex
    convolutions (conjugate Wirtinger: grad_input = conv_transpose(g, conj(w))), the reference
    rejects them."""
    x = (np.arange(9.0) + 1j).reshape(1, 1, 3, 3)
    w = np.array([[[[1 + 2j]]]])
    grad_input, grad_weight, _ = torch_nn.conv2d_backward(np.ones((1, 1, 3, 3), dtype=complex), x, w)
    np.testing.assert_allclose(grad_input, np.full((1, 1, 3, 3), np.conj(w.item())))
    np.testing.assert_allclose(grad_weight.item(), np.conj(x).sum())
    assert "conjugate Wirtinger" in rule_named(RULES, "differentiable_dtype").torch
    with pytest.raises(SpecViolation, match="differentiable_dtype"):
        reference.conv2d_backward(np.ones((1, 1, 3, 3), dtype=complex), x, w)


# -- the oracle's own sanity: torch.autograd.gradcheck of the adapter --------------------------------

def _sanity_kwargs(op: str, rng) -> dict:
    """A float64 call of ``op`` with most options off their defaults and distinct values (so the
    max-like pools are differentiable at it); positive ones for LP pooling (a power of a negative
    has no derivative). The other pools' 3-D calls are smaller, to keep finite differences cheap."""
    rank = rank_of(op)
    size = 3 if op in gs.POOLS and rank == 3 else 4
    x = rng.permutation(2 * size ** rank).astype(np.float64).reshape((1, 2) + (size,) * rank) / 7
    if op.startswith("conv_transpose"):
        return dict(input=x, weight=rng.standard_normal((2, 1) + (2,) * rank), bias=rng.standard_normal(2),
                    stride=2, padding=1, output_padding=1, groups=2, dilation=1)
    if op.startswith("conv"):
        return dict(input=x, weight=rng.standard_normal((2, 1) + (3,) * rank), bias=rng.standard_normal(2),
                    stride=2, padding=1, dilation=1, groups=2, padding_mode="reflect")
    if op.startswith("adaptive"):
        return dict(input=x, output_size=size - 1)  # overlapping windows
    if op.startswith("lp_pool"):
        return dict(input=x + 1, norm_type=1.5 + rank, kernel_size=2, stride=1 if rank == 3 else (2,) * rank,
                    ceil_mode=True)
    if op.startswith("max_unpool"):
        _, indices = getattr(reference, f"max_pool{rank}d")(x, 2, return_indices=True)
        return dict(input=rng.standard_normal(indices.shape), indices=indices, kernel_size=2, output_size=x.shape)
    if op.startswith("fractional"):
        return dict(input=x, kernel_size=2, output_size=size - 1 - (rank == 3),
                    _random_samples=rng.uniform(size=(1, 2, rank)))
    if op.startswith("max"):
        return dict(input=x, kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=True)
    extra = {"divisor_override": 3} if rank > 1 else {}
    return dict(input=x, kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False, **extra)


@pytest.mark.parametrize("op", OPERATORS)
def test_torch_adapter_passes_gradcheck(op):
    """torch.autograd.gradcheck: autograd's gradients of the adapter's forward agree with finite
    differences; and the adapter's numpy backward returns those same gradients."""
    kwargs = _sanity_kwargs(op, np.random.default_rng(rank_of(op)))
    forward, arguments = torch_nn.differentiable(op, **kwargs)
    tensors = [torch.from_numpy(kwargs[name].copy()).requires_grad_() for name in arguments]
    assert torch.autograd.gradcheck(forward, tensors)
    output = forward(*tensors)
    g = np.random.default_rng(0).standard_normal(tuple(output.shape))
    grads = torch.autograd.grad(output, tensors, torch.from_numpy(g))
    adapter = as_tuple(getattr(torch_nn, f"{op}_backward")(g, **kwargs), op)
    for mine, theirs in zip(adapter, grads):
        np.testing.assert_array_equal(mine, theirs.numpy())


@pytest.mark.parametrize("op", [op for op in OPERATORS if op.startswith("conv")])
def test_torch_adapter_passes_gradgradcheck(op):
    """Double backward, which torch supports for the convolutions: the gradients' own gradients
    agree with finite differences of the gradients."""
    kwargs = _sanity_kwargs(op, np.random.default_rng(10 + rank_of(op)))
    forward, arguments = torch_nn.differentiable(op, **kwargs)
    tensors = [torch.from_numpy(kwargs[name].copy()).requires_grad_() for name in arguments]
    assert torch.autograd.gradgradcheck(forward, tensors)


# -- torch's surprises, pinned (spec/behaviours.py) ---------------------------------------------------

def test_pinned_max_pool_backward_window_of_padding_only():
    # Width: k=2, d=3, p=1 on W=2 puts the taps at -1 and 2, none inside; index 0 * 2 + 2 = 2 names
    # element (1, 0), in the plane (so the write stays in bounds) but not in the window.
    kwargs = dict(input=np.arange(1.0, 5.0).reshape(1, 1, 2, 2), kernel_size=(1, 2), stride=2, padding=(0, 1),
                  dilation=(1, 3))
    assert window_of_padding_only(gs.forward_spec("max_pool2d", kwargs))
    g = np.full((1, 1, 1, 1), 7.0)
    got = torch_nn.max_pool2d_backward(g, **kwargs)
    assert got[0, 0, 1, 0] == 7.0 and got.sum() == 7.0
    np.testing.assert_array_equal(reference.max_pool2d_backward(g, **kwargs), np.zeros((1, 1, 2, 2)))


_HALF_CRASH = dict(input=np.ones((1, 1, 2, 2)), weight=np.full((1, 1, 1, 1), 0.5), stride=(1, 2), padding=(0, 1),
                   dilation=2)


def test_pinned_conv_transpose_half_precision_backward_crashes():
    # Run in a child process: the crash would take this one down with it.
    code = ("import numpy as np\nfrom tests.adapters.torch_nn import conv_transpose2d_backward as f\n"
            "x, w = np.ones((1, 1, 2, 2), np.float16), np.full((1, 1, 1, 1), 0.5, np.float16)\n"
            "f(np.ones((1, 1, 2, 1), np.float16), x, w, stride=(1, 2), padding=(0, 1), dilation=2)\n")
    child = subprocess.run([sys.executable, "-c", code], cwd=pathlib.Path(__file__).parents[1],
                           capture_output=True, timeout=120)
    if ONEDNN_HALF:
        assert child.returncode < 0, (child.returncode, child.stderr.decode()[-500:])  # killed by a signal
    else:  # torch's own kernel takes float16 on this CPU, and does not crash
        assert child.returncode == 0, child.stderr.decode()[-500:]
    spec_call = gs.forward_spec("conv_transpose2d", {k: v.astype(np.float16) if isinstance(v, np.ndarray) else v
                                                     for k, v in _HALF_CRASH.items()})
    assert gs.crashes_half_precision_backward(spec_call)
    # float32 goes through, and agrees with the reference; the reference takes the float16 call.
    call = Call("conv_transpose2d_backward", dict(grad_output=np.ones((1, 1, 2, 1), np.float32),
                                                  **{k: v.astype(np.float32) if isinstance(v, np.ndarray) else v
                                                     for k, v in _HALF_CRASH.items()}))
    check_backward(torch_nn.conv_transpose2d_backward, call)
    half = Call(call.op, {k: v.astype(np.float16) if isinstance(v, np.ndarray) else v for k, v in call.kwargs.items()})
    assert half.run(reference.conv_transpose2d_backward)[0].dtype == np.float16


@pytest.mark.parametrize("op", ["max_pool2d", "avg_pool2d"])
def test_pinned_pool_backward_half_precision_sums_in_half(op):
    # Three windows of one element's row send it 1, 2^-11 and 2^-11 (max: the element is the
    # maximum of all three; avg: divisor_override=1 makes each share the gradient itself).
    x = np.zeros((1, 1, 1, 5), dtype=np.float16)
    x[..., 2] = 1
    options = dict(kernel_size=(1, 3), stride=1) | ({"divisor_override": 1} if op == "avg_pool2d" else {})
    g = np.array([1.0, 2.0**-11, 2.0**-11], dtype=np.float16).reshape(1, 1, 1, 3)
    call = Call(f"{op}_backward", dict(grad_output=g, input=x, **options))
    got, expected = call.run(getattr(torch_nn, call.op)), call.run(getattr(reference, call.op))
    assert got[0, 0, 0, 2] == 1.0  # each addition of 2^-11 to 1 rounds back to 1 (ties to even)
    assert expected[0, 0, 0, 2] == np.float16(1 + 2.0**-10)  # exact, and a float16
    # A float32 sum rounded once to float16, as the forwards do, gives the exact value.
    assert np.float16(np.float32(1) + np.float32(2.0**-11) + np.float32(2.0**-11)) == expected[0, 0, 0, 2]
    assert_matches(got, expected, call, bounds(call)[0])


# -- backward bugs (tests/backward_bugs/), each caught ----------------------------------------------

def _fails(check, function, call) -> bool:
    try:
        check(function, call)
    except AssertionError:
        return True
    return False


@pytest.mark.parametrize("bug", BUGS)
def test_backward_bug_is_caught(bug):
    """The backward property finds a call on which the buggy backward diverges from the reference,
    and torch passes that same call (derandomized search, at most 500 examples as tests/test_power.py's:
    the same call every run; not shrunk, as the reference's loops make shrinking cost a minute a bug)."""
    module = importlib.import_module(f"tests.backward_bugs.{bug}")
    function = getattr(module, f"{module.OPERATOR}_backward")
    call = find(gs.backward_calls(module.OPERATOR), lambda c: _fails(check_backward, function, c),
                settings=settings(max_examples=500, derandomize=True, database=None, phases=[Phase.generate],
                                  suppress_health_check=list(HealthCheck)))
    check_backward(getattr(torch_nn, call.op), call)
