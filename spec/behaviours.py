"""torch behaviours that surprise, each stated as a sentence and pinned by a test.

Every entry is pinned by a test named ``test_pinned_<name>`` (a meta-test checks that each has
one). Divergences where the reference rejects what torch accepts are stated on the validity rules
themselves (``Rule.torch``) and pinned the same way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Behaviour:
    name: str
    operator: str
    sentence: str


BEHAVIOURS = [
    Behaviour("integer_overflow_wraps", "conv2d",
              "Integer convolutions wrap around on overflow (two's complement, modulo 2^bits of the "
              "dtype); they neither saturate nor widen the result."),
    Behaviour("same_padding_extra_at_end", "conv2d",
              "padding='same' with an odd total padding d(k - 1) puts the extra row at the bottom and "
              "the extra column at the right, for every padding_mode."),
    Behaviour("empty_batch_skips_checks", "conv2d",
              "With an empty batch (N = 0) torch returns an empty result without checking some rules: "
              "a dilated int8, int16, int32 or uint8 convolution, a dilation of 0 and a weight of "
              "another dtype all pass. The reference checks every rule whatever N is, so the "
              "error-parity tests draw invalid calls with a non-empty batch."),
    Behaviour("half_precision_accumulates_in_float32", "conv2d",
              "float16 convolutions on CPU accumulate in float32 and round once to float16, so a "
              "float16 result can be more accurate than float16 arithmetic would give."),
    Behaviour("one_entry_sequence_repeats", "conv2d",
              "A one-entry stride, padding or dilation sequence, such as stride=(2,), is repeated for "
              "both dimensions, as an int is."),
    Behaviour("complex_weight_not_conjugated", "conv2d",
              "A complex convolution multiplies by the weight as it is, without conjugating it."),
    Behaviour("float16_dilated_strided_padding_only_conv_crashes", "conv2d",
              "On a CPU with AVX512-FP16, a float16 convolution whose width is strided and dilated "
              "(both > 1) and whose every output column reads only zero padding kills the process "
              "with SIGSEGV (oneDNN's brg_conv_fwd kernel), for F.conv2d, nn.Conv2d, conv1d and "
              "conv3d alike, whenever there are two or more output rows in all; bfloat16, float32, "
              "float64 and complex do not crash. spec.crashes.torch_crashes states the extent (a "
              "superset), and the strategies never draw such a call."),
    Behaviour("max_padding_is_negative_infinity", "max_pool2d",
              "max_pool2d never reads its padding: it acts as -inf, not as zero."),
    Behaviour("max_nan_wins_with_last_nan_index", "max_pool2d",
              "A window holding NaN gives NaN, with the index of its last NaN in row-major order."),
    Behaviour("max_ties_go_to_first_in_row_major_order", "max_pool2d",
              "Of equal maxima, the first in row-major order gives the index."),
    Behaviour("max_window_of_padding_only", "max_pool2d",
              "With dilation a window's taps can all fall in the padding; torch then gives the dtype's "
              "lowest value (-inf, or the integer minimum) and an index that may lie outside the plane "
              "(torch issue #114216). The reference does the same."),
    Behaviour("max_padding_limit_ignores_dilation", "max_pool2d",
              "padding must be at most kernel_size // 2 even when dilation makes the window wider; the "
              "error message speaks of the effective kernel size, the check uses the kernel size."),
    Behaviour("ceil_mode_drops_window_starting_in_padding", "max_pool2d",
              "In ceil mode the last window is dropped if it would start in the right padding, i.e. "
              "if (n_out - 1) * stride >= n + padding, even with no padding at all."),
    Behaviour("avg_divisor_counts_padding_only_up_to_the_padded_edge", "avg_pool2d",
              "With count_include_pad the divisor counts the window's taps inside the padded input: "
              "the part of a ceil-mode window beyond the padding is not counted."),
    Behaviour("avg_divisor_override_any_non_zero_int", "avg_pool2d",
              "divisor_override may be any non-zero int, negative or larger than the window, and "
              "replaces the divisor of every window."),
    Behaviour("avg_integer_division_truncates_toward_zero", "avg_pool2d",
              "int64 average pooling divides truncating toward zero (-7 / 2 = -3), not flooring; "
              "int64 is the only integer dtype it accepts."),
    Behaviour("avg_half_precision_sums_in_float32", "avg_pool2d",
              "float16 average pooling sums in float32 and rounds once."),
]
