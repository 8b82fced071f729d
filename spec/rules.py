"""Validity rules as data: a name, a predicate and a message per rule.

A rule list is ordered. Each predicate may assume that every rule before it holds (so a rule on
kernel sizes can read ``weight_shape[2:]`` once the weight-rank rule has passed). The reference
raises on the first violated rule; the tests draw calls that violate each rule in turn; the docs
render the lists as tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence


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

    @property
    def torch_raises(self) -> bool:
        return self.torch == "raises"


class SpecViolation(ValueError):
    """A call broke a validity rule. ``rule`` names it; the message says what was passed."""

    def __init__(self, rule: Rule, call: Any):
        self.rule = rule
        super().__init__(f"{rule.name}: {rule.message}; got {call.describe()}")


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


def rule_named(rules: Sequence[Rule], name: str) -> Rule:
    return next(rule for rule in rules if rule.name == name)
