"""The worked examples of the notes (spec/examples.py): the reference and torch both compute what
each note prints; the network traces and solvers agree with torch's own modules."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

import reference
from spec.conv import Conv2dCall
from spec.examples import EXAMPLES, NETWORKS
from spec.networks import H, W, input_sizes_for_linear, padding_for_output, trace
from spec.relations import (RELATIONSHIPS, TRANSPOSED_RELATIONSHIPS, dropped_by_floor, holds_on_grid,
                            holds_symbolically, inverts_on_grid, inverts_symbolically, transposed_holds_on_grid,
                            transposed_holds_symbolically)
from spec.shapes import conv_output_size

from .adapters import torch_nn


def _matches_note(example, output: np.ndarray) -> None:
    if example.printed_shape is not None:
        assert output.shape[2:] == tuple(example.printed_shape)[2:], example.slug
        return
    printed = np.array(example.printed)
    assert output.shape == printed.shape, example.slug
    if example.printed_digits is None:
        np.testing.assert_array_equal(output, printed, err_msg=example.slug)
    else:  # the note prints floats rounded to this many decimals
        np.testing.assert_array_equal(np.round(output.astype(np.float64), example.printed_digits), printed,
                                      err_msg=example.slug)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_torch_computes_what_the_note_prints(example):
    output = getattr(torch_nn, example.operator)(**example.arrays(), **example.params)
    _matches_note(example, output)
    if example.printed_shape is not None:
        assert output.shape == tuple(example.printed_shape)
        assert Conv2dCall.of(**example.arrays(), **example.params).output_shape == output.shape


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_reference_computes_what_the_note_prints(example):
    arrays = example.arrays()
    if example.printed_shape is not None:
        # Shape examples: one sample and one output channel per group keep the loops short; the
        # batch and channel counts are checked against torch and the spec above.
        groups = example.params.get("groups", 1)
        arrays = {name: a[:1] if name == "input" else a[:groups] for name, a in arrays.items()}
    _matches_note(example, getattr(reference, example.operator)(**arrays, **example.params))


def _torch_layers(layers):
    modules = {"conv2d": torch.nn.Conv2d, "max_pool2d": torch.nn.MaxPool2d, "avg_pool2d": torch.nn.AvgPool2d,
               "linear": torch.nn.Linear, "flatten": torch.nn.Flatten, "sigmoid": torch.nn.Sigmoid}
    return torch.nn.Sequential(*(modules[kind](**args) for kind, args in layers))


@pytest.mark.parametrize("network, channels", list(zip(NETWORKS, (1, 3))), ids=[name for name, _ in NETWORKS])
def test_network_trace_matches_torch(network, channels):
    name, layers = network
    size = input_sizes_for_linear(layers, channels)[0]
    x = torch.zeros(1, channels, size, size)
    for layer, spec_shape in zip(_torch_layers(layers), trace(layers, (channels, H, W))):
        x = layer(x)
        assert tuple(x.shape[1:]) == tuple(int(v.subs({H: size, W: size})) if hasattr(v, "subs") else v
                                            for v in spec_shape), (name, layer)


def test_linear_in_features_give_the_notes_input_sizes():
    (_, lenet), (_, cifar10) = NETWORKS
    assert input_sizes_for_linear(lenet, 1)[0] == 28
    assert input_sizes_for_linear(cifar10, 3)[0] == 32


def test_padding_that_keeps_32_with_kernel_5():
    assert padding_for_output(32, 5, 32) == [2]


@pytest.mark.parametrize("relationship", RELATIONSHIPS, ids=lambda r: str(r.number))
def test_convolution_arithmetic_relationship_holds(relationship):
    assert holds_on_grid(relationship)
    assert holds_symbolically(relationship)


@pytest.mark.parametrize("relationship", TRANSPOSED_RELATIONSHIPS, ids=lambda r: str(r.number))
def test_transposed_convolution_relationship_holds(relationship):
    assert transposed_holds_on_grid(relationship)
    assert transposed_holds_symbolically(relationship)


def test_a_relationship_off_by_one_fails_on_the_grid():
    """The grid check can fail: each relationship with its output one too large is refused."""
    for relationship in RELATIONSHIPS:
        assert not holds_on_grid(replace(relationship, output=relationship.output + 1)), relationship.number
    for relationship in TRANSPOSED_RELATIONSHIPS:
        assert not transposed_holds_on_grid(replace(relationship, output=relationship.output + 1)), relationship.number


def test_transposed_convolution_gives_back_the_input_size_of_the_convolution_it_transposes():
    """Dumoulin and Visin's relationship 14 in torch's terms: with output_padding (n + 2p - k) mod s,
    conv_transpose's output size is the input size of the convolution with the same (k, s, p)."""
    assert inverts_symbolically()
    assert inverts_on_grid()


@pytest.mark.parametrize("size, kernel, stride, padding", [(5, 3, 2, 0), (6, 3, 2, 1), (7, 2, 3, 1)])
def test_torch_transposes_back_to_the_input_size(size, kernel, stride, padding):
    """torch agrees: the gradient of conv1d has the input's size, and so does conv_transpose1d with
    the output_padding the floor dropped."""
    x = torch.zeros(1, 1, size, requires_grad=True)
    w = torch.ones(1, 1, kernel)
    y = torch.nn.functional.conv1d(x, w, stride=stride, padding=padding)
    assert y.shape[-1] == conv_output_size(size, kernel, stride, padding)
    extra = int(dropped_by_floor(size, kernel, stride, padding))
    back = torch.nn.functional.conv_transpose1d(y.detach(), w, stride=stride, padding=padding, output_padding=extra)
    y.sum().backward()
    assert back.shape[-1] == x.grad.shape[-1] == size


def test_receptive_field_of_two_layer_stack():
    """Note 002: the shaded output sees 4 input elements; one more 2x2 layer sees all 9."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "docs" / "hooks"))
    from pages import receptive_field

    first, second = receptive_field(3, [2, 2])
    assert first.sum() == 4 and first[:2, :2].all()
    assert second.all()


# The notes sit next to the checkout (../shared/notes), as spec/examples.py says.
NOTES_DIR = Path(__file__).parents[1].parent / "shared" / "notes"


def _note_text(note: str) -> str:
    """A note's text with whitespace and the '?' its export puts for non-breaking spaces removed."""
    (path,) = NOTES_DIR.glob(f"{note}_*.txt")
    return re.sub(r"[\s?\u00a0]", "", path.read_text(encoding="utf-8"))


@pytest.mark.skipif(not NOTES_DIR.exists(), reason="the source notes are not in this checkout")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_quotation_is_the_notes_own_words(example):
    """The sentence or code a page quotes is in its note, as written (section heading too)."""
    text = _note_text(example.note)
    assert example.quote and re.sub(r"\s", "", example.quote) in text
    assert re.sub(r"\s", "", example.quote_section) in text


def test_formulas_are_printed_in_the_order_the_spec_states():
    """spec.shapes.conv_output_size states n + 2p - d(k - 1) - 1; sympy's own order is different."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "docs" / "hooks"))
    from maths import plain

    from spec.shapes import conv_output_size, d, k, n, p, s

    expr = conv_output_size(n, k, s, p, d)
    assert not str(expr).startswith("floor((n")  # sympy would print -d*(k - 1) + n + ...
    assert plain(expr) == "floor((n + 2p - d(k - 1) - 1) / s) + 1"
    assert plain(expr, {n: 5, k: 3, s: 1, p: 1, d: 1}) == "floor((5 + 2 * 1 - 1 * (3 - 1) - 1) / 1) + 1"


def _hooks():
    sys.path.insert(0, str(Path(__file__).parents[1] / "docs" / "hooks"))


def test_shape_calculator_agrees_with_the_spec():
    """The calculator page's conditions and formulas give the spec's first broken rule or output
    size on a grid of calls (the page is built from them; scripts/check_site.py runs it in a browser)."""
    _hooks()
    import calculator

    calculator.verify()
    assert calculator.calculated_conv((3, 3), (5, 5), (1, 1), (0, 0), (1, 1), "", "zeros") == "rule:kernel_fits"
    assert calculator.calculated_pool("max_pool2d", (5, 5), (2, 2), None, (1, 1), (1, 1), True) == "ok:3,3"


def test_animation_frames_are_the_references_outputs():
    """Every frame of every animation is the window's sum (or maximum) the reference computes, one
    per output element; the ceil-mode animation ends with the window ceil mode drops; the
    transposed convolution's, one per input element, ends with reference.conv_transpose2d's output."""
    _hooks()
    import animations

    for case in animations.CASES:
        data = animations.frames(case)
        if case.operator == "conv_transpose2d":
            x = np.array(data["input"])[None, None]
            whole = reference.conv_transpose2d(x, np.array(data["kernel"])[None, None], stride=case.stride)[0, 0]
            assert len(data["frames"]) == x.size and data["frames"][-1]["partial"] == whole.tolist()
            continue
        assert len([f for f in data["frames"] if not f.get("dropped")]) == data["out_rows"] * data["out_cols"]
    pool = animations.frames(next(c for c in animations.CASES if c.operator == "max_pool2d"))
    assert pool["frames"][-1].get("dropped") and (pool["out_rows"], pool["out_cols"]) == (3, 3)
