"""The words of the generated pages in each of the site's languages: English (``en``, at the site's
root) and Simplified Chinese (``zh``, under ``zh/``). The Chinese follows the notes' terms:
卷积核 (kernel), 步幅 (stride), 填充 (padding), 空洞 (dilation), 互相关 (cross-correlation), 池化 (pooling),
输出尺寸 (output size)."""

from __future__ import annotations

LANGUAGES = ("en", "zh")
PREFIX = {"en": "", "zh": "zh/"}

WORDS = {
    "en": {
        "from_note": "From note {note}: *{title}*.",
        "the_note_says": "What the note says",
        "gloss": "In English: {gloss}",
        "quote_source": "note {note}, section “{section}”",
        "quote_source_bare": "note {note}",
        "reconstructed": "Reconstructed",
        "call": "Call", "argument": "argument", "value": "value",
        "shape_of": "shape `{shape}`, {dtype}",
        "random_ints": "random integers 0 to {high}, shape `{shape}`, {dtype}",
        "output": "Output",
        "shape_note": ("The note's shape `{printed}` is the spec's output shape `{spec}`. (The reference "
                       "computes the example with a batch of one; the batch dimension is carried through by "
                       "the shape rule.)"),
        "as_printed": "The reference computes, as the note prints:",
        "torch_checked": "`tests/test_examples.py` checks that torch computes the same.",
        "output_size": "Output size",
        "with_numbers": ("With this example's numbers (the small letter under each number is the symbol it "
                         "stands for):"),
        "sliding_window": "The sliding window",
        "window_caption": ("The window of the first output element, on the first input channel (blue: taps on "
                           "the input, light blue: taps on the padding, grey: padding). Hover over a cell for "
                           "its exact value."),
        "animation_link": "Watch the whole walk of the window: [animations]({link}).",
        "side_by_side": "torch and the reference, side by side",
        "padded_input": "padded input ({h}x{w} + padding)",
        "corner": ", top-left corner",
        "output_label": "output ({h}x{w})",
        "window": "window {w}", "dropped": ": dropped",
        "home": "Home", "spec": "Spec", "output_sizes": "Output sizes", "validity_rules": "Validity rules",
        "arithmetic": "Convolution arithmetic", "surprises": "Surprises", "worked_examples": "Worked examples",
        "networks": "Network shape traces", "test_impl": "Test your implementation", "api": "API reference",
        "animations": "Animations", "calculator": "Shape calculator", "explain": "Explain my error",
        "learn": "Learn", "tools": "Tools", "families": "Operator families",
    },
    "zh": {
        "from_note": "出自笔记 {note}:*{title}*。",
        "the_note_says": "笔记原文",
        "quote_source": "笔记 {note},“{section}”一节",
        "quote_source_bare": "笔记 {note}",
        "reconstructed": "重建的示例",
        "call": "调用", "argument": "参数", "value": "值",
        "shape_of": "形状 `{shape}`,{dtype}",
        "random_ints": "0 到 {high} 的随机整数,形状 `{shape}`,{dtype}",
        "output": "输出",
        "shape_note": ("笔记中的形状 `{printed}` 就是规范给出的输出形状 `{spec}`。(参考实现用批量大小 1 计算"
                       "这个示例;批量维度由形状规则照样传下去。)"),
        "as_printed": "参考实现的计算结果,与笔记打印的一致:",
        "torch_checked": "`tests/test_examples.py` 检查 torch 算出的也一样。",
        "output_size": "输出尺寸",
        "with_numbers": "代入这个示例的数值(每个数字下方的小字母是它代替的符号):",
        "sliding_window": "滑动窗口",
        "window_caption": ("第一个输出元素的窗口,画在第一个输入通道上(蓝色:落在输入上的位置,浅蓝色:落在填充上"
                           "的位置,灰色:填充)。鼠标悬停在格子上可看到精确值。"),
        "animation_link": "窗口完整的滑动过程见[动画]({link})。",
        "side_by_side": "torch 与参考实现对照",
        "padded_input": "填充后的输入({h}×{w} + 填充)",
        "corner": ",左上角部分",
        "output_label": "输出({h}×{w})",
        "window": "窗口 {w}", "dropped": ":被丢弃",
        "home": "首页", "spec": "规范", "output_sizes": "输出尺寸", "validity_rules": "合法性规则",
        "arithmetic": "卷积算术", "surprises": "torch 的意外行为", "worked_examples": "计算示例",
        "networks": "网络形状追踪", "test_impl": "测试你的实现", "api": "API 参考",
        "animations": "卷积动画", "calculator": "输出尺寸计算器", "explain": "解释我的报错",
        "learn": "学习", "tools": "工具", "families": "算子族",
    },
}


def t(lang: str, key: str, **values) -> str:
    text = WORDS[lang][key]
    return text.format(**values) if values else text


def window_words(lang: str) -> dict:
    """The labels of figures.window_figure in ``lang``."""
    return {"padded_input": t(lang, "padded_input"), "corner": t(lang, "corner"), "output": t(lang, "output_label")}


def piecewise_words(lang: str) -> dict:
    """How a piecewise formula says "if" and "otherwise" in ``lang`` (maths.mathml's words)."""
    return {"otherwise": "otherwise", "when": "if"} if lang == "en" else {"otherwise": "其他情况", "when": "若"}
