"""The validity-rules table, as the rules page and the operator-family pages show it."""

from __future__ import annotations

import zh_spec
from maths import mathml


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
        # |x| and 2|p| would end the cell.
        cells = [text.replace("|", "\\|") for text in (message, raises if rule.torch_raises else torch)]
        lines.append(f"| `{rule.name}` | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def relationships_table(relationships, checked, lang) -> list[str]:
    """The convolution-arithmetic table: one row per relationship of spec/relations.py, with
    ``checked`` its (holds symbolically, holds on the grid) pair; a relationship that fails on the
    grid stops the build."""
    zh = lang == "zh"
    lines = ["| # | 情况 | 条件 | 输出尺寸 | sympy | 网格 |" if zh else
             "| # | case | conditions | output size | sympy | grid |", "| --- | --- | --- | --- | --- | --- |"]
    for rel, (symbolic, grid) in zip(relationships, checked):
        if not grid:
            raise ValueError(f"relationship {rel.number} fails against the spec")
        conditions = ", ".join(f"{sym} = {value}" for sym, value in rel.conditions.items()) or ("无" if zh else "none")
        if rel.requires_odd_kernel:
            conditions += ", k 为奇数" if zh else ", k odd"
        name = zh_spec.RELATIONSHIPS.get(rel.number, rel.name) if zh else rel.name
        verdict = ("成立" if symbolic else "未化简") if zh else ("holds" if symbolic else "not simplified")
        lines.append(f"| {rel.number} | {name} | {conditions} | {mathml(rel.output, display=False)} | "
                     f"{verdict} | {'成立' if zh else 'holds'} |")
    return lines
