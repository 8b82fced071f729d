"""Formulas for the site: sympy expressions from spec/, rendered as MathML (no script needed).

sympy keeps an Add's terms in its own canonical order (``-d(k - 1) + n + 2p - 1``); a learner reads
the textbook order the spec's docstrings state, ``n + 2p - d(k - 1) - 1``. The printer here walks the
expression itself and orders each sum by ``ORDER`` (input size, paddings, dilation, kernel, stride,
numbers last), so the formula on the page is the spec's expression, only in the order the spec states.
``instantiated`` prints the same tree with numbers in place of symbols, each number labelled with the
symbol it replaces; nothing is evaluated, so ``1 · (3 - 1)`` stays as the reader would write it.
"""

from __future__ import annotations

import sympy as sp

# Reading order of the symbols in a sum: n (or i), H, W first, the paddings, then d, k, s.
ORDER = ["n", "i", "H", "W", "p", "p_l", "p_r", "d", "k", "s", "a"]


def sub(name: str, index: str) -> str:
    return f"<msub><mi>{name}</mi><mi>{index}</mi></msub>"


def _symbol(name: str) -> str:
    if "_" in name:
        base, index = name.split("_", 1)
        return sub(base, index)
    return f"<mi>{name}</mi>"


def _rank(term) -> tuple:
    """Sort key of a term in a sum: by its first symbol in ORDER, added terms before subtracted
    ones; numbers last."""
    names = sorted(ORDER.index(str(x)) if str(x) in ORDER else len(ORDER) for x in term.free_symbols)
    return (names[0] if names else len(ORDER) + 1, bool(term.could_extract_minus_sign()))


def _factor_rank(factor) -> tuple:
    """Order of the factors of a product: numbers, then symbols, then the rest (2p, s(m - 1))."""
    return (not factor.is_Number, not factor.is_Symbol, _rank(factor))


def _split(expr) -> tuple[list, list]:
    """A product's factors above and below the fraction bar."""
    numerator, denominator = [], []
    for factor in sp.Mul.make_args(expr):
        if factor.is_Pow and factor.exp.is_Number and factor.exp < 0:
            denominator.append(factor.base ** -factor.exp)
        elif factor.is_Rational and not factor.is_Integer:
            if factor.p != 1:
                numerator.append(sp.Integer(factor.p))
            denominator.append(sp.Integer(factor.q))
        else:
            numerator.append(factor)
    return numerator, denominator


def _number(value) -> str:
    return f"<mn>{value}</mn>"


class _Printer:
    def __init__(self, values: dict | None = None, otherwise: str = "otherwise", when: str = "if"):
        # symbol -> number shown in its place, with the symbol written under it
        self.values = {str(k): v for k, v in (values or {}).items()}
        self.otherwise, self.when = otherwise, when  # a Piecewise's words, in the page's language

    def __call__(self, expr) -> str:
        expr = sp.sympify(expr)
        method = getattr(self, "_" + type(expr).__name__, None)
        if method is None:
            for cls in type(expr).__mro__:
                method = getattr(self, "_" + cls.__name__, None)
                if method:
                    break
        if method is None:
            return sp.mathml(expr, printer="presentation")
        return method(expr)

    # -- atoms --------------------------------------------------------------------------------
    def _Symbol(self, expr) -> str:
        name = str(expr)
        if name in self.values:
            return (f"<munder><mn>{self.values[name]}</mn>"
                    f"<mstyle mathsize='70%' mathcolor='#6a6a6a'>{_symbol(name)}</mstyle></munder>")
        return _symbol(name)

    def _Integer(self, expr) -> str:
        return _number(int(expr))

    def _Rational(self, expr) -> str:
        return f"<mfrac>{_number(expr.p)}{_number(expr.q)}</mfrac>"

    # -- operators ----------------------------------------------------------------------------
    def _Add(self, expr) -> str:
        terms = sorted(expr.args, key=_rank)
        parts = []
        for i, term in enumerate(terms):
            negative = term.could_extract_minus_sign()
            body = self(-term if negative else term)
            if i == 0:
                parts.append(("<mo>&#8722;</mo>" if negative else "") + body)
            else:
                parts.append(("<mo>&#8722;</mo>" if negative else "<mo>+</mo>") + body)
        return "<mrow>" + "".join(parts) + "</mrow>"

    def _factors(self, factors) -> str:
        factors = sorted(factors, key=_factor_rank)
        shown = []
        for f in factors:
            body = self(f)
            shown.append(f"<mrow><mo>(</mo>{body}<mo>)</mo></mrow>" if f.is_Add else body)
        # With numbers in place of symbols, juxtaposition would read as digits: show the product.
        times = "<mo>&#183;</mo>" if self.values else "<mo>&#8290;</mo>"
        return "<mrow>" + times.join(shown) + "</mrow>"

    def _Mul(self, expr) -> str:
        numerator, denominator = _split(expr)
        if numerator and numerator[0] == -1 and len(numerator) > 1:
            return "<mrow><mo>&#8722;</mo>" + self._Mul(sp.Mul(*numerator[1:], evaluate=False)
                                                          / sp.Mul(*denominator)) + "</mrow>"
        top = self._factors(numerator) if len(numerator) != 1 else self(numerator[0])
        if not numerator:
            top = _number(1)
        if not denominator:
            return top
        bottom = self._factors(denominator) if len(denominator) != 1 else self(denominator[0])
        return f"<mfrac>{top}{bottom}</mfrac>"

    def _Pow(self, expr) -> str:
        if expr.exp.is_Number and expr.exp < 0:
            return self._Mul(sp.Mul(1, expr, evaluate=False))
        base = self(expr.base)
        if expr.base.is_Add or expr.base.is_Mul:  # (K S / D)^(1/p): the exponent is the whole base's
            base = f"<mrow><mo>(</mo>{base}<mo>)</mo></mrow>"
        return f"<msup>{base}{self(expr.exp)}</msup>"

    def _floor(self, expr) -> str:
        return f"<mrow><mo>&#8970;</mo>{self(expr.args[0])}<mo>&#8971;</mo></mrow>"

    def _ceiling(self, expr) -> str:
        return f"<mrow><mo>&#8968;</mo>{self(expr.args[0])}<mo>&#8969;</mo></mrow>"

    def _Mod(self, expr) -> str:
        x, y = (f"<mrow><mo>(</mo>{self(e)}<mo>)</mo></mrow>" if e.is_Add else self(e) for e in expr.args)
        return f"<mrow>{x}<mspace width='0.3em'/><mo>mod</mo><mspace width='0.3em'/>{y}</mrow>"

    def _Relational(self, expr) -> str:
        ops = {">=": "&#8805;", "<=": "&#8804;", ">": "&gt;", "<": "&lt;", "==": "=", "!=": "&#8800;"}
        return f"<mrow>{self(expr.lhs)}<mo>{ops[expr.rel_op]}</mo>{self(expr.rhs)}</mrow>"

    def _Piecewise(self, expr) -> str:
        rows = []
        for value, condition in expr.args:
            cond = (f"<mtext>{self.otherwise}</mtext>" if condition is sp.true
                    else f"<mtext>{self.when}&#160;</mtext>" + self(condition))
            rows.append(f"<mtr><mtd columnalign='left'>{self(value)}</mtd>"
                        f"<mtd columnalign='left'><mspace width='1em'/>{cond}</mtd></mtr>")
        return "<mrow><mo>{</mo><mtable>" + "".join(rows) + "</mtable></mrow>"


def fragment(expr, values: dict | None = None, **words) -> str:
    """MathML of ``expr`` in the spec's reading order (no ``<math>`` around it); ``words``: a
    Piecewise's ``otherwise`` and ``when`` in the page's language."""
    return _Printer(values, **words)(expr)


def mathml(expr, lhs: str | None = None, display: bool = True, **words) -> str:
    """``expr`` as MathML; ``lhs`` (MathML) is put in front with an equals sign."""
    body = fragment(expr, **words)
    if lhs:
        body = f"{lhs}<mo>=</mo>{body}"
    mode = "block" if display else "inline"
    return f'<math display="{mode}"><mrow>{body}</mrow></math>'


def instantiated(expr, values: dict, result, lhs: str) -> str:
    """``expr`` with each symbol shown as its number from ``values`` (the symbol written under it),
    not evaluated, '=' its ``result``."""
    body = fragment(expr, values)
    return f'<math display="block"><mrow>{lhs}<mo>=</mo>{body}<mo>=</mo><mn>{result}</mn></mrow></math>'


def plain(expr, values: dict | None = None) -> str:
    """The same reading order as plain text (for the calculator's steps and for tests)."""
    return _TextPrinter(values)(expr)


class _TextPrinter:
    def __init__(self, values=None):
        self.values = {str(k): v for k, v in (values or {}).items()}

    def __call__(self, expr) -> str:
        expr = sp.sympify(expr)
        if expr.is_Symbol:
            return str(self.values.get(str(expr), expr))
        if expr.is_Integer:
            return str(int(expr))
        if expr.is_Add:
            out = ""
            for i, term in enumerate(sorted(expr.args, key=_rank)):
                negative = term.could_extract_minus_sign()
                body = self(-term if negative else term)
                out += ("-" if negative else "") + body if i == 0 else (" - " if negative else " + ") + body
            return out
        if expr.is_Mul:
            num, den = _split(expr)
            if num and num[0] == -1 and len(num) > 1:
                return "-" + self(sp.Mul(*num[1:], evaluate=False) / sp.Mul(*den))
            num = sorted(num, key=_factor_rank)
            shown = [f"({self(f)})" if f.is_Add else self(f) for f in num]
            top = shown[0] if shown else "1"
            for f, text in zip(num[1:], shown[1:]):  # juxtaposed (2p, d(k - 1)) unless that misreads
                top += " * " if self.values else "·" if f.is_Function or f.is_Number else ""
                top += text
            if not den:
                return top
            top = f"({top})" if len(num) > 1 else top
            return f"{top} / {self(sp.Mul(*den))}"
        if isinstance(expr, (sp.floor, sp.ceiling)):
            return f"{'floor' if isinstance(expr, sp.floor) else 'ceil'}({self(expr.args[0])})"
        return str(expr)
