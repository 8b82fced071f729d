"""adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d/3d: the call, the validity rules and the
output shape.

An adaptive pool is given the output size, not the kernel: output element i along a dimension of
n input elements pooled to m reads the window ``spec.shapes.adaptive_window(i, n, m)``. The
spatial rank comes from the operator's name; average and max pooling share the call class and
the rules, max pooling adds ``return_indices``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dtypes
from .params import BatchedInput, DIM_NAMES, is_int, layout
from .rules import Rule, check, require_arrays

# Checked by experiment on torch 2.13 CPU: every adaptive pool takes the floating dtypes only
# (integers, bool and complex raise NotImplementedError).
ADAPTIVE_POOL_DTYPES = dtypes.FLOATING

OPERATORS = tuple(f"adaptive_{kind}_pool{rank}d" for kind in ("avg", "max") for rank in (1, 2, 3))


@dataclass(frozen=True)
class AdaptivePoolCall(BatchedInput):
    op: str  # "adaptive_avg_pool1d" ... "adaptive_max_pool3d"
    input_shape: tuple[int, ...]
    input_dtype: str
    output_size: object  # as passed: an int, or a sequence (of ints, or None for "keep")
    return_indices: bool = False
    dilation: object = 1  # BatchedInput reads it; adaptive pools have none

    @classmethod
    def of(cls, input, output_size, return_indices=False, *, op):
        require_arrays(op, {"input": input})
        return cls(op, tuple(input.shape), str(input.dtype), output_size, return_indices)

    @property
    def is_max(self) -> bool:
        return "_max_" in self.op

    def describe(self) -> str:
        extra = f", return_indices={self.return_indices!r}" if self.is_max else ""
        return f"{self.op}(input={self.input_dtype}{list(self.input_shape)}, output_size={self.output_size!r}{extra})"

    @property
    def requested(self) -> tuple:
        """output_size per spatial dimension, None where the input's size is kept."""
        if is_int(self.output_size):
            return (int(self.output_size),) * self.spatial_dims
        return tuple(None if m is None else int(m) for m in self.output_size)

    @property
    def pooled_size(self) -> tuple[int, ...]:
        """The output's spatial size: output_size, with the input's size where it says None."""
        return tuple(n if m is None else m for n, m in zip(self.input_size, self.requested))

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.input_shape[:-self.spatial_dims] + self.pooled_size


def _well_formed(value, rank: int) -> bool:
    """An int, or a sequence of ``rank`` entries, each an int or (from 2-D on) None. A bool is not
    an int here, as for the other pools' parameters (but see the rule's ``torch``)."""
    if is_int(value):
        return True
    entry_ok = (lambda m: is_int(m) or m is None) if rank > 1 else is_int
    return isinstance(value, (tuple, list)) and len(value) == rank and all(map(entry_ok, value))


# An adaptive average to an output of size 1 in every dimension is, in torch, input.mean() over the
# spatial dimensions, which skips the adaptive kernel's checks (spec/behaviours.py,
# adaptive_avg_global_is_mean).
_GLOBAL_AVERAGE = ("raises, except adaptive_avg_pool with output_size 1 in every dimension, which torch computes "
                   "as a mean and which accepts {}")


def _rules(rank: int) -> list[Rule]:
    """The validity rules of adaptive_avg_pool{rank}d and adaptive_max_pool{rank}d, in order."""
    none = ", each an int or None (keep the input's size)" if rank > 1 else ""
    return [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2),
             torch="raises, except that adaptive average pooling to output size 1 in every dimension is "
                   "a mean over the last dimensions, which takes an input of any rank; the reference rejects it"),
        Rule("parameter_form",
             f"output_size must be an int or a sequence of {rank} entries{none} (return_indices is read "
             "for its truth value, as torch reads it)",
             lambda c: not _well_formed(c.output_size, rank),
             torch=("raises, except for a bool entry inside a sequence: torch reads output_size=(3, True) as "
                    "(3, 1) (spec/behaviours.py, adaptive_output_size_takes_bool_entries)") if rank > 1 else "raises"),
        Rule("non_negative_output_size", "every output size must be >= 0 (0 gives an empty output)",
             lambda c: any(m is not None and m < 0 for m in c.requested)),
        Rule("non_empty_input", f"{', '.join(DIM_NAMES[rank])} must be >= 1",
             lambda c: min(c.input_size) < 1, torch=_GLOBAL_AVERAGE.format("an empty input, giving NaN")),
        Rule("non_empty_channels",
             "adaptive_max_pool1d/2d/3d and adaptive_avg_pool3d: C must be >= 1 in batched input "
             "(adaptive_avg_pool1d and 2d take C = 0, and every adaptive pool takes an unbatched C = 0)",
             lambda c: c.batched and c.in_channels < 1 and (c.is_max or rank == 3),
             torch=_GLOBAL_AVERAGE.format("C = 0")),
        Rule("supported_dtype",
             f"the dtype must be one torch's CPU adaptive pooling implements: {', '.join(ADAPTIVE_POOL_DTYPES)}",
             lambda c: c.input_dtype not in ADAPTIVE_POOL_DTYPES, about_support=True,
             torch=_GLOBAL_AVERAGE.format("complex64 and complex128")),
    ]


RULES_BY_RANK = {rank: _rules(rank) for rank in (1, 2, 3)}


def check_adaptive_pool(call: AdaptivePoolCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)
