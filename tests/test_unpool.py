"""max_unpool1d/2d/3d against the reference.

Drawn calls take their indices from max pooling with the same kernel, stride and padding (the
round trip, overlapping windows included) or at random from a few positions (duplicates), and
output_size across its allowed range (tests/strategies/unpool.py). Checked: values (exact; at a
position several elements point to, any of them), output shape against torch, error parity per
rule, unbatched and empty-batch input, the round trip, and the torch surprises, pinned.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import reference
from spec.rules import SpecViolation, rule_named
from spec.unpool import OPERATORS, RULES_BY_RANK, MaxUnpoolCall
from spec.params import rank_of

from .adapters import torch_nn
from .calls import Call
from .checks import assert_rejected_everywhere
from .pool_checks import check_result
from .pool_properties import FEW, shared_properties
from .strategies import unpool as ups

# tests/test_power.py's in_the_suite reads SHARE: its zoo searches get this test's examples.
SHARE = 4

test_implementation_matches_reference, test_output_shape_matches_torch, test_error_parity = shared_properties(
    OPERATORS, ups, lambda call: MaxUnpoolCall.of(**call.kwargs, rank=rank_of(call.op)).output_shape, SHARE)


def test_every_rule_torch_raises_for_has_a_breaker():
    for op in OPERATORS:
        raising = {r.name for r in RULES_BY_RANK[rank_of(op)] if r.torch_raises or r.torch.startswith("raises")}
        assert set(ups.breakers(op)) == raising - {"output_not_empty"} - (
            set() if op == "max_unpool3d" else {"positive_kernel", "positive_stride"}), op


@pytest.mark.parametrize("op", OPERATORS)
@pytest.mark.parametrize("argument", ["input", "indices"])
def test_non_array_arguments_are_rejected(impl, op, argument):
    rank = rank_of(op)
    good = dict(input=np.ones((1, 1) + (1,) * rank), indices=np.zeros((1, 1) + (1,) * rank, dtype=np.int64))
    for bad in ([[1.0]], None, 1.0):
        call = Call(op, dict(good, **{argument: bad}, kernel_size=2))
        assert_rejected_everywhere(call, "input_is_array", impl)


@pytest.mark.parametrize("op", OPERATORS)
def test_unbatched_and_empty_batch(op):
    rank = rank_of(op)
    x = np.arange(2.0 * 2 ** rank).reshape((2,) + (2,) * rank)
    indices = np.broadcast_to(np.arange(2 ** rank).reshape((1,) + (2,) * rank) * 2 ** rank, x.shape).copy()
    for function in (getattr(reference, op), getattr(torch_nn, op)):
        np.testing.assert_array_equal(function(x, indices, 3)[np.newaxis], function(x[np.newaxis], indices[np.newaxis], 3))
        assert function(x[np.newaxis][:0], indices[np.newaxis][:0], 3).shape == (0, 2) + (6,) * rank  # (2 - 1) 3 + 3


@pytest.mark.parametrize("rank", [1, 2, 3])
@settings(max_examples=FEW)
@given(data=st.data())
def test_round_trip(rank, data):
    """unpool(max_pool(x)) holds x at every index max pooling chose, and zero elsewhere; pooled
    again it gives max pooling's values wherever the input's maximum is >= 0."""
    config = data.draw(ups.configs(f"max_unpool{rank}d", empty_ok=False), label="config")
    x = data.draw(st.just(np.abs(np.arange(float(np.prod(config["leading"] + config["source"])))
                                 ).reshape(config["leading"] + config["source"])), label="x")
    kwargs = dict(kernel_size=config["kernel"], stride=config["stride"], padding=config["padding"])
    values, indices = getattr(reference, f"max_pool{rank}d")(x, **kwargs, return_indices=True)
    unpooled = getattr(torch_nn, f"max_unpool{rank}d")(values, indices, **kwargs, output_size=config["source"])
    planes, flat_x = unpooled.reshape(-1, int(np.prod(config["source"]))), x.reshape(-1, int(np.prod(config["source"])))
    chosen = np.zeros(planes.shape, dtype=bool)
    for plane, where in enumerate(indices.reshape(len(planes), -1)):
        chosen[plane, where] = True
    np.testing.assert_array_equal(planes[chosen], flat_x[chosen])
    assert (planes[~chosen] == 0).all()
    np.testing.assert_array_equal(getattr(reference, f"max_pool{rank}d")(unpooled, **kwargs), values)


# -- torch's surprises, pinned (spec/behaviours.py) -----------------------------------------------

def test_pinned_max_unpool_duplicate_indices_race():
    """Several elements pointing to one position: with one thread torch keeps the last; with
    more, any of them (never a value from elsewhere)."""
    x, indices = np.arange(1.0, 5.0).reshape(1, 1, 4), np.zeros((1, 1, 4), dtype=np.int64)
    assert reference.max_unpool1d(x, indices, 2)[0, 0, 0] == 4.0
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        assert torch_nn.max_unpool1d(x, indices, 2)[0, 0, 0] == 4.0
        torch.set_num_threads(max(2, threads))
        assert {float(torch_nn.max_unpool1d(x, indices, 2)[0, 0, 0]) for _ in range(20)} <= {1.0, 2.0, 3.0, 4.0}
    finally:
        torch.set_num_threads(threads)
    check_result(torch_nn.max_unpool1d, Call("max_unpool1d", dict(input=x, indices=indices, kernel_size=2)))


@pytest.mark.parametrize("rank", [1, 2])
def test_pinned_max_unpool_zero_kernel_or_stride_accepted(rank):
    x, indices = np.ones((1, 1) + (2,) * rank), np.zeros((1, 1) + (2,) * rank, dtype=np.int64)
    op = f"max_unpool{rank}d"
    assert getattr(torch_nn, op)(x, indices, 2, stride=0).shape == (1, 1) + (2,) * rank  # (n - 1) * 0 + 2
    assert getattr(torch_nn, op)(x, indices, 0).shape == (1, 1) + (0,) * rank
    for rule in ("positive_kernel", "positive_stride"):
        assert "accepts it" in rule_named(RULES_BY_RANK[rank], rule).torch
    with pytest.raises(SpecViolation, match="positive_stride"):
        getattr(reference, op)(x, indices, 2, stride=0)
    with pytest.raises(RuntimeError, match="strides should be greater than zero"):
        torch_nn.max_unpool3d(np.ones((1, 1, 2, 2, 2)), np.zeros((1, 1, 2, 2, 2), dtype=np.int64), 2, stride=0)


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_pinned_max_unpool_negative_padding_enlarges(rank):
    x, indices = np.ones((1, 1) + (2,) * rank), np.zeros((1, 1) + (2,) * rank, dtype=np.int64)
    got = getattr(torch_nn, f"max_unpool{rank}d")(x, indices, 2, padding=-1)
    assert got.shape == (1, 1) + (6,) * rank  # (2 - 1) * 2 + 2 + 2
    np.testing.assert_array_equal(got, getattr(reference, f"max_unpool{rank}d")(x, indices, 2, output_size=(6,) * rank,
                                                                                 stride=4))
    with pytest.raises(SpecViolation, match="non_negative_padding"):
        getattr(reference, f"max_unpool{rank}d")(x, indices, 2, padding=-1)


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_pinned_max_unpool_empty_output_skips_index_check(rank):
    x, indices = np.ones((1, 1) + (2,) * rank), np.full((1, 1) + (2,) * rank, 99, dtype=np.int64)
    assert getattr(torch_nn, f"max_unpool{rank}d")(x, indices, 2, padding=2).shape == (1, 1) + (0,) * rank
    with pytest.raises(RuntimeError, match="invalid max index"):  # a non-empty output checks them
        getattr(torch_nn, f"max_unpool{rank}d")(x, indices, 2)
    with pytest.raises(SpecViolation, match="output_not_empty"):
        getattr(reference, f"max_unpool{rank}d")(x, indices, 2, padding=2)


def test_pinned_max_unpool_stride_longer_than_rank_ignored():
    x, indices = np.ones((1, 1, 2, 2)), np.zeros((1, 1, 2, 2), dtype=np.int64)
    np.testing.assert_array_equal(torch_nn.max_unpool2d(x, indices, 2, stride=(2, 2, 9)), torch_nn.max_unpool2d(x, indices, 2))
    assert "longer than the rank" in rule_named(RULES_BY_RANK[2], "parameter_form").torch
    with pytest.raises(SpecViolation, match="parameter_form"):
        reference.max_unpool2d(x, indices, 2, stride=(2, 2, 9))
