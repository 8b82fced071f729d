"""Check a call against the spec's rules as it was given, before a bug module changes it.

Not a zoo member. A bug module that rewrites its arguments (drops the bias, casts to another
dtype, swaps the padding mode) and hands them to the reference would otherwise validate the
rewritten call, and accept invalid calls its one bug has nothing to do with: an implementation
that ignores the bias still checks it. ``checked(op, **arguments)`` raises the SpecViolation the
reference would raise for the call as given.
"""

from __future__ import annotations

from spec.rules import check

from ..calls import Call
from ..checks import rules_of
from ..harness.features import spec_call


def checked(op: str, **arguments) -> None:
    call = spec_call(Call(op, arguments))  # raises input_is_array for a non-array argument
    check(rules_of(op)[1:], call)
