"""max_pool2d and avg_pool2d: the call, the validity rules and the output shape.

The two pools share one call class and most rules; max pooling adds dilation and
``return_indices``, average pooling ``count_include_pad`` and ``divisor_override``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dtypes
from .params import BatchedInput, is_int, is_int_or_ints, per_dim
from .rules import Rule, check
from .shapes import pool_output_size

# max pooling: every real and integer dtype but bool; avg pooling: the floating dtypes and int64.
MAX_POOL2D_DTYPES = dtypes.FLOATING + dtypes.INTEGER
AVG_POOL2D_DTYPES = dtypes.FLOATING + ("int64",)


@dataclass(frozen=True)
class Pool2dCall(BatchedInput):
    op: str  # "max_pool2d" or "avg_pool2d"
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

    spatial_dims = 2

    @classmethod
    def max(cls, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
        return cls("max_pool2d", tuple(input.shape), str(input.dtype), kernel_size, stride, padding,
                   dilation, ceil_mode, return_indices)

    @classmethod
    def avg(cls, input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
            divisor_override=None):
        return cls("avg_pool2d", tuple(input.shape), str(input.dtype), kernel_size, stride, padding,
                   1, ceil_mode, count_include_pad=count_include_pad, divisor_override=divisor_override)

    def describe(self) -> str:
        extra = (f"dilation={self.dilation!r}, ceil_mode={self.ceil_mode!r}, return_indices={self.return_indices!r}"
                 if self.op == "max_pool2d" else
                 f"ceil_mode={self.ceil_mode!r}, count_include_pad={self.count_include_pad!r}, "
                 f"divisor_override={self.divisor_override!r}")
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
    def dilations(self) -> tuple[int, ...]:
        return per_dim(self.dilation, self.spatial_dims)

    @property
    def output_size(self) -> tuple[int, ...]:
        return tuple(pool_output_size(n, k, s, p, d, self.ceil_mode) for n, k, s, p, d in
                     zip(self.input_size, self.kernel, self.strides, self.paddings, self.dilations))

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.input_shape[:-2] + self.output_size


def _forms_ok(call: Pool2dCall) -> bool:
    dims = call.spatial_dims
    stride_ok = call.stride is None or call.stride in ((), []) or is_int_or_ints(call.stride, dims)
    return (is_int_or_ints(call.kernel_size, dims) and stride_ok and is_int_or_ints(call.padding, dims)
            and is_int_or_ints(call.dilation, dims) and isinstance(call.ceil_mode, bool)
            and isinstance(call.count_include_pad, bool)
            and (call.divisor_override is None or is_int(call.divisor_override)))


def _dtypes(call: Pool2dCall) -> tuple[str, ...]:
    return MAX_POOL2D_DTYPES if call.op == "max_pool2d" else AVG_POOL2D_DTYPES


RULES = [
    Rule("input_rank", "input must be 3-D (C, H, W) or 4-D (N, C, H, W)",
         lambda c: len(c.input_shape) not in (3, 4)),
    Rule("parameter_form",
         "kernel_size, padding and dilation must each be an int or a sequence of 1 or 2 ints; stride "
         "the same or None (or an empty sequence), meaning stride = kernel_size; ceil_mode and "
         "count_include_pad bools (return_indices is read for its truth value, as torch reads it); "
         "divisor_override None or an int",
         lambda c: not _forms_ok(c)),
    Rule("non_zero_divisor", "divisor_override must not be 0 (any other int, negative too, is allowed)",
         lambda c: c.divisor_override == 0),
    Rule("positive_kernel", "every kernel size must be >= 1", lambda c: min(c.kernel) < 1),
    Rule("positive_stride", "every stride must be >= 1", lambda c: min(c.strides) < 1),
    Rule("positive_dilation", "every dilation must be >= 1", lambda c: min(c.dilations) < 1),
    Rule("non_negative_padding", "every padding must be >= 0", lambda c: min(c.paddings) < 0),
    Rule("padding_at_most_half_kernel",
         "every padding must be at most kernel_size // 2, whatever the dilation",
         lambda c: any(p > k // 2 for p, k in zip(c.paddings, c.kernel))),
    Rule("non_empty_input", "C, H and W must be >= 1 (N = 0 is allowed)",
         lambda c: min(c.input_shape[-3:]) < 1),
    Rule("output_not_empty", "the output size must be >= 1 in every dimension",
         lambda c: min(c.output_size) < 1),
    Rule("supported_dtype", "the dtype must be one torch's CPU pooling implements: max_pool2d "
         + ", ".join(MAX_POOL2D_DTYPES) + "; avg_pool2d " + ", ".join(AVG_POOL2D_DTYPES),
         lambda c: c.input_dtype not in _dtypes(c), about_support=True),
]


def check_pool2d(call: Pool2dCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES, call)
