"""The spec's sentences in Simplified Chinese, for the zh/ pages: rule messages and torch divergences
(by operator family and rule name), the convolution-arithmetic cases, the pinned behaviours.

The spec (spec/*.py) is the source; this is its translation. A rule or behaviour added to the spec
without a translation here is shown in English on the Chinese page (``missing()`` lists them, and
scripts/check_site.py reports them) rather than breaking the build of someone else's change.
"""

from __future__ import annotations

RULES = {
    ("conv", "input_rank"): "input 必须是 3 维 (C, H, W) 或 4 维 (N, C, H, W)",
    ("conv", "weight_rank"): "weight 必须是 4 维 (out_channels, in_channels / groups, kH, kW)",
    ("conv", "parameter_form"): "stride、padding 和 dilation 各自必须是一个 int 或含 1 个或 2 个 int 的序列"
                                "(padding 也可以是字符串);groups 必须是 int",
    ("conv", "padding_string"): "padding 字符串必须是 'valid' 或 'same'",
    ("conv", "padding_mode"): "padding_mode 必须是 'zeros'、'reflect'、'replicate' 或 'circular'",
    ("conv", "positive_stride"): "每个步幅都必须 >= 1",
    ("conv", "positive_dilation"): "每个空洞(dilation)都必须 >= 1",
    ("conv", "non_negative_padding"): "每个填充都必须 >= 0",
    ("conv", "positive_groups"): "groups 必须 >= 1",
    ("conv", "same_padding_needs_unit_stride"): "padding='same' 要求每个维度的步幅都为 1",
    ("conv", "positive_out_channels"): "weight.shape[0](out_channels)必须 >= 1",
    ("conv", "out_channels_divisible_by_groups"): "out_channels(weight.shape[0])必须能被 groups 整除",
    ("conv", "in_channels_match"): "输入的通道数必须等于 weight.shape[1] * groups",
    ("conv", "positive_in_channels"): "weight.shape[1](in_channels / groups)必须 >= 1",
    ("conv", "positive_kernel"): "每个卷积核尺寸(weight.shape[2:])都必须 >= 1",
    ("conv", "bias_shape"): "bias 必须是含 out_channels 个元素的 1 维张量",
    ("conv", "matching_dtypes"): "weight 和 bias 的 dtype 必须与 input 相同",
    ("conv", "supported_dtype"): "dtype 必须是 torch 的 CPU conv2d 实现了的类型:{dtypes}",
    ("conv", "padding_pair_with_padding_mode"): "padding_mode 不是 'zeros' 时,padding 必须是 int、二元组或字符串",
    ("conv", "same_padding_dilation_pair_with_padding_mode"):
        "padding='same' 且 padding_mode 不是 'zeros' 时,dilation 必须是 int 或二元组",
    ("conv", "non_empty_spatial"): "H 和 W 必须 >= 1",
    ("conv", "reflect_padding_limit"): "padding_mode='reflect' 时,每一侧的填充必须小于该维度的尺寸",
    ("conv", "circular_padding_limit"): "padding_mode='circular' 时,每一侧的填充不能超过该维度的尺寸",
    ("conv", "kernel_fits"): "空洞卷积核的跨度 d(k - 1) + 1 必须放得进填充后的输入 n + p_before + p_after",
    ("conv", "dilation_dtype"): "dilation > 1 只对浮点、复数和 int64 输入实现",
    ("pool", "input_rank"): "input 必须是 3 维 (C, H, W) 或 4 维 (N, C, H, W)",
    ("pool", "parameter_form"): "kernel_size、padding 和 dilation 各自必须是 int 或含 1 个或 2 个 int 的序列;stride "
                                "同样,或为 None(或空序列),表示 stride = kernel_size;ceil_mode 和 count_include_pad "
                                "为 bool(return_indices 按真值读取,与 torch 一致);divisor_override 为 None 或 int",
    ("pool", "non_zero_divisor"): "divisor_override 不能为 0(其他任何 int,包括负数,都可以)",
    ("pool", "positive_kernel"): "每个池化核尺寸都必须 >= 1",
    ("pool", "positive_stride"): "每个步幅都必须 >= 1",
    ("pool", "positive_dilation"): "每个空洞(dilation)都必须 >= 1",
    ("pool", "non_negative_padding"): "每个填充都必须 >= 0",
    ("pool", "padding_at_most_half_kernel"): "每个填充都不能超过 kernel_size // 2,与 dilation 无关",
    ("pool", "non_empty_input"): "C、H 和 W 必须 >= 1(允许 N = 0)",
    ("pool", "output_not_empty"): "每个维度的输出尺寸都必须 >= 1",
    ("pool", "supported_dtype"): "dtype 必须是 torch 的 CPU 池化实现了的类型:{dtypes}",
}

# What torch does instead, for the rules it does not enforce.
DIVERGENCES = {
    ("conv", "parameter_form"): "会报错,但 padding_mode 不是 'zeros' 时 nn.Conv2d 把 3 元素的 padding (a, b, c) 交给 "
                                "F.pad,它对通道填充 a、高度填充 b、宽度填充 c;a = 0 时调用能通过;参考实现拒绝它",
    ("conv", "non_negative_padding"): "padding_mode='zeros' 时报错,但其他模式下 nn.Conv2d 把负填充交给 F.pad,"
                                      "结果是裁剪输入;参考实现对所有模式都拒绝",
    ("conv", "positive_in_channels"): "接受 0 个输入通道并返回 (N, 0, H_out, W_out),不管 out_channels 和 bias 是多少;"
                                      "形状规则给出的是 (N, out_channels, H_out, W_out),所以参考实现拒绝这个调用,"
                                      "而不是照搬这个矛盾",
    ("conv", "matching_dtypes"): "会报错,但 padding='valid' 或 'same' 时接受另一种 dtype 的 bias,并按 input 的 dtype "
                                 "相加;参考实现同样拒绝",
    ("conv", "padding_pair_with_padding_mode"): "批量输入时报错,但非批量输入时 nn.Conv2d 把这一个元素交给 F.pad,"
                                                "结果只填充宽度;参考实现两种都拒绝",
    ("conv", "same_padding_dilation_pair_with_padding_mode"):
        "接受,但只填充高度:nn.Conv2d 的 'same' 填充循环把单元素的 dilation 与卷积核尺寸 zip,一个维度后就停止;"
        "参考实现拒绝",
}

RELATIONSHIPS = {
    1: "无零填充,单位步幅", 2: "零填充,单位步幅", 3: "半填充(same),k 为奇数,单位步幅", 4: "全填充,单位步幅",
    5: "无零填充,非单位步幅", 6: "零填充,非单位步幅", 15: "空洞卷积核 k' = k + (k - 1)(d - 1)",
}

NETWORKS = {"LeNet (note 001)": "LeNet(笔记 001)", "CIFAR-10 model (note 003)": "CIFAR-10 模型(笔记 003)"}

BEHAVIOURS = {
    "integer_overflow_wraps": "整数卷积溢出时回绕(二进制补码,对该 dtype 的 2^bits 取模);既不饱和,也不扩宽结果。",
    "same_padding_extra_at_end": "padding='same' 的总填充 d(k - 1) 为奇数时,多出的一行放在底部、多出的一列放在右侧,"
                                 "所有 padding_mode 都是如此。",
    "empty_batch_skips_checks": "批量为空(N = 0)时,torch 不检查部分规则就返回空结果:带空洞的 int8、int16、int32 或 "
                                "uint8 卷积、dilation 为 0、weight 的 dtype 不同,都能通过。参考实现不论 N 多少都检查"
                                "所有规则,所以报错一致性测试构造非法调用时使用非空批量。",
    "half_precision_accumulates_in_float32": "CPU 上的 float16 卷积用 float32 累加,最后只舍入一次到 float16,所以 "
                                             "float16 的结果可能比 float16 运算本身更精确。",
    "one_entry_sequence_repeats": "单元素的 stride、padding 或 dilation 序列,如 stride=(2,),会像 int 一样用于两个维度。",
    "complex_weight_not_conjugated": "复数卷积直接乘以 weight,不取共轭。",
    "max_padding_is_negative_infinity": "max_pool2d 从不读取填充:填充相当于 -inf,而不是 0。",
    "max_nan_wins_with_last_nan_index": "含 NaN 的窗口结果为 NaN,索引是按行优先顺序最后一个 NaN 的位置。",
    "max_ties_go_to_first_in_row_major_order": "有多个相等的最大值时,索引取按行优先顺序的第一个。",
    "max_window_of_padding_only": "有空洞时,一个窗口的所有位置可能都落在填充里;此时 torch 给出该 dtype 的最小值"
                                  "(-inf 或整数最小值),索引可能在平面之外(torch issue #114216)。参考实现也这样做。",
    "max_padding_limit_ignores_dilation": "即使空洞使窗口变宽,padding 也必须不超过 kernel_size // 2;报错信息说的是"
                                          "有效卷积核尺寸,检查用的却是 kernel_size。",
    "ceil_mode_drops_window_starting_in_padding": "ceil 模式下,如果最后一个窗口会从右侧填充中开始,即 (n_out - 1) * "
                                                  "stride >= n + padding,它就被丢弃,即使根本没有填充。",
    "avg_divisor_counts_padding_only_up_to_the_padded_edge": "count_include_pad 时,除数只计窗口落在填充后输入之内的"
                                                             "位置:ceil 模式窗口超出填充的部分不计。",
    "avg_divisor_override_any_non_zero_int": "divisor_override 可以是任何非零整数,负数或比窗口还大都行,它替换每个"
                                             "窗口的除数。",
    "avg_integer_division_truncates_toward_zero": "int64 平均池化的除法向零截断(-7 / 2 = -3),而不是向下取整;"
                                                  "int64 是它唯一接受的整数 dtype。",
    "avg_half_precision_sums_in_float32": "float16 平均池化用 float32 求和,只舍入一次。",
}


def rule(family: str, spec_rule) -> tuple[str, str]:
    """(message, what torch does) of a spec rule, in Chinese where translated."""
    message = RULES.get((family, spec_rule.name), spec_rule.message)
    if "{dtypes}" in message:  # the dtype lists are the spec's own
        message = message.format(dtypes=spec_rule.message.split(": ", 1)[1])
    return message, DIVERGENCES.get((family, spec_rule.name), spec_rule.torch)


def missing(conv_rules, pool_rules, behaviours) -> list[str]:
    """What the spec has that is not translated here."""
    names = [f"conv/{r.name}" for r in conv_rules if ("conv", r.name) not in RULES]
    names += [f"pool/{r.name}" for r in pool_rules if ("pool", r.name) not in RULES]
    names += [f"conv/{r.name} (torch)" for r in conv_rules if not r.torch_raises and ("conv", r.name) not in DIVERGENCES]
    names += [f"pool/{r.name} (torch)" for r in pool_rules if not r.torch_raises and ("pool", r.name) not in DIVERGENCES]
    names += [f"behaviour {b.name}" for b in behaviours if b.name not in BEHAVIOURS]
    return names
