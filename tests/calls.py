"""A drawn call: an operator's name and keyword arguments, runnable and printable as Python."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def _literal(value) -> str:
    """Python source for a scalar, nested list or parameter, nan and inf included."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, complex):
        return f"complex({_literal(value.real)}, {_literal(value.imag)})"
    if isinstance(value, float) and not math.isfinite(value):
        return "np.nan" if math.isnan(value) else ("np.inf" if value > 0 else "-np.inf")
    return repr(value)


def array_literal(array: np.ndarray) -> str:
    return f"np.array({_literal(array.tolist())}, dtype=np.{array.dtype.name}).reshape({array.shape})"


@dataclass
class Call:
    op: str
    kwargs: dict

    def run(self, function):
        """Call ``function`` with copies of the arrays, so no implementation can alter the draw."""
        return function(**{name: value.copy() if isinstance(value, np.ndarray) else value
                           for name, value in self.kwargs.items()})

    def python(self) -> str:
        """The call as runnable Python (``import numpy as np`` and the function assumed)."""
        args = ",\n".join(
            f"    {name}={array_literal(value) if isinstance(value, np.ndarray) else _literal(value)}"
            for name, value in self.kwargs.items())
        return f"{self.op}(\n{args},\n)"

    def __repr__(self) -> str:
        return self.python()

    def _repr_pretty_(self, printer, cycle) -> None:
        # Hypothesis prints a falsifying example with its pretty-printer, which reads this hook
        # first: the example is then runnable Python too, not the dataclass's fields.
        printer.text(self.python())

    def __getitem__(self, name):
        return self.kwargs[name]

    def get(self, name, default=None):
        return self.kwargs.get(name, default)
