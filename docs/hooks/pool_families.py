"""One page per pool family beyond max and average pooling: adaptive pooling, LP pooling,
max-unpooling and fractional max pooling, laid out as families.py lays out its pages (and sharing
its words, output layout and rules tables). The formulas are the spec's expressions
(``adaptive_window``, ``scaled_power_sum``, ``conv_transpose_output_size``, ``fractional_start``)
printed with symbols; the worked examples and figures are the reference's results, computed at
build time. Where a page evaluates a formula by hand, the build checks it against the reference and
stops on a mismatch."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

import reference
from spec.fractional_pool import fractional_start, fractional_starts
from spec.lp_pool import scaled_power_sum
from spec.shapes import adaptive_window, conv_transpose_output_size, k, n, p, pool_output_size, s

import figures
from families import out_layout, rules_sections, word
from maths import instantiated, mathml, sub
from specs import layout
from text import piecewise_words, t

i, m = sp.symbols("i m", integer=True)
u, r = sp.symbols("u r", nonnegative=True)  # fractional pooling's sample and output ratio
alpha = sp.Symbol("α", positive=True)
K, D, S = sp.symbols("K D S", positive=True)  # LP: the kernel's size, the taps inside, the sum of x^p
norm = sp.Symbol("p", positive=True)

PATHS = {"adaptive": "families/adaptive-pooling.md", "lp_pool": "families/lp-pooling.md",
         "unpool": "families/max-unpool.md", "fractional": "families/fractional-max-pooling.md"}
MODULES = {"adaptive": "spec/adaptive_pool.py", "lp_pool": "spec/lp_pool.py", "unpool": "spec/unpool.py",
           "fractional": "spec/fractional_pool.py"}
RANKS = {"adaptive": (1, 2, 3), "lp_pool": (1, 2, 3), "unpool": (1, 2, 3), "fractional": (2, 3)}
OPERATORS = {"adaptive": lambda rank: f"adaptive_avg_pool{rank}d, adaptive_max_pool{rank}d",
             "lp_pool": lambda rank: f"lp_pool{rank}d", "unpool": lambda rank: f"max_unpool{rank}d",
             "fractional": lambda rank: f"fractional_max_pool{rank}d"}

TITLES = {"adaptive": ("Adaptive pooling in 1, 2 and 3 dimensions", "一维、二维和三维自适应池化"),
          "lp_pool": ("LP pooling in 1, 2 and 3 dimensions", "一维、二维和三维 LP 池化"),
          "unpool": ("Max-unpooling in 1, 2 and 3 dimensions", "一维、二维和三维最大反池化"),
          "fractional": ("Fractional max pooling in 2 and 3 dimensions", "二维和三维分数最大池化")}

INTRO = {
    "adaptive": {
        "en": "adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d/3d take the output size, not a kernel: "
              "along a dimension of n input elements pooled to m outputs, window i starts at floor(i n / m) and "
              "ends at ceil((i + 1) n / m). Where m divides n the windows tile the input; where it does not they "
              "differ in size and neighbours overlap, and with m > n elements repeat. Each average is divided by "
              "its own window's size.",
        "zh": "adaptive_avg_pool1d/2d/3d 和 adaptive_max_pool1d/2d/3d 接受的是输出尺寸,而不是池化核:一个维度有 n 个输入"
              "元素、池化为 m 个输出时,窗口 i 从 floor(i n / m) 开始,到 ceil((i + 1) n / m) 结束。m 整除 n 时窗口恰好铺满"
              "输入;不整除时窗口大小不一,相邻窗口重叠;m > n 时元素会重复。每个平均值都除以它自己窗口的大小。"},
    "lp_pool": {
        "en": "lp_pool1d/2d/3d is a power average: torch computes it from average pooling, as the p-th root of "
              "avg_pool(x^p) times the kernel's size K, with no padding. For a full window that is the p-norm "
              "of the window; a ceil-mode window that runs past the input holds only D < K taps, and its sum is "
              "scaled up by K / D. Negative inputs stay signed: an odd p can give a negative sum, whose root is NaN.",
        "zh": "lp_pool1d/2d/3d 是幂平均池化:torch 用平均池化来计算它,即 avg_pool(x^p) 乘以池化核大小 K 再开 p 次方,"
              "没有填充。完整的窗口得到的就是窗口的 p 范数;ceil 模式下越过输入边界的窗口只有 D < K 个位置,它的幂和被放大 "
              "K / D 倍。负输入保留符号:p 为奇数时幂和可能为负,其根为 NaN。"},
    "unpool": {
        "en": "max_unpool1d/2d/3d undoes max pooling as far as it can: each input element is written, in a plane "
              "of zeros, at the flat position its index names in its own (sample, channel) plane, the index "
              "max pooling returned. Everything else stays 0. The default output size is the size max pooling "
              "with the same kernel, stride and padding came from, less what its floor dropped; output_size "
              "gives it back.",
        "zh": "max_unpool1d/2d/3d 尽可能地还原最大池化:在一个全零的平面上,每个输入元素被写到它的索引(最大池化返回的索引)"
              "在它自己的(样本, 通道)平面中指定的扁平位置,其余位置保持 0。默认输出尺寸就是同样池化核、步幅和填充的最大池化"
              "的输入尺寸,只是少了向下取整丢掉的部分;output_size 可以把它补回来。"},
    "fractional": {
        "en": "fractional_max_pool2d/3d (Graham, 2014) takes maxima over windows of the kernel's size whose starts "
              "advance by a fractional step α = (n - k) / (m - 1), so that the output can be any size between 1 "
              "and n - k + 1. One random sample u in [0, 1) per (sample, channel, dimension) shifts the sequence; "
              "with `_random_samples` given the call is deterministic, and that is what the reference computes.",
        "zh": "fractional_max_pool2d/3d(Graham,2014)在池化核大小的窗口上取最大值,窗口起点按分数步幅 α = (n - k) / (m - 1) "
              "前进,所以输出可以是 1 到 n - k + 1 之间的任意尺寸。每个(样本, 通道, 维度)有一个 [0, 1) 中的随机样本 u 平移这个"
              "序列;给出 `_random_samples` 时调用是确定的,参考实现计算的就是这种情况。"},
}

WORDS = {
    "en": {"input_label": "input ({h}x{w})", "past_end": "input ({h}x{w}; grey: past its end)",
           "surprises": "The surprises torch shows on the way are pinned on [the surprises page](../spec/behaviours.md).",
           "windows": "Windows", "window_value": "Window values"},
    "zh": {"input_label": "输入({h}×{w})", "past_end": "输入({h}×{w};灰色:越过末尾的部分)",
           "surprises": "途中遇到的 torch 的意外行为记录在[意外行为页面](../spec/behaviours.md)。",
           "windows": "窗口", "window_value": "窗口的值"},
}


def _x(lang, key) -> str:
    return WORDS[lang][key]


def _figure_words(lang, key="input_label") -> dict:
    return {"padded_input": _x(lang, key), "corner": t(lang, "corner"), "output": t(lang, "output_label")}


def _array(name, value) -> list[str]:
    return ["```", f"{name} = " + np.array2string(np.asarray(value), separator=", "), "```", ""]


def _checked(shown, computed, what):
    """A value the page shows against the reference's; a mismatch stops the build."""
    if not (shown == computed or (isinstance(computed, float) and math.isclose(shown, computed, rel_tol=1e-12))):
        raise ValueError(f"{what}: the page shows {shown}, the reference computes {computed}")


def _head(family, lang) -> list[str]:
    zh = lang == "zh"
    inputs = ("input, indices" if family == "unpool" else "input") if not zh else (
        "input、indices" if family == "unpool" else "input")
    lines = [f"# {TITLES[family][zh]}", "", INTRO[family][lang], "", f"## {word(lang, 'layouts')}", "",
             f"| {word(lang, 'operator')} | {inputs} | {word(lang, 'output')} |", "| --- | --- | --- |"]
    for rank in RANKS[family]:
        lines.append(f"| `{OPERATORS[family](rank)}` | `{layout(rank)}` | `{out_layout(rank, 'C')}` |")
    return lines + ["", _x(lang, "surprises"), ""]


def _rules(family, lang) -> list[str]:
    return rules_sections(family, lang, MODULES[family], OPERATORS[family])


# -- adaptive ---------------------------------------------------------------------------------

ADAPTIVE_ROW = [1.0, 5.0, 5.0, 0.0, 2.0, 2.0, 7.0]
ADAPTIVE_OUT = 3
ADAPTIVE_PLANE, ADAPTIVE_PLANE_OUT, ADAPTIVE_SHOWN = 5, 3, (1, 1)


def adaptive_page(lang="en") -> str:
    zh = lang == "zh"
    start, end = adaptive_window(i, n, m)
    row = np.array([[ADAPTIVE_ROW]])
    size = row.shape[-1]
    windows = [adaptive_window(j, size, ADAPTIVE_OUT) for j in range(ADAPTIVE_OUT)]
    averages = reference.adaptive_avg_pool1d(row, ADAPTIVE_OUT)
    maxima, indices = reference.adaptive_max_pool1d(row, ADAPTIVE_OUT, return_indices=True)
    for j, (a, b) in enumerate(windows):
        _checked(float(np.mean(row[0, 0, a:b])), float(averages[0, 0, j]), f"adaptive window {j}'s mean")
    spans = ", ".join(f"[{a}, {b})" for a, b in windows)
    plane = np.arange(float(ADAPTIVE_PLANE ** 2)).reshape(ADAPTIVE_PLANE, ADAPTIVE_PLANE)
    pooled = reference.adaptive_avg_pool2d(plane[None], ADAPTIVE_PLANE_OUT)[0]
    taps = tuple(np.arange(*adaptive_window(j, ADAPTIVE_PLANE, ADAPTIVE_PLANE_OUT)) for j in ADAPTIVE_SHOWN)
    lines = _head("adaptive", lang) + [
        f"## {'窗口' if zh else 'The windows'}", "",
        ("每个空间维度各自计算(n 输入尺寸,m 输出尺寸,i 输出下标),公式是 `spec/shapes.py` 中 `adaptive_window` 的 sympy 表达式;"
         "output_size 可以是 int、元组,或含 None 的元组(保留该维度的尺寸):" if zh else
         "One spatial dimension at a time (n input size, m output size, i the output index); the formulas are the "
         "sympy expressions of `spec/shapes.py`'s `adaptive_window`. output_size is an int, a tuple, or a tuple "
         "with None entries (keep that dimension's size):"), "",
        mathml(start, sub("start", "i")), "", "窗口 i 在 end_i 之前结束:" if zh else "and window i ends before", "",
        mathml(end, sub("end", "i")), "",
        f"## {word(lang, 'worked')}", "",
        (f"一行 {size} 个元素 {ADAPTIVE_ROW} 池化为 {ADAPTIVE_OUT} 个输出:3 不整除 7,所以窗口是 {spans},大小不一且相邻重叠。"
         "窗口 1:" if zh else
         f"A row of {size} elements, {ADAPTIVE_ROW}, pooled to {ADAPTIVE_OUT} outputs: 3 does not divide 7, so the "
         f"windows are {spans}, unequal and overlapping. Window 1:"), "",
        instantiated(start, {i: 1, n: size, m: ADAPTIVE_OUT}, windows[1][0], sub("start", "1")), "",
        instantiated(end, {i: 1, n: size, m: ADAPTIVE_OUT}, windows[1][1], sub("end", "1")), "",
        ("参考实现的平均值(每个除以自己窗口的大小)、最大值和索引(相等的最大值取第一个;重叠的窗口可以共享元素):"
         if zh else "The reference's averages (each divided by its own window's size), maxima and indices (of "
         "equal maxima the first; overlapping windows may share elements):"), "",
        *_array("avg", np.round(averages, 4)), *_array("max", maxima), *_array("indices", indices),
        f"## {word(lang, 'figure')}", "",
        figures.window_figure(plane, ((0, 0), (0, 0)), taps, pooled, ADAPTIVE_SHOWN,
                              f"adaptive_avg_pool2d {ADAPTIVE_PLANE}x{ADAPTIVE_PLANE} -> "
                              f"{ADAPTIVE_PLANE_OUT}x{ADAPTIVE_PLANE_OUT}", _figure_words(lang)), "",
        (f"{ADAPTIVE_PLANE}×{ADAPTIVE_PLANE} 的输入池化为 {ADAPTIVE_PLANE_OUT}×{ADAPTIVE_PLANE_OUT}:中间的输出元素读取"
         "中间的 3×3 窗口,而角上的窗口只有 2×2;每个维度的窗口都由上面的公式给出。" if zh else
         f"A {ADAPTIVE_PLANE}x{ADAPTIVE_PLANE} input pooled to {ADAPTIVE_PLANE_OUT}x{ADAPTIVE_PLANE_OUT}: the "
         "middle output element reads the middle 3x3 window, a corner one only 2x2; along each dimension the "
         "windows are the formulas' above."), ""]
    return "\n".join(lines + _rules("adaptive", lang))


# -- LP pooling -------------------------------------------------------------------------------

LP_ROW = [3.0, 4.0, -2.0, 1.0, 2.0]
LP_KERNEL = 2
LP_NORMS = (1, 2, 3, math.inf)


def lp_page(lang="en") -> str:
    zh = lang == "zh"
    row = np.array([[LP_ROW]])
    results = {q: reference.lp_pool1d(row, q, LP_KERNEL, ceil_mode=True)[0, 0] for q in LP_NORMS}
    last = len(results[2]) - 1
    inside = LP_ROW[last * LP_KERNEL:]  # the last window's taps inside the input
    power_sum = sum(v ** 2 for v in inside)
    by_hand = scaled_power_sum(power_sum, LP_KERNEL, len(inside)) ** 0.5
    _checked(by_hand, float(results[2][last]), "the last LP window")
    formula = scaled_power_sum(S, K, D) ** (1 / norm)
    table = ["| p | " + ("输出" if zh else "output") + " |", "| --- | --- |"]
    table += [f"| {q} | {', '.join(figures.number(v) if not np.isnan(v) else 'NaN' for v in results[q])} |"
              for q in LP_NORMS]
    lines = _head("lp_pool", lang) + [
        f"## {word(lang, 'output_size')}", "",
        ("每个空间维度的输出尺寸就是无填充、无空洞的池化的输出尺寸(`spec/shapes.py` 的 `pool_output_size`):" if zh else
         "Each spatial dimension's output size is pooling's with no padding and no dilation (`spec/shapes.py`'s "
         "`pool_output_size`):"), "",
        f"### {word(lang, 'floor')}", "", mathml(pool_output_size(n, k, s, 0, 1, False), sub("n", "out")), "",
        f"### {word(lang, 'ceil')}", "",
        mathml(pool_output_size(n, k, s, 0, 1, True), sub("n", "out"), **piecewise_words(lang)), "",
        f"## {_x(lang, 'window_value')}", "",
        ("S 是窗口内 D 个落在输入上的位置的 x^p 之和,K 是池化核的大小(各维度之积),公式是 `spec/lp_pool.py` 的 "
         "`scaled_power_sum`:" if zh else
         "S is the sum of x^p over the D taps of the window inside the input, K the kernel's size (the product "
         "over the dimensions); the formula is `spec/lp_pool.py`'s `scaled_power_sum`:"), "",
        mathml(formula, "<mi>out</mi>"), "",
        ("p = inf 时即对 |x| 做最大池化;幂和为负(p 为奇数)时结果为 NaN。" if zh else
         "p = inf is max pooling of |x|; a negative sum (odd p) gives NaN."), "",
        f"## {word(lang, 'worked')}", "",
        (f"一行 {LP_ROW},`F.lp_pool1d(x, p, {LP_KERNEL}, ceil_mode=True)`:ceil 模式给出 {last + 1} 个窗口,最后一个"
         f"只有 D = {len(inside)} 个位置落在输入上。参考实现对几个 p 的计算结果:" if zh else
         f"A row {LP_ROW}, `F.lp_pool1d(x, p, {LP_KERNEL}, ceil_mode=True)`: ceil mode gives {last + 1} windows, the "
         f"last with only D = {len(inside)} tap inside the input. The reference computes, for a few p:"), "",
        *table, "",
        ("p = 2 时的最后一个窗口,代入数值(每个数字下方的小字母是它代替的符号):" if zh else
         "The last window for p = 2, with its numbers (the small letter under each number is the symbol it "
         "stands for):"), "",
        instantiated(formula, {S: figures.number(power_sum), K: LP_KERNEL, D: len(inside), norm: 2},
                     figures.number(by_hand), sub("out", str(last))), "",
        f"## {word(lang, 'figure')}", "",
        figures.window_figure(row[0], ((0, 0), (0, LP_KERNEL - len(inside))),
                              (np.zeros(1, int), np.arange(last * LP_KERNEL, (last + 1) * LP_KERNEL)),
                              results[2][None], (0, last), "lp_pool1d, ceil_mode=True", _figure_words(lang, "past_end")),
        "",
        ("最后一个窗口越过了输入的末尾:灰色的格子不被读取,窗口内唯一的元素的幂和乘以 K / D = 2。" if zh else
         "The last window runs past the input's end: the grey cell is never read, and the one element's power "
         "sum is multiplied by K / D = 2."), ""]
    return "\n".join(lines + _rules("lp_pool", lang))


# -- max-unpooling ----------------------------------------------------------------------------

UNPOOL_ROW = [3.0, 1.0, 4.0, 1.0, 5.0]
UNPOOL_KERNEL = 2
UNPOOL_OVERLAP = [1.0, 3.0, 2.0]  # stride 1 < kernel 2: both windows pick the 3
UNPOOL_PLANE, UNPOOL_SHOWN = 4, (0, 1)


def unpool_page(lang="en") -> str:
    zh = lang == "zh"
    row = np.array([[UNPOOL_ROW]])
    values, indices = reference.max_pool1d(row, UNPOOL_KERNEL, return_indices=True)
    pooled_size = values.shape[-1]
    default = conv_transpose_output_size(pooled_size, UNPOOL_KERNEL, UNPOOL_KERNEL, 0)
    unpooled = reference.max_unpool1d(values, indices, UNPOOL_KERNEL)
    recovered = reference.max_unpool1d(values, indices, UNPOOL_KERNEL, output_size=(len(UNPOOL_ROW),))
    _checked(default, unpooled.shape[-1], "max_unpool1d's default output size")
    overlap = np.array([[UNPOOL_OVERLAP]])
    o_values, o_indices = reference.max_pool1d(overlap, UNPOOL_KERNEL, stride=1, return_indices=True)
    o_unpooled = reference.max_unpool1d(o_values, o_indices, UNPOOL_KERNEL, stride=1)
    plane = np.arange(float(UNPOOL_PLANE ** 2)).reshape(1, UNPOOL_PLANE, UNPOOL_PLANE)
    p_values, p_indices = reference.max_pool2d(plane, 2, return_indices=True)
    p_unpooled = reference.max_unpool2d(p_values, p_indices, 2)[0]
    target = divmod(int(p_indices[(0,) + UNPOOL_SHOWN]), UNPOOL_PLANE)
    size_out = sp.Symbol("n_out", integer=True)
    default_formula = conv_transpose_output_size(n, k, s, p)
    lines = _head("unpool", lang) + [
        f"## {word(lang, 'output_size')}", "",
        ("每个空间维度的默认输出尺寸(n 输入尺寸,k 池化核,s 步幅,p 填充)是 `spec/shapes.py` 的 "
         "`conv_transpose_output_size`,即同样参数的最大池化的输入尺寸:" if zh else
         "Each spatial dimension's default output size (n input size, k kernel, s stride, p padding) is "
         "`spec/shapes.py`'s `conv_transpose_output_size`, the input size of max pooling with the same numbers:"),
        "", mathml(default_formula, sub("n", "out")), "",
        ("给出的 output_size(最后几项;前面的 N、C 被忽略)必须严格位于默认值减步幅和加步幅之间:" if zh else
         "A given output_size (its last entries; a leading N, C are ignored) must lie strictly within a stride of "
         "the default:"), "",
        mathml(sp.StrictLessThan(default_formula - s, size_out)), "",
        mathml(sp.StrictLessThan(size_out, default_formula + s)), "",
        f"## {word(lang, 'worked')}", "",
        (f"一行 {UNPOOL_ROW} 经过 `F.max_pool1d(x, {UNPOOL_KERNEL}, return_indices=True)`:最大值 "
         f"{values[0, 0].tolist()},索引 {indices[0, 0].tolist()},最后一个元素被向下取整丢掉。反池化的默认尺寸:" if zh else
         f"A row {UNPOOL_ROW} through `F.max_pool1d(x, {UNPOOL_KERNEL}, return_indices=True)`: maxima "
         f"{values[0, 0].tolist()}, indices {indices[0, 0].tolist()}; the floor drops the last element. Unpooling's "
         "default size:"), "",
        instantiated(default_formula, {n: pooled_size, k: UNPOOL_KERNEL, s: UNPOOL_KERNEL, p: 0}, default,
                     sub("L", "out")), "",
        *_array("max_unpool1d(values, indices, 2)", unpooled),
        *_array(f"max_unpool1d(values, indices, 2, output_size=({len(UNPOOL_ROW)},))", recovered),
        (f"重叠的窗口(步幅 1)可以两次选中同一个元素:{UNPOOL_OVERLAP} 的索引是 {o_indices[0, 0].tolist()},"
         "两个输入元素写到同一个位置;torch 从多个线程写入,留下哪一个不确定,参考实现保留最后一个:" if zh else
         f"Overlapping windows (stride 1) can pick the same element twice: {UNPOOL_OVERLAP} gives the indices "
         f"{o_indices[0, 0].tolist()}, so two input elements go to one position; torch writes them from several "
         "threads and either may stay, the reference keeps the last:"), "",
        *_array("max_unpool1d(values, indices, 2, stride=1)", o_unpooled),
        f"## {word(lang, 'figure')}", "",
        figures.window_figure(p_values[0], ((0, 0), (0, 0)), tuple(np.array([c]) for c in UNPOOL_SHOWN), p_unpooled,
                              target, "max_unpool2d", _figure_words(lang)), "",
        (f"{UNPOOL_PLANE}×{UNPOOL_PLANE} 的 0..15 经过 2×2 最大池化,再反池化:蓝色的输入元素的索引是 "
         f"{int(p_indices[(0,) + UNPOOL_SHOWN])},即输出平面中的第 {target[0]} 行、第 {target[1]} 列(h * W_out + w)。"
         if zh else
         f"0..15 as {UNPOOL_PLANE}x{UNPOOL_PLANE} through 2x2 max pooling, then unpooled: the blue input element's "
         f"index is {int(p_indices[(0,) + UNPOOL_SHOWN])}, row {target[0]} and column {target[1]} of the output "
         "plane (h * W_out + w)."), ""]
    return "\n".join(lines + _rules("unpool", lang))


# -- fractional max pooling -------------------------------------------------------------------

FRACTIONAL_SHAPE, FRACTIONAL_KERNEL, FRACTIONAL_OUT = (5, 6), 2, (2, 3)
FRACTIONAL_SAMPLES = (0.25, 0.75)  # (columns, rows): torch's order
FRACTIONAL_SHOWN = (1, 2)


def fractional_page(lang="en") -> str:
    zh = lang == "zh"
    x = np.arange(float(math.prod(FRACTIONAL_SHAPE))).reshape((1, 1) + FRACTIONAL_SHAPE)
    samples = np.array([[FRACTIONAL_SAMPLES]])
    output = reference.fractional_max_pool2d(x, FRACTIONAL_KERNEL, output_size=FRACTIONAL_OUT, _random_samples=samples)
    (height, width), (rows_out, cols_out) = FRACTIONAL_SHAPE, FRACTIONAL_OUT
    u_cols, u_rows = FRACTIONAL_SAMPLES
    row_starts = fractional_starts(u_rows, height, rows_out, FRACTIONAL_KERNEL)
    col_starts = fractional_starts(u_cols, width, cols_out, FRACTIONAL_KERNEL)
    by_hand = fractional_start(1, sp.Rational(u_cols), width, cols_out, FRACTIONAL_KERNEL)
    _checked(by_hand, col_starts[1], "the second column window's start")
    start = fractional_start(i, u, n, m, k)
    with_alpha = start.subs((n - k) / (m - 1), alpha)
    if alpha not in with_alpha.free_symbols:
        raise ValueError(f"fractional_start's expression has no step (n - k) / (m - 1) to name: {start}")
    taps = (np.arange(row_starts[FRACTIONAL_SHOWN[0]], row_starts[FRACTIONAL_SHOWN[0]] + FRACTIONAL_KERNEL),
            np.arange(col_starts[FRACTIONAL_SHOWN[1]], col_starts[FRACTIONAL_SHOWN[1]] + FRACTIONAL_KERNEL))
    lines = _head("fractional", lang) + [
        f"## {'窗口序列' if zh else 'The window sequence'}", "",
        ("每个空间维度各自计算(n 输入尺寸,k 池化核,m 输出尺寸,u 该维度的样本);公式是 `spec/fractional_pool.py` 的 "
         "`fractional_start`,torch 在输入的 dtype 中计算它,向下取整即向零截断:" if zh else
         "One spatial dimension at a time (n input size, k kernel, m output size, u that dimension's sample); the "
         "formula is `spec/fractional_pool.py`'s `fractional_start`, which torch evaluates in the input's dtype, "
         "its floors truncations toward zero:"), "",
        mathml((n - k) / (m - 1), "<mi>α</mi>"), "",
        "对 i < m - 1:" if zh else "for i < m - 1:", "",
        mathml(with_alpha, sub("start", "i")), "",
        "最后一个窗口固定在输入的末尾:" if zh else "and the last window is pinned to the input's end:", "",
        mathml(n - k, sub("start", "m−1")), "",
        ("窗口 i 覆盖 [start_i, start_i + k)。对 [0, 1) 中的 u,起点从不减小,第一个是 0,最后一个窗口恰好结束在输入的末尾。"
         "输出尺寸是 output_size,或 output_ratio r 时:" if zh else
         "Window i covers [start_i, start_i + k). For u in [0, 1) the starts never decrease, the first is 0 and the "
         "last window ends at the input's end. The output size is output_size, or with output_ratio r:"), "",
        mathml(sp.floor(n * r), "<mi>m</mi>"), "",
        f"## {word(lang, 'worked')}", "",
        (f"{height}×{width} 的 0..{x.size - 1},池化核 {FRACTIONAL_KERNEL},output_size={FRACTIONAL_OUT},"
         f"`_random_samples=[[{list(FRACTIONAL_SAMPLES)}]]`:torch 把第一个样本用于列(u = {u_cols}),第二个用于行"
         f"(u = {u_rows})。第二个列窗口的起点:" if zh else
         f"0..{x.size - 1} as {height}x{width}, kernel {FRACTIONAL_KERNEL}, output_size={FRACTIONAL_OUT}, "
         f"`_random_samples=[[{list(FRACTIONAL_SAMPLES)}]]`: torch reads the first sample for the columns "
         f"(u = {u_cols}) and the second for the rows (u = {u_rows}). The second column window's start:"), "",
        instantiated(start, {i: 1, u: u_cols, n: width, m: cols_out, k: FRACTIONAL_KERNEL}, by_hand,
                     sub("start", "1")), "",
        (f"行的起点 {row_starts},列的起点 {col_starts};参考实现的输出:" if zh else
         f"Row starts {row_starts}, column starts {col_starts}; the reference's output:"), "",
        *_array("y", output[0, 0]),
        f"## {word(lang, 'figure')}", "",
        figures.window_figure(x[0, 0], ((0, 0), (0, 0)), taps, output[0, 0], FRACTIONAL_SHOWN,
                              "fractional_max_pool2d", _figure_words(lang)), "",
        (f"输出元素 {FRACTIONAL_SHOWN} 的窗口:行 [{taps[0][0]}, {taps[0][-1] + 1}),列 [{taps[1][0]}, {taps[1][-1] + 1})。"
         if zh else f"The window of output element {FRACTIONAL_SHOWN}: rows [{taps[0][0]}, {taps[0][-1] + 1}), "
         f"columns [{taps[1][0]}, {taps[1][-1] + 1})."), ""]
    return "\n".join(lines + _rules("fractional", lang))


PAGES = {PATHS["adaptive"]: adaptive_page, PATHS["lp_pool"]: lp_page, PATHS["unpool"]: unpool_page,
         PATHS["fractional"]: fractional_page}


def nav_entries(lang, prefix) -> list[dict]:
    return [{TITLES[family][lang == "zh"]: prefix + path} for family, path in PATHS.items()]
