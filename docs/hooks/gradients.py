"""The gradients page: the backward of each operator family (convolution, transposed convolution,
pooling: max, average, adaptive, LP, max-unpool, fractional) with its formula, and a small worked
example of each kind computed by the reference at build time. Every example is checked there
against the dot-product identity <vjp(g), v> = <g, jvp(v)> (reference._adjoint), and the
convolutions' input gradients against the transposed operator their formula names; a failing
check stops the build."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import reference
from reference._adjoint import dot_product_sides

PATH = "gradients.md"
TITLE = {"en": "Gradients (backward)", "zh": "反向传播与梯度"}


def _row(*values) -> np.ndarray:
    """One sample, one channel, the values along one spatial dimension."""
    return np.array(values, dtype=np.float64).reshape(1, 1, -1)


@dataclass(frozen=True)
class Example:
    op: str
    kwargs: dict  # the forward's arguments
    g: np.ndarray  # grad_output
    v: dict  # a direction per differentiable argument, for the identity
    en: str
    zh: str


CONV = Example(
    "conv1d", dict(input=_row(1, 2, 0, -1, 3, 1), weight=_row(1, 2, -1), bias=np.array([0.5]), stride=2, padding=1),
    _row(1, -1, 2), dict(input=_row(1, 0, -1, 2, 0, 1), weight=_row(1, -1, 0), bias=np.array([2.0])),
    "A length-6 row, a kernel of 3, stride 2 and padding 1: 3 outputs. The input gradient is "
    "conv_transpose1d of g with the same weight, stride and padding, and output_padding 1, the element "
    "the forward's floor dropped (checked here).",
    "长度为 6 的一行,卷积核大小 3,步幅 2,填充 1:3 个输出。输入的梯度就是 g 用同样的权重、步幅和填充做 "
    "conv_transpose1d,output_padding 为 1,即前向的向下取整丢掉的那个元素(此处已检查)。")

CONV_TRANSPOSE = Example(
    "conv_transpose1d", dict(input=_row(1, -2, 3), weight=_row(1, 0, 2), stride=2),
    _row(1, 0, -1, 2, 0, 1, 1), dict(input=_row(1, 1, -1), weight=_row(0, 1, -2)),
    "Three inputs scattered at stride 2 through a kernel of 3: 7 outputs. The input gradient is conv1d of g "
    "with the same weight and stride (checked here): the transposed convolution's adjoint is the convolution.",
    "三个输入以步幅 2 经过大小为 3 的卷积核散布:7 个输出。输入的梯度是 g 用同样的权重和步幅做 conv1d"
    "(此处已检查):转置卷积的伴随就是卷积。")

POOLS = [
    Example("max_pool1d", dict(input=_row(1, 6, 5, 0, 7, 3), kernel_size=3, stride=1), _row(1, 2, 3, 4),
            dict(input=_row(1, -1, 2, 0, 1, -2)),
            "Windows of 3 at stride 1 overlap: 6 is the maximum of the first two windows and gets 1 + 2, 7 that "
            "of the last two and gets 3 + 4. Of tied maxima the first in row-major order would take it, in a "
            "window holding NaN its last NaN.",
            "大小为 3、步幅为 1 的窗口互相重叠:6 是前两个窗口的最大值,得到 1 + 2;7 是后两个窗口的最大值,得到 3 + 4。"
            "最大值并列时按行优先顺序第一个得到梯度,窗口含 NaN 时最后一个 NaN 得到梯度。"),
    Example("avg_pool1d", dict(input=_row(1, 2, 3, 4, 5), kernel_size=3, stride=2, padding=1), _row(3, 6, 9),
            dict(input=_row(1, 0, 2, -1, 1)),
            "With count_include_pad the divisor is 3 for every window, padding included: the first window passes "
            "1 to each of its two elements and 1 to the padding, where it is lost.",
            "count_include_pad 时每个窗口的除数都是 3,填充也算在内:第一个窗口给它的两个元素各 1,另外 1 给了填充,"
            "就此丢失。"),
    Example("adaptive_avg_pool1d", dict(input=_row(1, 2, 3, 4, 5), output_size=3), _row(2, 3, 4),
            dict(input=_row(1, -1, 0, 2, 1)),
            "Output size 3 from 5: windows [0, 2), [1, 4), [3, 5) of sizes 2, 3, 2, which overlap; each spreads "
            "its gradient over its own size.",
            "从 5 到输出尺寸 3:窗口 [0, 2)、[1, 4)、[3, 5),大小为 2、3、2,互相重叠;每个窗口把梯度平均分给自己的元素。"),
    Example("adaptive_max_pool1d", dict(input=_row(1, 5, 2, 0, 3), output_size=2), _row(1, 2),
            dict(input=_row(2, 1, -1, 1, 0)),
            "Windows [0, 3) and [2, 5): each gradient goes to its window's maximum, 5 and 3.",
            "窗口 [0, 3) 和 [2, 5):每个梯度交给自己窗口的最大值,即 5 和 3。"),
    Example("fractional_max_pool2d",
            dict(input=np.array([[[[3.0, 12, 7, 0], [9, 1, 14, 5], [2, 10, 6, 15], [13, 4, 11, 8]]]]), kernel_size=2,
                 output_size=2, _random_samples=np.array([[[0.5, 0.5]]])),
            np.array([[[[1.0, 2], [3, 4]]]]), dict(input=np.array([[[[1.0, 0, -1, 2], [0, 1, 1, -2], [2, -1, 0, 1],
                                                                     [1, 1, -1, 0]]]])),
            "The samples fix the 2x2 windows (rows and columns [0, 2) and [2, 4) here); each gradient goes to its "
            "window's maximum, as in max pooling. The samples get no gradient.",
            "随机样本确定了 2×2 的窗口(这里行和列都是 [0, 2) 和 [2, 4));每个梯度交给自己窗口的最大值,和最大池化一样。"
            "样本本身没有梯度。"),
    Example("lp_pool1d", dict(input=_row(3, 4, 2), norm_type=2, kernel_size=2, ceil_mode=True), _row(1, 1),
            dict(input=_row(1, -1, 2)),
            "p = 2: the first window's gradient is x / 5 = (0.6, 0.8). In ceil mode the last window holds 2 alone "
            "(D = 1 of K = 2 taps), its sum of squares is scaled by K / D = 2, and so is its gradient: "
            "(2 / (2 sqrt 2)) * 2 = sqrt 2. Checked here by central differences (the identity is not exact "
            "for a power mean).",
            "p = 2:第一个窗口的梯度是 x / 5 = (0.6, 0.8)。ceil 模式下最后一个窗口只含 2(K = 2 个抽头中只有 D = 1 个),"
            "它的平方和乘以 K / D = 2,梯度也是:(2 / (2 sqrt 2)) * 2 = sqrt 2。这里用中心差分检查(幂平均下恒等式不是精确的)。"),
    Example("max_unpool1d", dict(input=_row(5, 7, 9), indices=np.array([[[1, 2, 5]]]), kernel_size=2),
            _row(10, 20, 30, 40, 50, 60), dict(input=_row(1, -1, 2)),
            "Each element's gradient is g where its index put it: positions 1, 2 and 5.",
            "每个元素的梯度就是 g 在它的索引所指位置上的值:位置 1、2 和 5。"),
]

TEXT = {
    "en": {
        "intro": "Every operator's backward, `reference.<op>_backward(grad_output, **the forward's arguments)`, "
                 "is its vector-Jacobian product: given g = ∂L/∂out it returns ∂L/∂input (and ∂L/∂weight, "
                 "∂L/∂bias for the convolutions), each element summed exactly and rounded once. "
                 "`tests/test_gradients.py` checks torch's autograd against it for every operator, within the "
                 "tolerance model of `spec/tolerance.py`. Below, one spatial dimension (the others are the same "
                 "sum over each dimension's index); n the sample, c, o channels, a a kernel tap, s stride, p "
                 "padding, d dilation. Each example is computed by the reference when the site is built and "
                 "checked there against the dot-product identity ⟨vjp(g), v⟩ = ⟨g, jvp(v)⟩ for the direction v "
                 "shown; the build stops if one fails.",
        "conv": "Convolution", "conv_transpose": "Transposed convolution", "pool": "Pooling",
        "conv_text": "The input gradient scatters g back through the kernel, which is the transposed convolution "
                     "of g; the weight gradient is the correlation of the input with g; the bias gradient sums g. "
                     "With groups, c runs over the group of o; with reflect, replicate or circular padding, the "
                     "gradient at a padded position adds to the element it copies.",
        "conv_transpose_text": "The transposed convolution is the adjoint of the convolution with the same "
                               "weight and parameters, so its input gradient is that convolution of g.",
        "pool_text": "Max-like pools route each output's gradient, whole, to the element the forward chose (its "
                     "index); averaging pools spread it equally over the window, by exactly the divisor the "
                     "forward used (count_include_pad, ceil-mode overhang, divisor_override; an adaptive "
                     "window's own size); LP pooling differentiates (K / D · Σ x^p)^(1/p); max unpooling "
                     "gathers g at the indices. Where several outputs send a gradient to one element, they add.",
        "call": "Call", "g": "grad_output g", "v": "direction v", "got": "The reference's gradients",
        "checked": "Checked at build time: ⟨vjp(g), v⟩ = {left}, ⟨g, jvp(v)⟩ = {right}.",
    },
    "zh": {
        "intro": "每个算子的反向传播 `reference.<op>_backward(grad_output, **前向的参数)` 就是它的向量-雅可比积:给定 "
                 "g = ∂L/∂out,返回 ∂L/∂input(卷积还有 ∂L/∂weight、∂L/∂bias),每个元素都精确求和、只舍入一次。"
                 "`tests/test_gradients.py` 对每个算子用它检查 torch 的 autograd,误差在 `spec/tolerance.py` 的容差模型之内。"
                 "下面只写一个空间维度(其他维度是对每个维度的下标同样求和);n 是样本,c、o 是通道,a 是卷积核的抽头,"
                 "s 步幅,p 填充,d 空洞。每个示例都在构建网站时由参考实现算出,并对所示的方向 v 检查点积恒等式 "
                 "⟨vjp(g), v⟩ = ⟨g, jvp(v)⟩;任何一个不成立,构建就会停止。",
        "conv": "卷积", "conv_transpose": "转置卷积", "pool": "池化",
        "conv_text": "输入的梯度是把 g 经过卷积核散布回去,也就是 g 的转置卷积;权重的梯度是输入与 g 的互相关;偏置的梯度是 g 的和。"
                     "有分组时 c 只取 o 所在的组;reflect、replicate 或 circular 填充时,填充位置上的梯度加到它所复制的元素上。",
        "conv_transpose_text": "转置卷积是同一权重、同样参数的卷积的伴随,所以它对输入的梯度就是 g 的那个卷积。",
        "pool_text": "最大类池化把每个输出的梯度整个交给前向选中的元素(它的索引);平均类池化把梯度平均分给窗口,除数正是前向用的"
                     "除数(count_include_pad、ceil 模式的越界部分、divisor_override;自适应窗口用它自己的大小);LP 池化对 "
                     "(K / D · Σ x^p)^(1/p) 求导;最大反池化在索引处收集 g。多个输出把梯度送到同一个元素时,它们相加。",
        "call": "调用", "g": "输出的梯度 g", "v": "方向 v", "got": "参考实现给出的梯度",
        "checked": "构建时已检查:⟨vjp(g), v⟩ = {left},⟨g, jvp(v)⟩ = {right}。",
    },
}

FORMULAS = {
    "conv": """out[n, o, i]   = b[o] + Σ_{c, a} w[o, c, a] · x[n, c, i·s − p + a·d]

∂L/∂x[n, c, j] = Σ_{o, a, i : i·s − p + a·d = j} g[n, o, i] · w[o, c, a]
               = conv_transpose1d(g, w, stride=s, padding=p, dilation=d, output_padding=r)[n, c, j]
∂L/∂w[o, c, a] = Σ_{n, i} g[n, o, i] · x[n, c, i·s − p + a·d]
∂L/∂b[o]       = Σ_{n, i} g[n, o, i]""",
    "conv_transpose": """out[n, o, j]   = b[o] + Σ_{c, a, i : i·s − p + a·d = j} x[n, c, i] · w[c, o, a]

∂L/∂x[n, c, i] = Σ_{o, a} w[c, o, a] · g[n, o, i·s − p + a·d]
               = conv1d(g, w, stride=s, padding=p, dilation=d)[n, c, i]
∂L/∂w[c, o, a] = Σ_{n, i} x[n, c, i] · g[n, o, i·s − p + a·d]
∂L/∂b[o]       = Σ_{n, j} g[n, o, j]""",
    "pool": """max_pool, adaptive_max_pool, fractional_max_pool:
  ∂L/∂x[n, c, j] = Σ_{i : index[n, c, i] = j} g[n, c, i]
avg_pool:
  ∂L/∂x[n, c, j] = Σ_{i : j ∈ window(i)} g[n, c, i] / D_i            D_i: the forward's divisor
adaptive_avg_pool:
  ∂L/∂x[n, c, j] = Σ_{i : s_i ≤ j < e_i} g[n, c, i] / (e_i − s_i)    s_i = ⌊i L / m⌋, e_i = ⌈(i + 1) L / m⌉
lp_pool (Z_w = K / D_w · Σ_{l ∈ w} x_l^p, out_w = Z_w^(1/p)):
  ∂L/∂x_j = Σ_{w ∋ j} g_w · Z_w^(1/p − 1) · (K / D_w) · x_j^(p − 1)    p = ±inf: max pooling of |x|, times sign(x)
max_unpool:
  ∂L/∂x[n, c, l] = g[n, c, indices[n, c, l]]""",
}


def _text(array) -> str:
    return np.array2string(np.asarray(array), separator=", ", precision=6, suppress_small=True)


def _check(example: Example):
    """The example's gradients; raises (stopping the build) if the identity or the formula fails."""
    left, right, allowed = dot_product_sides(example.op, example.kwargs, example.g, example.v)
    if not abs(left - right) <= allowed:
        raise ValueError(f"gradients page: {example.op}'s example fails the dot-product identity: "
                         f"{float(left)} != {float(right)}")
    grads = getattr(reference, f"{example.op}_backward")(example.g, **example.kwargs)
    kw = example.kwargs
    if example.op == "conv1d":
        transposed = reference.conv_transpose1d(example.g, kw["weight"], stride=kw["stride"], padding=kw["padding"],
                                                output_padding=1)
        if not np.array_equal(transposed, grads[0]):
            raise ValueError("gradients page: conv1d's input gradient is not conv_transpose1d of g")
    if example.op == "conv_transpose1d":
        if not np.array_equal(reference.conv1d(example.g, kw["weight"], stride=kw["stride"]), grads[0]):
            raise ValueError("gradients page: conv_transpose1d's input gradient is not conv1d of g")
    return grads, float(left), float(right)


def _call_text(example: Example) -> str:
    arguments = ", ".join(f"{name}={_text(value) if isinstance(value, np.ndarray) else repr(value)}"
                          for name, value in example.kwargs.items())
    return f"reference.{example.op}_backward(g, {arguments})"


def _example(example: Example, lang: str) -> list[str]:
    words = TEXT[lang]
    grads, left, right = _check(example)
    named = (dict(zip(("grad_input", "grad_weight", "grad_bias"), grads)) if example.op.startswith("conv")
             else {"grad_input": grads})
    lines = [f"### {example.op}", "", example.zh if lang == "zh" else example.en, "", "```python",
             _call_text(example), "```", "", "```", f"g = {_text(example.g)}"]
    lines += [f"v_{name} = {_text(value)}" for name, value in example.v.items()]
    lines += [f"{name} = {_text(value)}" for name, value in named.items() if value is not None]
    right_text = f"{right:.12g}" if example.op.startswith("lp_pool") else f"{right:g}"
    return lines + ["```", "", words["checked"].format(left=f"{left:.12g}", right=right_text), ""]


def page(lang: str = "en") -> str:
    words = TEXT[lang]
    lines = [f"# {TITLE[lang]}", "", words["intro"], ""]
    for family, examples in (("conv", [CONV]), ("conv_transpose", [CONV_TRANSPOSE]), ("pool", POOLS)):
        lines += [f"## {words[family]}", "", words[f"{family}_text"], "", "```text", FORMULAS[family], "```", ""]
        for example in examples:
            lines += _example(example, lang)
    return "\n".join(lines)


def nav_entry(lang: str, prefix: str) -> dict:
    return {TITLE[lang]: prefix + PATH}
