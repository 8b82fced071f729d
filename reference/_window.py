"""The two steps every operator shares: padding, and the walk of a window over the input.

Both work on the trailing spatial dimensions of an array and take one number per dimension, so
the same walk serves 1-D, 2-D and 3-D operators.
"""

from __future__ import annotations

import itertools

import numpy as np

# torch's padding modes, by the name np.pad gives the same rule.
_NUMPY_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pad(x: np.ndarray, paddings, padding_mode: str = "zeros") -> np.ndarray:
    """Pad the trailing ``len(paddings)`` dimensions of ``x`` by (before, after) each.

    zeros: zeros; reflect: mirror without repeating the edge (1 2 3 -> 2 | 1 2 3 | 2);
    replicate: repeat the edge (1 1 | 1 2 3 | 3 3); circular: wrap around (3 | 1 2 3 | 1).
    """
    widths = [(0, 0)] * (x.ndim - len(paddings)) + [tuple(pair) for pair in paddings]
    return np.pad(x, widths, mode=_NUMPY_PAD_MODE[padding_mode])


def output_positions(output_size):
    """Every output position in row-major order: (0, 0), (0, 1), ..., (H_out - 1, W_out - 1)."""
    return itertools.product(*(range(n) for n in output_size))


def window_taps(position, stride, dilation, kernel, start=None):
    """The input coordinates the window at ``position`` reads, one array per spatial dimension.

    Along each dimension the window starts at ``position * stride`` (shifted by ``start``, e.g.
    minus the padding, when the coordinates are those of an unpadded input) and reads ``kernel``
    taps ``dilation`` apart.
    """
    start = start or (0,) * len(position)
    return tuple(o * s + offset + d * np.arange(k)
                 for o, s, d, k, offset in zip(position, stride, dilation, kernel, start))


def at_taps(x: np.ndarray, taps) -> np.ndarray:
    """The elements of ``x`` at every combination of ``taps`` on its trailing dimensions."""
    leading = (slice(None),) * (x.ndim - len(taps))
    return x[leading + np.ix_(*taps)]


def batched(x: np.ndarray, spatial_dims: int) -> np.ndarray:
    """``x`` with a batch dimension, adding one of size 1 to unbatched input."""
    return x if x.ndim == spatial_dims + 2 else x[np.newaxis]


def unbatched_like(out: np.ndarray, x: np.ndarray, spatial_dims: int) -> np.ndarray:
    return out if x.ndim == spatial_dims + 2 else out[0]


def padding_sources(size, paddings, padding_mode: str = "zeros"):
    """For each dimension, the input coordinate each padded coordinate copies, -1 for zero padding.

    ``pad`` copies input elements into the padding; a gradient flows back the same way, so the
    gradient at a padded coordinate adds to the input element it copies (and to none for zeros):
    reflect with n = 3 and padding 1 gives [1, 0, 1, 2, 1].
    """
    return tuple(pad(np.arange(1, n + 1), [pair], padding_mode) - 1 for n, pair in zip(size, paddings))
