"""The spec's sentences in Simplified Chinese, for the zh/ pages: rule messages and torch divergences
(by operator family and rule name), the convolution-arithmetic cases, the pinned behaviours.

The spec (spec/*.py) is the source; this is its translation. A rule or behaviour added to the spec
without a translation here is shown in English on the Chinese page (``missing()`` lists them, and
scripts/check_site.py reports them) rather than breaking the build of someone else's change.
"""

from __future__ import annotations

from specs import DIM_NAMES, LP_POOL3D_DTYPES, LP_POOL_DTYPES, RULES_BY_FAMILY, layout

RULES = {
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
    ("conv", "reflect_padding_limit"): "padding_mode='reflect' 时,每一侧的填充必须小于该维度的尺寸",
    ("conv", "circular_padding_limit"): "padding_mode='circular' 时,每一侧的填充不能超过该维度的尺寸",
    ("conv", "kernel_fits"): "空洞卷积核的跨度 d(k - 1) + 1 必须放得进填充后的输入 n + p_before + p_after",
    ("conv", "dilation_dtype"): "dilation > 1 只对浮点、复数和 int64 输入实现",
    ("pool", "non_zero_divisor"): "divisor_override 不能为 0(其他任何 int,包括负数,都可以)",
    ("pool", "positive_kernel"): "每个池化核尺寸都必须 >= 1",
    ("pool", "positive_stride"): "每个步幅都必须 >= 1",
    ("pool", "positive_dilation"): "每个空洞(dilation)都必须 >= 1",
    ("pool", "non_negative_padding"): "每个填充都必须 >= 0",
    ("pool", "padding_at_most_half_kernel"): "每个填充都不能超过 kernel_size // 2,与 dilation 无关",
    ("pool", "output_not_empty"): "每个维度的输出尺寸都必须 >= 1",
    ("pool", "supported_dtype"): "dtype 必须是 torch 的 CPU 池化实现了的类型:{dtypes}",
    ("pool", "avg_pool3d_input_at_least_kernel"): "avg_pool3d:每个输入尺寸(D、H、W,填充之前)都必须不小于池化核尺寸",
    ("conv_transpose", "no_padding_string"): "转置卷积不接受 padding 字符串('valid'、'same')",
    ("conv_transpose", "positive_stride"): "每个步幅都必须 >= 1",
    ("conv_transpose", "positive_dilation"): "每个空洞(dilation)都必须 >= 1",
    ("conv_transpose", "non_negative_padding"): "每个填充都必须 >= 0",
    ("conv_transpose", "positive_groups"): "groups 必须 >= 1",
    ("conv_transpose", "in_channels_match"): "输入的通道数必须等于 weight.shape[0]",
    ("conv_transpose", "positive_in_channels"): "weight.shape[0](in_channels)必须 >= 1",
    ("conv_transpose", "in_channels_divisible_by_groups"): "in_channels(weight.shape[0])必须能被 groups 整除",
    ("conv_transpose", "positive_out_channels"): "weight.shape[1](out_channels / groups)必须 >= 1",
    ("conv_transpose", "positive_kernel"): "每个卷积核尺寸(weight.shape[2:])都必须 >= 1",
    ("conv_transpose", "bias_shape"): "bias 必须是 1 维的,含 out_channels = weight.shape[1] * groups 个元素",
    ("conv_transpose", "matching_dtypes"): "weight 和 bias 的 dtype 必须与 input 相同",
    ("conv_transpose", "output_size_in_range"): "output_size 的每一项都必须在 [m, m + s - 1] 之内,m = (n - 1)s - 2p + "
                                                "d(k - 1) + 1 是 output_padding 为 0 时的尺寸",
    ("conv_transpose", "non_negative_output_padding"): "每个 output_padding 都必须 >= 0",
    ("conv_transpose", "output_padding_smaller_than_stride_or_dilation"):
        "每个 output_padding 都必须小于它所在维度的步幅或空洞(dilation)",
    ("conv_transpose", "output_not_empty"): "每个维度的输出尺寸 (n - 1)s - 2p + d(k - 1) + output_padding + 1 都必须 >= 1",
    ("adaptive", "non_negative_output_size"): "每个输出尺寸都必须 >= 0(0 给出空输出)",
    ("adaptive", "non_empty_channels"): "adaptive_max_pool1d/2d/3d 和 adaptive_avg_pool3d:批量输入的 C 必须 >= 1"
                                        "(adaptive_avg_pool1d 和 2d 接受 C = 0,每种自适应池化都接受无批量输入的 C = 0)",
    ("adaptive", "supported_dtype"): "dtype 必须是 torch 的 CPU 自适应池化实现了的类型:{dtypes}",
    ("lp_pool", "positive_norm_type"): "norm_type 必须 > 0(inf 即对 |x| 做最大池化;-inf 也可以)",
    ("lp_pool", "positive_kernel"): "每个池化核尺寸都必须 >= 1",
    ("lp_pool", "positive_stride"): "每个步幅都必须 >= 1",
    ("lp_pool", "output_not_empty"): "每个维度的输出尺寸都必须 >= 1",
    ("lp_pool", "lp_pool3d_input_at_least_kernel"): "lp_pool3d:每个输入尺寸(D、H、W)都必须不小于池化核尺寸,即使在 ceil "
                                                    "模式下(avg_pool3d 的检查;无穷的 norm_type 即 max_pool3d,它没有这个检查)",
    ("unpool", "indices_dtype"): "indices 必须是 int64",
    ("unpool", "indices_shape"): "indices 的形状必须与 input 相同",
    ("unpool", "positive_kernel"): "每个池化核尺寸都必须 >= 1",
    ("unpool", "positive_stride"): "每个步幅都必须 >= 1",
    ("unpool", "non_negative_padding"): "每个填充都必须 >= 0",
    ("unpool", "output_size_in_range"): "output_size 的每一项都必须严格位于 default - stride 与 default + stride 之间,"
                                        "default = (n - 1) * stride - 2 * padding + kernel_size",
    ("unpool", "output_not_empty"): "每个维度的输出尺寸都必须 >= 1",
    ("unpool", "indices_in_range"): "每个索引都必须在 [0, 输出各空间尺寸之积) 之内:它是元素在自己平面中的扁平位置",
    ("unpool", "supported_dtype"): "dtype 必须是 torch 的 CPU max_unpool 实现了的类型:{dtypes}",
    ("fractional", "output_size_or_ratio"): "必须给出 output_size 或 output_ratio",
    ("fractional", "samples_given"): "必须给出 _random_samples:否则 torch 自己抽取样本,任何参考实现都无法与之一致",
    ("fractional", "samples_dtype"): "_random_samples 的 dtype 必须与 input 相同",
    ("fractional", "positive_kernel"): "每个池化核尺寸都必须 >= 1",
    ("fractional", "non_negative_output_size"): "每个输出尺寸都必须 >= 0(0 给出空输出)",
    ("fractional", "supported_dtype"): "dtype 必须是 torch 的 CPU 分数最大池化实现了的类型:{dtypes}",
}


def _ints(rank: int) -> str:
    return "一个 int 或含 1 个 int 的序列" if rank == 1 else f"一个 int 或含 1 个或 {rank} 个 int 的序列"


def _layouts(rank: int) -> str:
    return f"{rank + 1} 维 {layout(rank, False)} 或 {rank + 2} 维 {layout(rank)}"


def _kernel_dims(rank: int) -> str:
    return ", ".join(f"k{d}" for d in DIM_NAMES[rank])


def _channels_and_dims(rank: int) -> str:
    return "、".join(("C",) + DIM_NAMES[rank][:-1]) + f" 和 {DIM_NAMES[rank][-1]} 必须 >= 1"


def _tuple(rank: int) -> str:
    return "二元组" if rank == 2 else "三元组"


# The messages that name the spatial rank: templates of it.
RANK_RULES = {
    ("conv", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("conv", "weight_rank"): lambda r: f"weight 必须是 {r + 2} 维 (out_channels, in_channels / groups, {_kernel_dims(r)})",
    ("conv", "parameter_form"): lambda r: f"stride、padding 和 dilation 各自必须是{_ints(r)}(padding 也可以是字符串);"
                                          "groups 必须是 int",
    ("conv", "supported_dtype"): lambda r: f"dtype 必须是 torch 的 CPU conv{r}d 实现了的类型:{{dtypes}}",
    ("conv", "padding_pair_with_padding_mode"):
        lambda r: f"padding_mode 不是 'zeros' 时,padding 必须是 int、{_tuple(r)}或字符串",
    ("conv", "same_padding_dilation_pair_with_padding_mode"):
        lambda r: f"padding='same' 且 padding_mode 不是 'zeros' 时,dilation 必须是 int 或{_tuple(r)}",
    ("conv", "non_empty_spatial"): lambda r: " 和 ".join(DIM_NAMES[r]) + " 必须 >= 1",
    ("pool", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("pool", "parameter_form"): lambda r: f"kernel_size、padding 和 dilation 各自必须是{_ints(r)};stride 同样,或为 None"
                                          "(或空序列),表示 stride = kernel_size;ceil_mode 和 count_include_pad 为 bool"
                                          "(return_indices 按真值读取,与 torch 一致)"
                                          + (";divisor_override 为 None 或 int" if r > 1 else ""),
    ("pool", "non_empty_input"): lambda r: _channels_and_dims(r) + "(允许 N = 0)",
    ("conv_transpose", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("conv_transpose", "weight_rank"):
        lambda r: f"weight 必须是 {r + 2} 维 (in_channels, out_channels / groups, {_kernel_dims(r)})",
    ("conv_transpose", "parameter_form"):
        lambda r: f"stride、padding、output_padding 和 dilation 各自必须是{_ints(r)};groups 是 int;"
                  "output_size 为 None 或 int 序列",
    ("conv_transpose", "output_size_needs_full_sequences"):
        lambda r: f"给出 output_size 时,stride、padding 和 dilation 各自必须是 int 或含 {r} 个 int 的序列,不能是单元素序列",
    ("conv_transpose", "supported_dtype"): lambda r: f"dtype 必须是 torch 的 CPU conv_transpose{r}d 实现了的类型:{{dtypes}}",
    ("conv_transpose", "non_empty_spatial"): lambda r: " 和 ".join(DIM_NAMES[r]) + " 必须 >= 1",
    ("conv_transpose", "output_size_length"):
        lambda r: f"output_size 必须有 {r} 项,批量输入时也可以是 {r + 2} 项(非批量输入 {r + 1} 项),前面多出的项被忽略",
    ("adaptive", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("adaptive", "parameter_form"): lambda r: "output_size 必须是一个 int 或含 " + (
        "1 项的序列" if r == 1 else f"{r} 项的序列,每项是 int 或 None(保留输入的尺寸)")
        + "(return_indices 按真值读取,与 torch 一致)",
    ("adaptive", "non_empty_input"): lambda r: "、".join(DIM_NAMES[r]) + " 必须 >= 1",
    ("lp_pool", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("lp_pool", "parameter_form"): lambda r: "norm_type 必须是实数(int 或 float,不能是 NaN),kernel_size 是"
        + ("一个 int" if r == 1 else f"一个 int 或含 {r} 个 int 的序列") + f",stride 为 None 或{_ints(r)},ceil_mode 为 bool",
    ("lp_pool", "non_empty_input"): lambda r: _channels_and_dims(r) + "(允许 N = 0)",
    ("lp_pool", "supported_dtype"): lambda r: "dtype 必须是以下之一:" + ", ".join(LP_POOL3D_DTYPES if r == 3 else LP_POOL_DTYPES),
    ("unpool", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("unpool", "parameter_form"): lambda r: f"kernel_size 和 padding 各自必须是一个 int 或含 {r} 个 int 的序列,stride 同样,"
                                            f"或为 None(stride = kernel_size);output_size 为 None 或含 {r} 个或 {r + 2} "
                                            "个 int 的序列",
    ("unpool", "non_empty_input"): lambda r: _channels_and_dims(r) + "(允许 N = 0)",
    ("fractional", "input_rank"): lambda r: f"input 必须是 {_layouts(r)}",
    ("fractional", "parameter_form"): lambda r: f"kernel_size 和 output_size 各自必须是一个 int 或含 {r} 个 int 的序列,"
                                                f"output_ratio 是一个数或含 {r} 个数的序列,每个都严格位于 0 和 1 之间",
    ("fractional", "samples_shape"): lambda r: f"_random_samples 必须是 3 维 (N', C, {r}),且 N' >= N(无批量输入时 N 为 1)",
    ("fractional", "non_empty_input"): lambda r: "、".join(DIM_NAMES[r]) + " 必须 >= 1,批量输入时 C 也是(允许 N = 0,"
                                                 "也允许无批量输入的 C = 0,torch 把它读作空批量)",
    ("fractional", "windows_fit"): lambda r: "每个维度上,输出尺寸 + 池化核尺寸 - 1 都不能超过输入尺寸"
                                             + (",3 维时还必须小于它" if r == 3 else ""),
}

# How the adaptive rules' divergences name the one case torch computes differently.
_GLOBAL_AVERAGE = "输出尺寸在每个维度上都为 1 的 adaptive_avg_pool 被 torch 按平均值计算,它"

# What torch does instead, for the rules it does not enforce.
DIVERGENCES = {
    ("conv_transpose", "positive_dilation"): "会报错,但 torch 交给 oneDNN 的调用(float16 和 bfloat16,以及 groups > 1 的 "
                                             "float32 和 complex64)跳过空洞检查:在 1 维和 2 维中,沿该维度卷积核尺寸为 1 时 "
                                             "dilation 为 0 能通过(其他卷积核尺寸在 oneDNN 内部失败);负的 dilation 总是报错;"
                                             "参考实现全部拒绝",
    ("conv_transpose", "matching_dtypes"): "weight 的 dtype 不同时报错,但接受另一种 dtype 的 bias,并按 input 的 dtype 相加;"
                                           "参考实现两种都拒绝",
    ("conv", "matching_dtypes"): "会报错,但 padding='valid' 或 'same' 时接受另一种 dtype 的 bias,并按 input 的 dtype "
                                 "相加;参考实现同样拒绝",
    ("conv", "padding_pair_with_padding_mode"): "批量输入时报错,但非批量输入时 nn.Conv2d 把这一个元素交给 F.pad,"
                                                "结果只填充宽度;参考实现两种都拒绝",
    ("adaptive", "input_rank"): "会报错,但输出尺寸在每个维度上都为 1 的自适应平均池化是对最后几个维度求平均值,接受任何维数的"
                                "输入;参考实现拒绝它",
    ("adaptive", "parameter_form"): "会报错,但序列中的 bool 项除外:torch 把 output_size=(3, True) 读作 (3, 1)(spec/behaviours.py,"
                                    "adaptive_output_size_takes_bool_entries)",
    ("adaptive", "non_empty_input"): f"会报错,但{_GLOBAL_AVERAGE}接受空输入,结果为 NaN",
    ("adaptive", "non_empty_channels"): f"会报错,但{_GLOBAL_AVERAGE}接受 C = 0",
    ("adaptive", "supported_dtype"): f"会报错,但{_GLOBAL_AVERAGE}接受 complex64 和 complex128",
    ("lp_pool", "parameter_form"): "会报错,但 norm_type=True 被当作 1,以及(通过 nn.LPPoolNd,它传入 float(norm_type))'2' "
                                   "这样的数字字符串(lp_pool_bool_norm_type)",
    ("lp_pool", "positive_norm_type"): "0 会报错(ZeroDivisionError);接受负的 norm_type,即 -|p| 次幂平均,其中零输入得 inf"
                                       "(lp_pool_negative_norm_type)",
    ("lp_pool", "supported_dtype"): "复数 dtype 会报错(3 维时 float16 也是);整数和 bool 输入被接受:nn.LPPoolNd 传入 "
                                    "float(norm_type),其幂运算把它们提升为 float32,而 norm_type 为 int 的 F.lp_pool 保持 "
                                    "int64,x^p 回绕、平均值截断(lp_pool_int64_truncates);无穷的 norm_type 即对 |x| 做最大"
                                    "池化,它接受复数(|x| 是实数)和整数输入,3 维时也接受 float16",
    ("unpool", "parameter_form"): "会报错,但比维数长的 stride 或 padding 序列除外:torch 读取它的前几项",
    ("unpool", "positive_kernel"): "3 维时报错;1 维和 2 维时 torch 接受它,并按公式计算输出尺寸",
    ("unpool", "positive_stride"): "3 维时报错;1 维和 2 维时 torch 接受它,并按公式计算输出尺寸",
    ("unpool", "non_negative_padding"): "接受负的填充,它使默认输出尺寸增加 2|p|",
    ("unpool", "output_not_empty"): "直接返回空输出,不检查索引(max_unpool_empty_output_skips_index_check)",
    ("fractional", "samples_given"): "接受,并自己抽取样本",
    ("fractional", "positive_kernel"): "2 维时接受 0:每个窗口都为空,结果为 -inf,索引为窗口的起点"
                                       "(fractional_max_pool_zero_kernel)",
}

# What torch does instead, where the sentence names the rank (nn.Conv1d, H_out, ...).
RANK_DIVERGENCES = {
    ("conv", "parameter_form"):  # 3-D: torch raises
        lambda r: f"会报错,但 padding_mode 不是 'zeros' 时 nn.Conv{r}d 把 {r + 1} 元素的 padding "
                  + ("(a, b) 交给 F.pad,它对通道填充 a、长度填充 b;a = 0 时批量输入的调用能通过" if r == 1 else
                     "(a, b, c) 交给 F.pad,它对通道填充 a、高度填充 b、宽度填充 c;a = 0 时调用能通过") + ";参考实现拒绝它",
    ("conv", "same_padding_dilation_pair_with_padding_mode"):
        lambda r: f"接受,但只填充{'高度' if r == 2 else '深度'}:nn.Conv{r}d 的 'same' 填充循环把单元素的 dilation 与卷积核"
                  "尺寸 zip,一个维度后就停止;参考实现拒绝",
    ("conv", "non_negative_padding"): lambda r: f"padding_mode='zeros' 时报错,但其他模式下 nn.Conv{r}d 把负填充交给 F.pad,"
                                                "结果是裁剪输入;参考实现对所有模式都拒绝",
    ("conv", "positive_in_channels"):
        lambda r: "接受 0 个输入通道并返回 (N, 0, " + ", ".join(f"{d}_out" for d in DIM_NAMES[r]) + "),不管 out_channels 和 "
                  "bias 是多少;形状规则给出的是 (N, out_channels, " + ", ".join(f"{d}_out" for d in DIM_NAMES[r])
                  + "),所以参考实现拒绝这个调用,而不是照搬这个矛盾",
    ("conv_transpose", "output_size_needs_full_sequences"):
        lambda r: f"会报错,是一个 IndexError:nn.ConvTranspose{r}d.forward 检查 output_size 时按每个维度一项读取 stride、"
                  "padding 和 dilation,不像 F.conv_transpose 那样重复单元素序列",
}

RELATIONSHIPS = {
    8: "无零填充,单位步幅,转置", 9: "零填充,单位步幅,转置", 10: "半填充(same),k 为奇数,转置", 11: "全填充,转置",
    12: "无零填充,非单位步幅,(i - k) mod s = 0,转置", 13: "零填充,非单位步幅,(i + 2p - k) mod s = 0,转置",
    14: "零填充,非单位步幅,a = (i + 2p - k) mod s,转置",
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
    "max_pool1d_integers_only_with_indices": "max_pool1d 只有在 return_indices=True 时才接受整数 dtype:不返回索引时 torch "
                                             "运行自己的 max_pool1d_impl,它只有浮点实现;返回索引时用的是 max_pool2d 的实现,"
                                             "所有类型都有。max_pool2d 和 max_pool3d 两种情况都接受整数。",
    "avg_pool3d_has_no_half_precision": "avg_pool3d 在 CPU 上没有 float16 和 bfloat16 的实现(只有 float32、float64 和 "
                                        "int64),而 avg_pool1d 和 avg_pool2d 两种都接受。",
    "conv_transpose_output_size_overrides_output_padding": "给出 output_size 时,nn.ConvTranspose1d/2d/3d 忽略构造时的 "
                                                           "output_padding:实际用的 output_padding 是 output_size 减去 "
                                                           "output_padding 为 0 时的尺寸。",
    "conv_transpose_output_size_leading_entries_ignored": "output_size 连同批量和通道两项一起给出,即 (N, C_out, H_out, "
                                                          "W_out),不管前两项是多少都接受:只读取空间维度的项。",
    "conv_transpose_output_size_range_ignores_dilation": "通过 output_size 只能要求最多 stride - 1 的 output_padding,而 "
                                                         "output_padding 参数本身可以到 max(stride, dilation) - 1:步幅 1、"
                                                         "空洞 3 时,output_padding=2 被接受,用 output_size 要求同样的尺寸"
                                                         "却被拒绝。",
    "conv_transpose_empty_batch_skips_checks": "批量为空(N = 0)时,转置卷积和 conv2d 一样,不检查部分规则就返回空结果:"
                                               "int8 输入、dtype 不同的 weight、不小于步幅或空洞的 output_padding 都能通过。"
                                               "参考实现不论 N 多少都检查所有规则,所以报错一致性测试构造非法调用时使用非空批量。",
    "avg_pool3d_input_at_least_kernel": "avg_pool3d 拒绝在任一维度上(填充之前)比池化核小的输入,即使填充后窗口放得下;"
                                        "avg_pool1d、avg_pool2d 和 max_pool3d 接受这样的调用"
                                        "(avg_pool3d_input_at_least_kernel 规则)。",
    "conv_transpose_half_precision_rounds_more_than_once": "float16 和 bfloat16 的转置卷积在 CPU 上交给 oneDNN 计算,"
                                                           "它可能不止一次舍入到输出 dtype(例如有 output_padding 时,先舍入"
                                                           "卷积核加权的和,再加 bias),不像 conv2d 用 float32 累加;容差模型"
                                                           "按输出 dtype 的运算来约束它们。",
    "conv_transpose_half_precision_skips_dilation_check": "oneDNN 计算 float16 和 bfloat16 的转置卷积以及分组的 float32 "
                                                          "和 complex64 转置卷积,它不检查空洞:在 1 维和 2 维中,卷积核尺寸"
                                                          "为 1 时 dilation=0 能通过,而其他调用会报错(positive_dilation "
                                                          "规则)。oneDNN 只在有 float16 运算的 CPU(AVX512-FP16 或 "
                                                          "AMX-FP16)上接手 float16;在其他 CPU(例如 AVX2)上由 torch "
                                                          "自己的内核计算 float16,会报错。",
    "float16_dilated_strided_padding_only_conv_crashes": "在支持 AVX512-FP16 的 CPU 上,float16 卷积若宽度方向的步幅和空洞都大于 1,"
                                                         "且每个输出列都只读到零填充,只要输出总共有两行或更多,进程就会因 SIGSEGV "
                                                         "崩溃(oneDNN 的 brg_conv_fwd 内核);F.conv2d、nn.Conv2d、conv1d 和 "
                                                         "conv3d 都是如此,bfloat16、float32、float64 和复数类型不会崩溃。"
                                                         "spec.crashes.torch_crashes 给出其范围(一个超集),策略从不生成这样的调用。",
    "max_pool_backward_window_of_padding_only": "最大池化中只含填充的窗口(有空洞时可能出现)在反向传播时,把该窗口的梯度写到它的索引处,"
                                                "而这个索引并不指向窗口里的元素:它指向平面上的另一个元素(于是梯度到达了输出从未读过的输入),"
                                                "或者指向平面末尾之后的位置,torch 2.13 会越界写入(我们的运行中出现过 double free,进程中止)。"
                                                "参考实现不把这样窗口的梯度传给任何元素,因为它的输出是常数;测试从不把含这种窗口的反向调用交给 torch。",
    "pool_backward_half_precision_sums_in_half": "float16 最大池化和平均池化的反向传播在 float16 中累加到达同一个输入元素的梯度,每次加法后"
                                                 "都舍入(前向则用 float32 求和):1 + 2^-11 + 2^-11 得 1,而不是 1 + 2^-10。"
                                                 "容差模型按每个梯度自身 dtype 的运算来约束它。",
    "conv_transpose_half_precision_backward_crashes": "float16 转置卷积(oneDNN)的反向传播,在某个维度上卷积核尺寸为 1、空洞大于 1 "
                                                      "且有填充时,可能使进程崩溃(段错误):例如 (1, 1, 2, 2) 的输入、1x1 卷积核、"
                                                      "stride (1, 2)、padding (0, 1)、dilation 2 的 conv_transpose2d,发生在 oneDNN "
                                                      "接手 float16 的 CPU 上(AVX512-FP16 或 AMX-FP16;在 AVX2 CPU 上由 torch "
                                                      "自己的内核计算,不会崩溃)。float32 的同一调用和前向都没有问题;"
                                                      "测试从不把这样的反向调用交给 torch。",
    "adaptive_max_nan_gives_last_nan_index": "各维度的自适应最大池化中,含 NaN 的窗口结果为 NaN,索引是按行优先顺序最后一个 NaN 的位置"
                                             "(torch 从 -inf 开始扫描,让 NaN 替换当前最大值)。",
    "adaptive_output_size_zero_gives_empty_output": "每种自适应池化都接受 output_size=0,给出空输出;只有负数尺寸才报错。",
    "adaptive_avg_accepts_zero_channels": "adaptive_avg_pool1d 和 adaptive_avg_pool2d 接受 C = 0 的批量输入,而自适应最大池化和 "
                                          "adaptive_avg_pool3d 拒绝它;所有自适应池化都接受 C = 0 的无批量输入"
                                          "(non_empty_channels 规则)。",
    "adaptive_output_size_takes_bool_entries": "output_size 中的 bool 被当作 int 读取,(3, True) 即 (3, 1),但 output_size=True "
                                               "本身会报错;参考实现两者都拒绝(parameter_form 规则)。",
    "adaptive_avg_pool3d_half_precision_sums_in_half": "adaptive_avg_pool3d 在 float16(bfloat16)中对 float16 和 bfloat16 的窗口"
                                                       "求和,并依次除以窗口的深度、高度和宽度,不像 adaptive_avg_pool1d/2d 用 "
                                                       "float32 求和;output_size 全为 1 时例外(此时 torch 用 float32 求平均值)。",
    "adaptive_avg_global_is_mean": "输出尺寸在每个维度上都为 1 的自适应平均池化,按空间维度上的平均值计算,从而跳过自适应内核的"
                                   "检查:空输入得 NaN,3 维时 C = 0 的批量输入也能通过,复数 dtype 也被接受。参考实现对任何输出"
                                   "尺寸都保留这些规则(non_empty_input、non_empty_channels、supported_dtype)。",
    "max_unpool_duplicate_indices_race": "多个输入元素带有相同的索引时,torch 从多个线程写入它们:单线程时按行优先顺序最后一个"
                                         "留下,多线程时其中任何一个都可能留下(每次运行不同)。重叠的最大池化窗口会产生这样的索引。"
                                         "参考实现保留最后一个;测试在这些位置接受任一候选值,其他位置要求精确相等。",
    "max_unpool_zero_kernel_or_stride_accepted": "max_unpool1d 和 max_unpool2d 接受 kernel_size=0 和 stride=0(或负数):输出尺寸"
                                                 "就是公式 (n - 1) s - 2p + k 给出的值,不论它是多少,只有索引检查可能报错;"
                                                 "max_unpool3d 会检查步幅(positive_kernel 和 positive_stride 规则)。",
    "max_unpool_negative_padding_enlarges": "每种 max_unpool 都接受负的填充,它使输出尺寸增加 2|p|(non_negative_padding 规则)。",
    "max_unpool_empty_output_skips_index_check": "使输出为空的填充(只有一个窗口时 p = k / 2,或更大)直接给出空结果,不检查任何索引"
                                                 "(output_not_empty 规则)。",
    "max_unpool_stride_longer_than_rank_ignored": "max_unpool1d 和 max_unpool2d 只读取过长的 stride 或 padding 序列的前几项(与维数"
                                                  "相同);max_unpool3d 拒绝它(parameter_form 规则)。",
    "lp_pool_ceil_window_scaled_to_kernel": "lp_pool 按 K * avg_pool(x^p) 计算(count_include_pad,无填充),所以 ceil 模式下越过"
                                            "输入边界的窗口,其幂和被放大 K / D 倍(D 为窗口落在输入内的位置数):全为 1 的 3x3 "
                                            "输入,p = 1、池化核 2、ceil_mode 时,只含一个元素的角上得 4。",
    "lp_pool_negative_sum_gives_nan": "p 为奇数时,幂和为负的窗口得 NaN(不取实数根);p 为小数时,任何负输入都得 NaN;p = 1 "
                                      "就是普通的(带符号的)求和。",
    "lp_pool_infinite_norm_is_max_of_magnitudes": "norm_type = inf 即对 |x| 做最大池化,norm_type = -inf 则取每个窗口中最小的 |x|。",
    "lp_pool_bool_norm_type": "norm_type=True 被当作 1(普通求和);参考实现拒绝 bool(parameter_form 规则)。",
    "lp_pool_negative_norm_type": "负的 norm_type 被接受:即 -|p| 次幂平均,其中零输入得 inf,其窗口得 0;norm_type = 0 引发 "
                                  "ZeroDivisionError(positive_norm_type 规则)。",
    "lp_pool_int64_truncates": "lp_pool 接受 int64:x^p 在 int64 中回绕,平均值先向零截断再乘以 K,开方得 float32:[3, 4] 在 "
                               "p = 1、池化核 2 时得 6,而不是 7(supported_dtype 规则)。",
    "fractional_samples_order": "fractional_max_pool2d 把每个(样本, 通道)的两个随机样本读作(列, 行),与其他所有参数的 (H, W) "
                                "顺序相反;fractional_max_pool3d 把三个样本读作(深度, 行, 列)。",
    "fractional_max_pool_zero_kernel": "fractional_max_pool2d 接受 kernel_size=0:每个窗口都为空,所以每个输出都是 -inf,索引为窗口的"
                                       "起点;fractional_max_pool3d 会报错(positive_kernel 规则)。",
    "fractional_extra_samples_unused": "_random_samples 的行数可以多于输入的样本数(N' >= N),多出的被忽略。无批量输入仍需要 3 维的"
                                       "样本,形状为 (N', C, 2)。",
    "lp_pool_half_powers_keep_the_sign_of_zero": "torch 用 sqrt 和 1 / sqrt 计算 x ** 0.5 和 x ** -0.5,它们保留 -0.0 的"
                                                 "符号:norm_type 为 0.5 时,反向传播的 p x^(p - 1) 在输入 -0.0 处为 -inf,"
                                                 "而 IEEE pow(以及 numpy)给出 +inf;其他指数都与 IEEE pow 一致。参考实现"
                                                 "按 torch 的方式计算幂。",
    "fractional_empty_output_skips_dtype_check": "结果为空时(某个维度上 output_size 或 output_ratio 给出 0,或 N = 0),"
                                                 "2 维和 3 维的分数最大池化都不检查 dtype 就返回:此时 int64 输入也能通过,"
                                                 "而结果不为空时会报错(supported_dtype 规则)。参考实现不论输出如何都检查 "
                                                 "dtype;该规则的破坏策略只生成非空结果。",
    "fractional_max_pool3d_strict_fit": "fractional_max_pool3d 要求输出尺寸加池化核尺寸减 1 严格小于输入尺寸,而 fractional_max_pool2d "
                                        "允许相等:3 维池化拒绝 2 维池化接受的输出 n - k + 1(k = 1 时即与输入一样大的输出)"
                                        "(windows_fit 规则)。",
}


def rule(family: str, spec_rule, rank: int = 2) -> tuple[str, str]:
    """(message, what torch does) of a spec rule of the family's ``rank``-D operators, in Chinese
    where translated. A torch sentence translated for 2-D only is used for another rank only where
    the English one is the same."""
    template = RANK_RULES.get((family, spec_rule.name))
    message = template(rank) if template else RULES.get((family, spec_rule.name), spec_rule.message)
    if "{dtypes}" in message:  # the dtype lists are the spec's own
        message = message.format(dtypes=spec_rule.message.split(": ", 1)[1])
    if (family, spec_rule.name) in RANK_DIVERGENCES:
        return message, RANK_DIVERGENCES[family, spec_rule.name](rank)
    two_d = next((r for r in RULES_BY_FAMILY[family][2] if r.name == spec_rule.name), None)
    if rank != 2 and (two_d is None or two_d.torch != spec_rule.torch):
        return message, spec_rule.torch
    return message, DIVERGENCES.get((family, spec_rule.name), spec_rule.torch)


def _translated(family: str, name: str) -> bool:
    return (family, name) in RULES or (family, name) in RANK_RULES


def missing(conv_rules, pool_rules, behaviours) -> list[str]:
    """What the spec has that is not translated here (the other families' rules at every rank)."""
    families = [("conv", conv_rules), ("pool", pool_rules)] + [
        (family, list({r.name: r for rules in by_rank.values() for r in rules}.values()))
        for family, by_rank in RULES_BY_FAMILY.items() if family not in ("conv", "pool")]
    names = []
    for family, rules in families:
        names += [f"{family}/{r.name}" for r in rules if not _translated(family, r.name)]
    for family, rules in families:
        names += [f"{family}/{r.name} (torch)" for r in rules if not r.torch_raises
                  and (family, r.name) not in DIVERGENCES and (family, r.name) not in RANK_DIVERGENCES]
    names += [f"behaviour {b.name}" for b in behaviours if b.name not in BEHAVIOURS]
    return names


# The behaviours of the pools' backward (spec/behaviours.py, its appended block).
BEHAVIOURS.update({
    "lp_pool_backward_zero_sum_gives_zero": "幂和为 0 的窗口不向回传任何梯度:torch 公式 (sign(a) relu(|a|) K)^(1/p) 中 relu "
                                            "的掩码在那里给出 0,即使 p = 1 也是如此,而 p = 1 的前向就是普通的和 "
                                            "(K / D)(x_0 + x_1 + ...),梯度处处为 K / D:p = 1 时 [-1, 1] 的梯度是 [0, 0]。",
    "lp_pool_backward_nan_window_gives_zero": "p = 1、inf 或 -inf 时,含 NaN 的窗口前向得 NaN,梯度却为 0,因为 torch.sign(NaN) "
                                              "是 0,且没有无穷大与之相乘;其他 p 的梯度是 NaN。",
    "lp_pool_backward_power_derivative_applied_last": "幂的导数 p x^(p - 1) 最后才乘到每个元素累加好的份额上,所以没有任何窗口"
                                                      "读到的元素(向下取整模式丢掉的末尾)份额为 0,但在它是 NaN 时,或者它为 0 "
                                                      "且 p < 1 时(0 乘 0^(p - 1) = inf),梯度仍是 NaN。",
    "max_unpool_backward_gathers_duplicates": "max_unpool 的反向传播在每个元素的索引处收集(gather)输出的梯度,所以共用一个索引的"
                                              "元素都得到那里的梯度,尽管前向只保留了其中一个:gather 是“相加的散布”的伴随,"
                                              "而前向只有在索引互不相同时才是这样的散布。",
    "adaptive_backward_of_empty_output_raises": "自适应池化接受 output_size 为 0 并给出空输出,但它们的反向传播会报错"
                                                "(\"Expected grad_output to have non-zero size for non-batch dimensions\");"
                                                "参考实现给出全零梯度,反向传播测试从不把这样的调用交给 torch。",
})
