"""The hunt: every distinct divergence of an implementation, not one per test.

For each operator the hunt searches valid calls (checked against the reference) and calls that
break one rule (which must be rejected). A failing call is shrunk to a minimal one and filed in a
bucket: the operator, the kind of difference (type, shape, dtype, values, indices, accepted an
invalid call, rejected a valid call, crash, timeout) and the options that matter, found by setting
each option back to its default and seeing whether the call still fails the same way. The next
search skips calls that fall in a bucket already filed; the hunt ends when its budget is spent or
a search finds nothing new.

A bucket names which options matter, and the value only for the padding mode and the batch
form: one bug that shows in every integer dtype, or with 'same' and with integer padding, or in
depthwise and in grouped convolutions, is one divergence, not several. A failing call is in a
bucket if it fails the same way and the options that matter for it include the bucket's: an
option can seem to matter only because resetting it moves the data the bug needs (a stride that
lines up a tie), so a later, smaller set of options replaces the larger one it is part of. Two
bugs of the same kind on the same options are one bucket.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from ..calls import Call
from ..checks import CHECKS, PARITY_RULES, rules_of
from ..compare import Mismatch
from ..strategies import family, invalid_conv2d_calls, invalid_pool2d_calls
from .drawing import valid_calls
from .resets import changed_options, reset
from .tally import CONFORMS, DIVERGES
from .under_test import CallFailed, NotSupported, Raised, UnderTest

from spec.rules import rule_named


@dataclass(frozen=True)
class Divergence:
    operator: str
    kind: str
    options: tuple  # (name, value) pairs that matter; the rule's name for an accepted invalid call
    call: Call
    message: str  # what differs, as the check said it

    @property
    def bucket(self) -> tuple:
        return _bucket(self.operator, self.kind, self.options)


_BY_VALUE = ("padding_mode", "batch", "rule")


def _bucket(op, kind, options) -> tuple:
    return op, kind, frozenset(f"{name}={value}" if name in _BY_VALUE else name for name, value in options)


def _covers(bucket, other) -> bool:
    """``other`` (a failing call's bucket) falls in ``bucket``."""
    return bucket[:2] == other[:2] and bucket[2] <= other[2]


class _OutOfTime(Exception):
    pass


@dataclass
class Hunt:
    under_test: UnderTest
    budget: float = 300.0
    examples: int = 300  # per search
    parity_examples: int | None = None  # per search of one rule's calls; default examples // 4, at least 20
    derandomize: bool = False  # the same searches on every run (the meta-tests' reproducible hunts)
    found: list = field(default_factory=list)
    calls: int = 0
    start: float = field(default_factory=time.perf_counter)

    # -- one call --------------------------------------------------------------------------------
    def outcome(self, call: Call, rule: str | None) -> tuple[str, str] | None:
        """(kind, message) if ``call`` shows a divergence, None if it conforms, is unsupported or
        is explained by a known divergence."""
        if time.perf_counter() - self.start > self.budget:
            raise _OutOfTime
        self.calls += 1
        under_test = self.under_test
        try:
            got = under_test.function(call.op)(**call.kwargs)
        except NotSupported as unsupported:
            if rule is not None and rule_named(rules_of(call.op), rule).about_support:
                return None
            under_test.tally.unsupported(call, unsupported.message, None)
            return None
        except CallFailed as failure:
            return self._unless_known(call, failure.kind, str(failure), rule)
        except Raised as raised:
            if rule is not None:
                return None
            return self._unless_known(call, "rejected a valid call", f"raised {raised}", rule)
        if rule is not None:
            sentence = rule_named(rules_of(call.op), rule).message
            return self._unless_known(call, "accepted an invalid call", f"returned a result; {rule}: {sentence}", rule)
        try:
            CHECKS[call.op](lambda **_: got, call)
        except Mismatch as mismatch:
            return self._unless_known(call, mismatch.kind, str(mismatch).split("\n\n")[0], rule)
        under_test.tally.outcome(call, CONFORMS, None)
        return None

    def _unless_known(self, call, kind, message, rule):
        if any(k.matches(call) for k in self.under_test.known):
            return None
        if rule is None:
            self.under_test.tally.outcome(call, DIVERGES, None)
        return kind, message

    # -- buckets ---------------------------------------------------------------------------------
    def options_that_matter(self, call: Call, kind: str, rule: str | None) -> tuple:
        if rule is not None:
            return (("rule", rule),)
        mattering = []
        for name, value in changed_options(call).items():
            changed = reset(call, name)
            still = changed is not None and (self.outcome(changed, None) or (None,))[0] == kind
            if not still:
                mattering.append((name, value))
        return tuple(mattering)

    def _covered(self, bucket) -> bool:
        return any(_covers(found.bucket, bucket) for found in self.found)

    def _file(self, divergence: Divergence) -> None:
        """Add ``divergence``, replacing the buckets it is a smaller form of."""
        self.found = [d for d in self.found if not _covers(divergence.bucket, d.bucket)] + [divergence]

    def search(self, op: str, rule: str | None) -> Divergence | None:
        """One search of ``op``'s valid calls (``rule`` None) or of calls breaking ``rule``, for a
        divergence outside the buckets found so far."""
        known_kinds = {(d.operator, d.kind) for d in self.found}
        target = {}

        def diverges(call) -> bool:
            result = self.outcome(call, rule)
            if result is None:
                return False
            kind = result[0]
            if target and target["kind"] != kind:
                return False  # shrink towards the kind first found, so one bug does not slip into another
            if (op, kind) in known_kinds:
                options = self.options_that_matter(call, kind, rule)
                if self._covered(_bucket(op, kind, options)):
                    return False
            target.setdefault("kind", kind)
            return True

        examples = self.examples if rule is None else self.parity_examples or max(20, self.examples // 4)
        search = settings(database=None, deadline=None, max_examples=examples, derandomize=self.derandomize,
                          phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
        try:
            call = find(_calls(op, rule, self.under_test), diverges, settings=search)
        except NoSuchExample:
            return None
        kind, message = self.outcome(call, rule)
        divergence = Divergence(op, kind, self.options_that_matter(call, kind, rule), call, message)
        if self._covered(divergence.bucket):
            return None  # the shrunk call slipped into a bucket already found
        return divergence

    def run(self, ops, progress=lambda line: None) -> list[Divergence]:
        """Search each operator's valid calls, then the calls breaking each of its rules, again and
        again while a search finds something new."""
        remaining = [(op, rule) for op in ops for rule in [None] + PARITY_RULES[op]]
        try:
            while remaining:
                for op, rule in list(remaining):
                    divergence = self.search(op, rule)
                    what = "valid calls" if rule is None else f"calls breaking {rule}"
                    if divergence is None:
                        remaining.remove((op, rule))
                        if rule is None:
                            progress(f"{op}: {what}: nothing new")
                        continue
                    self._file(divergence)
                    progress(f"{op}: {what}: {divergence.kind} ({_options_text(divergence.options)})")
        except _OutOfTime:
            progress(f"budget of {self.budget:.0f} s spent")
        return self.found

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


def _options_text(options) -> str:
    return ", ".join(f"{name}={value}" for name, value in options) or "any call"


def _calls(op: str, rule: str | None, under_test: UnderTest):
    if rule is None:
        return valid_calls(op, under_test)
    if op == "conv2d":
        return invalid_conv2d_calls(rule)
    if op in ("max_pool2d", "avg_pool2d"):
        return invalid_pool2d_calls(op, rule)
    own = family.own_strategies(op)
    return own.invalid_calls(op, rule) if own else family.invalid_calls(op, rule)
