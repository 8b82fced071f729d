"""The reference with one validity rule dropped or loosened, for bugs that accept what torch rejects.

Not a zoo member. ``lenient(reference.conv2d, conv_rules, "rule")`` is a copy of the reference
function (same code) whose validity check skips the named rule, or replaces it with ``loosened``;
the reference itself is left untouched.
"""

from __future__ import annotations

import types

from spec.rules import Rule, check


def lenient(function, rules, name: str, loosened: Rule | None = None):
    kept = [loosened if rule.name == name else rule for rule in rules]
    kept = [rule for rule in kept if rule is not None]
    check_name = next(n for n in function.__code__.co_names if n.startswith("check_"))
    namespace = dict(function.__globals__, **{check_name: lambda call: check(kept, call)})
    return types.FunctionType(function.__code__, namespace, function.__name__, function.__defaults__,
                              function.__closure__)
