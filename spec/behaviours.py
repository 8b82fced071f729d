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
    Behaviour("max_pool1d_integers_only_with_indices", "max_pool1d",
              "max_pool1d takes integer dtypes only with return_indices=True: without it torch runs its "
              "own max_pool1d_impl, which has floating kernels only; with it, max_pool2d's kernel, which "
              "has them all. max_pool2d and max_pool3d take integers either way."),
    Behaviour("avg_pool3d_has_no_half_precision", "avg_pool3d",
              "avg_pool3d has no float16 or bfloat16 CPU kernel (float32, float64 and int64 only), "
              "though avg_pool1d and avg_pool2d take both."),
    Behaviour("conv_transpose_output_size_overrides_output_padding", "conv_transpose2d",
              "Given output_size, nn.ConvTranspose1d/2d/3d ignore the output_padding they were built "
              "with: the output_padding used is output_size minus the size with output_padding 0."),
    Behaviour("conv_transpose_output_size_leading_entries_ignored", "conv_transpose2d",
              "An output_size with the batch and channel entries too, (N, C_out, H_out, W_out), is "
              "accepted whatever those leading entries are: only the spatial ones are read."),
    Behaviour("conv_transpose_output_size_range_ignores_dilation", "conv_transpose2d",
              "output_size may ask for output_padding up to stride - 1 only, though the output_padding "
              "argument may go up to max(stride, dilation) - 1: with stride 1 and dilation 3, "
              "output_padding=2 is accepted and the same size asked through output_size is refused."),
    Behaviour("conv_transpose_empty_batch_skips_checks", "conv_transpose2d",
              "With an empty batch (N = 0) the transposed convolutions, like conv2d, return an empty "
              "result without checking some rules: an int8 input, a weight of another dtype and an "
              "output_padding not smaller than stride or dilation all pass. The reference checks every "
              "rule whatever N is, so the error-parity tests draw invalid calls with a non-empty batch."),
    Behaviour("avg_pool3d_input_at_least_kernel", "avg_pool3d",
              "avg_pool3d rejects an input smaller than the kernel along any dimension, before padding, "
              "even where the padding makes the window fit; avg_pool1d, avg_pool2d and max_pool3d accept "
              "such a call (the avg_pool3d_input_at_least_kernel rule)."),
    Behaviour("conv_transpose_half_precision_rounds_more_than_once", "conv_transpose2d",
              "float16 and bfloat16 transposed convolutions go to oneDNN on CPU, which may round to the "
              "output dtype more than once (with an output_padding, for example, the kernel-weighted sum "
              "is rounded before the bias is added), unlike conv2d's float32 accumulation; the tolerance "
              "model holds them to arithmetic in the output dtype."),
    Behaviour("conv_transpose_half_precision_skips_dilation_check", "conv_transpose2d",
              "oneDNN, which computes the float16 and bfloat16 transposed convolutions and the grouped "
              "float32 and complex64 ones, does not check the dilation: in 1-D and 2-D, dilation=0 with "
              "a kernel of size 1 goes through where the other calls raise (the positive_dilation rule). "
              "oneDNN takes float16 only on a CPU with float16 arithmetic (AVX512-FP16 or AMX-FP16); on "
              "others (AVX2, for one) torch's own kernel computes float16 and raises."),
    Behaviour("max_pool_backward_window_of_padding_only", "max_pool2d",
              "The backward of a max-pooling window of padding only (possible with dilation) writes the "
              "window's gradient at its index, which names no element of the window: another element of "
              "the plane (so a gradient reaches an input the output never read), or a position past the "
              "plane's end, where torch 2.13 writes out of bounds (a double free aborted the process in "
              "our runs). The reference sends such a window's gradient nowhere, as its output is constant; "
              "the suite never hands torch a backward call with such a window."),
    Behaviour("pool_backward_half_precision_sums_in_half", "max_pool2d",
              "float16 max- and average-pooling backward add the gradients reaching one input element in "
              "float16, rounding after each addition (unlike the forwards' float32 sums): 1 + 2^-11 + 2^-11 "
              "gives 1, not 1 + 2^-10. The tolerance model holds every gradient to arithmetic in its own "
              "dtype."),
    Behaviour("conv_transpose_half_precision_backward_crashes", "conv_transpose2d",
              "The backward of a float16 transposed convolution (oneDNN) can crash the process "
              "(segmentation fault) when, along some dimension, the kernel has size 1, the dilation is "
              "above 1 and there is padding: conv_transpose2d of a (1, 1, 2, 2) input with a 1x1 kernel, "
              "stride (1, 2), padding (0, 1), dilation 2, on a CPU where oneDNN takes float16 (AVX512-FP16 "
              "or AMX-FP16; on an AVX2 CPU torch's own kernel runs it without a crash). The float32 call "
              "and the forward are fine; the suite never hands torch such a backward call."),
    Behaviour("adaptive_max_nan_gives_last_nan_index", "adaptive_max_pool2d",
              "Adaptive max pooling, in every rank, gives NaN for a window holding NaN, with the index of "
              "its last NaN in row-major order (torch scans from -inf and lets a NaN replace the maximum)."),
    Behaviour("adaptive_output_size_zero_gives_empty_output", "adaptive_avg_pool2d",
              "output_size=0 is accepted by every adaptive pool and gives an empty output; only a "
              "negative size raises."),
    Behaviour("adaptive_avg_accepts_zero_channels", "adaptive_avg_pool2d",
              "adaptive_avg_pool1d and adaptive_avg_pool2d accept a batched input with C = 0, while "
              "adaptive max pooling and adaptive_avg_pool3d reject it; every adaptive pool accepts an "
              "unbatched input with C = 0 (the non_empty_channels rule)."),
    Behaviour("adaptive_output_size_takes_bool_entries", "adaptive_avg_pool2d",
              "A bool inside output_size is read as an int, (3, True) as (3, 1), though output_size=True "
              "itself raises; the reference rejects both (the parameter_form rule)."),
    Behaviour("adaptive_avg_pool3d_half_precision_sums_in_half", "adaptive_avg_pool3d",
              "adaptive_avg_pool3d sums float16 and bfloat16 windows in float16 (bfloat16) and divides by "
              "the window's depth, height and width one at a time, unlike adaptive_avg_pool1d/2d, which "
              "sum in float32; an output_size of all ones is the exception (torch takes the mean then, "
              "in float32)."),
    Behaviour("adaptive_avg_global_is_mean", "adaptive_avg_pool2d",
              "An adaptive average to output size 1 in every dimension is computed as a mean over the "
              "spatial dimensions, which skips the adaptive kernel's checks: an empty input gives NaN, a "
              "batched C = 0 passes in 3-D too, and complex dtypes are accepted. The reference keeps the "
              "rules (non_empty_input, non_empty_channels, supported_dtype) for every output size."),
    Behaviour("max_unpool_duplicate_indices_race", "max_unpool2d",
              "Where several input elements carry the same index, torch writes them from several threads: "
              "with one thread the last in row-major order stays, with more any of them may (it varies from "
              "run to run). Overlapping max-pooling windows give such indices. The reference keeps the last; "
              "the tests accept any of the candidates there and exact values everywhere else."),
    Behaviour("max_unpool_zero_kernel_or_stride_accepted", "max_unpool2d",
              "max_unpool1d and max_unpool2d accept kernel_size=0 and stride=0 (or negative): the output "
              "size is the formula's (n - 1) s - 2p + k whatever it gives, and only the index check can "
              "object; max_unpool3d checks the stride (the positive_kernel and positive_stride rules)."),
    Behaviour("max_unpool_negative_padding_enlarges", "max_unpool2d",
              "A negative padding is accepted by every max_unpool and adds 2|p| to the output size (the "
              "non_negative_padding rule)."),
    Behaviour("max_unpool_empty_output_skips_index_check", "max_unpool2d",
              "A padding that makes the output empty (p = k / 2 with one window, or more) gives an empty "
              "result without checking any index (the output_not_empty rule)."),
    Behaviour("max_unpool_stride_longer_than_rank_ignored", "max_unpool2d",
              "max_unpool1d and max_unpool2d read only the first rank entries of a longer stride or padding "
              "sequence; max_unpool3d rejects it (the parameter_form rule)."),
    Behaviour("lp_pool_ceil_window_scaled_to_kernel", "lp_pool2d",
              "lp_pool computes K * avg_pool(x^p) with count_include_pad and no padding, so a ceil-mode "
              "window that runs past the input has its sum of powers scaled by K / D (D its taps inside): "
              "an all-ones 3x3 input pooled with p = 1, kernel 2 and ceil_mode gives 4 in the corner, "
              "where one element lies."),
    Behaviour("lp_pool_negative_sum_gives_nan", "lp_pool2d",
              "With an odd p a window whose sum of powers is negative gives NaN (no real root is taken), "
              "and with a fractional p any negative input gives NaN; p = 1 is the plain (signed) sum."),
    Behaviour("lp_pool_infinite_norm_is_max_of_magnitudes", "lp_pool2d",
              "norm_type = inf is max pooling of |x|, and norm_type = -inf the smallest |x| of each window."),
    Behaviour("lp_pool_bool_norm_type", "lp_pool2d",
              "norm_type=True is read as 1 (the plain sum); the reference rejects a bool (parameter_form)."),
    Behaviour("lp_pool_negative_norm_type", "lp_pool2d",
              "A negative norm_type is accepted: the -|p|-th power mean, in which a zero input gives "
              "inf and its window 0; norm_type = 0 raises ZeroDivisionError (positive_norm_type)."),
    Behaviour("lp_pool_int64_truncates", "lp_pool2d",
              "lp_pool takes int64: x^p wraps in int64, the average truncates toward zero before it is "
              "scaled by K, and the root gives float32: [3, 4] with p = 1 and kernel 2 gives 6, not 7 "
              "(supported_dtype)."),
    Behaviour("fractional_samples_order", "fractional_max_pool2d",
              "fractional_max_pool2d reads each (sample, channel)'s two random samples as (columns, rows), "
              "the reverse of the (H, W) order of every other parameter; fractional_max_pool3d reads its "
              "three as (depth, rows, columns)."),
    Behaviour("fractional_max_pool_zero_kernel", "fractional_max_pool2d",
              "fractional_max_pool2d accepts kernel_size=0: every window is empty, so every output is "
              "-inf, with the window's start as its index; fractional_max_pool3d raises (the "
              "positive_kernel rule)."),
    Behaviour("fractional_extra_samples_unused", "fractional_max_pool2d",
              "_random_samples may have more rows than the input has samples (N' >= N); the extra ones "
              "are ignored. Unbatched input still needs 3-D samples, (N', C, 2)."),
    Behaviour("lp_pool_half_powers_keep_the_sign_of_zero", "lp_pool2d",
              "torch computes x ** 0.5 and x ** -0.5 by sqrt and 1 / sqrt, which keep the sign of -0.0: "
              "with norm_type 0.5 the backward's p x^(p - 1) at an input of -0.0 is -inf, where IEEE pow "
              "(and numpy) give +inf; every other exponent agrees with IEEE pow. The reference computes "
              "the powers as torch does."),
    Behaviour("fractional_empty_output_skips_dtype_check", "fractional_max_pool2d",
              "An empty result (an output size, or an output_ratio, that gives 0 along a dimension, or "
              "N = 0) is returned without checking the dtype, in 2-D and 3-D: an int64 input then passes, "
              "where a non-empty result raises (the supported_dtype rule). The reference checks the dtype "
              "whatever the output; the rule's breaker draws non-empty results."),
    Behaviour("fractional_max_pool3d_strict_fit", "fractional_max_pool3d",
              "fractional_max_pool3d wants output size + kernel size - 1 strictly below the input size, "
              "where fractional_max_pool2d allows equality: the 3-D pool refuses output n - k + 1 (with "
              "k = 1, an output as large as the input) that the 2-D pool takes (the windows_fit rule)."),
]

# The backward of the pools beyond max and average pooling (reference/*_backward, pinned in
# tests/test_pool_gradients.py).
BEHAVIOURS += [
    Behaviour("lp_pool_backward_zero_sum_gives_zero", "lp_pool2d",
              "A window whose sum of powers is 0 passes no gradient back: relu's mask in torch's formula "
              "(sign(a) relu(|a|) K)^(1/p) gives 0 there, even for p = 1, whose forward is the plain sum "
              "(K / D)(x_0 + x_1 + ...) with gradient K / D everywhere: [-1, 1] with p = 1 gets [0, 0]."),
    Behaviour("lp_pool_backward_nan_window_gives_zero", "lp_pool2d",
              "With p = 1, inf or -inf a window holding NaN gives NaN forward but a zero gradient, as "
              "torch.sign(NaN) is 0 and nothing infinite meets it; with other p the gradient is NaN."),
    Behaviour("lp_pool_backward_power_derivative_applied_last", "lp_pool2d",
              "The derivative p x^(p - 1) of the power multiplies each element's summed share last, so "
              "an element no window reads (the tail floor mode drops), whose share is 0, still gets NaN "
              "where it is NaN, or where it is 0 and p < 1 (0 times 0^(p - 1) = inf)."),
    Behaviour("max_unpool_backward_gathers_duplicates", "max_unpool2d",
              "max_unpool's backward gathers the output gradient at each element's index, so elements "
              "sharing an index all get the gradient there, though the forward kept only one of them: "
              "the gather is the adjoint of a scatter that adds, which the forward is only for distinct "
              "indices."),
    Behaviour("adaptive_backward_of_empty_output_raises", "adaptive_avg_pool2d",
              "The adaptive pools accept output_size 0 and give an empty output, but their backward raises "
              "(\"Expected grad_output to have non-zero size for non-batch dimensions\"); the reference "
              "gives the zero gradient, and the backward tests never hand torch such a call."),
]
