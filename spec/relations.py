"""The relationships of Dumoulin and Visin, "A guide to convolution arithmetic for deep learning"
(2016), restated in torch's terms and checked against ``spec.shapes.conv_output_size``.

Their i, k, s, p are torch's n, k, s, p; a relationship holds under its conditions for every size.
Each is checked symbolically (sympy simplifies the difference to 0) where sympy can, and on every
integer point of a grid in any case.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .shapes import a, conv_output_size, conv_transpose_output_size, d, k, n, p, s


@dataclass(frozen=True)
class Relationship:
    number: int
    name: str
    conditions: dict  # symbol -> value (or expression) that the relationship assumes
    output: sp.Expr
    requires_odd_kernel: bool = False

    def torch_rule(self) -> sp.Expr:
        """The general rule under this relationship's conditions."""
        return sp.sympify(conv_output_size(n, k, s, p, d)).subs(self.conditions)


RELATIONSHIPS = [
    Relationship(1, "no zero padding, unit strides", {s: 1, p: 0, d: 1}, n - k + 1),
    Relationship(2, "zero padding, unit strides", {s: 1, d: 1}, n - k + 2 * p + 1),
    Relationship(3, "half (same) padding, odd k, unit strides", {s: 1, p: (k - 1) / 2, d: 1}, n,
                 requires_odd_kernel=True),
    Relationship(4, "full padding, unit strides", {s: 1, p: k - 1, d: 1}, n + k - 1),
    Relationship(5, "no zero padding, non-unit strides", {p: 0, d: 1}, sp.floor((n - k) / s) + 1),
    Relationship(6, "zero padding, non-unit strides", {d: 1}, sp.floor((n + 2 * p - k) / s) + 1),
    Relationship(15, "dilated kernel k' = k + (k - 1)(d - 1)", {},
                 sp.floor((n + 2 * p - k - (k - 1) * (d - 1)) / s) + 1),
]


def holds_symbolically(rel: Relationship) -> bool:
    return sp.simplify(rel.torch_rule() - rel.output) == 0


def _integers(values: dict) -> dict:
    """The grid point as sympy Integers, for ``xreplace``: a plain substitution, which evaluates the
    floors as exactly as ``subs`` but takes a fraction of its time (the grid has 1728 points)."""
    return {sym: sp.Integer(value) for sym, value in values.items()}


def _grid(limit: int):
    """Every (n, k, s, p, d) of the grid the relationships are checked on."""
    for size in range(1, limit + 4):
        for kernel in range(1, limit):
            for stride in range(1, 4):
                for padding in range(0, 3):
                    for dilation in range(1, 3):
                        yield size, kernel, stride, padding, dilation


def holds_on_grid(rel: Relationship, limit: int = 9) -> bool:
    for size, kernel, stride, padding, dilation in _grid(limit):
        if rel.requires_odd_kernel and kernel % 2 == 0:
            continue
        values = _integers({n: size, k: kernel, s: stride, p: padding, d: dilation})
        point = {sym: sp.sympify(rel.conditions.get(sym, sym)).xreplace(values) for sym in values}
        if sp.sympify(conv_output_size(*(point[x] for x in (n, k, s, p, d)))).xreplace(values) \
                != rel.output.xreplace(point).xreplace(values):
            return False
    return True


# -- transposed convolution ----------------------------------------------------------------------
# Dumoulin and Visin's relationships 8 to 14 describe the transposed convolution of a convolution
# with input size i, output size o = conv_output_size(i, k, s, p); restated in torch's terms, n is
# the transposed convolution's input size (their i') and a its output_padding. With a the part of
# i + 2p - k that the forward rule's floor drops, a = (i + 2p - k) mod s, the transposed
# convolution's output size is i again: relationship 14, and :func:`inverts_symbolically`.


@dataclass(frozen=True)
class TransposedRelationship:
    number: int
    name: str
    conditions: dict  # symbol -> value (or expression) that the relationship assumes
    output: sp.Expr  # in n, the transposed convolution's input size, and a, its output_padding
    requires_odd_kernel: bool = False

    def torch_rule(self) -> sp.Expr:
        """spec.shapes.conv_transpose_output_size under this relationship's conditions."""
        return sp.sympify(conv_transpose_output_size(n, k, s, p, d, a)).subs(self.conditions)


TRANSPOSED_RELATIONSHIPS = [
    TransposedRelationship(8, "no zero padding, unit strides, transposed", {s: 1, p: 0, d: 1, a: 0}, n + (k - 1)),
    TransposedRelationship(9, "zero padding, unit strides, transposed", {s: 1, d: 1, a: 0}, n + (k - 1) - 2 * p),
    TransposedRelationship(10, "half (same) padding, odd k, transposed", {s: 1, p: (k - 1) / 2, d: 1, a: 0}, n,
                           requires_odd_kernel=True),
    TransposedRelationship(11, "full padding, transposed", {s: 1, p: k - 1, d: 1, a: 0}, n - (k - 1)),
    TransposedRelationship(12, "no zero padding, non-unit strides, (i - k) mod s = 0, transposed",
                           {p: 0, d: 1, a: 0}, s * (n - 1) + k),
    TransposedRelationship(13, "zero padding, non-unit strides, (i + 2p - k) mod s = 0, transposed",
                           {d: 1, a: 0}, s * (n - 1) + k - 2 * p),
    TransposedRelationship(14, "zero padding, non-unit strides, a = (i + 2p - k) mod s, transposed",
                           {d: 1}, s * (n - 1) + a + k - 2 * p),
]


def _without_mod(expr) -> sp.Expr:
    """Mod(x, y) written as x - y floor(x / y), its definition for integers, so that sympy can
    cancel it against the floors of the forward rule."""
    return expr.replace(sp.Mod, lambda x, y: x - y * sp.floor(x / y))


def dropped_by_floor(size, kernel, stride, padding, dilation=1):
    """What the forward rule's floor drops, (n + 2p - d(k - 1) - 1) mod s: the output_padding that
    makes the transposed convolution give back the forward input size n."""
    return sp.Mod(size + 2 * padding - dilation * (kernel - 1) - 1, stride)


def inverts_symbolically() -> bool:
    """conv_transpose_output_size(conv_output_size(n, k, s, p, d), k, s, p, d, a) = n for the
    output_padding a = dropped_by_floor(n, k, s, p, d), for every n, k, s, p, d."""
    forward = conv_output_size(n, k, s, p, d)
    back = conv_transpose_output_size(forward, k, s, p, d, dropped_by_floor(n, k, s, p, d))
    return sp.simplify(_without_mod(sp.sympify(back) - n)) == 0


def inverts_on_grid(limit: int = 9) -> bool:
    """The same on every point of a grid where the convolution is valid, with output_padding in
    [0, s), as the spec's output_padding rule asks."""
    for size, kernel, stride, padding, dilation in _grid(limit):
        if dilation * (kernel - 1) + 1 > size + 2 * padding:
            continue  # no convolution to transpose
        forward = conv_output_size(size, kernel, stride, padding, dilation)
        extra = int(dropped_by_floor(size, kernel, stride, padding, dilation))
        if not 0 <= extra < stride or \
                conv_transpose_output_size(forward, kernel, stride, padding, dilation, extra) != size:
            return False
    return True


def transposed_holds_symbolically(rel: TransposedRelationship) -> bool:
    return sp.simplify(rel.torch_rule() - rel.output) == 0


def transposed_holds_on_grid(rel: TransposedRelationship, limit: int = 9) -> bool:
    for size, kernel, stride, padding, dilation in _grid(limit):
        if rel.requires_odd_kernel and kernel % 2 == 0:
            continue
        for extra in range(stride):
            values = _integers({n: size, k: kernel, s: stride, p: padding, d: dilation, a: extra})
            point = {sym: sp.sympify(rel.conditions.get(sym, sym)).xreplace(values) for sym in values}
            if conv_transpose_output_size(*(point[x] for x in (n, k, s, p, d, a))) != rel.output.xreplace(point):
                return False
    return True

