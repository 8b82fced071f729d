"""The generated pages of the site: one per worked example, the spec pages and the network traces.
Everything shown is computed here, at build time, from spec/ and reference/; a mismatch with
what a note prints stops the build."""

from __future__ import annotations

import numpy as np
import sympy as sp

import reference
from spec import conv as conv_spec
from spec import pool as pool_spec
from spec.behaviours import BEHAVIOURS
from spec.conv import Conv2dCall
from spec.examples import EXAMPLES, NETWORKS, NOTES
from spec.networks import H, W, input_sizes_for_linear, padding_for_output, trace
from spec.pool import Pool2dCall
from spec.relations import RELATIONSHIPS, holds_on_grid, holds_symbolically
from spec.shapes import conv_output_size, d, k, n, p, pool_output_size, s, same_padding
from reference._window import window_taps

import figures
from maths import instantiated, mathml, sub

PRINT_OPTIONS = dict(threshold=200, linewidth=100)


def _call_of(example, arrays):
    if example.operator == "conv2d":
        return Conv2dCall.of(**arrays, **example.params)
    factory = Pool2dCall.max if example.operator == "max_pool2d" else Pool2dCall.avg
    return factory(arrays["input"], **example.params)


def computed_output(example) -> np.ndarray:
    """The reference's output for ``example``; examples known by their shape run with N = 1."""
    arrays = example.arrays()
    if example.printed_shape is not None:
        arrays = dict(arrays, input=arrays["input"][:1])
    return getattr(reference, example.operator)(**arrays, **example.params)


def agrees_with_note(example, output: np.ndarray) -> bool:
    if example.printed_shape is not None:
        return _call_of(example, example.arrays()).output_shape == tuple(example.printed_shape)
    printed = np.array(example.printed)
    if example.printed_digits is not None:
        return output.shape == printed.shape and np.array_equal(np.round(output.astype(np.float64),
                                                                          example.printed_digits), printed)
    return output.shape == printed.shape and np.array_equal(output, printed)


def _array_text(array) -> str:
    with np.printoptions(**PRINT_OPTIONS):
        return np.array2string(np.asarray(array), separator=", ")


def _python_value(name, value, torch: bool):
    if isinstance(value, tuple):
        return f"{name} = torch.randn{value}" if torch else f"{name} = rng.standard_normal({value}).astype(np.float32)"
    literal = _array_text(np.array(value))
    return f"{name} = torch.tensor({literal})" if torch else f"{name} = np.array({literal})"


def _params_text(params) -> str:
    return "".join(f", {key}={value!r}" for key, value in params.items())


def _side_by_side(example) -> str:
    names = list(example.inputs)
    torch_lines = ["import torch", "import torch.nn.functional as F", ""]
    ref_lines = ["import numpy as np", "import reference", ""]
    if any(isinstance(v, tuple) for v in example.inputs.values()):
        ref_lines.append("rng = np.random.default_rng(0)")
    for name in names:
        torch_lines.append(_python_value(name, example.inputs[name], True))
        ref_lines.append(_python_value(name, example.inputs[name], False))
    args = ", ".join(names)
    torch_lines.append(f"F.{example.operator}({args}{_params_text(example.params)})")
    ref_lines.append(f"reference.{example.operator}({args}{_params_text(example.params)})")
    column = '<div markdown="1" style="flex: 1; min-width: 18em">\n\n**{}**\n\n```python\n{}\n```\n\n</div>'
    return ('<div style="display: flex; gap: 1em; flex-wrap: wrap" markdown="1">\n\n'
            + column.format("torch", "\n".join(torch_lines)) + "\n\n"
            + column.format("reference", "\n".join(ref_lines)) + "\n\n</div>")


def _size_formulas(example, call) -> str:
    lines = []
    for dim, label in enumerate("HW"):
        lhs = sub(label, "out")
        if example.operator == "conv2d":
            before, after = call.paddings[dim]
            expr = conv_output_size(n, k, s, p, d) if before == after else \
                sp.floor((n + sp.Symbol("p_l") + sp.Symbol("p_r") - d * (k - 1) - 1) / s) + 1
            values = {n: call.input_size[dim], k: call.kernel[dim], s: call.strides[dim], d: call.dilations[dim]}
            values.update({p: before} if before == after else
                          {sp.Symbol("p_l"): before, sp.Symbol("p_r"): after})
        else:
            expr = pool_output_size(n, k, s, p, d, call.ceil_mode)
            values = {n: call.input_size[dim], k: call.kernel[dim], s: call.strides[dim],
                      p: call.paddings[dim], d: call.dilations[dim]}
        lines.append(instantiated(expr, values, call.output_size[dim], lhs))
    return "\n\n".join(lines)


def example_page(example) -> str:
    arrays = example.arrays()
    call = _call_of(example, arrays)
    # Examples known by their shape are checked by the spec's shape rule here (their values, by
    # tests/test_examples.py); computing them in Python loops would only slow the build.
    output = computed_output(example) if example.printed_shape is None else None
    if not agrees_with_note(example, output):
        raise ValueError(f"worked example {example.slug}: the reference disagrees with note {example.note}")
    lines = [f"# {example.title}", "",
             f"From note {example.note}: *{NOTES[example.note]}*.", "", example.story, ""]
    if example.reconstructed:
        lines += ['!!! note "Reconstructed"', f"    {example.reconstructed}.", ""]
    lines += ["## Call", "", "| argument | value |", "| --- | --- |"]
    lines += [f"| `{name}` | shape `{tuple(a.shape)}`, {a.dtype} |" for name, a in arrays.items()]
    lines += [f"| `{key}` | `{value!r}` |" for key, value in example.params.items()]
    lines.append("")
    for name, a in arrays.items():
        if not isinstance(example.inputs[name], tuple):
            lines += [f"`{name}`:", "", "```", _array_text(a), "```", ""]
    lines += ["## Output", ""]
    if example.printed_shape is not None:
        lines += [f"The note's shape `{tuple(example.printed_shape)}` is the spec's output shape "
                  f"`{call.output_shape}`. (The reference computes the example with a batch of one; the "
                  "batch dimension is carried through by the shape rule.)", ""]
    else:
        lines += ["The reference computes, as the note prints:", "", "```", _array_text(output), "```", ""]
    lines += ["`tests/test_examples.py` checks that torch computes the same.", "",
              "## Output size", "", mathml(conv_output_size(n, k, s, p, d) if example.operator == "conv2d"
                                             else pool_output_size(n, k, s, p, d, call.ceil_mode), sub("n", "out")),
              "", "with this example's numbers:", "", _size_formulas(example, call), "",
              "## The sliding window", "",
              "The window of the first output element, on the first input channel (blue: taps on the input, "
              "light blue: taps on the padding):", ""]
    taps = window_taps((0, 0), call.strides, call.dilations, call.kernel)
    paddings = call.paddings if example.operator == "conv2d" else tuple((q, q) for q in call.paddings)
    plane = arrays["input"].reshape((-1,) + call.input_size)[0]
    out_plane = output.reshape((-1,) + output.shape[-2:])[0] if example.printed_shape is None else call.output_size
    lines += [figures.window_figure(plane, paddings, taps, out_plane, (0, 0), example.title), "",
              "## torch and the reference, side by side", "", _side_by_side(example), ""]
    return "\n".join(lines)


def _rules_table(rules) -> str:
    lines = ["| rule | the call must satisfy | torch 2.13 on CPU |", "| --- | --- | --- |"]
    for rule in rules:
        lines.append(f"| `{rule.name}` | {rule.message} | {'raises' if rule.torch_raises else rule.torch} |")
    return "\n".join(lines)


def rules_page() -> str:
    return "\n".join([
        "# Validity rules", "",
        "Generated from `spec/conv.py` and `spec/pool.py`. The reference raises a `ValueError` "
        "naming the first rule a call breaks; the tests draw calls that break each rule and check that "
        "torch and the implementation under test raise too. Where torch does not raise, the third column "
        "says what it does instead, and a `test_pinned_*` test holds it to that.", "",
        "## conv2d", "", _rules_table(conv_spec.RULES), "",
        "## max_pool2d and avg_pool2d", "", _rules_table(pool_spec.RULES), ""])


def shapes_page() -> str:
    pool_floor, pool_ceil = pool_output_size(n, k, s, p, d, False), pool_output_size(n, k, s, p, d, True)
    left, right = same_padding(k, d)
    return "\n".join([
        "# Output sizes", "",
        "Rendered from the sympy expressions of `spec/shapes.py`, one spatial dimension at a time: "
        "n input size, k kernel size, s stride, p padding on each side, d dilation.", "",
        "## Convolution", "", mathml(conv_output_size(n, k, s, p, d), sub("n", "out")), "",
        "## padding='same'", "", "Total padding d(k - 1), split with the extra element at the end:", "",
        mathml(left, sub("p", "before")), mathml(right, sub("p", "after")), "",
        "## Pooling, floor mode", "", mathml(pool_floor, sub("n", "out")), "",
        "## Pooling, ceil mode", "",
        "Rounded up, and one less when the last window would start in the right padding:", "",
        mathml(pool_ceil, sub("n", "out")), "",
        figures.ceil_mode_figure(), "",
        "n = 5, k = 2, s = 2, p = 1: rounding up gives 4 windows, but the fourth would start at 6 - 1 = 5 "
        "= n, in the padding, so ceil mode keeps 3.", "",
        "## Padding modes", "", "A row `1 2 3 4` padded by 2 in each mode, as the reference pads it:", "",
        figures.padding_modes_figure(), ""])


def relations_page() -> str:
    lines = ["# Convolution arithmetic", "",
             "The relationships of Dumoulin and Visin, *A guide to convolution arithmetic for deep "
             "learning* (2016), in torch's terms (their i is n here), each checked at build time against "
             "the spec's rule: symbolically by sympy, and on every point of a grid of sizes.", "",
             "| # | case | conditions | output size | sympy | grid |", "| --- | --- | --- | --- | --- | --- |"]
    for rel in RELATIONSHIPS:
        symbolic, grid = holds_symbolically(rel), holds_on_grid(rel)
        if not grid:
            raise ValueError(f"relationship {rel.number} fails against the spec")
        conditions = ", ".join(f"{sym} = {value}" for sym, value in rel.conditions.items()) or "none"
        if rel.requires_odd_kernel:
            conditions += ", k odd"
        lines.append(f"| {rel.number} | {rel.name} | {conditions} | {mathml(rel.output, display=False)} | "
                     f"{'holds' if symbolic else 'not simplified'} | holds |")
    return "\n".join(lines) + "\n"


def behaviours_page() -> str:
    lines = ["# What torch does that surprises", "",
             "Generated from `spec/behaviours.py`; each is pinned by a test named `test_pinned_<name>`. "
             "The divergences in the validity rules are on the [rules page](rules.md).", ""]
    for behaviour in BEHAVIOURS:
        lines += [f"- **{behaviour.operator}**, `{behaviour.name}`: {behaviour.sentence}"]
    return "\n".join(lines) + "\n"


def _shape_math(shape) -> str:
    return "<math><mrow><mo>(</mo>" + "<mo>,</mo>".join(
        sp.mathml(sp.sympify(v), printer="presentation") for v in shape) + "<mo>)</mo></mrow></math>"


def receptive_field(input_size: int, kernels: list[int]) -> list[np.ndarray]:
    """Which input elements each layer's top-left output depends on, found with the reference:
    an input element is in the field if changing it alone changes that output."""
    fields = []
    for depth in range(1, len(kernels) + 1):
        base = np.zeros((1, 1, input_size, input_size))
        field = np.zeros((input_size, input_size), dtype=bool)
        for i in range(input_size):
            for j in range(input_size):
                x = base.copy()
                x[0, 0, i, j] = 1.0
                for size in kernels[:depth]:
                    x = reference.conv2d(x, np.ones((1, 1, size, size)))
                field[i, j] = x[0, 0, 0, 0] != 0
        fields.append(field)
    return fields


def networks_page() -> str:
    lines = ["# Network shape traces", "",
             "Each layer's output shape for an H x W input, traced with the spec's rules "
             "(`spec/networks.py`), then solved for the square input sizes that give the first Linear "
             "layer its `in_features`.", ""]
    for (name, layers), channels in zip(NETWORKS, (1, 3)):
        shapes = trace(layers, (channels, H, W))
        lines += [f"## {name}", "", "| layer | arguments | output shape |", "| --- | --- | --- |",
                  f"| input | | {_shape_math((channels, H, W))} |"]
        for (kind, args), shape in zip(layers, shapes):
            arguments = ", ".join(f"{key}={value}" for key, value in args.items())
            lines.append(f"| {kind} | {arguments} | {_shape_math(shape)} |")
        sizes = input_sizes_for_linear(layers, channels)
        linear = next(args for kind, args in layers if kind == "linear")
        lines += ["", f"`in_features = {linear['in_features']}` holds for square inputs of size "
                  f"{', '.join(map(str, sizes))}; the smallest, {sizes[0]}, is the one the note uses.", ""]
    first, second = receptive_field(3, [2, 2])
    lines += ["## Receptive field of a two-layer stack (note 002)", "",
              "A 3x3 input, a 2x2 convolution giving Y (2x2), and a second 2x2 convolution giving z: "
              f"the shaded output of Y depends on {int(first.sum())} input elements, z on "
              f"{int(second.sum())}, all of the input. Computed with the reference by changing one input "
              "element at a time:", "", "```", "Y[0, 0]:", _array_text(first.astype(int)), "z:",
              _array_text(second.astype(int)), "```", ""]
    lines += ["## Padding for a wanted size", "",
              f"Conv2d(3, 32, 5) keeping 32 -> 32 at stride 1 needs padding "
              f"{padding_for_output(32, 5, 32)} (note 003). `spec.networks.padding_for_output(size, kernel, "
              "wanted, stride, dilation)` lists every padding that gives the wanted size.", ""]
    return "\n".join(lines)


def generated_pages() -> dict[str, str]:
    """Site path -> Markdown."""
    pages = {f"examples/{e.slug}.md": example_page(e) for e in EXAMPLES}
    pages.update({"spec/shapes.md": shapes_page(), "spec/rules.md": rules_page(),
                  "spec/arithmetic.md": relations_page(), "spec/behaviours.md": behaviours_page(),
                  "networks.md": networks_page()})
    return pages


def nav() -> list:
    by_note = {}
    for e in EXAMPLES:
        by_note.setdefault(f"Note {e.note}", []).append({e.title: f"examples/{e.slug}.md"})
    return [
        {"Home": "index.md"},
        {"Spec": [{"Output sizes": "spec/shapes.md"}, {"Validity rules": "spec/rules.md"},
                  {"Convolution arithmetic": "spec/arithmetic.md"}, {"Surprises": "spec/behaviours.md"}]},
        {"Worked examples": [{k: v} for k, v in by_note.items()]},
        {"Network shape traces": "networks.md"},
        {"Test your implementation": "test-your-implementation.md"},
        {"API reference": "api.md"},
    ]
