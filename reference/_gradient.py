"""What every backward shares: gradients as sums of terms, each element summed exactly and rounded
once (as reference._exact does for the forwards)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ._exact import exact_sum, round_to, widen
from ._window import at_taps, batched, window_taps


class Terms:
    """A result of ``shape`` whose elements are sums of scattered terms: :meth:`add` each term where
    it lands, then :meth:`total` sums each element's terms exactly and rounds once; an element no
    term reaches is 0."""

    def __init__(self, shape, dtype):
        self.shape, self.dtype = tuple(shape), np.dtype(dtype)
        self.terms = defaultdict(list)

    def add(self, index, term) -> None:
        self.terms[tuple(int(i) for i in index)].append(term)

    def total(self) -> np.ndarray:
        out = np.zeros(self.shape, dtype=self.dtype)
        for index, terms in self.terms.items():
            out[index] = round_to(exact_sum(np.array(terms, dtype=np.float64)), self.dtype)
        return out


def tap_correlation(small, large, offset, strides, dilations, dtype):
    """sum over samples and positions q of small[:, q] * large[:, q * s + offset * d]: the gradient
    of one weight tap, ``offset``, as the correlation of two (N, ...) arrays (already widened).

    It is the forward's window walk with the roles swapped: the tap is fixed and the positions
    vary, so the taps read lie ``stride`` apart, starting at ``offset * dilation``.
    """
    taps = window_taps(offset, dilations, strides, small.shape[1:])
    return round_to(exact_sum(small * at_taps(large, taps)), dtype)


def channel_sums(grad, dtype) -> np.ndarray:
    """The bias gradient: each channel's gradients (axis 1 of a batched, widened array) summed."""
    return np.array([round_to(exact_sum(grad[:, o]), dtype) for o in range(grad.shape[1])], dtype=dtype)


def gradient_planes(grad_output, spatial_dims: int, output_size) -> np.ndarray:
    """The output gradient as a stack of widened planes (volumes), one per (sample, channel), the
    layout every pool's forward walks its input in."""
    g = batched(grad_output, spatial_dims)
    return widen(g.reshape((g.shape[0] * g.shape[1],) + tuple(output_size)))  # not -1: outputs may be empty


def routed(g, indices, input_size, dtype, reached=None) -> np.ndarray:
    """A max-like pool's input gradient, plane by plane: the gradient g[plane, position] of each
    output goes, whole, to the element that output's flat index names in its plane (the element
    the forward chose); an element several outputs chose gets their sum, exact and rounded once.
    ``reached`` (a bool array like g), if given, leaves out the outputs marked False."""
    grad = Terms((len(g),) + tuple(input_size), dtype)
    for where in np.ndindex(*g.shape):
        if reached is None or reached[where]:
            grad.add((where[0],) + np.unravel_index(indices[where], input_size), g[where])
    return grad.total()


def spread(g, windows, input_size, dtype) -> np.ndarray:
    """An averaging pool's input gradient, plane by plane: for each (plane, position, elements,
    divisor) of ``windows`` every element (a coordinate tuple) gets the share g[plane, position] /
    divisor; each element's shares are summed exactly and rounded once."""
    grad = Terms((len(g),) + tuple(input_size), dtype)
    for plane, position, elements, divisor in windows:
        share = g[(plane,) + tuple(position)] / divisor
        for coords in elements:
            grad.add((plane,) + tuple(coords), share)
    return grad.total()
