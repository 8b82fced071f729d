"""max_pool1d/2d/3d and avg_pool1d/2d/3d: the call, the validity rules and the output shape.

The pools share one call class and most rules; max pooling adds dilation and ``return_indices``,
average pooling ``count_include_pad`` and (in 2-D and 3-D) ``divisor_override``. The spatial rank
comes from the operator's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dtypes
from .params import BatchedInput, DIM_NAMES, ints_form, is_int, is_int_or_ints, layout, malformed, per_dim
from .rules import Rule, check, require_arrays
from .shapes import pool_output_size

# The dtypes torch 2.13's CPU kernels take, by operator (checked by experiment): max pooling every
# real and integer dtype but bool, average pooling the floating dtypes and int64, except where a
# rank has its own kernel. max_pool1d without indices runs max_pool1d_impl, floating dtypes only
# (with return_indices it runs max_pool2d's kernel); avg_pool3d has no float16/bfloat16 kernel.
MAX_POOL_DTYPES = dtypes.FLOATING + dtypes.INTEGER
AVG_POOL_DTYPES = dtypes.FLOATING + ("int64",)
MAX_POOL1D_WITHOUT_INDICES_DTYPES = dtypes.FLOATING
AVG_POOL3D_DTYPES = ("float32", "float64", "int64")
MAX_POOL2D_DTYPES, AVG_POOL2D_DTYPES = MAX_POOL_DTYPES, AVG_POOL_DTYPES  # the names the 2-D suite reads

OPERATORS = ("max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d")


@dataclass(frozen=True)
class PoolCall(BatchedInput):
    op: str  # "max_pool1d" ... "avg_pool3d"
    input_shape: tuple[int, ...]
    input_dtype: str
    kernel_size: object
    stride: object = None
    padding: object = 0
    dilation: object = 1
    ceil_mode: bool = False
    return_indices: bool = False
    count_include_pad: bool = True
    divisor_override: object = None

    @classmethod
    def max(cls, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False,
            *, rank=2):
        op = f"max_pool{rank}d"
        require_arrays(op, {"input": input})
        return cls(op, tuple(input.shape), str(input.dtype), kernel_size, stride, padding,
                   dilation, ceil_mode, return_indices)

    @classmethod
    def avg(cls, input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
            divisor_override=None, *, rank=2):
        op = f"avg_pool{rank}d"
        require_arrays(op, {"input": input})
        return cls(op, tuple(input.shape), str(input.dtype), kernel_size, stride, padding,
                   1, ceil_mode, count_include_pad=count_include_pad, divisor_override=divisor_override)

    @property
    def is_max(self) -> bool:
        return self.op.startswith("max")

    def describe(self) -> str:
        if self.is_max:
            extra = f"dilation={self.dilation!r}, ceil_mode={self.ceil_mode!r}, return_indices={self.return_indices!r}"
        else:
            extra = f"ceil_mode={self.ceil_mode!r}, count_include_pad={self.count_include_pad!r}"
            if self.spatial_dims > 1:  # avg_pool1d has no divisor_override
                extra += f", divisor_override={self.divisor_override!r}"
        return (f"{self.op}(input={self.input_dtype}{list(self.input_shape)}, kernel_size={self.kernel_size!r}, "
                f"stride={self.stride!r}, padding={self.padding!r}, {extra})")

    @property
    def kernel(self) -> tuple[int, ...]:
        return per_dim(self.kernel_size, self.spatial_dims)

    @property
    def strides(self) -> tuple[int, ...]:
        """stride=None, () or [] all mean the default, stride = kernel_size."""
        if self.stride is None or (isinstance(self.stride, (tuple, list)) and len(self.stride) == 0):
            return self.kernel
        return per_dim(self.stride, self.spatial_dims)

    @property
    def paddings(self) -> tuple[int, ...]:
        return per_dim(self.padding, self.spatial_dims)

    @property
    def output_size(self) -> tuple[int, ...]:
        return tuple(pool_output_size(n, k, s, p, d, self.ceil_mode) for n, k, s, p, d in
                     zip(self.input_size, self.kernel, self.strides, self.paddings, self.dilations))

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.input_shape[:-self.spatial_dims] + self.output_size

    @property
    def dtypes(self) -> tuple[str, ...]:
        """The dtypes torch's CPU kernel for this call takes."""
        if self.op == "max_pool1d" and not self.return_indices:
            return MAX_POOL1D_WITHOUT_INDICES_DTYPES
        if self.op == "avg_pool3d":
            return AVG_POOL3D_DTYPES
        return MAX_POOL_DTYPES if self.is_max else AVG_POOL_DTYPES


def _forms(rank: int) -> dict:
    """Each parameter's form check, for the parameter_form rule and its message."""
    ints = lambda value: is_int_or_ints(value, rank)  # noqa: E731
    return {"kernel_size": ints, "stride": lambda value: value is None or value in ((), []) or ints(value),
            "padding": ints, "dilation": ints, "ceil_mode": lambda value: isinstance(value, bool),
            "count_include_pad": lambda value: isinstance(value, bool),
            "divisor_override": lambda value: value is None or is_int(value)}


def _dtypes_message(rank: int) -> str:
    max_dtypes = ", ".join(MAX_POOL_DTYPES)
    if rank == 1:
        max_dtypes = (f"{max_dtypes} with return_indices, only {', '.join(MAX_POOL1D_WITHOUT_INDICES_DTYPES)} "
                      "without")
    avg_dtypes = AVG_POOL3D_DTYPES if rank == 3 else AVG_POOL_DTYPES
    return (f"the dtype must be one torch's CPU pooling implements: max_pool{rank}d {max_dtypes}; "
            f"avg_pool{rank}d {', '.join(avg_dtypes)}")


def _rules(rank: int) -> list[Rule]:
    """The validity rules of max_pool{rank}d and avg_pool{rank}d, in the order they are checked."""
    forms = _forms(rank)
    divisor = "; divisor_override None or an int" if rank > 1 else ""
    return [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2)),
        Rule("parameter_form",
             f"kernel_size, padding and dilation must each be {ints_form(rank)}; stride the same or None "
             "(or an empty sequence), meaning stride = kernel_size; ceil_mode and count_include_pad bools "
             f"(return_indices is read for its truth value, as torch reads it){divisor}",
             lambda c: malformed(c, forms) != "", explain=lambda c: malformed(c, forms)),
        Rule("non_zero_divisor", "divisor_override must not be 0 (any other int, negative too, is allowed)",
             lambda c: c.divisor_override == 0),
        Rule("positive_kernel", "every kernel size must be >= 1", lambda c: min(c.kernel) < 1),
        Rule("positive_stride", "every stride must be >= 1", lambda c: min(c.strides) < 1),
        Rule("positive_dilation", "every dilation must be >= 1", lambda c: min(c.dilations) < 1),
        Rule("non_negative_padding", "every padding must be >= 0", lambda c: min(c.paddings) < 0),
        Rule("padding_at_most_half_kernel",
             "every padding must be at most kernel_size // 2, whatever the dilation",
             lambda c: any(p > k // 2 for p, k in zip(c.paddings, c.kernel))),
        Rule("non_empty_input", f"C, {', '.join(DIM_NAMES[rank])} must be >= 1 (N = 0 is allowed)",
             lambda c: min(c.input_shape[-rank - 1:]) < 1),
        Rule("output_not_empty", "the output size must be >= 1 in every dimension",
             lambda c: min(c.output_size) < 1),
        Rule("supported_dtype", _dtypes_message(rank), lambda c: c.input_dtype not in c.dtypes, about_support=True),
    ] + ([
        # avg_pool3d's own shape check compares the unpadded input with the kernel; the other pools
        # only need the window to fit the padded input (output_not_empty).
        Rule("avg_pool3d_input_at_least_kernel",
             "avg_pool3d: every input size (D, H, W, before padding) must be at least the kernel size",
             lambda c: c.op == "avg_pool3d" and any(n < k for n, k in zip(c.input_size, c.kernel))),
    ] if rank == 3 else [])


RULES_BY_RANK = {rank: _rules(rank) for rank in (1, 2, 3)}
RULES = RULES_BY_RANK[2]  # max_pool2d's and avg_pool2d's, the list the 2-D suite and the docs read


def check_pool(call: PoolCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)


# The names the 2-D suite was written with: the same class and check.
Pool2dCall = PoolCall
check_pool2d = check_pool
