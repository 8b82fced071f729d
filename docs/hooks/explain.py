"""The "explain my error" page: paste a torch error message, get the spec rule it comes from, what
the rule asks and how to fix the call. The patterns are spec/messages.py's (tested against torch's
real messages by tests/test_messages.py); the rules' wording is the spec's (spec/conv.py,
spec/pool.py, or its translation in zh_spec.py). docs/assets/explain.js only matches and shows."""

from __future__ import annotations

import html
import json

from spec.messages import MESSAGES

import zh_spec
from specs import CONV_RULES, POOL_RULES

# How to mend a call that breaks each rule, by family and rule: (English, Chinese).
FIXES = {
    ("conv2d", "input_rank"): ("Give the input as (N, C, H, W), or (C, H, W) for one image: a single 2-D image needs "
                               "x.reshape(1, 1, H, W), as note 000 does.",
                               "输入要写成 (N, C, H, W),单张图像可以是 (C, H, W):一张二维图像需要 "
                               "x.reshape(1, 1, H, W),正如笔记 000 所做。"),
    ("conv2d", "weight_rank"): ("Give the kernel as (out_channels, in_channels / groups, kH, kW): a 3x3 kernel for one "
                                "channel is kernel.reshape(1, 1, 3, 3).",
                                "卷积核要写成 (out_channels, in_channels / groups, kH, kW):单通道的 3×3 卷积核写成 "
                                "kernel.reshape(1, 1, 3, 3)。"),
    ("conv2d", "parameter_form"): ("Pass stride, padding and dilation as an int or a pair of ints (height, width), "
                                   "groups as an int; no floats, no triples.",
                                   "stride、padding、dilation 传一个 int 或 (高, 宽) 两个 int;groups 传 int;"
                                   "不要用浮点数或三元组。"),
    ("conv2d", "padding_string"): ("Use padding='same' or padding='valid' (lower case), or numbers.",
                                   "用 padding='same' 或 padding='valid'(小写),或者数值。"),
    ("conv2d", "padding_mode"): ("Use one of 'zeros', 'reflect', 'replicate', 'circular'.",
                                 "从 'zeros'、'reflect'、'replicate'、'circular' 中选一个。"),
    ("conv2d", "positive_stride"): ("Make every stride at least 1.", "把每个步幅设为至少 1。"),
    ("conv2d", "positive_dilation"): ("Make every dilation at least 1 (1 means no gaps).",
                                      "把每个空洞(dilation)设为至少 1(1 表示没有间隔)。"),
    ("conv2d", "non_negative_padding"): ("Use padding >= 0; to crop, slice the input before the convolution.",
                                         "填充用 >= 0 的数;要裁剪,在卷积前对输入切片。"),
    ("conv2d", "positive_groups"): ("Use groups >= 1 (1: an ordinary convolution).",
                                    "groups 用 >= 1 的数(1 是普通卷积)。"),
    ("conv2d", "same_padding_needs_unit_stride"): (
        "With a stride above 1 give the padding as numbers: for an odd kernel k, padding = (k - 1) // 2 keeps "
        "floor((n - 1) / s) + 1 outputs.",
        "步幅大于 1 时用数值填充:奇数卷积核 k 用 padding = (k - 1) // 2,输出为 floor((n - 1) / s) + 1。"),
    ("conv2d", "positive_out_channels"): ("The weight needs at least one output channel (weight.shape[0] >= 1).",
                                          "weight 至少要有一个输出通道(weight.shape[0] >= 1)。"),
    ("conv2d", "out_channels_divisible_by_groups"): ("Choose out_channels as a multiple of groups.",
                                                     "把 out_channels 取为 groups 的整数倍。"),
    ("conv2d", "in_channels_match"): (
        "The input's channel count must be weight.shape[1] * groups: check in_channels of the layer against the "
        "image (3 for RGB) or the previous layer's out_channels.",
        "输入通道数必须等于 weight.shape[1] * groups:检查这一层的 in_channels 是否与图像(RGB 为 3)或上一层的 "
        "out_channels 一致。"),
    ("conv2d", "positive_kernel"): ("Give every kernel size at least 1.", "每个卷积核尺寸至少为 1。"),
    ("conv2d", "bias_shape"): ("Give the bias as a 1-D tensor with out_channels elements, or bias=None.",
                               "bias 用含 out_channels 个元素的一维张量,或者 bias=None。"),
    ("conv2d", "matching_dtypes"): ("Convert weight and bias to the input's dtype (for example x.float() and "
                                    "weight.float()).",
                                    "把 weight 和 bias 转成与输入相同的 dtype(例如 x.float() 和 weight.float())。"),
    ("conv2d", "supported_dtype"): ("Convert the input to a dtype torch's CPU convolution implements, such as "
                                    "float32 (x.float()).",
                                    "把输入转成 torch 的 CPU 卷积实现了的 dtype,例如 float32(x.float())。"),
    ("conv2d", "padding_pair_with_padding_mode"): ("With that padding_mode give padding as an int or a pair.",
                                                   "在这种 padding_mode 下,padding 用 int 或二元组。"),
    ("conv2d", "same_padding_dilation_pair_with_padding_mode"): ("Give dilation as an int or a pair.",
                                                                 "dilation 用 int 或二元组。"),
    ("conv2d", "non_empty_spatial"): ("The input's height and width must be at least 1: check the shape the "
                                      "layers before hand on.",
                                      "输入的高和宽至少为 1:检查前面各层传下来的形状。"),
    ("conv2d", "reflect_padding_limit"): ("With padding_mode='reflect' pad each side by less than the size of that "
                                          "dimension, or use 'replicate'.",
                                          "padding_mode='reflect' 时每侧的填充要小于该维度的尺寸,或改用 'replicate'。"),
    ("conv2d", "circular_padding_limit"): ("With padding_mode='circular' pad each side by at most the size of that "
                                           "dimension.", "padding_mode='circular' 时每侧的填充不能超过该维度的尺寸。"),
    ("conv2d", "kernel_fits"): (
        "The dilated kernel d(k - 1) + 1 is larger than the padded input: use a smaller kernel or dilation, more "
        "padding, or a larger input (the layers before may have shrunk it; trace the shapes on the shape "
        "calculator).",
        "空洞卷积核跨度 d(k - 1) + 1 比填充后的输入还大:换更小的卷积核或空洞,加大填充,或用更大的输入(前面的层"
        "可能已经把它缩小了;用输出尺寸计算器逐层追踪形状)。"),
    ("conv2d", "dilation_dtype"): ("Use dilation 1 with this integer dtype, or convert the input to float32 or "
                                   "int64.", "这种整数 dtype 只能用 dilation 1,或把输入转成 float32 或 int64。"),
    ("pool2d", "input_rank"): ("Give the input as (N, C, H, W) or (C, H, W).", "输入要写成 (N, C, H, W) 或 (C, H, W)。"),
    ("pool2d", "parameter_form"): ("Pass kernel_size, stride, padding and dilation as an int or a pair of ints, "
                                   "ceil_mode as True or False.",
                                   "kernel_size、stride、padding、dilation 传 int 或两个 int,ceil_mode 传 True 或 False。"),
    ("pool2d", "non_zero_divisor"): ("Use divisor_override=None (the window's size) or a non-zero int.",
                                     "divisor_override 用 None(即窗口大小)或非零整数。"),
    ("pool2d", "positive_kernel"): ("Give every kernel size at least 1.", "每个池化核尺寸至少为 1。"),
    ("pool2d", "positive_stride"): ("Make every stride at least 1, or leave stride out (it is then kernel_size).",
                                    "每个步幅至少为 1,或者不传 stride(此时步幅等于 kernel_size)。"),
    ("pool2d", "positive_dilation"): ("Make every dilation at least 1.", "每个空洞(dilation)至少为 1。"),
    ("pool2d", "non_negative_padding"): ("Use padding >= 0.", "填充用 >= 0 的数。"),
    ("pool2d", "padding_at_most_half_kernel"): ("Pooling pads at most kernel_size // 2 on each side: lower the "
                                                "padding or enlarge the window.",
                                                "池化每侧最多填充 kernel_size // 2:减小填充或加大窗口。"),
    ("pool2d", "non_empty_input"): ("C, H and W must be at least 1: check the shape the layers before hand on.",
                                    "C、H、W 至少为 1:检查前面各层传下来的形状。"),
    ("pool2d", "output_not_empty"): ("The window does not fit once: use a smaller kernel_size or stride, padding, "
                                     "ceil_mode=True, or a larger input (the shape calculator shows each step).",
                                     "窗口一次都放不下:用更小的 kernel_size 或步幅、加填充、ceil_mode=True,或更大的"
                                     "输入(输出尺寸计算器会显示每一步)。"),
    ("pool2d", "supported_dtype"): ("Convert the input to a dtype torch's CPU pooling implements, such as float32.",
                                    "把输入转成 torch 的 CPU 池化实现了的 dtype,例如 float32。"),
}

WORDS = {
    "en": {"title": "Explain my error", "stop": ".",
           "intro": ("Paste the error torch gave for a conv2d, max_pool2d or avg_pool2d call (the last line of the "
                     "traceback is enough). The page names the spec rule the call breaks, says what the rule asks "
                     "and how to fix the call. The message patterns are `spec/messages.py`, checked against "
                     "torch's real messages for every rule by `tests/test_messages.py`."),
           "op": "operator", "auto": "any", "explain": "explain", "placeholder": "RuntimeError: ...",
           "rule": "The call breaks the rule", "also": "Also possible: the rule", "asks": "The rule",
           "torch_said": "torch said", "fix": "Fix", "none": ("No rule of the spec matches this message. Is it from "
                                                           "conv2d, max_pool2d or avg_pool2d?"),
           "rules_link": "All rules: [Validity rules](spec/rules.md).", "family": {"conv2d": "conv2d",
                                                                                 "pool2d": "max_pool2d / avg_pool2d"}},
    "zh": {"title": "解释我的报错", "stop": "。",
           "intro": ("粘贴 torch 对 conv2d、max_pool2d 或 avg_pool2d 调用给出的报错(traceback 的最后一行就够了)。页面会"
                     "指出这个调用违反的规范规则、规则要求什么,以及怎样改。报错信息的模式在 `spec/messages.py` 中,"
                     "`tests/test_messages.py` 对每条规则都用 torch 的真实报错检查过。"),
           "op": "算子", "auto": "任意", "explain": "解释", "placeholder": "RuntimeError: ...",
           "rule": "这个调用违反了规则", "also": "也可能是规则", "asks": "规则要求", "torch_said": "torch 的原话",
           "fix": "改法", "none": "规范中没有规则与这条信息对应。它来自 conv2d、max_pool2d 或 avg_pool2d 吗?",
           "rules_link": "全部规则见[合法性规则](spec/rules.md)。",
           "family": {"conv2d": "conv2d", "pool2d": "max_pool2d / avg_pool2d"}},
}


def model(lang: str) -> dict:
    rules = {"conv2d": CONV_RULES, "pool2d": POOL_RULES}
    statements = {}
    for family, spec_rules in rules.items():
        for rule in spec_rules:
            message = zh_spec.rule("conv" if family == "conv2d" else "pool", rule)[0] if lang == "zh" else rule.message
            fix = FIXES.get((family, rule.name))
            statements[f"{family}/{rule.name}"] = {"message": message,
                                                   "fix": (fix[1] if lang == "zh" else fix[0]) if fix else ""}
    patterns = [{"family": family, "rule": p.rule, "regex": p.regex, "also": p.also}
                for family, family_patterns in MESSAGES.items() for p in family_patterns]
    return {"patterns": patterns, "rules": statements}


def page(lang: str) -> str:
    w = WORDS[lang]
    return "\n".join([
        f"# {w['title']}", "", w["intro"], "",
        f'<div class="explain-error" data-explain data-model="{html.escape(json.dumps(model(lang), ensure_ascii=False))}" '
        f'data-words="{html.escape(json.dumps(w, ensure_ascii=False))}"></div>', "", w["rules_link"], ""])
