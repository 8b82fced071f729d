"""The worked examples of the source notes (../shared/notes), as one registry.

The tests compute every example with the reference and with torch and compare with what the note
prints; the docs site renders one page per example from the same entries. An example either
prints an output (``printed``: values, exact for integers, to the printed digits for floats) or
a shape (``printed_shape``). Where a note shows only a picture, the entry reconstructs the
standard example the picture comes from and says so in ``reconstructed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

@dataclass(frozen=True)
class Note:
    """One source note: what it is about, in English and in Simplified Chinese (``zh``), and a short
    name for the site's navigation. ``script`` is the note's own script ("traditional" or
    "simplified"): its quotations are shown as written."""

    title: str
    title_zh: str
    nav: str
    nav_zh: str
    script: str


NOTES = {
    "000": Note("Conv2d: parameters, the 5x5 worked example, the CIFAR-10 Conv2d and the output-size formula",
                "Conv2d:参数、5×5 计算示例、CIFAR-10 上的 Conv2d 与输出尺寸公式",
                "Conv2d step by step: the 5x5 example", "Conv2d 逐步计算:5×5 示例", "traditional"),
    "001": Note("Li Mu, Dive into Deep Learning, videos 19-23: padding, stride, channels, pooling, LeNet",
                "李沐《动手学深度学习》视频 19-23:填充、步幅、通道、池化、LeNet",
                "Padding, stride, channels and pooling (d2l)", "填充、步幅、通道与池化(d2l)", "simplified"),
    "002": Note("Image convolution in PyTorch: corr2d, the convolution layer, feature maps and receptive fields",
                "PyTorch 图像卷积:corr2d、卷积层、特征映射与感受野",
                "Cross-correlation: corr2d", "互相关运算:corr2d", "traditional"),
    "003": Note("Convolution, pooling and a small CIFAR-10 network with nn.Sequential",
                "卷积、池化与用 nn.Sequential 搭建的 CIFAR-10 小网络",
                "Max pooling and ceil_mode", "最大池化与 ceil_mode", "simplified"),
    "004": Note("nn.Conv2d notes: the three constructions, groups and depthwise convolution, conv1d",
                "nn.Conv2d 笔记:三种构造、groups 与深度卷积、conv1d",
                "nn.Conv2d: dilation, groups, conv1d", "nn.Conv2d:空洞、分组与 conv1d", "simplified"),
}

# The 5x5 input and 3x3 kernel of note 000 (also used by note 003's pooling tutorial).
NOTE_000_INPUT = [[1, 2, 0, 3, 1], [0, 1, 2, 3, 1], [1, 2, 1, 0, 0], [5, 2, 3, 1, 1], [2, 1, 0, 1, 1]]
NOTE_000_KERNEL = [[1, 2, 1], [0, 1, 0], [2, 1, 0]]
D2L_X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
D2L_K = [[0, 1], [2, 3]]


@dataclass(frozen=True)
class Example:
    slug: str
    title: str
    note: str
    operator: str  # the reference's name of the operator: "conv2d", "conv1d", "max_pool2d" ...
    inputs: dict  # name -> (nested list, or a shape for a random input) as the call takes it
    params: dict = field(default_factory=dict)
    printed: object = None  # the output values the note prints
    printed_shape: tuple | None = None  # the output shape the note prints
    printed_digits: int | None = None  # floats printed to this many decimals
    dtype: str = "int64"
    reconstructed: str | None = None
    story: str = ""
    # The same in Simplified Chinese, in the notes' terms (卷积核, 步幅, 填充, 互相关, 池化).
    title_zh: str = ""
    story_zh: str = ""
    reconstructed_zh: str | None = None
    # The note's own sentence or code the example comes from, as the note writes it (its script,
    # its punctuation), and the heading of the section it is in.
    quote: str = ""
    quote_section: str = ""
    quote_en: str = ""  # what a prose quotation says, for the English pages (code needs none)

    def arrays(self) -> dict:
        """The example's arrays: literal values, or seeded random ones where only shapes matter.
        Random values are small integers (0 to 4), so that a figure of them can be read."""
        rng = np.random.default_rng(0)
        result = {}
        for name, value in self.inputs.items():
            if isinstance(value, tuple):
                result[name] = rng.integers(0, RANDOM_HIGH, value).astype(np.float32)
            else:
                result[name] = np.array(value, dtype=self.dtype)
        return result


RANDOM_HIGH = 5  # random example inputs are integers in [0, RANDOM_HIGH)


def _nchw(matrix):
    return [[matrix]]


EXAMPLES = [
    Example("note-000-stride-1", "5x5 input, 3x3 kernel, stride 1", "000", "conv2d",
            {"input": _nchw(NOTE_000_INPUT), "weight": _nchw(NOTE_000_KERNEL)}, {"stride": 1},
            printed=[[[[10, 12, 12], [18, 16, 16], [13, 9, 3]]]],
            story="The kernel slides over the input from the top-left corner; each output is the sum "
                  "of the element-wise products under the window (cross-correlation: no flip).",
            title_zh='5×5 输入,3×3 卷积核,步幅 1', story_zh='卷积核从左上角开始在输入上滑动;每个输出是窗口下逐元素相乘再求和的结果(互相关:卷积核不翻转)。',
            quote='output = F.conv2d(input, kernel, stride=1)', quote_section='卷積代碼演示'),
    Example("note-000-stride-2", "5x5 input, 3x3 kernel, stride 2", "000", "conv2d",
            {"input": _nchw(NOTE_000_INPUT), "weight": _nchw(NOTE_000_KERNEL)}, {"stride": 2},
            printed=[[[[10, 12], [13, 3]]]],
            story="With stride 2 the window jumps two elements at a time: every other output of stride 1.",
            title_zh='5×5 输入,3×3 卷积核,步幅 2', story_zh='步幅为 2 时,窗口每次跳两个元素:得到的是步幅 1 输出中隔一个取一个的结果。',
            quote='output2 = F.conv2d(input, kernel, stride=2)', quote_section='卷積代碼演示'),
    Example("note-000-padding-1", "5x5 input, 3x3 kernel, padding 1", "000", "conv2d",
            {"input": _nchw(NOTE_000_INPUT), "weight": _nchw(NOTE_000_KERNEL)}, {"stride": 1, "padding": 1},
            printed=[[[[1, 3, 4, 10, 8], [5, 10, 12, 12, 6], [7, 18, 16, 16, 8], [11, 13, 9, 3, 4],
                       [14, 13, 9, 7, 4]]]],
            story="Padding 1 surrounds the input with a ring of zeros; the window still starts at the "
                  "top-left corner, now of the padded input, and the output keeps the input's 5x5 size.",
            title_zh='5×5 输入,3×3 卷积核,填充 1', story_zh='填充 1 在输入四周加一圈 0;窗口仍从左上角开始(现在是填充后输入的左上角),输出保持输入的 5×5 大小。',
            quote='當設置了padding時候,輸入的量得到了填充 默認填充為0', quote_en='When padding is set, the input is padded; the default padding is 0.',
            quote_section='卷積代碼演示'),
    Example("note-000-cifar10-conv", "CIFAR-10 batch through Conv2d(3, 6, 3)", "000", "conv2d",
            {"input": (64, 3, 32, 32), "weight": (6, 3, 3, 3), "bias": (6,)}, {"stride": 1, "padding": 0},
            printed_shape=(64, 6, 30, 30), dtype="float32",
            story="A 3x3 kernel without padding loses one pixel on each side: 32 -> 30. Each of the 6 "
                  "output channels has its own 3x3x3 kernel spanning all three input channels.",
            title_zh='CIFAR-10 一批图像经过 Conv2d(3, 6, 3)', story_zh='3×3 卷积核不加填充,每边少一个像素:32 → 30。6 个输出通道各有自己的 3×3×3 卷积核,覆盖全部 3 个输入通道。',
            quote='卷積后 torch.Size([64, 6, 30, 30])', quote_en='after the convolution: torch.Size([64, 6, 30, 30])',
            quote_section='綜合代碼案例'),
    Example("note-001-padding-1", "8x8 input, k=3, padding 1", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 3, 3)}, {"padding": 1}, printed_shape=(1, 1, 8, 8),
            dtype="float32", reconstructed="d2l's comp_conv2d example (the note shows its printout as a picture)",
            story="Padding 1 on both sides of a 3x3 kernel keeps the size: 8 + 2 - 3 + 1 = 8.",
            title_zh='8×8 输入,k=3,填充 1', story_zh='3×3 卷积核两侧各填充 1,尺寸不变:8 + 2 - 3 + 1 = 8。',
            reconstructed_zh='d2l 的 comp_conv2d 示例(笔记中的输出是一张图片)',
            quote='我们创建一个高度和宽度为3的二维卷积层,并(在所有侧边填充1个像素)。给定高度和宽度为8的输入,则输出的高度和宽度也是8。', quote_en="We create a 2-D convolutional layer of height and width 3 and pad 1 pixel on every side. Given an input of height and width 8, the output's height and width are 8 too.",
            quote_section='卷积层里的「填充」和「步幅」'),
    Example("note-001-padding-5x3", "8x8 input, k=(5, 3), padding (2, 1)", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 5, 3)}, {"padding": (2, 1)}, printed_shape=(1, 1, 8, 8),
            dtype="float32", reconstructed="d2l's comp_conv2d example (picture in the note)",
            story="Different padding per dimension keeps a non-square kernel's output square.",
            title_zh='8×8 输入,k=(5, 3),填充 (2, 1)', story_zh='每个维度用不同的填充,非正方形卷积核的输出也能保持正方形。',
            reconstructed_zh='d2l 的 comp_conv2d 示例(笔记中是图片)',
            quote='填充不同的高度和宽度,padding=(2,1)', quote_en='Padding height and width differently, padding=(2,1)',
            quote_section='卷积层里的「填充」和「步幅」'),
    Example("note-001-stride-2", "8x8 input, k=3, padding 1, stride 2", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 3, 3)}, {"padding": 1, "stride": 2},
            printed_shape=(1, 1, 4, 4), dtype="float32", reconstructed="d2l's stride example (picture in the note)",
            story="Stride 2 halves the output: floor((8 + 2 - 3) / 2) + 1 = 4.",
            title_zh='8×8 输入,k=3,填充 1,步幅 2', story_zh='步幅 2 使输出减半:floor((8 + 2 - 3) / 2) + 1 = 4。',
            reconstructed_zh='d2l 的步幅示例(笔记中是图片)',
            quote='步幅是每次窗口核滑动的行/列步长,来成倍的减小输出形状。', quote_en='The stride is the row/column step the window slides each time; it shrinks the output shape by a factor.',
            quote_section='卷积层里的「填充」和「步幅」'),
    Example("note-001-stride-3-4", "8x8 input, k=(3, 5), padding (0, 1), stride (3, 4)", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 3, 5)}, {"padding": (0, 1), "stride": (3, 4)},
            printed_shape=(1, 1, 2, 2), dtype="float32", reconstructed="d2l's stride example (picture in the note)",
            story="Height: floor((8 - 3) / 3) + 1 = 2; width: floor((8 + 2 - 5) / 4) + 1 = 2.",
            title_zh='8×8 输入,k=(3, 5),填充 (0, 1),步幅 (3, 4)', story_zh='高:floor((8 - 3) / 3) + 1 = 2;宽:floor((8 + 2 - 5) / 4) + 1 = 2。',
            reconstructed_zh='d2l 的步幅示例(笔记中是图片)',
            quote='步幅:是指行/列的滑动步长', quote_en='Stride: the sliding step along rows/columns',
            quote_section='卷积层里的「填充」和「步幅」'),
    Example("note-001-multi-in", "Two input channels, one output channel", "001", "conv2d",
            {"input": [[D2L_X, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]],
             "weight": [[D2L_K, [[1, 2], [3, 4]]]]},
            printed=[[[[56, 72], [104, 120]]]], reconstructed="d2l's corr2d_multi_in example (picture in the note)",
            story="With several input channels, each channel is cross-correlated with its own slice of "
                  "the kernel and the results are summed.",
            title_zh='两个输入通道,一个输出通道', story_zh='有多个输入通道时,每个通道与卷积核中属于它的那一片做互相关,再把结果相加。',
            reconstructed_zh='d2l 的 corr2d_multi_in 示例(笔记中是图片)',
            quote='多输入通道互相关运算', quote_en='Cross-correlation with multiple input channels',
            quote_section='卷积层里的多输入多输出通道'),
    Example("note-001-multi-out", "Two input channels, three output channels", "001", "conv2d",
            {"input": [[D2L_X, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]],
             "weight": [[D2L_K, [[1, 2], [3, 4]]], [[[1, 2], [3, 4]], [[2, 3], [4, 5]]],
                        [[[2, 3], [4, 5]], [[3, 4], [5, 6]]]]},
            printed=[[[[56, 72], [104, 120]], [[76, 100], [148, 172]], [[96, 128], [192, 224]]]],
            reconstructed="d2l's corr2d_multi_in_out example, K stacked with K + 1 and K + 2 (picture in the note)",
            story="Each output channel has its own kernel over all input channels.",
            title_zh='两个输入通道,三个输出通道', story_zh='每个输出通道都有自己的卷积核,覆盖全部输入通道。',
            reconstructed_zh='d2l 的 corr2d_multi_in_out 示例,K 与 K + 1、K + 2 堆叠(笔记中是图片)',
            quote='多输出通道互相关运算', quote_en='Cross-correlation with multiple output channels',
            quote_section='卷积层里的多输入多输出通道'),
    Example("note-001-1x1", "1x1 convolution as a per-pixel matrix product", "001", "conv2d",
            {"input": [np.arange(27).reshape(3, 3, 3).tolist()], "weight": np.arange(6).reshape(2, 3, 1, 1).tolist()},
            printed=np.einsum("oc,chw->ohw", np.arange(6).reshape(2, 3), np.arange(27).reshape(3, 3, 3))[None].tolist(),
            reconstructed="d2l's corr2d_multi_in_out_1x1 check, with arange inputs instead of random ones; "
                          "the expected output is the matrix product W (2x3) @ X (3x9), reshaped",
            story="A 1x1 kernel sees one pixel at a time: it mixes channels only, like a fully connected "
                  "layer applied at every pixel.",
            title_zh='1×1 卷积:逐像素的矩阵乘法', story_zh='1×1 卷积核一次只看一个像素:它只融合通道,相当于在每个像素上用一个全连接层。',
            reconstructed_zh='d2l 的 corr2d_multi_in_out_1x1 检验,输入用 arange 代替随机数;期望输出是矩阵乘积 W (2×3) @ X (3×9) 再变形',
            quote='不会识别空间信息,只是融合通道。也可以看成是全连接层。', quote_en='It recognises no spatial information, it only fuses channels. It can also be seen as a fully connected layer.',
            quote_section='1*1 卷积层'),
    Example("note-001-max-pool", "Max pooling, 2x2 window, on a 3x3 input", "001", "max_pool2d",
            {"input": [[D2L_X]]}, {"kernel_size": 2, "stride": 1}, printed=[[[[4, 5], [7, 8]]]],
            dtype="float32", reconstructed="d2l's pool2d example (picture in the note)",
            story="Each output is the largest element under the window; there is no kernel to learn.",
            title_zh='最大池化,2×2 窗口,3×3 输入', story_zh='每个输出是窗口内的最大元素;池化层没有要学习的卷积核。',
            reconstructed_zh='d2l 的 pool2d 示例(笔记中是图片)',
            quote='Y[i, j] = X[i: i + p_h, j: j + p_w].max()', quote_section='池化层'),
    Example("note-001-avg-pool", "Average pooling, 2x2 window, on a 3x3 input", "001", "avg_pool2d",
            {"input": [[D2L_X]]}, {"kernel_size": 2, "stride": 1}, printed=[[[[2.0, 3.0], [5.0, 6.0]]]],
            dtype="float32", reconstructed="d2l's pool2d example (picture in the note)",
            story="Each output is the mean of the window.",
            title_zh='平均池化,2×2 窗口,3×3 输入', story_zh='每个输出是窗口内元素的平均值。',
            reconstructed_zh='d2l 的 pool2d 示例(笔记中是图片)',
            quote='Y[i, j] = X[i: i + p_h, j: j + p_w].mean()', quote_section='池化层'),
    Example("note-002-corr2d", "corr2d: the shaded output 19", "002", "conv2d",
            {"input": [[D2L_X]], "weight": [[D2L_K]]}, printed=[[[[19, 25], [37, 43]]]],
            reconstructed="the note's figure: 3x3 input 0..8, 2x2 kernel 0..3; 0*0 + 1*1 + 3*2 + 4*3 = 19",
            story="The top-left output is the window [[0, 1], [3, 4]] times the kernel [[0, 1], [2, 3]]: 19.",
            title_zh='corr2d:阴影输出 19', story_zh='左上角的输出是窗口 [[0, 1], [3, 4]] 与卷积核 [[0, 1], [2, 3]] 逐元素相乘再求和:19。',
            reconstructed_zh='笔记中的图:3×3 输入 0..8,2×2 卷积核 0..3;0*0 + 1*1 + 3*2 + 4*3 = 19',
            quote='Y[i, j] = (X[i:i + h, j:j + w] * K).sum()', quote_section=''),
    Example("note-003-maxpool-floor", "MaxPool2d(3), ceil_mode=False", "003", "max_pool2d",
            {"input": _nchw(NOTE_000_INPUT)}, {"kernel_size": 3, "ceil_mode": False}, printed=[[[[2.0]]]],
            dtype="float32", reconstructed="the tutorial the note follows pools note 000's 5x5 input",
            story="Stride defaults to the kernel size; in floor mode only the full window fits.",
            title_zh='MaxPool2d(3),ceil_mode=False', story_zh='步幅默认等于池化核大小;向下取整模式下只有完整的窗口才算。',
            reconstructed_zh='笔记所依据的教程用的是笔记 000 的 5×5 输入',
            quote='self.maxpool1 = MaxPool2d(kernel_size=3,ceil_mode=False)', quote_section='池化层'),
    Example("note-003-maxpool-ceil", "MaxPool2d(3), ceil_mode=True", "003", "max_pool2d",
            {"input": _nchw(NOTE_000_INPUT)}, {"kernel_size": 3, "ceil_mode": True},
            printed=[[[[2.0, 3.0], [5.0, 1.0]]]], dtype="float32",
            reconstructed="the tutorial the note follows pools note 000's 5x5 input",
            story="Ceil mode keeps the partial windows that start inside the input.",
            title_zh='MaxPool2d(3),ceil_mode=True', story_zh='向上取整模式保留从输入内部开始的不完整窗口。',
            reconstructed_zh='笔记所依据的教程用的是笔记 000 的 5×5 输入',
            quote='ceil_mode:如果等于True,计算输出信号大小的时候,会使用向上取整,代替默认的向下取整的操作', quote_en='ceil_mode: if True, the output size is computed by rounding up instead of the default rounding down',
            quote_section='MaxPool2d()函数'),
    Example("note-004-conv-square", "nn.Conv2d(16, 33, 3, stride=2)", "004", "conv2d",
            {"input": (20, 16, 50, 100), "weight": (33, 16, 3, 3)}, {"stride": 2},
            printed_shape=(20, 33, 24, 49), dtype="float32",
            reconstructed="the note builds the module but prints no shape; the shape is the formula's",
            story="Square kernel, equal stride.",
            title_zh='nn.Conv2d(16, 33, 3, stride=2)', story_zh='正方形卷积核,相同的步幅。',
            reconstructed_zh='笔记构造了模块但没有打印形状;形状由公式得出',
            quote='m = nn.Conv2d(16, 33, 3, stride=2)', quote_section='1. Demo'),
    Example("note-004-conv-nonsquare", "nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))", "004", "conv2d",
            {"input": (20, 16, 50, 100), "weight": (33, 16, 3, 5)}, {"stride": (2, 1), "padding": (4, 2)},
            printed_shape=(20, 33, 28, 100), dtype="float32",
            reconstructed="the note prints no shape; the shape is the formula's",
            story="Non-square kernel, unequal stride, padding.",
            title_zh='nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))', story_zh='非正方形卷积核,不同的步幅,加填充。',
            reconstructed_zh='笔记没有打印形状;形状由公式得出',
            quote='m = nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))', quote_section='1. Demo'),
    Example("note-004-conv-dilated", "... and dilation=(3, 1)", "004", "conv2d",
            {"input": (20, 16, 50, 100), "weight": (33, 16, 3, 5)},
            {"stride": (2, 1), "padding": (4, 2), "dilation": (3, 1)}, printed_shape=(20, 33, 26, 100),
            dtype="float32", reconstructed="the note prints no shape; the shape is the formula's",
            story="Dilation 3 spreads the 3 rows of the kernel over 7 input rows.",
            title_zh='…… 再加 dilation=(3, 1)', story_zh='空洞(dilation)3 把卷积核的 3 行分散到 7 行输入上。',
            reconstructed_zh='笔记没有打印形状;形状由公式得出',
            quote='m = nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))', quote_section='1. Demo'),
    Example("note-004-depthwise", "Grouped convolution on a 224x224 RGB image", "004", "conv2d",
            {"input": (1, 3, 224, 224), "weight": (6, 1, 7, 7)},
            {"stride": 2, "padding": 3, "groups": 3}, printed_shape=(1, 6, 112, 112), dtype="float32",
            reconstructed="the note prints the weight size [6, 1, 7, 7]; the image is random here",
            story="groups=3 on 3 channels with 6 outputs: a depthwise convolution with multiplier 2; each "
                  "input channel gets two 7x7 kernels of its own.",
            title_zh='224×224 RGB 图像上的分组卷积', story_zh='3 个通道、6 个输出、groups=3:乘数为 2 的深度卷积(depthwise convolution);每个输入通道有自己的两个 7×7 卷积核。',
            reconstructed_zh='笔记打印了权重尺寸 [6, 1, 7, 7];这里的图像是随机的',
            quote='conv = nn.Conv2d(in_channels=3, out_channels=6, kernel_size=7, stride=2, padding=3, groups=3, bias=False)', quote_section='2.1 groups 参数示例 demo'),
    Example("note-004-conv1d", "conv1d on 0..15 with kernel [0.1, 0.2, 0.3]", "004", "conv1d",
            {"input": [[list(range(16))]], "weight": [[[0.1, 0.2, 0.3]]]},
            printed=[[[0.8, 1.4, 2.0, 2.6, 3.2, 3.8, 4.4, 5.0, 5.6, 6.2, 6.8, 7.4, 8.0, 8.6]]],
            printed_digits=4, dtype="float32",
            story="x.view(1, 1, 16) is a batch of one, one channel, 16 values; the kernel is 3 wide. "
                  "0*0.1 + 1*0.2 + 2*0.3 = 0.8, then 1*0.1 + 2*0.2 + 3*0.3 = 1.4, ... : 16 - 3 + 1 = 14 outputs.",
            title_zh='0..15 上的 conv1d,卷积核 [0.1, 0.2, 0.3]',
            story_zh='x.view(1, 1, 16) 是一个样本、一个通道、16 个值;卷积核宽 3。'
                     '0*0.1 + 1*0.2 + 2*0.3 = 0.8,然后 1*0.1 + 2*0.2 + 3*0.3 = 1.4,……:16 - 3 + 1 = 14 个输出。',
            quote='0x0.1+1x0.2+2x0.3=0.8', quote_section='3.1 以 conv1d 举例说明卷积过程的计算'),
]

# Networks traced layer by layer (notes 001 and 003): (kind, arguments) per layer.
LENET = ("LeNet (note 001)", [
    ("conv2d", dict(in_channels=1, out_channels=6, kernel_size=5, padding=2)), ("sigmoid", {}),
    ("avg_pool2d", dict(kernel_size=2, stride=2)),
    ("conv2d", dict(in_channels=6, out_channels=16, kernel_size=5)), ("sigmoid", {}),
    ("avg_pool2d", dict(kernel_size=2, stride=2)),
    ("flatten", {}), ("linear", dict(in_features=16 * 5 * 5, out_features=120)), ("sigmoid", {}),
    ("linear", dict(in_features=120, out_features=84)), ("sigmoid", {}),
    ("linear", dict(in_features=84, out_features=10))])
CIFAR10 = ("CIFAR-10 model (note 003)", [
    ("conv2d", dict(in_channels=3, out_channels=32, kernel_size=5, padding=2)), ("max_pool2d", dict(kernel_size=2)),
    ("conv2d", dict(in_channels=32, out_channels=32, kernel_size=5, padding=2)), ("max_pool2d", dict(kernel_size=2)),
    ("conv2d", dict(in_channels=32, out_channels=64, kernel_size=5, padding=2)), ("max_pool2d", dict(kernel_size=2)),
    ("flatten", {}), ("linear", dict(in_features=1024, out_features=64)),
    ("linear", dict(in_features=64, out_features=10))])
NETWORKS = [LENET, CIFAR10]


def example(slug: str) -> Example:
    return next(e for e in EXAMPLES if e.slug == slug)
