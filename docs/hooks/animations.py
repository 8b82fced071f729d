"""The animations page: the seven convolution cases note 000 shows (Dumoulin and Visin's names),
max pooling with ceil_mode and a transposed convolution, each frame computed here from the reference.

A frame is one output element: the taps of its window on the padded input
(``reference._window.window_taps``) and the value the reference computes there. The build checks
that every frame's value is what the window reads times the kernel, summed (or the window's
maximum), so the animation and ``reference.conv2d`` / ``reference.max_pool2d`` cannot disagree.
The transposed convolution's frame is one *input* element instead: the copy of the kernel it
scatters into the output, and the output so far, which is ``reference.conv_transpose2d`` of the
input with the elements after this one set to zero (the scatter is linear); the last frame's is
the whole output.
docs/assets/animations.js only draws the frames and steps through them (play/pause, step).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import numpy as np
import sympy as sp

import reference
from reference._window import at_taps, output_positions, pad, window_taps
from spec.shapes import conv_output_size, conv_transpose_output_size, d, k, n, p, pool_output_size, s

from figures import CELL, cell_width, number
from maths import fragment, instantiated, sub
from specs import Conv2dCall, Pool2dCall

# Dumoulin and Visin's kernel (their figure 1.1), and its 4x4 sibling for the k = 4 case.
KERNEL_3 = [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
KERNEL_4 = [[0, 1, 2, 1], [2, 2, 0, 1], [0, 1, 2, 0], [1, 0, 1, 2]]


@dataclass(frozen=True)
class Case:
    slug: str
    name: str  # Dumoulin and Visin's name, as note 000 labels the animation
    name_zh: str  # the note's own label, in simplified characters
    size: int
    kernel: int
    stride: int = 1
    padding: int = 0
    operator: str = "conv2d"


CASES = [
    Case("no-padding-no-strides", "No padding, no strides", "无填充,无步幅", 4, 3),
    Case("arbitrary-padding-no-strides", "Arbitrary padding, no strides", "任意填充,无步幅", 5, 4, padding=2),
    Case("half-padding-no-strides", "Half padding, no strides", "半填充,无步幅", 5, 3, padding=1),
    Case("full-padding-no-strides", "Full padding, no strides", "全填充,无步幅", 5, 3, padding=2),
    Case("no-padding-strides", "No padding, strides", "无填充,有步幅", 5, 3, stride=2),
    Case("padding-strides", "Padding, strides", "填充、步幅", 5, 3, stride=2, padding=1),
    Case("padding-strides-odd", "Padding, strides (odd)", "填充、步幅(奇数)", 6, 3, stride=2, padding=1),
    Case("max-pool-ceil-mode", "Max pooling, ceil_mode=True", "最大池化,ceil_mode=True", 5, 2, stride=2,
         padding=1, operator="max_pool2d"),
    # Dumoulin and Visin's figure 4.5 in reverse: a 2x2 input scattered through a 3x3 kernel at
    # stride 2, so that neighbouring copies overlap on one row and one column.
    Case("transposed-strides", "Transposed convolution, strides", "转置卷积,有步幅", 2, 3, stride=2,
         operator="conv_transpose2d"),
]

WORDS = {
    "en": {"title": "Animations",
           "intro": ("The convolutions note 000 shows as animations, named as in Dumoulin and Visin's *A guide "
                     "to convolution arithmetic for deep learning*, max pooling in ceil mode and a transposed "
                     "convolution. Every frame is computed by the reference: the window's taps on the padded "
                     "input, and the output element they give (for the transposed convolution: one input "
                     "element, the copy of the kernel it scatters, and the output so far). Press play, or step through the frames one output element at a time."),
           "legend": ("Blue: the input; grey: padding; dark blue: the window; cyan: the output, filled in as the "
                      "window moves; orange: the element of this frame."),
           "input": "padded input", "scatter_input": "input", "kernel": "kernel", "output": "output",
           "play": "play", "pause": "pause", "step": "step", "back": "back", "reset": "reset",
           "frame": "step {i} / {total}: output[{r}, {c}] = {value}",
           "frame_dropped": "window ({r}, {c}) would start in the right padding: ceil_mode drops it",
           "frame_scatter": ("step {i} / {total}: input[{r}, {c}] = {value} adds {value} times the kernel to the "
                             "output from row {row}, column {col} (r s, c s); overlapping copies add up"),
           "transposed_note": ("Each input element scatters a copy of the kernel, scaled by it, into the output, "
                               "the copies s = 2 apart; where two overlap (the middle row and column) they add. "
                               "It is the adjoint of the convolution with the same kernel and stride: see the "
                               "[transposed convolution](families/conv-transpose.md)."),
           "size": "Output size:", "relationship": "Relationship {number} of the [convolution arithmetic](spec/arithmetic.md).",
           "pool_note": ("Rounding up gives 4 windows per dimension, but the 4th would start at 6 = n + p, in the "
                         "right padding, so ceil mode keeps 3: the last frame shows the dropped window. Max "
                         "pooling never reads its padding (it counts as -inf), so the padding cells are empty.")},
    "zh": {"title": "卷积动画",
           "intro": ("笔记 000 以动画展示的卷积,名称沿用 Dumoulin 和 Visin《A guide to convolution arithmetic for "
                     "deep learning》,另加向上取整模式(ceil_mode)的最大池化和一个转置卷积。每一帧都由参考实现计算:"
                     "窗口在填充后输入上覆盖的位置,以及它得到的输出元素(转置卷积则是:一个输入元素、它散布出的一份"
                     "卷积核,以及到此为止的输出)。点击播放,或一次一步地逐个输出元素查看。"),
           "legend": "蓝色:输入;灰色:填充;深蓝色:窗口;青色:输出,随窗口移动逐个填入;橙色:本帧的输出元素。",
           "input": "填充后的输入", "scatter_input": "输入", "kernel": "卷积核", "output": "输出",
           "play": "播放", "pause": "暂停", "step": "下一步", "back": "上一步", "reset": "重置",
           "frame": "第 {i} / {total} 步:output[{r}, {c}] = {value}",
           "frame_dropped": "窗口 ({r}, {c}) 会从右侧填充中开始:ceil_mode 把它丢弃",
           "frame_scatter": "第 {i} / {total} 步:input[{r}, {c}] = {value} 把 {value} 倍的卷积核加到输出中从第 {row} 行、"
                            "第 {col} 列(r s,c s)开始的位置;重叠的部分相加",
           "transposed_note": ("每个输入元素把按它缩放的一份卷积核散布到输出里,相邻两份的起点相隔 s = 2;两份重叠的地方"
                               "(中间的行和列)相加。它是同一卷积核、同样步幅的卷积的伴随:见"
                               "[转置卷积](families/conv-transpose.md)。"),
           "size": "输出尺寸:", "relationship": "对应[卷积算术](spec/arithmetic.md)中的关系式 {number}。",
           "pool_note": ("向上取整后每个维度有 4 个窗口,但第 4 个会从 6 = n + p 开始,落在右侧填充里,所以 ceil "
                         "模式保留 3 个:最后一帧画出被丢弃的窗口。最大池化从不读取填充(相当于 -inf),所以填充格"
                         "是空的。")},
}

# Which relationship of spec/relations.py each convolution case is.
RELATIONSHIP = {"no-padding-no-strides": 1, "arbitrary-padding-no-strides": 2, "half-padding-no-strides": 3,
                "full-padding-no-strides": 4, "no-padding-strides": 5, "padding-strides": 6,
                "padding-strides-odd": 6}


def _input(case) -> np.ndarray:
    rng = np.random.default_rng(len(case.slug))
    return rng.integers(0, 4, (1, 1, case.size, case.size)).astype(np.int64)


def scatter_frames(case) -> dict:
    """The transposed convolution's frames: per input element (row-major), the output cells its
    copy of the kernel covers and the output so far, each from reference.conv_transpose2d."""
    x = _input(case)
    weight = np.array([[KERNEL_3]], dtype=np.int64)
    output = reference.conv_transpose2d(x, weight, stride=case.stride)[0, 0]
    steps, order = [], list(np.ndindex(case.size, case.size))
    for i, (r, c) in enumerate(order):
        so_far = x.copy()
        for later in order[i + 1:]:
            so_far[(0, 0, *later)] = 0
        partial = reference.conv_transpose2d(so_far, weight, stride=case.stride)[0, 0]
        steps.append({"r": r, "c": c, "value": int(x[0, 0, r, c]), "partial": partial.tolist(),
                      "taps": [list(range(r * case.stride, r * case.stride + case.kernel)),
                               list(range(c * case.stride, c * case.stride + case.kernel))]})
    if steps[-1]["partial"] != output.tolist():
        raise ValueError(f"animation {case.slug}: the scattered copies do not add up to the reference's output")
    texts = [number(v) for v in x.ravel()] + [number(v) for v in output.ravel()]
    plane = x[0, 0].tolist()
    return {"input": plane, "pad": [[False] * case.size for _ in plane], "beyond": case.size, "scatter": True,
            "kernel": KERNEL_3, "out_rows": int(output.shape[0]), "out_cols": int(output.shape[1]),
            "frames": steps, "cell": cell_width(texts), "height": CELL}


def frames(case) -> dict:
    """Everything the script draws for ``case``: the padded input, the kernel, the output and the
    frames, checked against the reference."""
    if case.operator == "conv_transpose2d":
        return scatter_frames(case)
    x = _input(case)
    q = case.padding
    if case.operator == "conv2d":
        weight = np.array([[KERNEL_3 if case.kernel == 3 else KERNEL_4]], dtype=np.int64)
        call = Conv2dCall.of(x, weight, stride=case.stride, padding=q)
        output = reference.conv2d(x, weight, stride=case.stride, padding=q)[0, 0]
        kernel = weight[0, 0]
    else:
        call = Pool2dCall.max(x, case.kernel, case.stride, q, ceil_mode=True)
        output = reference.max_pool2d(x, case.kernel, case.stride, q, ceil_mode=True)[0, 0]
        kernel = None
    padded = pad(x[0, 0], [(q, q)] * 2, "zeros")
    steps = []
    positions = list(output_positions(call.output_size))
    for r, c in positions:
        taps = window_taps((r, c), call.strides, call.dilations, call.kernel)
        if case.operator == "conv2d":
            value = int((at_taps(padded, taps) * kernel).sum())
        else:  # only the taps inside the input count: the padding is -inf to max pooling
            inside = [[i for i in axis if q <= i < q + case.size] for axis in taps]
            value = int(at_taps(padded, inside).max())
        if value != output[r, c]:
            raise ValueError(f"animation {case.slug}: frame ({r}, {c}) disagrees with the reference")
        steps.append({"r": r, "c": c, "taps": [a.tolist() for a in taps], "value": value})
    if case.operator == "max_pool2d":
        # The window ceil mode drops: one more along the width, starting in the right padding.
        r, c = 0, call.output_size[1]
        taps = window_taps((r, c), call.strides, call.dilations, call.kernel)
        if not taps[1][0] >= case.size + q:
            raise ValueError("the dropped window should start in the right padding")
        steps.append({"r": r, "c": c, "taps": [a.tolist() for a in taps], "value": None, "dropped": True})
    extent = max(padded.shape[1], max(max(step["taps"][1]) + 1 for step in steps))
    is_pad = [[not (q <= i < q + case.size and q <= j < q + case.size) for j in range(extent)]
              for i in range(padded.shape[0])]
    values = [[None if (case.operator != "conv2d" and is_pad[i][j]) or j >= padded.shape[1]
               else int(padded[i, j]) for j in range(extent)] for i in range(padded.shape[0])]
    texts = [number(v) for row in values for v in row if v is not None] + [number(v) for v in output.ravel()]
    return {"input": values, "pad": is_pad, "beyond": padded.shape[1],
            "kernel": None if kernel is None else kernel.tolist(),
            "out_rows": int(output.shape[0]), "out_cols": int(output.shape[1]), "frames": steps,
            "cell": cell_width(texts), "height": CELL}


def _size_formula(case) -> list[str]:
    values = {n: case.size, k: case.kernel, s: case.stride, p: case.padding, d: 1}
    if case.operator == "conv_transpose2d":
        result = conv_transpose_output_size(case.size, case.kernel, case.stride, case.padding)
        return [instantiated(conv_transpose_output_size(n, k, s, p, d), values, result, sub("n", "out"))]
    if case.operator == "conv2d":
        result = conv_output_size(case.size, case.kernel, case.stride, case.padding)
        return [instantiated(conv_output_size(n, k, s, p, d), values, result, sub("n", "out"))]
    # Ceil mode: m windows rounded up (the spec's second branch), then the drop (its condition).
    (kept, drop), (rounded_up, _) = pool_output_size(n, k, s, p, d, True).args
    m = sp.Symbol("m")
    count = rounded_up.subs(values)
    last_start = drop.rhs.subs(rounded_up - 1, m - 1)  # s(m - 1): where the last window starts
    values_m = {**values, m: count}
    condition = (f"<math display='block'><mrow>{fragment(last_start)}<mo>=</mo>{fragment(last_start, values_m)}"
                 f"<mo>=</mo><mn>{last_start.subs(values_m)}</mn><mo>&#8805;</mo>{fragment(drop.lhs)}<mo>=</mo>"
                 f"{fragment(drop.lhs, values)}<mo>=</mo><mn>{drop.lhs.subs(values)}</mn></mrow></math>")
    if not bool(drop.subs(values)):
        raise ValueError("the ceil-mode animation should drop its last window")
    kept_size = pool_output_size(case.size, case.kernel, case.stride, case.padding, 1, True)
    return [instantiated(rounded_up, values, count, "<mi>m</mi>"), condition,
            f"<math display='block'><mrow>{sub('n', 'out')}<mo>=</mo>{fragment(m - 1)}<mo>=</mo>"
            f"<mn>{kept_size}</mn></mrow></math>"]


def page(lang: str) -> str:
    w = WORDS[lang]
    lines = [f"# {w['title']}", "", w["intro"], "",
             '!!! quote "' + ("笔记原文" if lang == "zh" else "What the note says") + '"', "",
             "    「注意:藍色映射是輸入,青色映射是輸出。」", "",
             *([] if lang == "zh" else ["    *In English: Note: the blue maps are the inputs, the cyan maps the "
                                        "outputs.*", ""]),
             "    — " + ("笔记 000,“卷積動畫演示”一节" if lang == "zh" else "note 000, section “卷積動畫演示”"), "",
             w["legend"], ""]
    labels = {key: w[key] for key in ("input", "scatter_input", "kernel", "output", "play", "pause", "step", "back",
                                      "reset", "frame", "frame_dropped", "frame_scatter")}
    for case in CASES:
        data = frames(case)
        name = case.name_zh if lang == "zh" else case.name
        lines += [f"## {name}", "",
                  (f"n = {case.size}, k = {case.kernel}, s = {case.stride}, p = {case.padding}" if lang == "en" else
                   f"n = {case.size},k = {case.kernel},s = {case.stride},p = {case.padding}")
                  + (f" ({case.name})" if lang == "zh" else ""), "",
                  f'<div class="conv-animation" data-animation="{case.slug}" '
                  f'data-frames="{html.escape(json.dumps(data, separators=(",", ":")))}" '
                  f'data-labels="{html.escape(json.dumps(labels, ensure_ascii=False))}"></div>', "",
                  w["size"], "", *_size_formula(case), ""]
        if case.operator == "conv2d":
            rel = w["relationship"].format(number=RELATIONSHIP[case.slug])
            lines += [rel.replace("](spec/", "](spec/"), ""]
        else:
            lines += [w["pool_note" if case.operator == "max_pool2d" else "transposed_note"], ""]
    return "\n".join(lines)
