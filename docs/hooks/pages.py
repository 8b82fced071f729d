"""The generated pages of the site: one per worked example, the spec pages and the network traces.
Everything shown is computed here, at build time, from spec/ and reference/; a mismatch with
what a note prints stops the build."""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp

import reference
from spec.behaviours import BEHAVIOURS
from spec.examples import EXAMPLES, NETWORKS, NOTES, RANDOM_HIGH
from spec.networks import H, W, input_sizes_for_linear, padding_for_output, trace
from spec.relations import RELATIONSHIPS, holds_on_grid, holds_symbolically
from spec.shapes import conv_output_size, d, k, n, p, pool_output_size, s, same_padding

import animations
import calculator
import explain
import figures
import families
import backends
import gradients
import pool_families
import zh_spec
from maths import fragment, instantiated, mathml, sub
from specs import CONV_RULES, DIM_NAMES, POOL_RULES, ConvCall, PoolCall, rank_of
from tables import relationships_table, rules_table
from text import LANGUAGES, PREFIX, piecewise_words, t, window_words

PRINT_OPTIONS = dict(threshold=200, linewidth=100)
SMALL_INPUT = 1024  # elements: examples this small are computed in full for their figure


def _call_of(example, arrays):
    rank = rank_of(example.operator)
    if example.operator.startswith("conv"):
        return ConvCall.of(**arrays, **example.params, rank=rank)
    factory = PoolCall.max if example.operator.startswith("max") else PoolCall.avg
    return factory(arrays["input"], **example.params, rank=rank)


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
        return (f"{name} = torch.randint(0, {RANDOM_HIGH}, {value}).float()" if torch
                else f"{name} = rng.integers(0, {RANDOM_HIGH}, {value}).astype(np.float32)")
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
    for dim, label in enumerate(DIM_NAMES[call.spatial_dims]):
        lhs = sub(label, "out")
        if example.operator.startswith("conv"):
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


def _quotation(example, lang) -> list[str]:
    """The note's own sentence or code the example comes from, with its source."""
    if example.quote_section:
        source = t(lang, "quote_source", note=example.note, section=example.quote_section)
    else:
        source = t(lang, "quote_source_bare", note=example.note)
    gloss = [f"    *{t(lang, 'gloss', gloss=example.quote_en)}*", ""] if lang == "en" and example.quote_en else []
    return [f'!!! quote "{t(lang, "the_note_says")}"', "", f"    「{example.quote}」", "", *gloss,
            f"    — {source}", ""]


def _input_row(name, a, value, lang) -> str:
    if isinstance(value, tuple):
        return f"| `{name}` | {t(lang, 'random_ints', high=RANDOM_HIGH - 1, shape=tuple(a.shape), dtype=a.dtype)} |"
    return f"| `{name}` | {t(lang, 'shape_of', shape=tuple(a.shape), dtype=a.dtype)} |"


def example_page(example, lang="en") -> str:
    arrays = example.arrays()
    call = _call_of(example, arrays)
    # Examples known by their shape are checked by the spec's shape rule here (their values, by
    # tests/test_examples.py); computing them in Python loops would only slow the build.
    output = computed_output(example) if example.printed_shape is None else None
    # A small example known by its shape still gets its output computed, for the figure.
    small = example.printed_shape is not None and arrays["input"].size <= SMALL_INPUT
    plane_output = computed_output(example) if small else output
    rank = call.spatial_dims
    if not agrees_with_note(example, output) or (small and plane_output.shape[-rank:] != call.output_size):
        raise ValueError(f"worked example {example.slug}: the reference disagrees with note {example.note}")
    zh = lang == "zh"
    note = NOTES[example.note]
    title = example.title_zh if zh else example.title
    lines = [f"# {title}", "", t(lang, "from_note", note=example.note, title=note.title_zh if zh else note.title),
             "", *_quotation(example, lang), example.story_zh if zh else example.story, ""]
    if example.reconstructed:
        lines += [f'!!! note "{t(lang, "reconstructed")}"',
                  f"    {example.reconstructed_zh if zh else example.reconstructed}{'。' if zh else '.'}", ""]
    lines += [f"## {t(lang, 'call')}", "", f"| {t(lang, 'argument')} | {t(lang, 'value')} |", "| --- | --- |"]
    lines += [_input_row(name, a, example.inputs[name], lang) for name, a in arrays.items()]
    lines += [f"| `{key}` | `{value!r}` |" for key, value in example.params.items()]
    lines.append("")
    for name, a in arrays.items():
        if not isinstance(example.inputs[name], tuple):
            lines += [f"`{name}`:", "", "```", _array_text(a), "```", ""]
    lines += [f"## {t(lang, 'output')}", ""]
    if example.printed_shape is not None:
        lines += [t(lang, "shape_note", printed=tuple(example.printed_shape), spec=call.output_shape), ""]
    else:
        lines += [t(lang, "as_printed"), "", "```", _array_text(output), "```", ""]
    lines += [t(lang, "torch_checked"), "",
              f"## {t(lang, 'output_size')}", "", mathml(conv_output_size(n, k, s, p, d) if example.operator.startswith("conv")
                                                         else pool_output_size(n, k, s, p, d, call.ceil_mode), sub("n", "out")),
              "", t(lang, "with_numbers"), "", _size_formulas(example, call), "",
              f"## {t(lang, 'sliding_window')}", "", t(lang, "window_caption"), ""]
    paddings = call.paddings if example.operator.startswith("conv") else tuple((q, q) for q in call.paddings)
    out_plane = plane_output if plane_output is not None else call.output_size
    lines += [figures.first_window_figure(call, arrays["input"], paddings, out_plane, title, window_words(lang)), "",
              t(lang, "animation_link", link="../animations.md"), "",
              f"## {t(lang, 'side_by_side')}", "", _side_by_side(example), ""]
    return "\n".join(lines)


def rules_page(lang="en") -> str:
    intro = {
        "en": "Generated from `spec/conv.py` and `spec/pool.py`. The reference raises a `ValueError` "
              "naming the first rule a call breaks; the tests draw calls that break each rule and check that "
              "torch and the implementation under test raise too. Where torch does not raise, the third column "
              "says what it does instead, and a `test_pinned_*` test holds it to that. To find the rule behind a "
              "torch error message, paste it into [Explain my error](../explain.md).",
        "zh": "由 `spec/conv.py` 和 `spec/pool.py` 生成。参考实现对一个调用违反的第一条规则抛出 `ValueError` 并"
              "写出规则名;测试会构造违反每条规则的调用,检查 torch 和被测实现也会报错。torch 不报错的地方,第三列"
              "说明它实际怎么做,并有一个 `test_pinned_*` 测试固定这一行为。想知道 torch 报错信息对应哪条规则,"
              "把它粘贴到[解释我的报错](../explain.md)。"}[lang]
    return "\n".join([
        f"# {t(lang, 'validity_rules')}", "", intro, "",
        "## conv2d", "", rules_table(CONV_RULES, "conv", lang), "",
        "## max_pool2d, avg_pool2d", "", rules_table(POOL_RULES, "pool", lang), ""])


def shapes_page(lang="en") -> str:
    pool_floor, pool_ceil = pool_output_size(n, k, s, p, d, False), pool_output_size(n, k, s, p, d, True)
    left, right = same_padding(k, d)
    words = {"window": t(lang, "window"), "dropped": t(lang, "dropped")}
    text = {
        "en": ["Rendered from the sympy expressions of `spec/shapes.py`, one spatial dimension at a time: "
               "n input size, k kernel size, s stride, p padding on each side, d dilation. Try them on your own "
               "numbers in the [shape calculator](../calculator.md).",
               "Convolution", "Total padding d(k - 1), split with the extra element at the end:",
               "Pooling, floor mode", "Pooling, ceil mode",
               "Rounded up, and one less when the last window would start in the right padding:",
               "n = 5, k = 2, s = 2, p = 1: rounding up gives 4 windows, but the fourth would start at 6 - 1 = 5 "
               "= n, in the padding, so ceil mode keeps 3.",
               "Padding modes", "A row `1 2 3 4` padded by 2 in each mode, as the reference pads it:"],
        "zh": ["由 `spec/shapes.py` 中的 sympy 表达式渲染,每次一个空间维度:n 输入尺寸,k 卷积核大小,s 步幅,"
               "p 每侧的填充,d 空洞(dilation)。可以在[输出尺寸计算器](../calculator.md)里代入自己的数值。",
               "卷积", "总填充为 d(k - 1),多出的一个放在末尾:",
               "池化,向下取整模式", "池化,向上取整模式(ceil_mode)",
               "向上取整;如果最后一个窗口会从右侧填充中开始,就再减一:",
               "n = 5,k = 2,s = 2,p = 1:向上取整得到 4 个窗口,但第 4 个窗口会从 6 - 1 = 5 = n 开始,"
               "落在填充里,所以 ceil 模式保留 3 个。",
               "填充模式", "把一行 `1 2 3 4` 按每种模式两侧各填充 2,参考实现的结果:"]}[lang]
    return "\n".join([
        f"# {t(lang, 'output_sizes')}", "", text[0], "",
        f"## {text[1]}", "", mathml(conv_output_size(n, k, s, p, d), sub("n", "out")), "",
        "## padding='same'", "", text[2], "",
        mathml(left, sub("p", "before")), mathml(right, sub("p", "after")), "",
        f"## {text[3]}", "", mathml(pool_floor, sub("n", "out")), "",
        f"## {text[4]}", "", text[5], "",
        mathml(pool_ceil, sub("n", "out"), **piecewise_words(lang)), "",
        figures.ceil_mode_figure(words), "", text[6], "",
        f"## {text[7]}", "", text[8], "",
        figures.padding_modes_figure(), ""])


@functools.lru_cache(maxsize=1)
def _relations_checked() -> list[tuple[bool, bool]]:
    """(holds symbolically, holds on the grid) per relationship, once for both languages."""
    return [(holds_symbolically(rel), holds_on_grid(rel)) for rel in RELATIONSHIPS]


def relations_page(lang="en") -> str:
    zh = lang == "zh"
    if zh:
        lines = ["# 卷积算术", "",
                 "Dumoulin 和 Visin《A guide to convolution arithmetic for deep learning》(2016)中的关系式,"
                 "换成 torch 的记号(他们的 i 在这里是 n),每一条都在构建时对照规范的规则检查:sympy 做符号"
                 "化简,并在一个尺寸网格的每个点上验证。每种情况的动画见[卷积动画](../animations.md)。", ""]
    else:
        lines = ["# Convolution arithmetic", "",
                 "The relationships of Dumoulin and Visin, *A guide to convolution arithmetic for deep "
                 "learning* (2016), in torch's terms (their i is n here), each checked at build time against "
                 "the spec's rule: symbolically by sympy, and on every point of a grid of sizes. Each case is "
                 "animated on the [animations](../animations.md) page.", ""]
    lines += relationships_table(RELATIONSHIPS, _relations_checked(), lang)
    return "\n".join(lines) + "\n"


def behaviours_page(lang="en") -> str:
    if lang == "zh":
        lines = ["# torch 的意外行为", "",
                 "由 `spec/behaviours.py` 生成;每一条都由名为 `test_pinned_<name>` 的测试固定。合法性规则中的"
                 "分歧见[规则页](rules.md)。", ""]
    else:
        lines = ["# What torch does that surprises", "",
                 "Generated from `spec/behaviours.py`; each is pinned by a test named `test_pinned_<name>`. "
                 "The divergences in the validity rules are on the [rules page](rules.md).", ""]
    for behaviour in BEHAVIOURS:
        sentence = zh_spec.BEHAVIOURS.get(behaviour.name, behaviour.sentence) if lang == "zh" else behaviour.sentence
        lines += [f"- **{behaviour.operator}**, `{behaviour.name}`: {sentence}"]
    return "\n".join(lines) + "\n"


def _shape_math(shape) -> str:
    return "<math><mrow><mo>(</mo>" + "<mo>,</mo>".join(fragment(v) for v in shape) + "<mo>)</mo></mrow></math>"


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


def networks_page(lang="en") -> str:
    zh = lang == "zh"
    if zh:
        lines = ["# 网络形状追踪", "",
                 "对 H × W 的输入,用规范的规则(`spec/networks.py`)逐层追踪输出形状,再解出使第一个 Linear "
                 "层的 `in_features` 成立的正方形输入尺寸。", ""]
        header = ["| 层 | 参数 | 输出形状 |", "| --- | --- | --- |"]
    else:
        lines = ["# Network shape traces", "",
                 "Each layer's output shape for an H x W input, traced with the spec's rules "
                 "(`spec/networks.py`), then solved for the square input sizes that give the first Linear "
                 "layer its `in_features`.", ""]
        header = ["| layer | arguments | output shape |", "| --- | --- | --- |"]
    for (name, layers), channels in zip(NETWORKS, (1, 3)):
        shapes = trace(layers, (channels, H, W))
        title = zh_spec.NETWORKS.get(name, name) if zh else name
        lines += [f"## {title}", "", *header, f"| {'输入' if zh else 'input'} | | {_shape_math((channels, H, W))} |"]
        for (kind, args), shape in zip(layers, shapes):
            arguments = ", ".join(f"{key}={value}" for key, value in args.items())
            lines.append(f"| {kind} | {arguments} | {_shape_math(shape)} |")
        sizes = input_sizes_for_linear(layers, channels)
        linear = next(args for kind, args in layers if kind == "linear")
        listed = ", ".join(map(str, sizes))
        lines += ["", f"`in_features = {linear['in_features']}` 对边长为 {listed} 的正方形输入成立;最小的 "
                      f"{sizes[0]} 就是笔记所用的尺寸。" if zh else
                  f"`in_features = {linear['in_features']}` holds for square inputs of size "
                  f"{listed}; the smallest, {sizes[0]}, is the one the note uses.", ""]
    first, second = receptive_field(3, [2, 2])
    arrays = ["```", "Y[0, 0]:", _array_text(first.astype(int)), "z:", _array_text(second.astype(int)), "```", ""]
    if zh:
        lines += ["## 两层卷积的感受野(笔记 002)", "",
                  f"3×3 的输入,一个 2×2 卷积得到 Y(2×2),再一个 2×2 卷积得到 z:Y 的阴影输出依赖 "
                  f"{int(first.sum())} 个输入元素,z 依赖 {int(second.sum())} 个,即全部输入。用参考实现每次改变"
                  "一个输入元素算出:", "", *arrays,
                  "## 为得到指定尺寸所需的填充", "",
                  f"Conv2d(3, 32, 5) 在步幅 1 下保持 32 → 32 需要填充 {padding_for_output(32, 5, 32)} (笔记 003)。"
                  "`spec.networks.padding_for_output(size, kernel, wanted, stride, dilation)` 列出所有能得到指定尺寸"
                  "的填充。", ""]
    else:
        lines += ["## Receptive field of a two-layer stack (note 002)", "",
                  "A 3x3 input, a 2x2 convolution giving Y (2x2), and a second 2x2 convolution giving z: "
                  f"the shaded output of Y depends on {int(first.sum())} input elements, z on "
                  f"{int(second.sum())}, all of the input. Computed with the reference by changing one input "
                  "element at a time:", "", *arrays,
                  "## Padding for a wanted size", "",
                  f"Conv2d(3, 32, 5) keeping 32 -> 32 at stride 1 needs padding "
                  f"{padding_for_output(32, 5, 32)} (note 003). `spec.networks.padding_for_output(size, kernel, "
                  "wanted, stride, dilation)` lists every padding that gives the wanted size.", ""]
    return "\n".join(lines)


# Pages written by hand, in docs/ (English) and docs/zh/ (Chinese).
STATIC = ["index.md", "test-your-implementation.md", "api.md"]

# Generators of the other pages, by path; each takes the language.
GENERATED = {"animations.md": animations.page, "calculator.md": calculator.page,
             "explain.md": explain.page, "spec/shapes.md": shapes_page, "spec/rules.md": rules_page, "spec/arithmetic.md": relations_page,
             "spec/behaviours.md": behaviours_page, "networks.md": networks_page, **families.PAGES,
             **pool_families.PAGES}
GENERATED[gradients.PATH] = gradients.page
GENERATED.update(backends.pages())


def generated_pages() -> dict[str, str]:
    """Site path -> Markdown, for every language."""
    pages = {}
    for lang in LANGUAGES:
        prefix = PREFIX[lang]
        pages.update({f"{prefix}examples/{e.slug}.md": example_page(e, lang) for e in EXAMPLES})
        pages.update({prefix + path: page(lang) for path, page in GENERATED.items()})
    return pages


def nav_for(lang) -> list:
    """One language's navigation: entries named by what they hold."""
    prefix = PREFIX[lang]
    by_note = {}
    for e in EXAMPLES:
        note = NOTES[e.note]
        by_note.setdefault(note.nav_zh if lang == "zh" else note.nav, []).append(
            {e.title_zh if lang == "zh" else e.title: f"{prefix}examples/{e.slug}.md"})
    return [
        {t(lang, "home"): f"{prefix}index.md"},
        {t(lang, "worked_examples"): [{key: value} for key, value in by_note.items()]},
        {t(lang, "animations"): f"{prefix}animations.md"},
        {t(lang, "calculator"): f"{prefix}calculator.md"},
        {t(lang, "explain"): f"{prefix}explain.md"},
        {t(lang, "spec"): [{t(lang, "output_sizes"): f"{prefix}spec/shapes.md"},
                           {t(lang, "validity_rules"): f"{prefix}spec/rules.md"},
                           {t(lang, "arithmetic"): f"{prefix}spec/arithmetic.md"},
                           {t(lang, "surprises"): f"{prefix}spec/behaviours.md"}]},
        {t(lang, "families"): families.nav_entries(lang, prefix) + pool_families.nav_entries(lang, prefix)},
        gradients.nav_entry(lang, prefix),
        {t(lang, "networks"): f"{prefix}networks.md"},
        {t(lang, "test_impl"): f"{prefix}test-your-implementation.md"},
        backends.nav_entry(lang, prefix),
        {t(lang, "api"): f"{prefix}api.md"},
    ]


def nav() -> list:
    """Both languages, one tab each; the language switch in the header moves between them."""
    return [{"English": nav_for("en")}, {"中文": nav_for("zh")}]
