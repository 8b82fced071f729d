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
]
