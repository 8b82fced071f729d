"""conv1d, conv2d and conv3d: the call, its validity rules and its output shape.

A :class:`ConvCall` holds what a call to ``conv1d``, ``conv2d`` or ``conv3d`` is made of (the
operator's name, shapes, dtype names and the parameters as passed), never the arrays, so the same
rules serve the reference, the tests and the docs. The spatial rank comes from the operator's
name. Its derived quantities (``kernel``, ``padding``, ``output_shape``...) are meaningful only
once the rules before the one reading them hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dtypes
from .params import (DIM_NAMES, WeightedCall, array_fields, describe_arrays, ints_form, is_int, is_int_or_ints,
                     is_one_entry_sequence, layout, malformed, per_dim)
from .rules import Rule, check, require_arrays
from .shapes import same_padding, windows_that_fit

PADDING_STRINGS = ("valid", "same")
PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
OPERATORS = ("conv1d", "conv2d", "conv3d")


@dataclass(frozen=True)
class ConvCall(WeightedCall):
    stride: object = 1
    padding: object = 0
    dilation: object = 1
    groups: object = 1
    padding_mode: str = "zeros"
    op: str = "conv2d"

    @classmethod
    def of(cls, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros",
           *, rank=2):
        """The ``conv{rank}d`` call made with these arrays (anything with ``.shape`` and ``.dtype``)."""
        op = f"conv{rank}d"
        require_arrays(op, {"input": input, "weight": weight}, {"bias": bias})
        return cls(**array_fields(input, weight, bias), stride=stride, padding=padding, dilation=dilation,
                   groups=groups, padding_mode=padding_mode, op=op)

    def describe(self) -> str:
        return (f"{self.op}({describe_arrays(self)}, stride={self.stride!r}, padding={self.padding!r}, "
                f"dilation={self.dilation!r}, groups={self.groups!r}, padding_mode={self.padding_mode!r})")

    # -- derived quantities ------------------------------------------------------------------
    @property
    def out_channels(self) -> int:
        return self.weight_shape[0]

    @property
    def paddings(self) -> tuple[tuple[int, int], ...]:
        """(before, after) padding per spatial dimension, strings resolved."""
        if self.padding == "valid":
            return ((0, 0),) * self.spatial_dims
        if self.padding == "same":
            return tuple(same_padding(k, d) for k, d in zip(self.kernel, self.dilations))
        return tuple((p, p) for p in per_dim(self.padding, self.spatial_dims))

    @property
    def padded_size(self) -> tuple[int, ...]:
        return tuple(n + before + after for n, (before, after) in zip(self.input_size, self.paddings))

    @property
    def output_size(self) -> tuple[int, ...]:
        return tuple(windows_that_fit(n, k, s, d) for n, k, s, d in
                     zip(self.padded_size, self.kernel, self.strides, self.dilations))

    @property
    def output_shape(self) -> tuple[int, ...]:
        batch = (self.batch_size,) if self.batched else ()
        return batch + (self.out_channels,) + self.output_size

    @property
    def numeric_padding(self) -> tuple[int, ...]:
        return () if isinstance(self.padding, str) else per_dim(self.padding, self.spatial_dims)


def _forms(rank: int) -> dict:
    """Each parameter's form check, for the parameter_form rule and its message."""
    ints = lambda value: is_int_or_ints(value, rank)  # noqa: E731
    return {"stride": ints, "padding": lambda value: isinstance(value, str) or ints(value),
            "dilation": ints, "groups": is_int}


def _rules(rank: int) -> list[Rule]:
    """conv{rank}d's validity rules, in the order they are checked."""
    forms, dims = _forms(rank), " and ".join(DIM_NAMES[rank])
    out = ", ".join(f"{d}_out" for d in DIM_NAMES[rank])
    name = f"nn.Conv{rank}d"
    # torch hands a padding_mode other than 'zeros' to F.pad with the padding as passed, so a
    # padding of rank + 1 entries, malformed here, pads the channels too (F.pad of 2-D and 3-D
    # padding only: a 3-D convolution's 4-entry padding raises there).
    pad_channels = ("raises" if rank == 3 else
                    f"raises, except that with a padding_mode other than 'zeros' {name} hands a "
                    f"{rank + 1}-entry padding to F.pad, which pads the channels by its first entry and "
                    f"each spatial dimension by the next; with a first entry of 0 the call goes through"
                    + (" for batched input" if rank == 1 else "") + "; the reference rejects it")
    rules = [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2)),
        Rule("weight_rank", f"weight must be {rank + 2}-D (out_channels, in_channels / groups, "
             + ", ".join(f"k{d}" for d in DIM_NAMES[rank]) + ")",
             lambda c: len(c.weight_shape) != rank + 2),
        Rule("parameter_form",
             f"stride, padding and dilation must each be {ints_form(rank)} (padding may also be a string); "
             "groups must be an int",
             lambda c: malformed(c, forms) != "", torch=pad_channels, explain=lambda c: malformed(c, forms)),
        Rule("padding_string", "a padding string must be 'valid' or 'same'",
             lambda c: isinstance(c.padding, str) and c.padding not in PADDING_STRINGS),
        Rule("padding_mode", "padding_mode must be 'zeros', 'reflect', 'replicate' or 'circular'",
             lambda c: c.padding_mode not in PADDING_MODES),
        Rule("positive_stride", "every stride must be >= 1", lambda c: min(c.strides) < 1),
        Rule("positive_dilation", "every dilation must be >= 1", lambda c: min(c.dilations) < 1),
        Rule("non_negative_padding", "every padding must be >= 0",
             lambda c: any(p < 0 for p in c.numeric_padding),
             torch=f"raises with padding_mode='zeros', but with the other modes {name} hands the negative "
                   "padding to F.pad, which crops the input instead; the reference rejects every mode"),
        Rule("positive_groups", "groups must be >= 1", lambda c: c.groups < 1),
        Rule("same_padding_needs_unit_stride", "padding='same' needs stride 1 in every dimension",
             lambda c: c.padding == "same" and max(c.strides) > 1),
        Rule("positive_out_channels", "weight.shape[0] (out_channels) must be >= 1",
             lambda c: c.out_channels < 1),
        Rule("out_channels_divisible_by_groups", "out_channels (weight.shape[0]) must be divisible by groups",
             lambda c: c.out_channels % c.groups != 0),
        Rule("in_channels_match", "the input's channel count must equal weight.shape[1] * groups",
             lambda c: c.in_channels != c.weight_shape[1] * c.groups),
        Rule("positive_in_channels", "weight.shape[1] (in_channels / groups) must be >= 1",
             lambda c: c.weight_shape[1] < 1,
             torch=f"accepts zero input channels and returns an (N, 0, {out}) result, whatever "
                   f"out_channels and bias are; the shape rule says (N, out_channels, {out}), so "
                   "the reference rejects the call instead of copying the contradiction"),
        Rule("positive_kernel", "every kernel size (weight.shape[2:]) must be >= 1",
             lambda c: min(c.kernel) < 1),
        Rule("bias_shape", "bias must be 1-D with out_channels elements",
             lambda c: c.bias_shape is not None and c.bias_shape != (c.out_channels,)),
        Rule("matching_dtypes", "weight and bias must have the input's dtype",
             lambda c: c.weight_dtype != c.input_dtype or c.bias_dtype not in (None, c.input_dtype),
             torch="raises, except that with padding='valid' or 'same' it accepts a bias of another dtype "
                   "and adds it in the input's dtype; the reference rejects that too"),
        Rule("supported_dtype", f"the dtype must be one torch's CPU conv{rank}d implements: "
             + ", ".join(dtypes.CONV), lambda c: c.input_dtype not in dtypes.CONV, about_support=True),
    ]
    if rank > 1:  # for rank 1 a one-entry sequence is the full form
        rules += [
            Rule("padding_pair_with_padding_mode",
                 "with a padding_mode other than 'zeros', padding must be an int, "
                 + ("a pair" if rank == 2 else "a triple") + " or a string",
                 lambda c: c.padding_mode != "zeros" and is_one_entry_sequence(c.padding), about_support=True,
                 torch=("raises for batched input, but for unbatched input nn.Conv2d hands the one entry to "
                        "F.pad, which then pads the width only; the reference rejects both") if rank == 2
                 else "raises"),
            Rule("same_padding_dilation_pair_with_padding_mode",
                 "with padding='same' and a padding_mode other than 'zeros', dilation must be an int or "
                 + ("a pair" if rank == 2 else "a triple"),
                 lambda c: c.padding == "same" and c.padding_mode != "zeros" and is_one_entry_sequence(c.dilation),
                 torch=f"accepts, but pads the {DIM_NAMES[rank][0]} dimension only: {name}'s 'same' padding "
                       "loop zips the one-entry dilation with the kernel size and stops after one dimension; "
                       "the reference rejects"),
        ]
    rules += [
        Rule("non_empty_spatial", f"{dims} must be >= 1" if rank > 1 else "L must be >= 1",
             lambda c: min(c.input_size) < 1),
        Rule("reflect_padding_limit",
             "with padding_mode='reflect', each side's padding must be smaller than that dimension's size",
             lambda c: c.padding_mode == "reflect" and any(
                 max(pair) >= n for n, pair in zip(c.input_size, c.paddings))),
        Rule("circular_padding_limit",
             "with padding_mode='circular', each side's padding must be at most that dimension's size",
             lambda c: c.padding_mode == "circular" and any(
                 max(pair) > n for n, pair in zip(c.input_size, c.paddings))),
        Rule("kernel_fits", "the dilated kernel d(k - 1) + 1 must fit in the padded input n + p_before + p_after",
             lambda c: any(d * (k - 1) + 1 > n for n, k, d in zip(c.padded_size, c.kernel, c.dilations))),
        Rule("dilation_dtype",
             "dilation > 1 is implemented only for floating, complex and int64 inputs",
             lambda c: max(c.dilations) > 1 and c.input_dtype not in dtypes.CONV_DILATED, about_support=True),
    ]
    return rules


RULES_BY_RANK = {rank: _rules(rank) for rank in (1, 2, 3)}
RULES = RULES_BY_RANK[2]  # conv2d's, the list the 2-D suite and the docs read


def check_conv(call: ConvCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)


# The names the 2-D suite was written with: the same class and check.
Conv2dCall = ConvCall
check_conv2d = check_conv
