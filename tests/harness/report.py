"""The conformance report: per operator, each option value against conforms / diverges /
unsupported / not drawn, with the call counts; then error parity per rule. Markdown (the table a
backend puts in its README) or JSON, by the file's extension."""

from __future__ import annotations

import datetime
import json

from .features import VALUES
from .tally import CONFORMS, DIVERGES, UNSUPPORTED


def verdict(counts: dict) -> str:
    known = sorted(k.removeprefix("known:") for k in counts if k.startswith("known:"))
    total = sum(counts.values())
    if not total:
        return "not drawn"
    if counts.get(DIVERGES):
        return "diverges" + (f" (and known: {', '.join(known)})" if known else "")
    if known:
        return f"diverges (known: {', '.join(known)})"
    if counts.get(UNSUPPORTED) == total:
        return "unsupported"
    return "conforms" + (" (partly unsupported)" if counts.get(UNSUPPORTED) else "")


def matrix(tally) -> dict:
    """{op: {"options": [{option, value, verdict, counts}], "rules": [{rule, verdict, counts}]}}."""
    result = {}
    for op in tally.operators():
        observed = tally.data["options"].get(op, {})
        rows = []
        for name, values in VALUES.get(op, {}).items():
            for value in values:
                counts = observed.get(name, {}).get(str(value), {})
                rows.append({"option": name, "value": str(value), "verdict": verdict(counts), "counts": counts})
        rules = []
        for rule, counts in tally.data["parity"].get(op, {}).items():
            state = ("accepts invalid calls" if counts.get("accepts") else
                     "unsupported" if counts.get(UNSUPPORTED) == sum(counts.values()) else "rejects")
            rules.append({"rule": rule, "verdict": state, "counts": counts})
        result[op] = {"options": rows, "rules": rules}
    return result


def _counts_text(counts: dict) -> str:
    return ", ".join(f"{key.removeprefix('known:')} {n}" for key, n in sorted(counts.items())) or "-"


def markdown(title: str, table: dict) -> str:
    lines = [f"# Conformance of `{title}`", ""]
    for op, parts in table.items():
        lines += [f"## {op}", "", "| option | value | verdict | calls |", "|---|---|---|---|"]
        lines += [f"| {r['option']} | `{r['value']}` | {r['verdict']} | {_counts_text(r['counts'])} |"
                  for r in parts["options"]]
        if parts["rules"]:
            lines += ["", "| validity rule | verdict | calls |", "|---|---|---|"]
            lines += [f"| `{r['rule']}` | {r['verdict']} | {_counts_text(r['counts'])} |" for r in parts["rules"]]
        lines.append("")
    return "\n".join(lines)


def write_report(path: str, under_test, profile: str) -> None:
    table = matrix(under_test.tally)
    header = {"implementation": under_test.name, "profile": profile,
              "date": datetime.date.today().isoformat(), "known": [k.name for k in under_test.known]}
    with open(path, "w") as out:
        if str(path).endswith(".json"):
            totals = {"calls": under_test.tally.data["calls"], "parity": under_test.tally.data["parity"],
                      "known_seen": under_test.tally.data["known"]}
            out.write(json.dumps(dict(header, operators=table, **totals), indent=2, sort_keys=True) + "\n")
        else:
            out.write(markdown(under_test.name, table)
                      + f"\nRun of {header['date']}, profile {profile}.\n")
