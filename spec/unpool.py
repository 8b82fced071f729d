"""max_unpool1d/2d/3d: the call, the validity rules and the output shape.

max_unpool scatters each input element to the flat position its index names in an output plane of
zeros, the inverse of max pooling on the positions max pooling chose. The output size is the
transposed convolution's rule without dilation, or output_size, which may differ from it by less
than the stride. The spatial rank comes from the operator's name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import dtypes
from .params import BatchedInput, DIM_NAMES, is_int, layout, malformed
from .rules import Rule, check, require_arrays
from .shapes import conv_transpose_output_size

# Checked by experiment on torch 2.13 CPU: the floating dtypes only, indices int64 only.
MAX_UNPOOL_DTYPES = dtypes.FLOATING

OPERATORS = ("max_unpool1d", "max_unpool2d", "max_unpool3d")


def _numbers(value, rank: int) -> tuple[int, ...]:
    """An int repeated per dimension, or a sequence as it is (torch does not repeat a one-entry
    sequence here: _pair((2,)) stays (2,))."""
    return (int(value),) * rank if is_int(value) else tuple(int(v) for v in value)


@dataclass(frozen=True)
class MaxUnpoolCall(BatchedInput):
    op: str
    input_shape: tuple[int, ...]
    input_dtype: str
    indices_shape: tuple[int, ...]
    indices_dtype: str
    index_range: tuple[int, int] | None  # (smallest, largest) index; None for empty indices
    kernel_size: object
    stride: object = None
    padding: object = 0
    output_size: object = None
    dilation: object = 1  # BatchedInput reads it; unpooling has none

    @classmethod
    def of(cls, input, indices, kernel_size, stride=None, padding=0, output_size=None, *, rank):
        op = f"max_unpool{rank}d"
        require_arrays(op, {"input": input, "indices": indices})
        index_range = (int(indices.min()), int(indices.max())) if indices.size and indices.dtype.kind in "iu" else None
        return cls(op, tuple(input.shape), str(input.dtype), tuple(indices.shape), str(indices.dtype), index_range,
                   kernel_size, stride, padding, output_size)

    def describe(self) -> str:
        return (f"{self.op}(input={self.input_dtype}{list(self.input_shape)}, "
                f"indices={self.indices_dtype}{list(self.indices_shape)} in {self.index_range}, "
                f"kernel_size={self.kernel_size!r}, stride={self.stride!r}, padding={self.padding!r}, "
                f"output_size={self.output_size!r})")

    @property
    def kernel(self) -> tuple[int, ...]:
        return _numbers(self.kernel_size, self.spatial_dims)

    @property
    def strides(self) -> tuple[int, ...]:
        return self.kernel if self.stride is None else _numbers(self.stride, self.spatial_dims)

    @property
    def paddings(self) -> tuple[int, ...]:
        return _numbers(self.padding, self.spatial_dims)

    @property
    def default_size(self) -> tuple[int, ...]:
        """(n - 1)s - 2p + k per dimension: where max pooling with the same numbers came from."""
        return tuple(conv_transpose_output_size(n, k, s, p) for n, k, s, p in
                     zip(self.input_size, self.kernel, self.strides, self.paddings))

    @property
    def unpooled_size(self) -> tuple[int, ...]:
        """output_size's spatial entries (its last ``rank``: leading N, C are ignored), or the default."""
        if self.output_size is None:
            return self.default_size
        return tuple(int(m) for m in self.output_size)[-self.spatial_dims:]

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.input_shape[:-self.spatial_dims] + self.unpooled_size


def _forms(rank: int) -> dict:
    ints = lambda v: is_int(v) or (isinstance(v, (tuple, list)) and len(v) == rank and all(map(is_int, v)))  # noqa: E731
    return {"kernel_size": ints, "stride": lambda v: v is None or ints(v), "padding": ints,
            "output_size": lambda v: v is None or (isinstance(v, (tuple, list)) and len(v) in (rank, rank + 2)
                                                   and all(map(is_int, v)))}


def _rules(rank: int) -> list[Rule]:
    forms = _forms(rank)
    lenient = "raises in 3-D; in 1-D and 2-D torch accepts it and computes the output size by the formula"
    return [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2)),
        Rule("parameter_form",
             f"kernel_size and padding must each be an int or a sequence of {rank} ints, stride the same or "
             f"None (stride = kernel_size), output_size None or a sequence of {rank} or {rank + 2} ints",
             lambda c: malformed(c, forms) != "", explain=lambda c: malformed(c, forms),
             torch=("raises, except a stride or padding longer than the rank: torch reads its first entries" if rank < 3
                    else "raises")),
        Rule("indices_dtype", "indices must be int64", lambda c: c.indices_dtype != "int64"),
        Rule("indices_shape", "indices must have the input's shape", lambda c: c.indices_shape != c.input_shape),
        Rule("positive_kernel", "every kernel size must be >= 1", lambda c: min(c.kernel) < 1,
             torch=lenient if rank < 3 else "raises"),
        Rule("positive_stride", "every stride must be >= 1", lambda c: min(c.strides) < 1,
             torch=lenient if rank < 3 else "raises"),
        Rule("non_negative_padding", "every padding must be >= 0", lambda c: min(c.paddings) < 0,
             torch="accepts a negative padding, which adds 2|p| to the default output size"),
        Rule("non_empty_input", f"C, {', '.join(DIM_NAMES[rank])} must be >= 1 (N = 0 is allowed)",
             lambda c: min(c.input_shape[-rank - 1:]) < 1),
        Rule("output_size_in_range",
             "each output_size entry must lie strictly between default - stride and default + stride, "
             "default = (n - 1) * stride - 2 * padding + kernel_size",
             lambda c: c.output_size is not None and any(
                 not d - s < m < d + s for m, d, s in zip(c.unpooled_size, c.default_size, c.strides))),
        Rule("output_not_empty", "the output size must be >= 1 in every dimension",
             lambda c: min(c.unpooled_size) < 1,
             torch="returns an empty output without checking the indices (max_unpool_empty_output_skips_index_check)"),
        Rule("indices_in_range",
             "every index must lie in [0, product of the output's spatial sizes): a flat position in its plane",
             lambda c: c.index_range is not None and (
                 c.index_range[0] < 0 or c.index_range[1] >= math.prod(c.unpooled_size))),
        Rule("supported_dtype",
             f"the dtype must be one torch's CPU max_unpool implements: {', '.join(MAX_UNPOOL_DTYPES)}",
             lambda c: c.input_dtype not in MAX_UNPOOL_DTYPES, about_support=True),
    ]


RULES_BY_RANK = {rank: _rules(rank) for rank in (1, 2, 3)}


def check_max_unpool(call: MaxUnpoolCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)
