"""The terminal summary of a run: per operator, what was unsupported, the known divergences, the
warnings of the implementation under test."""

from __future__ import annotations

from .tally import CONFORMS, DIVERGES, UNSUPPORTED, Tally

TOP = 8  # messages and warnings listed per operator


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.0f}%)" if whole else "0"


def _indent(text: str, by: str = "      ") -> str:
    return "\n".join(by + line for line in text.splitlines())


def unsupported_reason(tally: Tally, test: str) -> str | None:
    """Why a test that drew no supported call is skipped; None if it saw none unsupported."""
    counts = tally.test_counts(test)
    known = sum(n for outcome, n in counts.items() if outcome.startswith("known:"))
    if not counts.get(UNSUPPORTED) and not known:
        return None
    total = sum(counts.values())
    return (f"every call drawn was unsupported by the implementation under test ({counts.get(UNSUPPORTED, 0)} "
            f"of {total}) or a known divergence ({known}); see the convspec summary")


def summary_lines(tally: Tally, known=(), implementation: str = "") -> list[str]:
    lines = []
    for op in tally.operators():
        calls = tally.data["calls"].get(op, {})
        drawn = sum(calls.values())
        parts = [f"{calls.get(CONFORMS, 0)} conform", f"{calls.get(DIVERGES, 0)} diverge"]
        parts += [f"{n} {k.replace('known:', 'known divergence ')}" for k, n in sorted(calls.items())
                  if k.startswith("known:")]
        parts.append(f"{_share(calls.get(UNSUPPORTED, 0), drawn)} unsupported")
        lines.append(f"{op}: {drawn} valid calls: " + ", ".join(parts))
        messages = tally.data["unsupported"].get(op, {})
        if messages:
            always = tally.always_unsupported(op)
            if always:
                lines.append(f"  unsupported whenever drawn: {', '.join(always)}")
            lines.append("  unsupported, by the implementation's message (valid and invalid calls):")
            for message, count in sorted(messages.items(), key=lambda item: -item[1])[:TOP]:
                lines.append(f"    {count:5d}  {message}")
        parity = tally.data["parity"].get(op, {})
        accepted = {rule: c["accepts"] for rule, c in parity.items() if c.get("accepts")}
        discarded = sum(c.get(UNSUPPORTED, 0) for c in parity.values())
        if parity:
            lines.append(f"  error parity: {sum(c.get('rejects', 0) for c in parity.values())} invalid calls "
                         f"rejected, {sum(accepted.values())} accepted"
                         + (f" ({', '.join(f'{r}: {n}' for r, n in accepted.items())})" if accepted else "")
                         + (f", {discarded} unsupported (discarded, not counted as rejections)" if discarded else ""))
    for entry in known:
        counts = tally.data["known"].get(entry.name, {})
        matched, diverged = counts.get("matched", 0), counts.get("diverged", 0)
        if diverged:
            state = f"diverged on {diverged} of the {matched} calls it covers"
        elif matched:
            state = f"covered {matched} calls and none diverged: it may be fixed"
        else:
            state = "no call it covers was drawn"
        lines.append(f"known divergence {entry.name} ({entry.operator}): {state}; {entry.citation}")
    for key, entry in sorted(tally.data["warnings"].items(), key=lambda item: -item[1]["count"])[:3 * TOP]:
        lines.append(f"warning x{entry['count']}: {key}; first on:")
        lines.append(_indent(entry["first call"]))
    if not lines:
        return []
    return [f"implementation under test: {implementation}"] + lines
