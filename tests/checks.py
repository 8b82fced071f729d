"""The checks a result must pass, shared by the property tests and the tests of the suite's power."""

from __future__ import annotations

import numpy as np

import reference
from spec import conv as conv_spec
from spec import pool as pool_spec
from spec.pool import Pool2dCall
from spec import conv_transpose as conv_transpose_spec
from spec.params import rank_of
from spec.rules import INPUT_IS_ARRAY, SpecViolation, rule_named
from spec.tolerance import ACCUMULATOR, sum_tolerance

from .adapters import torch_nn
from .compare import Mismatch, assert_matches
from .strategies import TORCH_RAISES_WHEN

def rules_of(op: str) -> list:
    """The validity rules of ``op`` (any rank), with input_is_array, which guards them all."""
    family = (conv_transpose_spec if op.startswith("conv_transpose") else
              conv_spec if op.startswith("conv") else pool_spec)
    return [INPUT_IS_ARRAY] + family.RULES_BY_RANK[rank_of(op)]



# The rules error parity checks, per operator: those torch enforces (in part of their domain, for
# TORCH_RAISES_WHEN's), less the pooling rule on the other pool's parameter (a breaker of it
# switches the operator).
PARITY_RULES = {
    "conv2d": [rule.name for rule in conv_spec.RULES if rule.torch_raises or rule.name in TORCH_RAISES_WHEN],
    "max_pool2d": [rule.name for rule in pool_spec.RULES if rule.name != "non_zero_divisor"],
    "avg_pool2d": [rule.name for rule in pool_spec.RULES if rule.name != "positive_dilation"],
}


def conv2d_bound(call, expected=None) -> np.ndarray | None:
    """Per-element tolerance (spec/tolerance.py): None for integers, else from the sum of |x * w|
    over each window, computed by the reference itself on absolute values in float64."""
    dtype = call["input"].dtype
    if dtype.kind in "iu":
        return None
    absolute = {name: None if call.get(name) is None else np.abs(call[name]).astype(np.float64)
                for name in ("input", "weight", "bias")}
    params = {name: call[name] for name in ("stride", "padding", "dilation", "groups", "padding_mode")
              if name in call.kwargs}  # a call may leave parameters at their defaults
    abs_sum = reference.conv2d(**absolute, **params)
    n_terms = int(np.prod(call["weight"].shape[1:])) + (call.get("bias") is not None)
    if expected is None and dtype.name in ACCUMULATOR:
        expected = call.run(reference.conv2d)
    return sum_tolerance(abs_sum, n_terms, dtype.name, _magnitude(expected))


def _magnitude(expected):
    return None if expected is None else np.abs(expected).astype(np.float64)


def check_conv2d(conv2d, call) -> None:
    """``conv2d``'s result for ``call`` matches the reference's: shape, dtype, and values exactly
    (integers) or within the tolerance model (floats)."""
    expected = call.run(reference.conv2d)
    assert_matches(call.run(conv2d), expected, call, conv2d_bound(call, expected))



def avg_pool2d_bound(call, expected=None) -> np.ndarray | None:
    """Per-element tolerance for float average pooling: the window's sum of |x| over |divisor|,
    computed by the reference on absolute values in float64; None (exact) for integers."""
    dtype = call["input"].dtype
    if dtype.kind in "iu":
        return None
    absolute = dict(call.kwargs, input=np.abs(call["input"]).astype(np.float64))
    abs_mean = np.abs(reference.avg_pool2d(**absolute))
    n_terms = int(np.prod(Pool2dCall.avg(**call.kwargs).kernel))
    if expected is None and dtype.name in ACCUMULATOR:
        expected = call.run(reference.avg_pool2d)
    return sum_tolerance(abs_mean, n_terms, dtype.name, _magnitude(expected))


def check_max_pool2d(max_pool2d, call) -> None:
    """Values (and indices) exactly as the reference's."""
    got, expected = call.run(max_pool2d), call.run(reference.max_pool2d)
    if call.get("return_indices"):
        if not (isinstance(got, tuple) and len(got) == 2):
            raise Mismatch("type", f"expected (values, indices), got {type(got).__name__}\n\n"
                                   f"minimal failing call:\n{call.python()}")
        assert_matches(got[0], expected[0], call, what="values")
        assert_matches(got[1], expected[1], call, what="indices")
    else:
        assert_matches(got, expected, call)


def check_avg_pool2d(avg_pool2d, call) -> None:
    expected = call.run(reference.avg_pool2d)
    assert_matches(call.run(avg_pool2d), expected, call, avg_pool2d_bound(call, expected))


def assert_rejected_everywhere(call, rule: str, impl) -> None:
    """Error parity: the reference rejects ``call`` naming ``rule``, torch raises too, and so does
    the implementation under test (``impl``, a tests.harness.UnderTest)."""
    assert_rejected(call, rule, getattr(reference, call.op), {"torch": getattr(torch_nn, call.op)})
    impl.rejects(call, rule_named(rules_of(call.op), rule))


def assert_rejected(call, rule: str, reference_function, others) -> None:
    """The reference rejects ``call`` naming ``rule``; each of ``others`` (name -> function) raises."""
    sentence = rule_named(rules_of(call.op), rule).message
    try:
        call.run(reference_function)
    except SpecViolation as violation:
        assert violation.rule.name == rule, f"reference named {violation.rule.name}, not {rule}\n{call.python()}"
    else:
        raise AssertionError(f"the reference accepted a call breaking {rule} ({sentence}):\n{call.python()}")
    for name, function in others.items():
        try:
            result = call.run(function)
        except Exception:
            continue
        raise AssertionError(f"{name} accepted a call breaking {rule} ({sentence}); it returned "
                             f"{type(result).__name__}:\n{call.python()}")


CHECKS = {"conv2d": check_conv2d, "max_pool2d": check_max_pool2d, "avg_pool2d": check_avg_pool2d}
