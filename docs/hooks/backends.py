"""The backend pages: one per adapter of tests/adapters/ and a comparison, operators x backends.

Everything on them is read, at build time, from what the runs left: the adapter's docstring (its
translations), its known-divergences module (versions, what the runs found, each divergence's
kind and citation, the reproductions' file names) and the recorded run,
reports/backends/<adapter>.json (``--report`` of the run .ci/run makes, which rewrites those
files before it builds the site). A backend with no recorded run is shown as such. The adapters'
and known modules' prose is English; the Chinese pages say so and quote it as it is.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports" / "backends"
OPERATORS = ("conv2d", "max_pool2d", "avg_pool2d")

TEXT = {
    "en": {
        "nav": "Real backends", "index": "Backends compared",
        "intro": "convspec run against the backends people run these operators on, through the adapters in "
                 "`tests/adapters/` (`pytest --impl tests.adapters.<name> --known tests.adapters.known.<name>`). "
                 "Each cell is the recorded run's verdict for an operator: its valid calls (conformance) and its "
                 "invalid ones (error parity). A known divergence is classified as *genuine* (the backend differs "
                 "from torch and from its own specification; it has a standalone reproduction and an upstream "
                 "report) or *documented* (the backend's own specification says so).",
        "operator": "operator", "backend": "backend", "not_run": "not run", "no_record": "no recorded run",
        "conforms": "conforms", "known": "known", "diverges": "diverges", "unsupported": "unsupported",
        "valid": "valid calls", "invalid": "invalid calls", "rejected": "rejected", "accepted": "accepted",
        "all_rejected": "rejected, as torch does",
        "versions": "Versions", "run": "Recorded run",
        "run_text": "{date}, Hypothesis profile `{profile}` (20 examples a property, derandomized), every call in "
                    "a worker process (`--isolate`); the conformance and error-parity properties of the 2-D "
                    "operators, as `.ci/run` runs them (jax_lax: conformance, and the error parity of 30 of its 43 rules, not of the 13 where "
                    "lax runs every drawn call; torch_compile: conformance, with its "
                    "strata, and the compiled backward of the three operators, no error parity; their compiles being "
                    "slow).",
        "summary": "Calls of the recorded run", "translation": "What the adapter translates",
        "found": "What the runs found", "divergences": "Known divergences", "name": "name", "kind": "kind",
        "citation": "citation", "genuine": "genuine", "documented": "documented",
        "repro": "Reproduction of `{name}`",
        "repro_text": "A standalone script (the backend and torch only, no convspec); it exits 1 while the "
                      "divergence holds, and `tests/test_backend_repros.py` runs it wherever the backend is "
                      "installed.",
        "matrix": "Conformance by option", "option": "option", "value": "value", "verdict": "verdict",
        "calls": "calls", "rules": "validity rule", "english": "",
        "crash": " (the process dies)",
    },
    "zh": {
        "nav": "真实后端", "index": "后端对比",
        "intro": "用 `tests/adapters/` 里的适配器,把 convspec 跑在大家实际使用这些算子的后端上"
                 "(`pytest --impl tests.adapters.<名称> --known tests.adapters.known.<名称>`)。"
                 "每个格子是记录下来的那次运行对一个算子的结论:合法调用(一致性)和非法调用(报错一致性)。"
                 "已知分歧分为两类:*真实分歧*(后端既不同于 torch,也不符合它自己的规范;附有独立的复现脚本和"
                 "上游报告)和*有文档的差异*(后端自己的规范就是这么规定的)。",
        "operator": "算子", "backend": "后端", "not_run": "未运行", "no_record": "没有记录的运行",
        "conforms": "一致", "known": "已知分歧", "diverges": "分歧", "unsupported": "不支持",
        "valid": "合法调用", "invalid": "非法调用", "rejected": "报错", "accepted": "接受",
        "all_rejected": "与 torch 一样报错",
        "versions": "版本", "run": "记录的运行",
        "run_text": "{date},Hypothesis 配置 `{profile}`(每个性质 20 个样例,去随机化),每次调用都在"
                    "单独的工作进程里(`--isolate`);二维算子的一致性和报错一致性性质,与 `.ci/run` 的运行相同"
                    "(jax_lax 编译较慢:运行一致性,以及 43 条规则中 30 条的报错一致性,"
                    "不运行 lax 对所抽到的调用全部照常执行的那 13 条;torch_compile 运行一致性(含分层)以及三个算子编译后的反向传播,不运行报错一致性)。",
        "summary": "记录的运行中的调用", "translation": "适配器做了哪些转换",
        "found": "运行发现了什么", "divergences": "已知分歧", "name": "名称", "kind": "类别",
        "citation": "出处", "genuine": "真实分歧", "documented": "有文档的差异",
        "repro": "`{name}` 的复现脚本",
        "repro_text": "独立的脚本(只用该后端和 torch,不用 convspec);分歧存在时它以 1 退出,"
                      "`tests/test_backend_repros.py` 在装有该后端的环境里运行它。",
        "matrix": "按选项的一致性", "option": "选项", "value": "取值", "verdict": "结论",
        "calls": "调用次数", "rules": "合法性规则",
        "english": "(以下说明取自适配器的源代码,为英文原文。)",
        "crash": "(进程崩溃)",
    },
}


def _known_modules() -> list:
    from tests.adapters import known
    return known.modules()


def _name(module) -> str:
    return module.ADAPTER.rsplit(".", 1)[-1]


def _docstring(dotted: str) -> str:
    """A module's docstring read from its source: importing an adapter would need its backend."""
    path = ROOT.joinpath(*dotted.split(".")).with_suffix(".py")
    return ast.get_docstring(ast.parse(path.read_text())) or ""


def _record(name: str) -> dict | None:
    path = REPORTS / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None


def _verdict(record: dict | None, op: str, lang: str) -> str:
    """An operator's cell: what its valid and its invalid calls did in the recorded run."""
    words = TEXT[lang]
    if record is None:
        return words["no_record"]
    calls, parity = record.get("calls", {}).get(op), record.get("parity", {}).get(op, {})
    if not calls and not parity:
        return words["not_run"]
    parts = []
    for counts, label, fine in (((calls or {}), words["valid"], words["conforms"]),
                                (_sum_rules(parity), words["invalid"], words["all_rejected"])):
        known = sorted({key.removeprefix("known:") for key in counts if key.startswith("known:")})
        if counts.get("diverges") or counts.get("accepts"):
            state = words["diverges"]
        elif known:
            state = f"{words['known']}: " + ", ".join(f"`{k}`" for k in known)
        elif counts and counts.get("unsupported") == sum(counts.values()):
            state = words["unsupported"]
        elif counts:
            state = fine
        else:
            continue
        parts.append(f"{label}: {state}")
    return "<br>".join(parts)


def _sum_rules(parity: dict) -> dict:
    total = {}
    for counts in parity.values():
        for key, n in counts.items():
            total[key] = total.get(key, 0) + n
    return total


def _counts(counts: dict, lang: str) -> str:
    words = TEXT[lang]
    named = {"conforms": words["conforms"], "diverges": words["diverges"], "unsupported": words["unsupported"],
             "rejects": words["rejected"], "accepts": words["accepted"]}
    return ", ".join(f"{named.get(key, key.removeprefix('known:'))} {n}" for key, n in sorted(counts.items())) or "-"


def index_page(lang: str) -> str:
    words = TEXT[lang]
    modules = _known_modules()
    lines = [f"# {words['index']}", "", words["intro"], "",
             "| " + words["operator"] + " | " + " | ".join(f"[{_name(m)}]({_name(m)}.md)" for m in modules) + " |",
             "|---" * (len(modules) + 1) + "|"]
    for op in OPERATORS:
        lines.append(f"| `{op}` | " + " | ".join(_verdict(_record(_name(m)), op, lang) for m in modules) + " |")
    lines += ["", "| " + words["backend"] + " | " + words["versions"] + " | " + words["divergences"] + " |",
              "|---|---|---|"]
    for module in modules:
        kinds = [module.KIND[entry.name] for entry in module.KNOWN]
        lines.append(f"| [{_name(module)}]({_name(module)}.md) | "
                     + ", ".join(f"{k} {v}" for k, v in module.TESTED.items()) + " | "
                     + ", ".join(f"{kinds.count(kind)} {words[kind]}" for kind in ("genuine", "documented")) + " |")
    return "\n".join(lines) + "\n"


def backend_page(module, lang: str) -> str:
    words, name = TEXT[lang], _name(module)
    record = _record(name)
    lines = [f"# {name}", "", "```text", _docstring(module.ADAPTER).split("\n\n")[0], "```", "",
             f"## {words['versions']}", "", ", ".join(f"{k} {v}" for k, v in module.TESTED.items()), "",
             f"## {words['run']}", ""]
    if record is None:
        lines += [words["no_record"], ""]
    else:
        lines += [words["run_text"].format(date=record["date"], profile=record["profile"]), "",
                  f"| {words['operator']} | {words['valid']} | {words['invalid']} |", "|---|---|---|"]
        for op in OPERATORS:
            parity = _sum_rules(record.get("parity", {}).get(op, {}))
            lines.append(f"| `{op}` | {_counts(record.get('calls', {}).get(op, {}), lang)} | {_counts(parity, lang)} |")
        lines.append("")
    lines += [f"## {words['divergences']}", "", f"| {words['name']} | {words['operator']} | {words['kind']} | "
              f"{words['citation']} |", "|---|---|---|---|"]
    for entry in module.KNOWN:
        crash = words["crash"] if entry.crashes else ""
        lines.append(f"| `{entry.name}` | `{entry.operator}` | {words[module.KIND[entry.name]]}{crash} | "
                     f"{entry.citation} |")
    lines.append("")
    for path in dict.fromkeys(module.REPROS.values()):
        names = " + ".join(n for n, p in module.REPROS.items() if p == path)
        lines += [f"### {words['repro'].format(name=names)}", "", words["repro_text"], "",
                  f"`{path}`:", "", "```python", (ROOT / path).read_text().rstrip(), "```", ""]
    lines += [f"## {words['found']}", "", words["english"], "", "```text", (module.__doc__ or "").strip(), "```", "",
              f"## {words['translation']}", "", words["english"], "", "```text", _docstring(module.ADAPTER), "```", ""]
    if record is not None:
        lines += [f"## {words['matrix']}", ""]
        for op, parts in record["operators"].items():
            lines += [f"### `{op}`", "", f"| {words['option']} | {words['value']} | {words['verdict']} | "
                      f"{words['calls']} |", "|---|---|---|---|"]
            lines += [f"| {r['option']} | `{r['value']}` | {r['verdict']} | {_counts(r['counts'], lang)} |"
                      for r in parts["options"]]
            if parts["rules"]:
                lines += ["", f"| {words['rules']} | {words['verdict']} | {words['calls']} |", "|---|---|---|"]
                lines += [f"| `{r['rule']}` | {r['verdict']} | {_counts(r['counts'], lang)} |" for r in parts["rules"]]
            lines.append("")
    return "\n".join(lines)


def pages() -> dict:
    """Path (under a language's prefix) -> page generator taking the language."""
    found = {"backends/index.md": index_page}
    for module in _known_modules():
        found[f"backends/{_name(module)}.md"] = lambda lang, module=module: backend_page(module, lang)
    return found


def nav_entry(lang: str, prefix: str) -> dict:
    words = TEXT[lang]
    return {words["nav"]: [{words["index"]: f"{prefix}backends/index.md"}]
            + [{_name(m): f"{prefix}backends/{_name(m)}.md"} for m in _known_modules()]}
