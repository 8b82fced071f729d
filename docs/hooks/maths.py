"""Formulas for the site: sympy expressions from spec/, rendered as MathML (no script needed)."""

from __future__ import annotations

import re

import sympy as sp


def _fragment(expr) -> str:
    if isinstance(expr, sp.Piecewise):
        rows = []
        for value, condition in expr.args:
            when = "otherwise" if condition is sp.true else None
            cond = "<mtext>otherwise</mtext>" if when else "<mtext>if&#160;</mtext>" + _fragment(condition)
            rows.append(f"<mtr><mtd columnalign='left'>{_fragment(value)}</mtd>"
                        f"<mtd columnalign='left'><mspace width='1em'/>{cond}</mtd></mtr>")
        return "<mrow><mo>{</mo><mtable>" + "".join(rows) + "</mtable></mrow>"
    return sp.mathml(expr, printer="presentation")


def mathml(expr, lhs: str | None = None, display: bool = True) -> str:
    """``expr`` as MathML; ``lhs`` (MathML) is put in front with an equals sign."""
    body = _fragment(sp.sympify(expr))
    if lhs:
        body = f"{lhs}<mo>=</mo>{body}"
    mode = "block" if display else "inline"
    return f'<math display="{mode}"><mrow>{body}</mrow></math>'


def instantiated(expr, values: dict, result, lhs: str) -> str:
    """``expr`` with the symbols replaced by ``values`` but not evaluated, '=' its ``result``."""
    shown = sp.sympify(expr).subs({symbol: sp.Dummy(str(v)) for symbol, v in values.items()})
    body = _fragment(shown).replace("<mo>&InvisibleTimes;</mo>", "<mo>&#183;</mo>")
    body = re.sub(r"<mi>(-?\d+)</mi>", r"<mn>\1</mn>", body)
    return f'<math display="block"><mrow>{lhs}<mo>=</mo>{body}<mo>=</mo><mn>{result}</mn></mrow></math>'


def sub(name: str, index: str) -> str:
    return f"<msub><mi>{name}</mi><mi>{index}</mi></msub>"
