"""torch 2.13's error messages, per validity rule: what a call that breaks the rule makes torch say.

This is spec data about torch, read by the site's "explain my error" page: paste a message, get the
rule. The patterns are regular expressions in the syntax Python and JavaScript share, read line by line (``$`` ends a line). torch words
some messages the same for two rules (the padded-size check fires for an empty input and for a
kernel too large alike); such a pattern is listed under both, and the second reading is marked
``also``: the page shows it as "also possible". tests/test_messages.py draws calls that break each
rule, runs them through torch, and checks that its message is recognised as that rule.

Nothing here imports torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dtypes

# numpy-style dtype name -> torch's scalar type name, as its messages spell it.
TORCH_TYPE_NAMES = {
    "float16": "Half", "bfloat16": "BFloat16", "float32": "Float", "float64": "Double",
    "complex64": "ComplexFloat", "complex128": "ComplexDouble", "int8": "Char", "int16": "Short",
    "int32": "Int", "int64": "Long", "uint8": "Byte", "bool": "Bool", "uint16": "UInt16",
    "uint32": "UInt32", "uint64": "UInt64",
}


def _type_names(names) -> str:
    return "(" + "|".join(TORCH_TYPE_NAMES[name] for name in names) + ")"


_NOT_CONV2D = _type_names(n for n in TORCH_TYPE_NAMES if n not in dtypes.CONV2D)
_NOT_DILATED = _type_names(n for n in dtypes.CONV2D if n not in dtypes.CONV2D_DILATED)
_NEGATIVE_OR_ZERO = r"(0|-\d+)"
_POSITIVE = r"[1-9]\d*"
# What torch says after computing padding='same' as a negative d(k - 1) / 2, by padding mode.
_SAME_NEGATIVE_PADDING = (r"negative padding is not supported|numel: integer multiplication overflow|"
                          r"Trying to create tensor with negative dimension|"
                          r"Negative padding value is resulting in an empty dimension")


@dataclass(frozen=True)
class Pattern:
    rule: str
    regex: str
    also: bool = False  # a second reading of a message another rule's pattern also matches

    def matches(self, message: str) -> bool:
        return re.search(self.regex, message, re.MULTILINE) is not None


CONV2D = [
    Pattern("input_rank", r"Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d"),
    # A padding_mode other than 'zeros' goes through F.pad first, which counts the input's dims:
    # a 2-D padding (4 numbers) on a 2-D or 5-D input.
    Pattern("input_rank", r"Padding size 4 is not supported for [125]D input tensor"),
    Pattern("weight_rank", r"expected (stride|padding|dilation) to be a single integer value or a list of "
                           r"([013-9]|\d\d+) values to match the convolution dimensions"),
    Pattern("weight_rank", r"Padding size (2|6|8) is not supported for 3D input tensor"),
    Pattern("weight_rank", r"weight should have at least three dimensions"),
    Pattern("weight_rank", r"Expected \d+-dimensional input for ([0-35-9]|\d\d+)-dimensional weight"),
    Pattern("input_rank", r"Expected 4-dimensional input for 4-dimensional weight"),
    # A 3-D weight makes nn.Conv2d pad one dimension: F.pad gets 2 numbers for the 4-D input.
    Pattern("weight_rank", r"Padding size 2 is not supported for 4D input tensor", also=True),
    Pattern("parameter_form", r"expected (stride|padding|dilation) to be a single integer value or a list of 2 "
                              r"values to match the convolution dimensions"),
    Pattern("parameter_form", r"argument '\w+' (\(position \d+\) )?(failed to unpack|must be tuple of ints)"),
    Pattern("parameter_form", r"conv2d\(\) received an invalid combination of arguments"),
    Pattern("parameter_form", r"(stride|padding|dilation) cannot broadcast to \d+ dimensions"),
    Pattern("parameter_form", r"Padding size \d*[13579] is not supported|Padding length must be divisible by 2"),
    Pattern("padding_string", r"Invalid padding string '.*', should be one of"),
    Pattern("padding_mode", r"padding_mode must be one of .*but got padding_mode="),
    Pattern("positive_stride", r"non-positive stride is not supported"),
    Pattern("positive_dilation", r"dilation should be greater than zero|non-positive dilation is not supported"),
    Pattern("non_negative_padding", r"negative padding is not supported"),
    Pattern("positive_groups", r"groups must be a positive integer|non-positive groups is not supported"),
    Pattern("same_padding_needs_unit_stride", r"padding='same' is not supported for strided convolutions"),
    Pattern("positive_out_channels", r"expected weight to be at least \d+ at dimension 0, but got weight of size \[0,"),
    Pattern("out_channels_divisible_by_groups", r"out_channels must be divisible by groups|expected weight to be "
                                                r"divisible by \d+ at dimension 0"),
    Pattern("in_channels_match", r"expected input\[.*\] to have \d+ channels, but got \d+ channels instead"),
    Pattern("positive_kernel", r"kernel size should be greater than zero"),
    # padding='same' with an empty kernel or a negative dilation: torch computes a negative padding
    # d(k - 1) / 2 first, and what breaks next depends on the padding mode and the sizes.
    Pattern("positive_kernel", _SAME_NEGATIVE_PADDING, also=True),
    Pattern("positive_dilation", _SAME_NEGATIVE_PADDING + r"|Padding size should be less than the corresponding "
                                 r"input dimension|Padding value causes wrapping around more than once", also=True),
    # oneDNN refuses an empty kernel before torch's own check reaches it.
    Pattern("positive_kernel", r"could not create a primitive descriptor for the convolution forward propagation"),
    Pattern("bias_shape", r"expected bias to be 1-dimensional with \d+ elements"),
    Pattern("matching_dtypes", r"Input type \(.*\) and (weight|bias) type \(.*\) should be the same"),
    Pattern("matching_dtypes", r"expected scalar type \w+ but found \w+"),
    Pattern("supported_dtype", r"\"\w+(<>)?\" not implemented for '" + _NOT_CONV2D + "'"),
    Pattern("padding_pair_with_padding_mode", r"Padding size 2 is not supported for 4D input tensor"),
    Pattern("non_empty_spatial", r"Only zero batch or zero channel inputs are supported"),
    # torch checks the input's size before the kernel's: a call breaking both reads as the former.
    Pattern("positive_kernel", r"Only zero batch or zero channel inputs are supported", also=True),
    Pattern("non_empty_spatial", r"tensor with possibly 0 batch size and other non-zero dimensions for input"),
    Pattern("non_empty_spatial", r"Calculated padded input size per channel: \((0 x \d+|\d+ x 0)\)"),
    Pattern("non_empty_spatial", r"Calculated padded input size per channel: \(\d+ x \d+\)\. Kernel size: .*"
                                 r"Kernel size can't be greater than actual input size", also=True),
    # An empty dimension with padding_mode 'reflect' or 'circular' fails in F.pad first.
    Pattern("non_empty_spatial", r"Padding size should be less than the corresponding input dimension|"
                                 r"Padding value causes wrapping around more than once", also=True),
    Pattern("reflect_padding_limit", r"Padding size should be less than the corresponding input dimension"),
    Pattern("circular_padding_limit", r"Padding value causes wrapping around more than once"),
    Pattern("kernel_fits", r"Calculated padded input size per channel: \(\d+ x \d+\)\. Kernel size: .*"
                           r"Kernel size can't be greater than actual input size"),
    Pattern("dilation_dtype", r"\"slow_conv_dilated<>\" not implemented for '" + _NOT_DILATED + "'"),
]

POOL2D = [
    Pattern("input_rank", r"non-empty 3D or 4D \(batch mode\) tensor expected for input"),
    Pattern("input_rank", r"Expected 3D or 4D \(batch mode\) tensor with optional 0 dim batch size for input, but "
                          r"got: ?\[(\d+(, )?){0,2}\]"),
    Pattern("input_rank", r"Expected 3D or 4D \(batch mode\) tensor with optional 0 dim batch size for input, but "
                          r"got: ?\[(\d+, ){4,}\d+\]"),
    Pattern("input_rank", r"Dimension out of range \(expected to be in range of \[-?\d+, \d+\], but got -3\)"),
    Pattern("parameter_form", r"(max|avg)_pool2d: (kernel_size|stride|padding|dilation) must (be )?either"),
    Pattern("parameter_form", r"(max_pool2d|max_pool2d_with_indices|avg_pool2d)\(\): argument '\w+' "
                              r"\(position \d+\) must be"),
    Pattern("parameter_form", r"(max_pool2d|max_pool2d_with_indices|avg_pool2d)\(\) received an invalid "
                              r"combination of arguments"),
    Pattern("parameter_form", r"(kernel_size|stride|padding|dilation) cannot broadcast to \d+ dimensions"),
    Pattern("non_zero_divisor", r"divisor must be not zero"),
    Pattern("positive_kernel", r"kernel size should be greater than zero"),
    Pattern("positive_kernel", r"pad should be at most half of effective kernel size, but got pad=\d+, "
                               r"kernel_size=" + _NEGATIVE_OR_ZERO + " and"),
    Pattern("positive_stride", r"stride should not be zero|stride should be greater than zero"),
    Pattern("positive_dilation", r"dilation should be greater than zero"),
    Pattern("positive_dilation", r"pad should be at most half of effective kernel size, but got pad=\d+, "
                                 r"kernel_size=" + _POSITIVE + " and dilation=" + _NEGATIVE_OR_ZERO + "$"),
    Pattern("non_negative_padding", r"pad must be non-negative"),
    Pattern("padding_at_most_half_kernel", r"pad should be smaller than or equal to half of kernel size"),
    Pattern("padding_at_most_half_kernel", r"pad should be at most half of effective kernel size, but got pad=\d+, "
                                           r"kernel_size=" + _POSITIVE + " and dilation=" + _POSITIVE),
    Pattern("non_empty_input", r"Expected 3D or 4D \(batch mode\) tensor with optional 0 dim batch size for input, "
                               r"but got: ?\[(\d+, ){2,3}\d+\]"),
    Pattern("output_not_empty", r"Calculated output size: .*Output size is too small"),
    Pattern("supported_dtype", r"\"(max|avg)_pool2d\w*\" not implemented for '\w+'"),
]

MESSAGES = {"conv2d": CONV2D, "pool2d": POOL2D}
FAMILY = {"conv2d": "conv2d", "max_pool2d": "pool2d", "avg_pool2d": "pool2d"}


def recognise(message: str) -> list[tuple[str, str, bool]]:
    """(family, rule, also) for every pattern ``message`` matches: first readings, then second."""
    found = [(family, p.rule, p.also) for family, patterns in MESSAGES.items() for p in patterns
             if p.matches(message)]
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda match: match[2])
