"""One page per operator family, in 1, 2 and 3 dimensions: convolution, transposed convolution,
max and average pooling. Each shows the family's shape rule (the sympy expression of
spec/shapes.py), its validity rules at every rank (spec's RULES_BY_RANK), a figure computed by the
reference and its worked examples; the convolution-arithmetic relationships of the transposed
convolution are checked here, at build time, and a failure stops the build."""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp

import reference
from spec.examples import NOTE_000_INPUT, NOTE_000_KERNEL, example
from spec.relations import (TRANSPOSED_RELATIONSHIPS, dropped_by_floor, inverts_on_grid, inverts_symbolically,
                            transposed_holds_on_grid, transposed_holds_symbolically)
from spec.shapes import a, conv_output_size, conv_transpose_output_size, d, k, n, p, pool_output_size, s

import figures
import zh_spec
from maths import instantiated, mathml, sub
from specs import DIM_NAMES, RULES_BY_FAMILY, ConvCall, PoolCall, layout
from tables import relationships_table, rules_table
from text import piecewise_words, t, window_words

# The site path of each family's page, by the family name zh_spec and specs key it by.
PATHS = {"conv": "families/convolution.md", "conv_transpose": "families/conv-transpose.md",
         "pool": "families/pooling.md"}

# The 1-D pooling example: note 000's first row, in ceil mode (the case of the output-sizes page).
POOL_ROW = NOTE_000_INPUT[0]
POOL_PARAMS = {"kernel_size": 2, "stride": 2, "padding": 1, "ceil_mode": True}
# The scatter: a 2x2 input through note 000's 3x3 kernel at stride 2, so that neighbouring copies overlap.
SCATTER_INPUT = [[1, 2], [3, 4]]
SCATTER_STRIDE = 2

INTRO = {
    "conv": {
        "en": "conv1d, conv2d and conv3d slide the same window over 1, 2 or 3 spatial dimensions: every "
              "output element is the sum of a window of the input times the kernel, over all input channels "
              "of its group (cross-correlation, no flip). One rule gives the size of each spatial dimension.",
        "zh": "conv1d、conv2d 和 conv3d 在 1、2 或 3 个空间维度上滑动同样的窗口:每个输出元素是输入的一个窗口与卷积核"
              "逐元素相乘、在其分组的所有输入通道上求和的结果(互相关,卷积核不翻转)。每个空间维度的尺寸由同一个公式给出。"},
    "conv_transpose": {
        "en": "conv_transpose1d, 2d and 3d scatter: each input element adds a copy of the kernel, scaled by it, "
              "into the output, the copies starting s apart; where copies overlap they add up. It is the "
              "adjoint (the gradient with respect to the input) of the convolution with the same weight and "
              "parameters, so its weight is laid out (in_channels, out_channels / groups, k...), the transpose "
              "of the convolution's, and its padding crops the output instead of padding the input.",
        "zh": "conv_transpose1d、2d 和 3d 是一种散布(scatter):每个输入元素把按它缩放的一份卷积核加到输出里,相邻两份"
              "的起点相隔步幅 s;重叠的地方相加。它是同一权重、同样参数的卷积的伴随(对输入的梯度),所以权重的布局是 "
              "(in_channels, out_channels / groups, k...),正好是卷积权重的转置;它的填充是裁掉输出,而不是给输入加边。"},
    "pool": {
        "en": "max_pool1d/2d/3d and avg_pool1d/2d/3d slide a window over each channel separately and keep its "
              "maximum or its mean; there is no kernel to learn and the channel count is kept. Max pooling "
              "never reads the padding (it counts as -inf); average pooling counts it as zeros unless "
              "count_include_pad=False.",
        "zh": "max_pool1d/2d/3d 和 avg_pool1d/2d/3d 在每个通道上分别滑动窗口,取窗口内的最大值或平均值;没有要学习的"
              "池化核参数,通道数不变。最大池化从不读取填充(相当于 -inf);平均池化把填充当作 0,除非 "
              "count_include_pad=False。"},
}

TITLES = {"conv": ("Convolution in 1, 2 and 3 dimensions", "一维、二维和三维卷积"),
          "conv_transpose": ("Transposed convolution in 1, 2 and 3 dimensions", "一维、二维和三维转置卷积"),
          "pool": ("Max and average pooling in 1, 2 and 3 dimensions", "一维、二维和三维最大池化与平均池化")}

WORDS = {
    "en": {"layouts": "Shapes", "operator": "operator", "input": "input", "weight": "weight", "output": "output",
           "output_size": "Output size",
           "per_dim": "One spatial dimension at a time (n input size, k kernel size, s stride, p padding on each "
                      "side, d dilation{extra}), for each of L (1-D); H, W (2-D); D, H, W (3-D). The formula is "
                      "the sympy expression of `spec/shapes.py`.",
           "a_extra": ", a output_padding",
           "rules": "Validity rules",
           "rules_intro": "Generated from `{module}`'s `RULES_BY_RANK`, in the order they are checked; the "
                          "reference raises a `ValueError` naming the first rule a call breaks.",
           "worked": "Worked example", "figure": "The sliding window",
           "floor": "Floor mode", "ceil": "Ceil mode",
           },
    "zh": {"layouts": "形状", "operator": "算子", "input": "输入", "weight": "权重", "output": "输出",
           "output_size": "输出尺寸",
           "per_dim": "每次一个空间维度(n 输入尺寸,k 卷积核大小,s 步幅,p 每侧的填充,d 空洞(dilation){extra}),"
                      "分别用于 L(一维);H、W(二维);D、H、W(三维)。公式是 `spec/shapes.py` 中的 sympy 表达式。",
           "a_extra": ",a 即 output_padding",
           "rules": "合法性规则",
           "rules_intro": "由 `{module}` 的 `RULES_BY_RANK` 生成,按检查的顺序排列;参考实现对一个调用违反的第一条规则"
                          "抛出 `ValueError` 并写出规则名。",
           "worked": "计算示例", "figure": "滑动窗口",
           "floor": "向下取整模式", "ceil": "向上取整模式(ceil_mode)",
           },
}

# The forward convolution's input size, i in Dumoulin and Visin's terms (n is the transposed one's).
sp_i = sp.Symbol("i", integer=True)

MODULES = {"conv": "spec/conv.py", "conv_transpose": "spec/conv_transpose.py", "pool": "spec/pool.py"}


def word(lang, key, **values) -> str:
    text = WORDS[lang][key]
    return text.format(**values) if values else text


def _kernel_dims(rank) -> str:
    return ", ".join(f"k{dim}" for dim in DIM_NAMES[rank])


def out_layout(rank, channels="C_out") -> str:
    return "(N, " + channels + ", " + ", ".join(f"{dim}_out" for dim in DIM_NAMES[rank]) + ")"


def _layouts_table(family, lang) -> str:
    """Each operator's input, weight and output layout, by rank."""
    lines = [f"| {word(lang, 'operator')} | {word(lang, 'input')} | {word(lang, 'weight')} | {word(lang, 'output')} |",
             "| --- | --- | --- | --- |"]
    for rank in (1, 2, 3):
        if family == "pool":
            lines.append(f"| `max_pool{rank}d`, `avg_pool{rank}d` | `{layout(rank)}` | | `{out_layout(rank, 'C')}` |")
            continue
        weight = (f"(C_out, C_in / groups, {_kernel_dims(rank)})" if family == "conv"
                  else f"(C_in, C_out / groups, {_kernel_dims(rank)})")
        name = f"conv{rank}d" if family == "conv" else f"conv_transpose{rank}d"
        lines.append(f"| `{name}` | `{out_layout(rank, 'C_in').replace('_out', '')}` | `{weight}` | `{out_layout(rank)}` |")
    return "\n".join(lines)


def rules_sections(family, lang, module, heading) -> list[str]:
    """The family's validity rules at every rank, from ``module`` (its spec file), each rank's
    table headed by ``heading(rank)``, the operators it holds for."""
    lines = [f"## {word(lang, 'rules')}", "", word(lang, "rules_intro", module=module), ""]
    for rank, rules in RULES_BY_FAMILY[family].items():
        lines += [f"### {heading(rank)}", "", rules_table(rules, family, lang, rank), ""]
    return lines


def _rules_sections(family, lang) -> list[str]:
    heading = {"conv": lambda r: f"conv{r}d", "conv_transpose": lambda r: f"conv_transpose{r}d",
               "pool": lambda r: f"max_pool{r}d, avg_pool{r}d"}[family]
    return rules_sections(family, lang, MODULES[family], heading)


def _head(family, lang) -> list[str]:
    title = TITLES[family][lang == "zh"]
    return [f"# {title}", "", INTRO[family][lang], "", f"## {word(lang, 'layouts')}", "",
            _layouts_table(family, lang), "", f"## {word(lang, 'output_size')}", "",
            word(lang, "per_dim", extra=word(lang, "a_extra") if family == "conv_transpose" else ""), ""]


def convolution_page(lang="en") -> str:
    zh = lang == "zh"
    e = example("note-004-conv1d")
    arrays = e.arrays()
    call = ConvCall.of(**arrays, **e.params, rank=1)
    output = reference.conv1d(**arrays, **e.params)
    (kernel,), (size,), (out,) = call.kernel, call.input_size, call.output_size
    link = f"../examples/{e.slug}.md"
    lines = _head("conv", lang) + [
        mathml(conv_output_size(n, k, s, p, d), sub("n", "out")), "",
        f"## {word(lang, 'worked')}", "",
        (f"笔记 004 的 conv1d:`x.view(1, 1, 16)` 是 0..15 这 16 个数,卷积核 [0.1, 0.2, 0.3] 宽 3,"
         f"填充 0:输出宽度是原始宽度减去卷积核宽度再加 1。完整的示例见[这一页]({link})。" if zh else
         f"Note 004's conv1d: `x.view(1, 1, 16)` holds the 16 numbers 0..15, the kernel [0.1, 0.2, 0.3] is "
         f"3 wide, no padding: the output is as wide as the input, less the kernel, plus one. The whole "
         f"example is on [its own page]({link})."), "",
        instantiated(conv_output_size(n, k, s, p, d), {n: size, k: kernel, s: 1, p: 0, d: 1}, out, sub("L", "out")),
        "", "```", "y = " + np.array2string(np.round(output.astype(np.float64), 4), separator=", "), "```", "",
        f"## {word(lang, 'figure')}", "",
        figures.first_window_figure(call, arrays["input"], call.paddings, output, e.title_zh if zh else e.title,
                                    window_words(lang)), "",
        ("一维的窗口是二维窗口的一行,三维的窗口是一叠二维窗口:滑动方式相同,每个维度各用自己的 k、s、p、d。" if zh else
         "A 1-D window is one row of a 2-D window, a 3-D window a stack of 2-D ones: the walk is the same, with "
         "each dimension's own k, s, p and d."), ""]
    return "\n".join(lines + _rules_sections("conv", lang))


@functools.lru_cache(maxsize=1)
def _transposed_checked() -> tuple[list[tuple[bool, bool]], bool, bool]:
    """(holds symbolically, holds on the grid) per relationship, and the inversion's, once for both languages."""
    checked = [(transposed_holds_symbolically(rel), transposed_holds_on_grid(rel)) for rel in TRANSPOSED_RELATIONSHIPS]
    return checked, inverts_symbolically(), inverts_on_grid()


def _arithmetic(lang) -> list[str]:
    zh = lang == "zh"
    checked, inverts_sym, inverts_grid = _transposed_checked()
    if not (inverts_sym and inverts_grid):
        raise ValueError("conv_transpose does not give back the input size of the convolution it transposes")
    forward = conv_output_size(n, k, s, p, d)
    lines = [f"## {'转置卷积的卷积算术' if zh else 'Convolution arithmetic of the transposed convolution'}", "",
             ("Dumoulin 和 Visin《A guide to convolution arithmetic for deep learning》(2016)的关系式 8 到 14,换成 "
              "torch 的记号:n 是转置卷积的输入尺寸(他们的 i'),a 是 output_padding;i 是被转置的卷积的输入尺寸。"
              "转置卷积的输出尺寸就是同样 (k, s, p) 的卷积的输入尺寸,而 output_padding 补上卷积公式的向下取整丢掉的部分:"
              if zh else
              "Relationships 8 to 14 of Dumoulin and Visin, *A guide to convolution arithmetic for deep learning* "
              "(2016), in torch's terms: n is the transposed convolution's input size (their i'), a its "
              "output_padding, i the input size of the convolution it transposes. The output size of "
              "conv_transpose with (k, s, p) is the input size of the convolution with the same (k, s, p), with "
              "output_padding covering what the forward rule's floor drops:"), "",
             mathml(dropped_by_floor(sp_i, k, s, p, d), "<mi>a</mi>"), "",
             mathml(conv_transpose_output_size(forward.subs(n, sp_i), k, s, p, d, a), "<mi>i</mi>"), "",
             ("两式都由 sympy 化简验证(Mod 按整数的定义 x - y⌊x / y⌋ 展开),并在一个尺寸网格的每个点上验证;"
              "`tests/test_examples.py` 还用 torch 检查了 conv1d 的梯度和 conv_transpose1d 给出同样的尺寸。" if zh else
              "Both are checked by sympy (Mod written out as its definition for integers, x - y⌊x / y⌋) and on "
              "every point of a grid of sizes; `tests/test_examples.py` also checks with torch that conv1d's "
              "gradient and conv_transpose1d give the same size."), ""]
    return lines + relationships_table(TRANSPOSED_RELATIONSHIPS, checked, lang) + [""]


def conv_transpose_page(lang="en") -> str:
    zh = lang == "zh"
    words = {"input": "输入 x" if zh else "input x", "kernel": "卷积核 K" if zh else "kernel K",
             "output": "输出" if zh else "output", "copy": "x[{i}, {j}] = {v}:{v} × K" if zh else "x[{i}, {j}] = {v}: {v} × K"}
    x = np.array(SCATTER_INPUT)
    kernel = len(NOTE_000_KERNEL)
    size = conv_transpose_output_size(x.shape[0], kernel, SCATTER_STRIDE)
    lines = _head("conv_transpose", lang) + [
        mathml(conv_transpose_output_size(n, k, s, p, d, a), sub("n", "out")), "",
        f"## {'散布' if zh else 'The scatter'}", "",
        (f"一个 2×2 的输入经过笔记 000 的 3×3 卷积核,步幅 {SCATTER_STRIDE}:每个输入元素单独给出它的一份卷积核(蓝色),"
         f"各份相加就是 `reference.conv_transpose2d` 的输出,{size}×{size}。图在构建时由参考实现算出,并检查各份之和等于输出。"
         if zh else
         f"A 2x2 input through note 000's 3x3 kernel at stride {SCATTER_STRIDE}: each input element alone gives "
         f"its copy of the kernel (blue), and the copies add up to `reference.conv_transpose2d`'s output, "
         f"{size}x{size}. The figure is computed by the reference at build time, which checks that the copies "
         "sum to the output."), "",
        instantiated(conv_transpose_output_size(n, k, s, p, d, a),
                     {n: x.shape[0], k: kernel, s: SCATTER_STRIDE, p: 0, d: 1, a: 0}, size, sub("H", "out")), "",
        figures.scatter_figure(x, NOTE_000_KERNEL, SCATTER_STRIDE, words), "",
        *_arithmetic(lang)]
    return "\n".join(lines + _rules_sections("conv_transpose", lang))


def pooling_page(lang="en") -> str:
    zh = lang == "zh"
    row = np.array([[POOL_ROW]], dtype=np.float32)
    call = PoolCall.max(row, **POOL_PARAMS, rank=1)
    output = reference.max_pool1d(row, **POOL_PARAMS)
    (size,), (out,) = call.input_size, call.output_size
    values = {n: size, k: POOL_PARAMS["kernel_size"], s: POOL_PARAMS["stride"], p: POOL_PARAMS["padding"], d: 1}
    title = "max_pool1d, ceil_mode=True"
    lines = _head("pool", lang) + [
        f"### {word(lang, 'floor')}", "", mathml(pool_output_size(n, k, s, p, d, False), sub("n", "out")), "",
        f"### {word(lang, 'ceil')}", "",
        mathml(pool_output_size(n, k, s, p, d, True), sub("n", "out"), **piecewise_words(lang)), "",
        f"## {word(lang, 'worked')}", "",
        (f"笔记 000 的 5×5 输入的第一行 {POOL_ROW},`F.max_pool1d(x, {POOL_PARAMS['kernel_size']}, "
         f"stride={POOL_PARAMS['stride']}, padding={POOL_PARAMS['padding']}, ceil_mode=True)`:向上取整得到 4 个窗口,"
         "但第 4 个会从右侧填充中开始,所以被丢弃。" if zh else
         f"The first row {POOL_ROW} of note 000's 5x5 input, `F.max_pool1d(x, {POOL_PARAMS['kernel_size']}, "
         f"stride={POOL_PARAMS['stride']}, padding={POOL_PARAMS['padding']}, ceil_mode=True)`: rounding up gives 4 "
         "windows, but the fourth would start in the right padding, so it is dropped."), "",
        instantiated(pool_output_size(n, k, s, p, d, True), values, out, sub("L", "out")), "",
        "```", "y = " + np.array2string(output, separator=", "), "```", "",
        f"## {word(lang, 'figure')}", "",
        figures.first_window_figure(call, row, tuple((q, q) for q in call.paddings), output, title,
                                    window_words(lang)), "",
        figures.ceil_mode_figure({"window": t(lang, "window"), "dropped": t(lang, "dropped")}), "",
        ("最大池化的填充画成 0,但从不被读取:第一个窗口是 max(填充, 1) = 1。二维的示例见笔记 001 和 003 的计算示例。" if zh else
         "The padding is drawn as 0, but max pooling never reads it: the first window is max(padding, 1) = 1. "
         "The 2-D examples are the worked examples of notes 001 and 003."), ""]
    return "\n".join(lines + _rules_sections("pool", lang))


PAGES = {PATHS["conv"]: convolution_page, PATHS["conv_transpose"]: conv_transpose_page,
         PATHS["pool"]: pooling_page}


def nav_entries(lang, prefix) -> list[dict]:
    return [{TITLES[family][lang == "zh"]: prefix + path} for family, path in PATHS.items()]
