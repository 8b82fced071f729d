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

NOTES = {
    "000": "Conv2d: parameters, the 5x5 worked example, the CIFAR-10 Conv2d and the output-size formula",
    "001": "Li Mu, Dive into Deep Learning, videos 19-23: padding, stride, channels, pooling, LeNet",
    "002": "Image convolution in PyTorch: corr2d, the convolution layer, feature maps and receptive fields",
    "003": "Convolution, pooling and a small CIFAR-10 network with nn.Sequential",
    "004": "nn.Conv2d notes: the three constructions, groups and depthwise convolution, conv1d",
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
    operator: str  # "conv2d", "max_pool2d" or "avg_pool2d"
    inputs: dict  # name -> (nested list, or a shape for a random input) as the call takes it
    params: dict = field(default_factory=dict)
    printed: object = None  # the output values the note prints
    printed_shape: tuple | None = None  # the output shape the note prints
    printed_digits: int | None = None  # floats printed to this many decimals
    dtype: str = "int64"
    reconstructed: str | None = None
    story: str = ""

    def arrays(self) -> dict:
        """The example's arrays: literal values, or seeded random ones where only shapes matter."""
        rng = np.random.default_rng(0)
        result = {}
        for name, value in self.inputs.items():
            if isinstance(value, tuple):
                result[name] = rng.standard_normal(value).astype(np.float32)
            else:
                result[name] = np.array(value, dtype=self.dtype)
        return result


def _nchw(matrix):
    return [[matrix]]


EXAMPLES = [
    Example("note-000-stride-1", "5x5 input, 3x3 kernel, stride 1", "000", "conv2d",
            {"input": _nchw(NOTE_000_INPUT), "weight": _nchw(NOTE_000_KERNEL)}, {"stride": 1},
            printed=[[[[10, 12, 12], [18, 16, 16], [13, 9, 3]]]],
            story="The kernel slides over the input from the top-left corner; each output is the sum "
                  "of the element-wise products under the window (cross-correlation: no flip)."),
    Example("note-000-stride-2", "5x5 input, 3x3 kernel, stride 2", "000", "conv2d",
            {"input": _nchw(NOTE_000_INPUT), "weight": _nchw(NOTE_000_KERNEL)}, {"stride": 2},
            printed=[[[[10, 12], [13, 3]]]],
            story="With stride 2 the window jumps two elements at a time: every other output of stride 1."),
    Example("note-000-padding-1", "5x5 input, 3x3 kernel, padding 1", "000", "conv2d",
            {"input": _nchw(NOTE_000_INPUT), "weight": _nchw(NOTE_000_KERNEL)}, {"stride": 1, "padding": 1},
            printed=[[[[1, 3, 4, 10, 8], [5, 10, 12, 12, 6], [7, 18, 16, 16, 8], [11, 13, 9, 3, 4],
                       [14, 13, 9, 7, 4]]]],
            story="Padding 1 surrounds the input with a ring of zeros; the window still starts at the "
                  "top-left corner, now of the padded input, and the output keeps the input's 5x5 size."),
    Example("note-000-cifar10-conv", "CIFAR-10 batch through Conv2d(3, 6, 3)", "000", "conv2d",
            {"input": (64, 3, 32, 32), "weight": (6, 3, 3, 3), "bias": (6,)}, {"stride": 1, "padding": 0},
            printed_shape=(64, 6, 30, 30), dtype="float32",
            story="A 3x3 kernel without padding loses one pixel on each side: 32 -> 30. Each of the 6 "
                  "output channels has its own 3x3x3 kernel spanning all three input channels."),
    Example("note-001-padding-1", "8x8 input, k=3, padding 1", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 3, 3)}, {"padding": 1}, printed_shape=(1, 1, 8, 8),
            dtype="float32", reconstructed="d2l's comp_conv2d example (the note shows its printout as a picture)",
            story="Padding 1 on both sides of a 3x3 kernel keeps the size: 8 + 2 - 3 + 1 = 8."),
    Example("note-001-padding-5x3", "8x8 input, k=(5, 3), padding (2, 1)", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 5, 3)}, {"padding": (2, 1)}, printed_shape=(1, 1, 8, 8),
            dtype="float32", reconstructed="d2l's comp_conv2d example (picture in the note)",
            story="Different padding per dimension keeps a non-square kernel's output square."),
    Example("note-001-stride-2", "8x8 input, k=3, padding 1, stride 2", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 3, 3)}, {"padding": 1, "stride": 2},
            printed_shape=(1, 1, 4, 4), dtype="float32", reconstructed="d2l's stride example (picture in the note)",
            story="Stride 2 halves the output: floor((8 + 2 - 3) / 2) + 1 = 4."),
    Example("note-001-stride-3-4", "8x8 input, k=(3, 5), padding (0, 1), stride (3, 4)", "001", "conv2d",
            {"input": (1, 1, 8, 8), "weight": (1, 1, 3, 5)}, {"padding": (0, 1), "stride": (3, 4)},
            printed_shape=(1, 1, 2, 2), dtype="float32", reconstructed="d2l's stride example (picture in the note)",
            story="Height: floor((8 - 3) / 3) + 1 = 2; width: floor((8 + 2 - 5) / 4) + 1 = 2."),
    Example("note-001-multi-in", "Two input channels, one output channel", "001", "conv2d",
            {"input": [[D2L_X, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]],
             "weight": [[D2L_K, [[1, 2], [3, 4]]]]},
            printed=[[[[56, 72], [104, 120]]]], reconstructed="d2l's corr2d_multi_in example (picture in the note)",
            story="With several input channels, each channel is cross-correlated with its own slice of "
                  "the kernel and the results are summed."),
    Example("note-001-multi-out", "Two input channels, three output channels", "001", "conv2d",
            {"input": [[D2L_X, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]],
             "weight": [[D2L_K, [[1, 2], [3, 4]]], [[[1, 2], [3, 4]], [[2, 3], [4, 5]]],
                        [[[2, 3], [4, 5]], [[3, 4], [5, 6]]]]},
            printed=[[[[56, 72], [104, 120]], [[76, 100], [148, 172]], [[96, 128], [192, 224]]]],
            reconstructed="d2l's corr2d_multi_in_out example, K stacked with K + 1 and K + 2 (picture in the note)",
            story="Each output channel has its own kernel over all input channels."),
    Example("note-001-1x1", "1x1 convolution as a per-pixel matrix product", "001", "conv2d",
            {"input": [np.arange(27).reshape(3, 3, 3).tolist()], "weight": np.arange(6).reshape(2, 3, 1, 1).tolist()},
            printed=np.einsum("oc,chw->ohw", np.arange(6).reshape(2, 3), np.arange(27).reshape(3, 3, 3))[None].tolist(),
            reconstructed="d2l's corr2d_multi_in_out_1x1 check, with arange inputs instead of random ones; "
                          "the expected output is the matrix product W (2x3) @ X (3x9), reshaped",
            story="A 1x1 kernel sees one pixel at a time: it mixes channels only, like a fully connected "
                  "layer applied at every pixel."),
    Example("note-001-max-pool", "Max pooling, 2x2 window, on a 3x3 input", "001", "max_pool2d",
            {"input": [[D2L_X]]}, {"kernel_size": 2, "stride": 1}, printed=[[[[4, 5], [7, 8]]]],
            dtype="float32", reconstructed="d2l's pool2d example (picture in the note)",
            story="Each output is the largest element under the window; there is no kernel to learn."),
    Example("note-001-avg-pool", "Average pooling, 2x2 window, on a 3x3 input", "001", "avg_pool2d",
            {"input": [[D2L_X]]}, {"kernel_size": 2, "stride": 1}, printed=[[[[2.0, 3.0], [5.0, 6.0]]]],
            dtype="float32", reconstructed="d2l's pool2d example (picture in the note)",
            story="Each output is the mean of the window."),
    Example("note-002-corr2d", "corr2d: the shaded output 19", "002", "conv2d",
            {"input": [[D2L_X]], "weight": [[D2L_K]]}, printed=[[[[19, 25], [37, 43]]]],
            reconstructed="the note's figure: 3x3 input 0..8, 2x2 kernel 0..3; 0*0 + 1*1 + 3*2 + 4*3 = 19",
            story="The top-left output is the window [[0, 1], [3, 4]] times the kernel [[0, 1], [2, 3]]: 19."),
    Example("note-003-maxpool-floor", "MaxPool2d(3), ceil_mode=False", "003", "max_pool2d",
            {"input": _nchw(NOTE_000_INPUT)}, {"kernel_size": 3, "ceil_mode": False}, printed=[[[[2.0]]]],
            dtype="float32", reconstructed="the tutorial the note follows pools note 000's 5x5 input",
            story="Stride defaults to the kernel size; in floor mode only the full window fits."),
    Example("note-003-maxpool-ceil", "MaxPool2d(3), ceil_mode=True", "003", "max_pool2d",
            {"input": _nchw(NOTE_000_INPUT)}, {"kernel_size": 3, "ceil_mode": True},
            printed=[[[[2.0, 3.0], [5.0, 1.0]]]], dtype="float32",
            reconstructed="the tutorial the note follows pools note 000's 5x5 input",
            story="Ceil mode keeps the partial windows that start inside the input."),
    Example("note-004-conv-square", "nn.Conv2d(16, 33, 3, stride=2)", "004", "conv2d",
            {"input": (20, 16, 50, 100), "weight": (33, 16, 3, 3)}, {"stride": 2},
            printed_shape=(20, 33, 24, 49), dtype="float32",
            reconstructed="the note builds the module but prints no shape; the shape is the formula's",
            story="Square kernel, equal stride."),
    Example("note-004-conv-nonsquare", "nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))", "004", "conv2d",
            {"input": (20, 16, 50, 100), "weight": (33, 16, 3, 5)}, {"stride": (2, 1), "padding": (4, 2)},
            printed_shape=(20, 33, 28, 100), dtype="float32",
            reconstructed="the note prints no shape; the shape is the formula's",
            story="Non-square kernel, unequal stride, padding."),
    Example("note-004-conv-dilated", "... and dilation=(3, 1)", "004", "conv2d",
            {"input": (20, 16, 50, 100), "weight": (33, 16, 3, 5)},
            {"stride": (2, 1), "padding": (4, 2), "dilation": (3, 1)}, printed_shape=(20, 33, 26, 100),
            dtype="float32", reconstructed="the note prints no shape; the shape is the formula's",
            story="Dilation 3 spreads the 3 rows of the kernel over 7 input rows."),
    Example("note-004-depthwise", "Grouped convolution on a 224x224 RGB image", "004", "conv2d",
            {"input": (1, 3, 224, 224), "weight": (6, 1, 7, 7)},
            {"stride": 2, "padding": 3, "groups": 3}, printed_shape=(1, 6, 112, 112), dtype="float32",
            reconstructed="the note prints the weight size [6, 1, 7, 7]; the image is random here",
            story="groups=3 on 3 channels with 6 outputs: a depthwise convolution with multiplier 2; each "
                  "input channel gets two 7x7 kernels of its own."),
    Example("note-004-conv1d", "conv1d on 0..15 with kernel [0.1, 0.2, 0.3]", "004", "conv2d",
            {"input": [[[list(range(16))]]], "weight": [[[[0.1, 0.2, 0.3]]]]},
            printed=[[[[0.8, 1.4, 2.0, 2.6, 3.2, 3.8, 4.4, 5.0, 5.6, 6.2, 6.8, 7.4, 8.0, 8.6]]]],
            printed_digits=4, dtype="float32",
            reconstructed="conv1d is conv2d over a height of 1, as the note says: the 16 values are one "
                          "row, the kernel a 1x3 window",
            story="0*0.1 + 1*0.2 + 2*0.3 = 0.8, then 1*0.1 + 2*0.2 + 3*0.3 = 1.4, ... : 16 - 3 + 1 = 14 outputs."),
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
