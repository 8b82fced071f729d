"""The validity-rules table, as the rules page and the operator-family pages show it."""

from __future__ import annotations

import zh_spec


def rules_table(rules, family, lang, rank=2) -> str:
    """One row per rule of ``family``'s ``rank``-D operators: its name, what a call must satisfy
    and what torch 2.13 on CPU does (raises, or what it does instead)."""
    if lang == "zh":
        lines = ["| 规则 | 调用必须满足 | torch 2.13(CPU)的行为 |", "| --- | --- | --- |"]
    else:
        lines = ["| rule | the call must satisfy | torch 2.13 on CPU |", "| --- | --- | --- |"]
    for rule in rules:
        message, torch = zh_spec.rule(family, rule, rank) if lang == "zh" else (rule.message, rule.torch)
        message = message.replace("](", "]\\(")  # weight.shape[0](out_channels) is no Markdown link
        raises = "报错" if lang == "zh" else "raises"
        lines.append(f"| `{rule.name}` | {message} | {raises if rule.torch_raises else torch} |")
    return "\n".join(lines)
