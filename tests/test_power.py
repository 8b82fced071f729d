"""The suite's power: each known-bug implementation in tests/bugs fails the conformance checks,
and Hypothesis finds (and shrinks) a counterexample."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import find, settings

from . import strategies as cs
from .adapters import torch_nn
from .checks import check_avg_pool2d, check_conv2d, check_max_pool2d

# module -> (operator, strategy of valid calls, check)
BUGS = {
    "tests.bugs.flipped_kernel": ("conv2d", cs.conv2d_calls(), check_conv2d),
    "tests.bugs.float32_arithmetic": ("conv2d", cs.conv2d_calls(), check_conv2d),
    "tests.bugs.zero_padded_max_pool": ("max_pool2d", cs.pool2d_calls("max_pool2d"), check_max_pool2d),
    "tests.bugs.count_include_pad_ignored": ("avg_pool2d", cs.pool2d_calls("avg_pool2d"), check_avg_pool2d),
}


def _fails(check, function, call) -> bool:
    try:
        check(function, call)
    except AssertionError:
        return True
    return False


# find() searches for a failing call; it is not a property test, so its own budget is set here.
SEARCH = settings(max_examples=500, database=None)


@pytest.mark.parametrize("module", BUGS)
def test_bug_is_caught_with_a_small_counterexample(module):
    op, calls, check = BUGS[module]
    buggy = getattr(importlib.import_module(module), op)
    call = find(calls, lambda call: _fails(check, buggy, call), settings=SEARCH)
    assert _fails(check, buggy, call)
    assert call["input"].size <= 64, f"counterexample not minimal:\n{call.python()}"
    assert not _fails(check, getattr(torch_nn, op), call), f"torch itself fails the shrunk call:\n{call.python()}"
