"""conv_transpose1d, conv_transpose2d and conv_transpose3d: the call, its validity rules and its
output shape.

A transposed convolution scatters each input element's kernel-weighted copy into the output; it is
the adjoint (the gradient with respect to the input) of the convolution with the same weight and
parameters. The weight's layout is (C_in, C_out / groups, k...), the transpose of conv's. Besides
``F.conv_transpose{1,2,3}d``'s arguments a call may carry ``output_size``, the argument of
``nn.ConvTranspose{1,2,3}d.forward``: the output size wanted, from which the module derives
output_padding (ignoring the output_padding it was built with).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dtypes
from .params import (DIM_NAMES, WeightedCall, array_fields, describe_arrays, ints_form, is_int, is_int_or_ints,
                     is_one_entry_sequence, layout, malformed, per_dim)
from .rules import Rule, check, require_arrays
from .shapes import conv_transpose_output_size

OPERATORS = ("conv_transpose1d", "conv_transpose2d", "conv_transpose3d")


@dataclass(frozen=True)
class ConvTransposeCall(WeightedCall):
    stride: object = 1
    padding: object = 0
    output_padding: object = 0
    groups: object = 1
    dilation: object = 1
    output_size: object = None  # the argument as passed: None, or a sequence of sizes
    op: str = "conv_transpose2d"

    @classmethod
    def of(cls, input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
           output_size=None, *, rank=2):
        """The ``conv_transpose{rank}d`` call made with these arrays."""
        op = f"conv_transpose{rank}d"
        require_arrays(op, {"input": input, "weight": weight}, {"bias": bias})
        return cls(**array_fields(input, weight, bias), stride=stride, padding=padding,
                   output_padding=output_padding, groups=groups, dilation=dilation, output_size=output_size, op=op)

    def describe(self) -> str:
        return (f"{self.op}({describe_arrays(self)}, stride={self.stride!r}, padding={self.padding!r}, "
                f"output_padding={self.output_padding!r}, groups={self.groups!r}, dilation={self.dilation!r}, "
                f"output_size={self.output_size!r})")

    # -- derived quantities ------------------------------------------------------------------
    @property
    def out_channels(self) -> int:
        return self.weight_shape[1] * self.groups

    @property
    def paddings(self) -> tuple[int, ...]:
        return per_dim(self.padding, self.spatial_dims)

    @property
    def smallest_size(self) -> tuple[int, ...]:
        """The output size with output_padding 0, per spatial dimension."""
        return tuple(conv_transpose_output_size(n, k, s, p, d) for n, k, s, p, d in
                     zip(self.input_size, self.kernel, self.strides, self.paddings, self.dilations))

    @property
    def requested_size(self) -> tuple[int, ...]:
        """output_size's spatial entries: its last ``spatial_dims`` (torch ignores any before them)."""
        return tuple(int(size) for size in self.output_size[len(self.output_size) - self.spatial_dims:])

    @property
    def output_paddings(self) -> tuple[int, ...]:
        """output_padding per dimension: as passed, or what output_size asks for."""
        if self.output_size is None:
            return per_dim(self.output_padding, self.spatial_dims)
        return tuple(size - smallest for size, smallest in zip(self.requested_size, self.smallest_size))

    @property
    def result_size(self) -> tuple[int, ...]:
        """The output's spatial size: (n - 1)s - 2p + d(k - 1) + output_padding + 1 per dimension."""
        return tuple(conv_transpose_output_size(n, k, s, p, d, a) for n, k, s, p, d, a in
                     zip(self.input_size, self.kernel, self.strides, self.paddings, self.dilations,
                         self.output_paddings))

    @property
    def output_shape(self) -> tuple[int, ...]:
        batch = (self.batch_size,) if self.batched else ()
        return batch + (self.out_channels,) + self.result_size


def _sizes_ok(value) -> bool:
    return value is None or (isinstance(value, (tuple, list)) and all(map(is_int, value)))


def _forms(rank: int) -> dict:
    ints = lambda value: is_int_or_ints(value, rank)  # noqa: E731
    return {"stride": ints, "padding": lambda value: isinstance(value, str) or ints(value),
            "output_padding": ints, "dilation": ints, "groups": is_int, "output_size": _sizes_ok}


def _rules(rank: int) -> list[Rule]:
    """conv_transpose{rank}d's validity rules, in the order they are checked."""
    forms, names = _forms(rank), DIM_NAMES[rank]
    leading = lambda c: 2 if c.batched else 1  # noqa: E731  (N, C) or (C,) before the spatial sizes
    rules = [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2)),
        Rule("weight_rank", f"weight must be {rank + 2}-D (in_channels, out_channels / groups, "
             + ", ".join(f"k{d}" for d in names) + ")",
             lambda c: len(c.weight_shape) != rank + 2),
        Rule("parameter_form",
             f"stride, padding, output_padding and dilation must each be {ints_form(rank)}; groups an "
             "int; output_size None or a sequence of ints",
             lambda c: malformed(c, forms) != "", explain=lambda c: malformed(c, forms)),
    ]
    if rank > 1:  # for rank 1 a one-entry sequence is the full form
        rules.append(Rule(
            "output_size_needs_full_sequences",
            f"with output_size, stride, padding and dilation must each be an int or a sequence of {rank} ints, "
            "not a one-entry sequence",
            lambda c: c.output_size is not None
            and any(is_one_entry_sequence(v) for v in (c.stride, c.padding, c.dilation)),
            torch=f"raises, with an IndexError: nn.ConvTranspose{rank}d.forward reads stride, padding and "
                  "dilation one entry per dimension to check output_size, without repeating a one-entry "
                  "sequence as F.conv_transpose does"))
    rules += [
        Rule("no_padding_string", "a transposed convolution takes no padding string ('valid', 'same')",
             lambda c: isinstance(c.padding, str)),
        Rule("positive_stride", "every stride must be >= 1", lambda c: min(c.strides) < 1),
        Rule("positive_dilation", "every dilation must be >= 1", lambda c: min(c.dilations) < 1,
             torch="raises, except that the calls torch hands to oneDNN (float16 and bfloat16, and float32 "
                   "and complex64 with groups > 1) skip the dilation check: in 1-D and 2-D a dilation of 0 "
                   "with a kernel of size 1 along that dimension goes through (other kernel sizes fail "
                   "inside oneDNN); negative dilations always raise; the reference rejects them all"),
        Rule("non_negative_padding", "every padding must be >= 0", lambda c: min(c.paddings) < 0),
        Rule("positive_groups", "groups must be >= 1", lambda c: c.groups < 1),
        Rule("in_channels_match", "the input's channel count must equal weight.shape[0]",
             lambda c: c.in_channels != c.weight_shape[0]),
        Rule("positive_in_channels", "weight.shape[0] (in_channels) must be >= 1",
             lambda c: c.weight_shape[0] < 1),
        Rule("in_channels_divisible_by_groups", "in_channels (weight.shape[0]) must be divisible by groups",
             lambda c: c.weight_shape[0] % c.groups != 0),
        Rule("positive_out_channels", "weight.shape[1] (out_channels / groups) must be >= 1",
             lambda c: c.weight_shape[1] < 1),
        Rule("positive_kernel", "every kernel size (weight.shape[2:]) must be >= 1",
             lambda c: min(c.kernel) < 1),
        Rule("bias_shape", "bias must be 1-D with out_channels = weight.shape[1] * groups elements",
             lambda c: c.bias_shape is not None and c.bias_shape != (c.out_channels,)),
        Rule("matching_dtypes", "weight and bias must have the input's dtype",
             lambda c: c.weight_dtype != c.input_dtype or c.bias_dtype not in (None, c.input_dtype),
             torch="raises" if rank == 3 else
             "raises for a weight of another dtype, but accepts a bias of another dtype and adds it in the "
             "input's dtype; the reference rejects both"),
        Rule("supported_dtype", f"the dtype must be one torch's CPU conv_transpose{rank}d implements: "
             + ", ".join(dtypes.CONV_TRANSPOSE), lambda c: c.input_dtype not in dtypes.CONV_TRANSPOSE,
             about_support=True),
        Rule("non_empty_spatial", f"{' and '.join(names)} must be >= 1", lambda c: min(c.input_size) < 1),
        Rule("output_size_length",
             f"output_size must have {rank} entries, or {rank + 2} for batched input ({rank + 1} for "
             "unbatched), whose leading entries are ignored",
             lambda c: c.output_size is not None and len(c.output_size) not in (rank, rank + leading(c))),
        Rule("output_size_in_range",
             "each output_size entry must lie in [m, m + s - 1], m = (n - 1)s - 2p + d(k - 1) + 1 the "
             "size with output_padding 0",
             lambda c: c.output_size is not None and any(
                 not smallest <= size < smallest + s
                 for size, smallest, s in zip(c.requested_size, c.smallest_size, c.strides))),
        Rule("non_negative_output_padding", "every output_padding must be >= 0",
             lambda c: min(c.output_paddings) < 0),
        Rule("output_padding_smaller_than_stride_or_dilation",
             "each output_padding must be smaller than its dimension's stride or its dilation",
             lambda c: any(a >= s and a >= d for a, s, d in zip(c.output_paddings, c.strides, c.dilations))),
        Rule("output_not_empty", "the output size (n - 1)s - 2p + d(k - 1) + output_padding + 1 must be >= 1 "
             "in every dimension", lambda c: min(c.result_size) < 1),
    ]
    return rules


RULES_BY_RANK = {rank: _rules(rank) for rank in (1, 2, 3)}


def check_conv_transpose(call: ConvTransposeCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)
