"""The int-or-sequence parameters (kernel_size, stride, padding, dilation), read as torch reads them.

torch accepts an int (used for every spatial dimension) or a sequence with one entry per spatial
dimension; a one-entry sequence is repeated, as an int would be. bool is not an int here: torch's
argument parser rejects ``stride=True``.
"""

from __future__ import annotations

import numbers


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


def is_one_entry_sequence(value) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 1


class BatchedInput:
    """Derived quantities of an input of shape (N, C, *spatial) or unbatched (C, *spatial); mixed
    into the call classes, which have ``input_shape`` and ``spatial_dims``."""

    input_shape: tuple[int, ...]
    spatial_dims: int

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
