"""The suite's power: each known-bug implementation in tests/bugs fails the conformance checks,
and Hypothesis finds (and shrinks) a counterexample."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import find, settings

from . import strategies as cs
from .adapters import torch_nn
from .checks import check_conv2d

BUGGY_CONV2D = ["tests.bugs.flipped_kernel", "tests.bugs.float32_arithmetic"]


def _fails(conv2d, call) -> bool:
    try:
        check_conv2d(conv2d, call)
    except AssertionError:
        return True
    return False


# find() searches for a failing call; it is not a property test, so its own budget is set here.
SEARCH = settings(max_examples=500, database=None)


@pytest.mark.parametrize("module", BUGGY_CONV2D)
def test_buggy_conv2d_is_caught_with_a_small_counterexample(module):
    conv2d = importlib.import_module(module).conv2d
    call = find(cs.conv2d_calls(), lambda call: _fails(conv2d, call), settings=SEARCH)
    assert _fails(conv2d, call)
    assert call["input"].size <= 64, f"counterexample not minimal:\n{call.python()}"
    assert not _fails(torch_nn.conv2d, call), "torch itself fails the shrunk call"
