"""The suite's power: each known-bug implementation in tests/bugs (the bug zoo) fails a conformance
check, and Hypothesis finds (and shrinks) a counterexample that torch itself passes.

``ZOO`` says, for each bug module, which operator it implements and which check catches it: the
conformance check of the operator's valid calls (shapes, dtypes, values, indices, and no exception
where torch has none), or, for an implementation that accepts what torch rejects, error parity on
calls breaking the rule it skips. ``python -m tests.zoo_report`` prints the same searches as a table.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from dataclasses import dataclass, replace
from typing import Callable

import pytest
from hypothesis import Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import reference

from . import bugs, pool_checks, strata, test_adaptive_pool, test_fractional_pool, test_lp_pool, test_unpool
from . import strategies as cs
from .adapters import torch_nn
from .checks import assert_rejected, check_avg_pool2d, check_conv2d, check_max_pool2d, check_result
from .strategies import family as family_strategies
from .harness import valid_calls


@dataclass(frozen=True)
class Member:
    """How the suite catches one bug module: ``check(function, call)`` raises on ``calls``' draws."""
    op: str
    calls: st.SearchStrategy
    check: Callable
    caught_by: str  # in words, for the report
    budget: int = 500  # examples find() may try before it gives up
    # The suite's own property test for this member gets max_examples // share of the profile's
    # (at least 10: the error-parity tests' RARE settings); in_the_suite() makes that search.
    share: int = 1


_2D = {"conv2d": check_conv2d, "max_pool2d": check_max_pool2d, "avg_pool2d": check_avg_pool2d}
# The adaptive, LP, unpooling and fractional pools' property tests get 1 / SHARE of the examples.
_SHARES = {op: test.SHARE for test in (test_adaptive_pool, test_lp_pool, test_unpool, test_fractional_pool)
           for op in test.OPERATORS}
# Those pools are checked by tests/pool_checks.py's check, the other operators of the three
# families by the rank-generic check_result, as their property tests check them.
_CONFORMANCE = {op: _2D.get(op, pool_checks.check_result if op in _SHARES else check_result)
                for op in reference.__all__}


def conformance(op: str) -> Member:
    """Valid calls of ``op``, checked against the reference (the property tests' check): the 2-D
    suite's strategies for conv2d and the 2-D pools, tests/strategies/family.py's for the others."""
    if op in _2D:
        calls = cs.conv2d_calls() if op == "conv2d" else cs.pool2d_calls(op)
    else:
        calls = family_strategies.calls(op)
    return Member(op, calls, _CONFORMANCE[op], "conformance", share=_SHARES.get(op, 1))


def conformance_in(op: str, option: str, value) -> Member:
    """``op``'s conformance on one stratum, as tests/strata.py's
    test_implementation_matches_reference_in_stratum searches it."""
    return Member(op, valid_calls(op, None, (option, value)), _CONFORMANCE[op], f"conformance, {option} {value}",
                  share=strata.SHARE)


def error_parity(op: str, rule: str) -> Member:
    """Calls breaking ``rule``: the reference rejects them naming it, and so must the implementation
    (tests.checks.assert_rejected_everywhere, with torch checked on the shrunk call instead)."""
    calls = cs.invalid_conv2d_calls(rule) if op == "conv2d" else cs.invalid_pool2d_calls(op, rule)

    def check(function, call):
        assert_rejected(call, rule, getattr(reference, call.op), {"the implementation": function})
    return Member(op, calls, check, f"error parity: {rule}", share=3)


def in_the_suite(module: str, max_examples: int) -> Member:
    """``module``'s member searched as the suite's property test searches under a profile of
    ``max_examples``: the test's draws, the test's share of the examples. A fresh random search of
    this member fails exactly when that property test fails for the bug module (same strategy,
    same check, same number of examples; find() stops at the first failure, the test reports it)."""
    member = ZOO[module]
    budget = max_examples if member.share == 1 else max(10, max_examples // member.share)
    return replace(member, budget=budget)


ZOO = {f"tests.bugs.{name}": member for name, member in {
    # conv2d: values
    "flipped_kernel": conformance("conv2d"),
    "float32_arithmetic": conformance_in("conv2d", "dtype", "float64"),
    "float32_in_half": conformance_in("conv2d", "dtype", "float32"),
    "float16_accumulated_in_float16": conformance_in("conv2d", "dtype", "float16"),
    "groups_ignored": conformance("conv2d"),
    "depthwise_channel_mapping": conformance("conv2d"),
    "stride_by_subsampling": conformance("conv2d"),
    "same_padding_extra_at_start": conformance_in("conv2d", "padding", "same"),
    "reflect_as_symmetric": conformance_in("conv2d", "padding_mode", "reflect"),
    "circular_padding_dims_swapped": conformance_in("conv2d", "padding_mode", "circular"),
    "replicate_as_zeros": conformance_in("conv2d", "padding_mode", "replicate"),
    "bias_added_twice": conformance("conv2d"),
    "bias_ignored": conformance("conv2d"),
    "integer_saturation": conformance("conv2d"),
    "integer_via_float64": conformance_in("conv2d", "dtype", "int64"),
    # conv2d: dtypes, shapes and exceptions
    "float_result_in_float64": conformance("conv2d"),
    "unbatched_keeps_batch_dim": conformance("conv2d"),
    "empty_batch_crash": conformance("conv2d"),
    # conv2d: accepts what torch rejects
    "same_padding_any_stride": error_parity("conv2d", "same_padding_needs_unit_stride"),
    "reflect_padding_unlimited": error_parity("conv2d", "reflect_padding_limit"),
    "dilated_small_integers": error_parity("conv2d", "dilation_dtype"),
    # max_pool2d: values and shapes
    "zero_padded_max_pool": conformance_in("max_pool2d", "aim", "padding read"),
    "nan_ignored": conformance("max_pool2d"),
    "ceil_mode_keeps_last_window": conformance_in("max_pool2d", "aim", "ceil window"),
    "dilation_only_in_output_size": conformance("max_pool2d"),
    "dilation_height_for_width": conformance("max_pool2d"),
    "int64_max_through_float64": conformance_in("max_pool2d", "dtype", "int64"),
    # max_pool2d: indices
    "ties_last_index": conformance("max_pool2d"),
    "indices_in_padded_plane": conformance("max_pool2d"),
    "indices_over_whole_tensor": conformance("max_pool2d"),
    "indices_column_major": conformance("max_pool2d"),
    "index_unset_when_nothing_beats_lowest": conformance_in("max_pool2d", "aim", "lowest window"),
    # max_pool2d: accepts what torch rejects
    "padding_limit_of_dilated_kernel": error_parity("max_pool2d", "padding_at_most_half_kernel"),
    # avg_pool2d: values and exceptions
    "count_include_pad_ignored": conformance_in("avg_pool2d", "aim", "padding read"),
    "ceil_overhang_in_divisor": conformance_in("avg_pool2d", "aim", "ceil window"),
    "divisor_override_ignored_without_padding_count": conformance_in("avg_pool2d", "aim", "divisor override"),
    "integer_average_floors": conformance_in("avg_pool2d", "dtype", "int64"),
    "int64_average_through_float64": conformance_in("avg_pool2d", "dtype", "int64"),
    "negative_divisor_rejected": conformance_in("avg_pool2d", "aim", "divisor override"),
    # avg_pool2d: accepts what torch rejects
    "zero_divisor_means_default": error_parity("avg_pool2d", "non_zero_divisor"),
    # the family in 1, 2 and 3 dimensions
    "output_padding_at_start": conformance("conv_transpose2d"),
    "transposed_weight_as_forward_layout": conformance("conv_transpose2d"),
    "transposed_groups_ignored": conformance("conv_transpose2d"),
    "pool_depth_height_swapped": conformance("max_pool3d"),
    "conv_depth_height_swapped": conformance("conv3d"),
    "ceil_mode_keeps_last_window_1d": conformance("max_pool1d"),
    # adaptive, LP, unpooling and fractional pooling
    "adaptive_window_end_floored": conformance("adaptive_avg_pool2d"),
    "adaptive_max_nan_ignored": conformance("adaptive_max_pool1d"),
    "adaptive_max_first_nan_index": conformance("adaptive_max_pool2d"),
    "lp_pool_root_of_mean": conformance("lp_pool2d"),
    "lp_pool_ceil_window_unscaled": conformance("lp_pool1d"),
    "unpool_indices_over_whole_tensor": conformance("max_unpool2d"),
    "fractional_samples_as_rows_columns": conformance("fractional_max_pool2d"),
    "fractional_step_over_output_size": conformance("fractional_max_pool2d"),
}.items()}

# Bugs the suite cannot catch, and why. Their test is an expected failure (strict: if one is ever
# caught, the test says so, and it belongs in ZOO proper).
NOT_CAUGHT: dict[str, str] = {}  # none at present: float16 accumulation is caught since the
# tolerance model holds float16 to torch's float32 accumulation (spec/tolerance.py)

# find() searches for a failing call; it is not a property test, so its own settings are set here.
# No explain phase: it re-runs the shrunk example hundreds of times to report which parts of it
# vary freely, which find() never shows, and it took most of the search time. Derandomized, so
# that each search (and the run time) is the same from run to run: tests.zoo_report --random
# repeats them with fresh randomness.
SEARCH = settings(database=None, phases=[Phase.generate, Phase.shrink], derandomize=True)

# The largest counterexample (input elements) that counts as small.
SMALL = 64


def _fails(check, function, call) -> bool:
    """``function`` fails ``check`` on ``call``: a failed assertion, or any exception where the
    check expects a result (an implementation that raises on a valid call fails it)."""
    try:
        check(function, call)
    except Exception:
        return True
    return False


@dataclass
class Catch:
    call: object           # the shrunk counterexample
    examples: int          # calls tried up to and including the first failing one
    seconds: float         # search and shrinking


def catch(module: str, search: settings = SEARCH, member: Member | None = None) -> Catch:
    """Search ``module``'s zoo check (or ``member``'s) for a failing call and shrink it; raises
    hypothesis.errors.NoSuchExample when the member's budget runs out first."""
    member = member or ZOO[module]
    buggy = getattr(importlib.import_module(module), member.op)
    tried, first = [0], [None]
    start = time.perf_counter()

    def failing(call):
        tried[0] += 1
        failed = _fails(member.check, buggy, call)
        if failed and first[0] is None:
            first[0] = tried[0]
        return failed

    call = find(member.calls, failing, settings=settings(search, max_examples=member.budget))
    return Catch(call, first[0], time.perf_counter() - start)


def torch_fails(module: str, call) -> bool:
    member = ZOO[module]
    return _fails(member.check, getattr(torch_nn, member.op), call)


@pytest.mark.parametrize("module", [
    pytest.param(module, marks=pytest.mark.xfail(reason=NOT_CAUGHT[module], raises=NoSuchExample, strict=True))
    if module in NOT_CAUGHT else module for module in ZOO])
def test_bug_is_caught_with_a_small_counterexample(module):
    member = ZOO[module]
    result = catch(module)
    buggy = getattr(importlib.import_module(module), member.op)
    assert _fails(member.check, buggy, result.call)
    assert result.call["input"].size <= SMALL, f"counterexample not minimal:\n{result.call.python()}"
    assert not torch_fails(module, result.call), f"torch itself fails the shrunk call:\n{result.call.python()}"


def test_every_bug_module_is_in_the_zoo():
    """Each module of tests/bugs (but the _helpers) is registered, documents its bug in one line
    and provides the operator it is registered for."""
    names = {f"tests.bugs.{info.name}" for info in pkgutil.iter_modules(bugs.__path__)
             if not info.name.startswith("_")}
    assert names == set(ZOO), f"unregistered: {sorted(names - set(ZOO))}, missing: {sorted(set(ZOO) - names)}"
    assert set(NOT_CAUGHT) <= set(ZOO)
    for name, member in ZOO.items():
        module = importlib.import_module(name)
        doc = (module.__doc__ or "").strip()
        assert doc and "\n" not in doc, f"{name}: a one-line docstring must describe the bug"
        assert callable(getattr(module, member.op, None)), f"{name} provides no {member.op}"
