"""fractional_max_pool2d/3d: the call, the validity rules, the output shape and the window sequence.

Fractional max pooling (Graham, 2014) takes a max over windows of the kernel's size whose starts
advance by a fractional step alpha = (n - k) / (m - 1) along a dimension of n input elements
pooled to m outputs; one random sample u in [0, 1) per (sample, channel, dimension) shifts the
sequence. With ``_random_samples`` given the call is deterministic: the starts are
``fractional_starts`` of this module, torch's interval formula computed in the input's dtype.
The output size is output_size, or int(n * output_ratio).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import sympy as sp

from . import dtypes
from .params import BatchedInput, DIM_NAMES, is_int, layout, malformed
from .rules import Rule, check, require_arrays
from .shapes import _concrete

# Checked by experiment on torch 2.13 CPU: the floating dtypes only; the samples in the input's dtype.
FRACTIONAL_POOL_DTYPES = dtypes.FLOATING

OPERATORS = ("fractional_max_pool2d", "fractional_max_pool3d")


def fractional_start(index, sample, size, output_size, kernel):
    """The start of window ``index`` < m - 1 in exact arithmetic, a sympy expression for symbols:
    the interval formula :func:`fractional_starts` evaluates in the input's dtype.

    .. math:: start_i = \\lfloor (i + u) \\alpha \\rfloor - \\lfloor u \\alpha \\rfloor, \\qquad
              \\alpha = \\frac{n - k}{m - 1}

    Examples
    --------
    >>> [fractional_start(i, sp.Rational(1, 2), 10, 4, 2) for i in range(3)]
    [0, 3, 5]
    """
    alpha = (sp.sympify(size) - kernel) / (sp.sympify(output_size) - 1)
    return _concrete(sp.floor((index + sample) * alpha) - sp.floor(sample * alpha))


def fractional_starts(sample, size: int, output_size: int, kernel: int, dtype="float64") -> list[int]:
    """The first input element of each of ``output_size`` windows of ``kernel`` elements along a
    dimension of ``size``, for the random ``sample`` u: torch's generate_intervals.

    Notes
    -----
    .. math:: \\alpha = \\frac{n - k}{m - 1}, \\qquad
              start_i = \\lfloor (i + u) \\alpha \\rfloor - \\lfloor u \\alpha \\rfloor \\ (i < m - 1),
              \\qquad start_{m - 1} = n - k

    The arithmetic is the input dtype's (alpha, i + u and the product each rounded to it), and the
    floors are truncations toward zero. For u in [0, 1) the starts never decrease, the first is 0,
    and the last window ends at the input's end.

    Examples
    --------
    >>> fractional_starts(0.5, 10, 4, 2)  # alpha = 8 / 3
    [0, 3, 5, 8]
    >>> fractional_starts(0.0, 7, 3, 2), fractional_starts(0.9, 7, 3, 2)
    ([0, 2, 5], [0, 2, 5])
    """
    real = np.dtype(dtype).type
    starts = []
    if output_size > 1:
        alpha = real(real(size - kernel) / real(output_size - 1))
        u = real(sample)
        starts = [int(real(real(i + u) * alpha)) - int(real(u * alpha)) for i in range(output_size - 1)]
    return starts + [size - kernel] * (output_size > 0)


def _sizes(value, rank: int) -> tuple:
    return (value,) * rank if isinstance(value, numbers.Real) else tuple(value)


@dataclass(frozen=True)
class FractionalPoolCall(BatchedInput):
    op: str
    input_shape: tuple[int, ...]
    input_dtype: str
    samples_shape: tuple[int, ...] | None
    samples_dtype: str | None
    kernel_size: object
    output_size: object = None
    output_ratio: object = None
    return_indices: bool = False
    dilation: object = 1  # BatchedInput reads it; fractional pooling has none

    @classmethod
    def of(cls, input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
           _random_samples=None, *, rank):
        op = f"fractional_max_pool{rank}d"
        require_arrays(op, {"input": input}, {"_random_samples": _random_samples})
        samples = _random_samples
        return cls(op, tuple(input.shape), str(input.dtype), None if samples is None else tuple(samples.shape),
                   None if samples is None else str(samples.dtype), kernel_size, output_size, output_ratio,
                   return_indices)

    def describe(self) -> str:
        samples = "None" if self.samples_shape is None else f"{self.samples_dtype}{list(self.samples_shape)}"
        return (f"{self.op}(input={self.input_dtype}{list(self.input_shape)}, kernel_size={self.kernel_size!r}, "
                f"output_size={self.output_size!r}, output_ratio={self.output_ratio!r}, "
                f"return_indices={self.return_indices!r}, _random_samples={samples})")

    @property
    def kernel(self) -> tuple[int, ...]:
        return tuple(int(k) for k in _sizes(self.kernel_size, self.spatial_dims))

    @property
    def pooled_size(self) -> tuple[int, ...]:
        """output_size, or int(n * ratio) per dimension (output_size wins where both are given)."""
        if self.output_size is not None:
            return tuple(int(m) for m in _sizes(self.output_size, self.spatial_dims))
        return tuple(int(n * r) for n, r in zip(self.input_size, _sizes(self.output_ratio, self.spatial_dims)))

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.input_shape[:-self.spatial_dims] + self.pooled_size


def _forms(rank: int) -> dict:
    ints = lambda v: is_int(v) or (isinstance(v, (tuple, list)) and len(v) == rank and all(map(is_int, v)))  # noqa: E731
    ratio = lambda r: isinstance(r, numbers.Real) and not isinstance(r, bool) and 0 < r < 1  # noqa: E731
    return {"kernel_size": ints, "output_size": lambda v: v is None or ints(v),
            "output_ratio": lambda v: v is None or ratio(v) or (
                isinstance(v, (tuple, list)) and len(v) == rank and all(map(ratio, v)))}


def _rules(rank: int) -> list[Rule]:
    forms, dims = _forms(rank), ", ".join(DIM_NAMES[rank])
    return [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2)),
        Rule("parameter_form",
             f"kernel_size and output_size must each be an int or a sequence of {rank} ints, output_ratio a "
             f"number or a sequence of {rank} numbers, each strictly between 0 and 1",
             lambda c: malformed(c, forms) != "", explain=lambda c: malformed(c, forms)),
        Rule("output_size_or_ratio", "output_size or output_ratio must be given",
             lambda c: c.output_size is None and c.output_ratio is None),
        Rule("samples_given",
             "_random_samples must be given: without it torch draws them, and no reference can match",
             lambda c: c.samples_shape is None, torch="accepts it and draws the samples itself"),
        Rule("samples_shape",
             f"_random_samples must be 3-D (N', C, {rank}) with N' >= N (1 for unbatched input)",
             lambda c: len(c.samples_shape) != 3 or c.samples_shape[1:] != (c.in_channels, rank)
             or c.samples_shape[0] < c.batch_size),
        Rule("samples_dtype", "_random_samples must have the input's dtype", lambda c: c.samples_dtype != c.input_dtype),
        Rule("positive_kernel", "every kernel size must be >= 1", lambda c: min(c.kernel) < 1,
             torch=("accepts 0 in 2-D: every window is empty, giving -inf and the window's start as index "
                    "(fractional_max_pool_zero_kernel)") if rank == 2 else "raises"),
        Rule("non_negative_output_size", "every output size must be >= 0 (0 gives an empty output)",
             lambda c: min(c.pooled_size) < 0),
        Rule("non_empty_input", f"{dims} must be >= 1, and C in batched input (N = 0 is allowed, and so is an "
             "unbatched C = 0, which torch reads as an empty batch)",
             lambda c: min(c.input_size) < 1 or (c.batched and c.in_channels < 1)),
        Rule("windows_fit",
             "output size + kernel size - 1 must be at most the input size in every dimension"
             + (" and, in 3-D, less than it" if rank == 3 else ""),
             (lambda c: any(m + k - 1 >= n for m, k, n in zip(c.pooled_size, c.kernel, c.input_size))) if rank == 3
             else (lambda c: any(m + k - 1 > n for m, k, n in zip(c.pooled_size, c.kernel, c.input_size)))),
        Rule("supported_dtype",
             f"the dtype must be one torch's CPU fractional max pooling implements: {', '.join(FRACTIONAL_POOL_DTYPES)}",
             lambda c: c.input_dtype not in FRACTIONAL_POOL_DTYPES, about_support=True),
    ]


RULES_BY_RANK = {rank: _rules(rank) for rank in (2, 3)}


def check_fractional_pool(call: FractionalPoolCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)

