"""Validity rules as data: a name, a predicate and a message per rule.

A rule list is ordered. Each predicate may assume that every rule before it holds (so a rule on
kernel sizes can read ``weight_shape[2:]`` once the weight-rank rule has passed). The reference
raises on the first violated rule; the tests draw calls that violate each rule in turn; the docs
render the lists as tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .params import is_array


@dataclass(frozen=True)
class Rule:
    name: str
    message: str
    violated_by: Callable[[Any], bool]
    # What torch 2.13 on CPU does with a call that breaks only this rule: "raises" (it agrees), or a
    # sentence saying how it differs. A divergence is pinned by a test, never left implicit.
    torch: str = "raises"
    # The rule marks the edge of what torch implements, and torch's own answer is
    # NotImplementedError (a dtype, a dtype with an option, a padding form): an implementation
    # under test that raises Unsupported for such a call agrees with torch.
    about_support: bool = False
    # What in the call breaks the rule, for the message where the rule covers several arguments
    # (call -> str, e.g. "stride=True"); None where the rule's message says it already.
    explain: Callable[[Any], str] | None = None

    @property
    def torch_raises(self) -> bool:
        return self.torch == "raises"


class SpecViolation(ValueError):
    """A call broke a validity rule. ``rule`` names it; the message says what was passed."""

    def __init__(self, rule: Rule, call: Any):
        self.rule = rule
        culprit = f"; wrong: {rule.explain(call)}" if rule.explain is not None else ""
        super().__init__(f"{rule.name}: {rule.message}{culprit}; got {call.describe()}")


class Unsupported(NotImplementedError):
    """Raised by an implementation under test for a call it does not implement (an option, a dtype).

    convspec discards such a call from its search and tallies it, instead of counting it as a
    divergence; it is never taken as a rejection of an invalid call, except for the rules that are
    themselves about support (``Rule.about_support``: a dtype torch does not implement either).
    Plain NotImplementedError is read the same way. The message should say what is missing, for
    example ``Unsupported("padding_mode='circular'")``.
    """


def first_violation(rules: Sequence[Rule], call: Any) -> Rule | None:
    for rule in rules:
        if rule.violated_by(call):
            return rule
    return None


def check(rules: Sequence[Rule], call: Any) -> None:
    rule = first_violation(rules, call)
    if rule is not None:
        raise SpecViolation(rule, call)


# Checked when a call is made from its arguments, before the operator's own rules: every other rule
# reads shapes and dtypes, which a list or None does not have.
INPUT_IS_ARRAY = Rule(
    "input_is_array",
    "input and weight must be numpy arrays (anything with .shape and .dtype), bias an array or None",
    lambda arguments: bool(arguments.not_arrays))


@dataclass(frozen=True)
class _Arguments:
    op: str
    not_arrays: tuple[str, ...]  # "input=list", ...

    def describe(self) -> str:
        return f"{self.op}({', '.join(self.not_arrays)})"


def require_arrays(op: str, arrays: dict, optional: dict | None = None) -> None:
    """Raise SpecViolation(INPUT_IS_ARRAY) unless every value of ``arrays`` is an array and every
    value of ``optional`` an array or None."""
    wrong = [f"{name}={type(value).__name__}" for name, value in arrays.items() if not is_array(value)]
    wrong += [f"{name}={type(value).__name__}" for name, value in (optional or {}).items()
              if value is not None and not is_array(value)]
    check([INPUT_IS_ARRAY], _Arguments(op, tuple(wrong)))


def rule_named(rules: Sequence[Rule], name: str) -> Rule:
    return next(rule for rule in rules if rule.name == name)
