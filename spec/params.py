"""The int-or-sequence parameters (kernel_size, stride, padding, dilation), read as torch reads them.

torch accepts an int (used for every spatial dimension) or a sequence with one entry per spatial
dimension; a one-entry sequence is repeated, as an int would be. bool is not an int here: torch's
argument parser rejects ``stride=True``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

# The names the messages give each spatial dimension, by spatial rank.
DIM_NAMES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}


def rank_of(op: str) -> int:
    """The spatial rank an operator's name states: conv1d -> 1, max_pool2d -> 2, conv_transpose3d -> 3."""
    return int(op[-2])


def layout(rank: int, batched: bool = True) -> str:
    """``(N, C, H, W)``-style names of an input's dimensions, for the messages."""
    return "(" + ", ".join(("N",) * batched + ("C",) + DIM_NAMES[rank]) + ")"


def ints_form(rank: int) -> str:
    """How the messages say "an int or a sequence of 1 or ``rank`` ints"."""
    return "an int or a sequence of 1 int" if rank == 1 else f"an int or a sequence of 1 or {rank} ints"


def is_array(value) -> bool:
    """What the reference computes with: a numpy-like array, with ``.shape`` and ``.dtype``."""
    return hasattr(value, "shape") and hasattr(value, "dtype")


def is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_int_or_ints(value, dims: int) -> bool:
    """An int, or a list/tuple of 1 or ``dims`` ints."""
    if is_int(value):
        return True
    return isinstance(value, (tuple, list)) and len(value) in (1, dims) and all(map(is_int, value))


def per_dim(value, dims: int) -> tuple[int, ...]:
    """The value for each spatial dimension; assumes :func:`is_int_or_ints` holds."""
    values = (value,) if is_int(value) else tuple(value)
    return tuple(int(v) for v in values) * (dims if len(values) == 1 else 1)


def malformed(call, forms) -> str:
    """The parameters of ``call`` that fail their form check, as ``name=value`` (for a message).

    ``forms`` maps each parameter name to a predicate on its value."""
    return ", ".join(f"{name}={getattr(call, name)!r}" for name, ok in forms.items()
                     if not ok(getattr(call, name)))


def is_one_entry_sequence(value) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 1


class BatchedInput:
    """Derived quantities of an input of shape (N, C, *spatial) or unbatched (C, *spatial), and of
    the operator's name; mixed into the call classes, which have ``op``, ``input_shape`` and
    ``dilation``."""

    op: str
    input_shape: tuple[int, ...]
    dilation: object

    @property
    def spatial_dims(self) -> int:
        return rank_of(self.op)

    @property
    def dilations(self) -> tuple[int, ...]:
        return per_dim(self.dilation, self.spatial_dims)

    @property
    def batched(self) -> bool:
        return len(self.input_shape) == self.spatial_dims + 2

    @property
    def batch_size(self) -> int:
        return self.input_shape[0] if self.batched else 1

    @property
    def in_channels(self) -> int:
        return self.input_shape[-self.spatial_dims - 1]

    @property
    def input_size(self) -> tuple[int, ...]:
        return self.input_shape[-self.spatial_dims:]


@dataclass(frozen=True)
class WeightedCall(BatchedInput):
    """The arrays of a convolution's call (ConvCall, ConvTransposeCall) by shape and dtype name,
    and what they give; each subclass adds its parameters, ``stride`` among them."""

    input_shape: tuple[int, ...]
    weight_shape: tuple[int, ...]
    bias_shape: tuple[int, ...] | None = None
    input_dtype: str = "float32"
    weight_dtype: str = "float32"
    bias_dtype: str | None = None

    @property
    def kernel(self) -> tuple[int, ...]:
        return self.weight_shape[2:]

    @property
    def strides(self) -> tuple[int, ...]:
        return per_dim(self.stride, self.spatial_dims)


def array_fields(input, weight, bias) -> dict:
    """The shape and dtype fields of a convolution's call (``ConvCall``, ``ConvTransposeCall``)."""
    return dict(input_shape=tuple(input.shape), weight_shape=tuple(weight.shape),
                bias_shape=None if bias is None else tuple(bias.shape),
                input_dtype=str(input.dtype), weight_dtype=str(weight.dtype),
                bias_dtype=None if bias is None else str(bias.dtype))


def describe_arrays(call) -> str:
    """``input=float32[1, 2, 5], weight=..., bias=...`` for a convolution's call."""
    bias = "None" if call.bias_shape is None else f"{call.bias_dtype}{list(call.bias_shape)}"
    return (f"input={call.input_dtype}{list(call.input_shape)}, "
            f"weight={call.weight_dtype}{list(call.weight_shape)}, bias={bias}")
