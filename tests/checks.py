"""The checks a result must pass, shared by the property tests and the tests of the suite's power."""

from __future__ import annotations

import numpy as np

import reference
from spec import adaptive_pool as adaptive_pool_spec
from spec import conv as conv_spec
from spec import fractional_pool as fractional_pool_spec
from spec import lp_pool as lp_pool_spec
from spec import pool as pool_spec
from spec import unpool as unpool_spec
from spec import conv_transpose as conv_transpose_spec
from spec.params import rank_of
from spec.rules import INPUT_IS_ARRAY, SpecViolation, rule_named
from spec.tolerance import ACCUMULATOR, sum_tolerance

from . import pool_checks
from .adapters import torch_nn
from .compare import Mismatch, assert_matches
from .harness.features import spec_call
from .strategies import TORCH_RAISES_WHEN
from .strategies import family as family_strategies

def rules_of(op: str) -> list:
    """The validity rules of ``op`` (any rank), with input_is_array, which guards them all."""
    family = (conv_transpose_spec if op.startswith("conv_transpose") else
              conv_spec if op.startswith("conv") else
              adaptive_pool_spec if op.startswith("adaptive") else
              unpool_spec if op.startswith("max_unpool") else
              lp_pool_spec if op.startswith("lp_pool") else
              fractional_pool_spec if op.startswith("fractional") else pool_spec)
    return [INPUT_IS_ARRAY] + family.RULES_BY_RANK[rank_of(op)]



# The rules error parity checks, per operator: those torch enforces (in part of their domain, for
# TORCH_RAISES_WHEN's), less the pooling rule on the other pool's parameter (a breaker of it
# switches the operator).
PARITY_RULES = {
    "conv2d": [rule.name for rule in conv_spec.RULES if rule.torch_raises or rule.name in TORCH_RAISES_WHEN],
    "max_pool2d": [rule.name for rule in pool_spec.RULES if rule.name != "non_zero_divisor"],
    "avg_pool2d": [rule.name for rule in pool_spec.RULES if rule.name != "positive_dilation"],
}
# The other ranks and the transposed convolution: the rules tests/strategies/family.py can break.
PARITY_RULES.update({op: family_strategies.breakers(op) for op in (
    "conv1d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "max_pool1d", "max_pool3d", "avg_pool1d", "avg_pool3d")})


def _terms(call) -> int:
    """How many terms each output element sums, at most: spec/tolerance.py's n."""
    if call.op.startswith("avg_pool"):
        return int(np.prod(spec_call(call).kernel))
    weight, has_bias = call["weight"], call.get("bias") is not None
    if call.op.startswith("conv_transpose"):  # (C_in / groups) * prod(k) products land on an element
        return weight.shape[0] // call.get("groups", 1) * int(np.prod(weight.shape[2:])) + has_bias
    return int(np.prod(weight.shape[1:])) + has_bias


def bound(call, expected=None) -> np.ndarray | None:
    """Per-element tolerance (spec/tolerance.py) of a float result: from the sum of |terms| of each
    output element, which is the operator itself run by the reference on absolute values in
    float64 (|x * w| summed over each window; |x| over the divisor for average pooling). None
    (exact) for integers and max pooling."""
    dtype = call["input"].dtype
    if dtype.kind in "iu" or call.op.startswith("max_pool"):
        return None
    absolute = {name: np.abs(value).astype(np.float64) if isinstance(value, np.ndarray) else value
                for name, value in call.kwargs.items()}
    abs_sum = np.abs(getattr(reference, call.op)(**absolute))
    if expected is None and dtype.name in ACCUMULATOR:
        expected = call.run(getattr(reference, call.op))
    # float16 transposed convolutions round in float16 more than once (spec/tolerance.py).
    wider = {"accumulator": None} if call.op.startswith("conv_transpose") else {}
    return sum_tolerance(abs_sum, _terms(call), dtype.name, _magnitude(expected), **wider)


def _magnitude(expected):
    return None if expected is None else np.abs(expected).astype(np.float64)


def check_result(function, call) -> None:
    """``function``'s result for ``call`` matches the reference's: its type, shape and dtype, and
    its values exactly (integers, max pooling, indices) or within the tolerance model (floats)."""
    expected, got = call.run(getattr(reference, call.op)), call.run(function)
    if call.op.startswith("max_pool") and call.get("return_indices"):
        if not (isinstance(got, tuple) and len(got) == 2):
            raise Mismatch("type", f"expected (values, indices), got {type(got).__name__}\n\n"
                                   f"minimal failing call:\n{call.python()}")
        assert_matches(got[0], expected[0], call, what="values")
        assert_matches(got[1], expected[1], call, what="indices")
    else:
        assert_matches(got, expected, call, bound(call, expected))


# The names the 2-D tests were written with.
check_conv2d = check_max_pool2d = check_avg_pool2d = check_result
conv2d_bound = avg_pool2d_bound = bound


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


CHECKS = {f"{family}{rank}d": check_result for family in ("conv", "conv_transpose", "max_pool", "avg_pool")
          for rank in (1, 2, 3)}
# The adaptive, LP, unpooling and fractional pools: their tests' check and the rules their own
# strategies break (those torch raises for).
_OTHER_POOLS = [op for op in reference.__all__ if family_strategies.own_strategies(op)]
CHECKS.update({op: pool_checks.check_result for op in _OTHER_POOLS})
PARITY_RULES.update({op: family_strategies.own_strategies(op).breakers(op) for op in _OTHER_POOLS})
