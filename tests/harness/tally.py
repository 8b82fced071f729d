"""What a run saw of the implementation under test, counted: each call's outcome by option, the
unsupported calls and their messages, the known divergences, the warnings, error parity by rule.

A tally is plain nested dicts of counts (JSON as it is), so pytest-xdist's workers can send theirs
to the controller, which adds them up (:meth:`Tally.merge`).
"""

from __future__ import annotations

from collections import Counter

from .features import VALUES, features

CONFORMS, DIVERGES, UNSUPPORTED = "conforms", "diverges", "unsupported"


def _known(name: str) -> str:
    return f"known:{name}"


def _add(counts: dict, key, amount: int = 1) -> None:
    counts[key] = counts.get(key, 0) + amount


def _merge(into: dict, other: dict) -> None:
    for key, value in other.items():
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            into[key] = into.get(key, 0) + value
        else:  # a first example: keep the one already there
            into.setdefault(key, value)


class Tally:
    def __init__(self, data: dict | None = None):
        self.data = data or {"options": {}, "calls": {}, "unsupported": {}, "known": {}, "warnings": {},
                             "parity": {}, "tests": {}}

    def merge(self, other: "Tally | dict") -> None:
        _merge(self.data, other.data if isinstance(other, Tally) else other)

    # -- recording -------------------------------------------------------------------------------
    def outcome(self, call, outcome: str, test: str | None) -> None:
        """One valid call's outcome: conforms, diverges, unsupported or known:<name>."""
        _add(self.data["calls"].setdefault(call.op, {}), outcome)
        try:
            options = features(call)
        except Exception:  # a call whose options cannot be read (the tally is no reason to fail)
            options = {}
        by_option = self.data["options"].setdefault(call.op, {})
        for name, value in options.items():
            _add(by_option.setdefault(name, {}).setdefault(str(value), {}), outcome)
        if test is not None:
            _add(self.data["tests"].setdefault(test, {}), outcome)

    def unsupported(self, call, message: str, test: str | None) -> None:
        first_line = (message or "(no message)").strip().splitlines()[0][:200]
        _add(self.data["unsupported"].setdefault(call.op, {}), first_line)
        if test is not None:
            _add(self.data["tests"].setdefault(test, {}), UNSUPPORTED)

    def parity(self, call, rule: str, outcome: str, test: str | None) -> None:
        _add(self.data["parity"].setdefault(call.op, {}).setdefault(rule, {}), outcome)
        if test is not None:
            _add(self.data["tests"].setdefault(test, {}), outcome)

    def known_matched(self, name: str, diverged: bool) -> None:
        entry = self.data["known"].setdefault(name, {})
        _add(entry, "matched")
        _add(entry, "diverged", int(diverged))

    def warning(self, call, category: str, message: str) -> None:
        key = f"{call.op}: {category}: {message}"
        entry = self.data["warnings"].setdefault(key, {})
        _add(entry, "count")
        entry.setdefault("first call", call.python())

    # -- reading ---------------------------------------------------------------------------------
    def test_counts(self, test: str) -> Counter:
        return Counter(self.data["tests"].get(test, {}))

    def always_unsupported(self, op: str) -> list[str]:
        """The option values every drawn call of which was unsupported: the likely reasons."""
        found = []
        for name, values in self.data["options"].get(op, {}).items():
            for value, counts in values.items():
                if counts.get(UNSUPPORTED) and counts[UNSUPPORTED] == sum(counts.values()):
                    found.append(f"{name}={value} ({counts[UNSUPPORTED]})")
        return found

    def operators(self) -> list[str]:
        ops = set(self.data["calls"]) | set(self.data["parity"]) | set(self.data["unsupported"])
        return [op for op in VALUES if op in ops] + sorted(ops - set(VALUES))
