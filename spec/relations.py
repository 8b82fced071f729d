"""The relationships of Dumoulin and Visin, "A guide to convolution arithmetic for deep learning"
(2016), restated in torch's terms and checked against ``spec.shapes.conv_output_size``.

Their i, k, s, p are torch's n, k, s, p; a relationship holds under its conditions for every size.
Each is checked symbolically (sympy simplifies the difference to 0) where sympy can, and on every
integer point of a grid in any case.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .shapes import conv_output_size, d, k, n, p, s


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


def holds_on_grid(rel: Relationship, limit: int = 9) -> bool:
    for size in range(1, limit + 4):
        for kernel in range(1, limit):
            if rel.requires_odd_kernel and kernel % 2 == 0:
                continue
            for stride in range(1, 4):
                for padding in range(0, 3):
                    for dilation in range(1, 3):
                        values = {n: size, k: kernel, s: stride, p: padding, d: dilation}
                        point = {sym: sp.sympify(rel.conditions.get(sym, sym)).subs(values) for sym in values}
                        if sp.sympify(conv_output_size(*(point[x] for x in (n, k, s, p, d)))).subs(values) \
                                != rel.output.subs(point).subs(values):
                            return False
    return True
