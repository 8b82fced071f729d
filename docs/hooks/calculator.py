"""The shape calculator page: the spec's output-size formulas and the validity rules a size, kernel,
stride, padding or dilation can break, compiled to JavaScript at build time.

The formulas are spec.shapes' own sympy expressions, printed by sympy's JavaScript printer; the
steps shown are the same expressions in the spec's reading order (maths.plain). The spec's rules
are Python predicates on a whole call, so each rule the calculator's inputs can break has its
condition here as a sympy relation on one dimension's numbers; ``verify()`` holds every condition to
the spec's own rule (the first rule broken, or the output shape) on a grid of calls before the page
is built, so the page cannot drift from spec/conv.py and spec/pool.py.
"""

from __future__ import annotations

import functools
import html
import itertools
import json

import sympy as sp

from spec.rules import first_violation
from spec.shapes import conv_output_size, conv_output_size_lr, d, k, n, p, p_left, p_right, pool_output_size, s
from spec.shapes import same_padding

import zh_spec
from maths import plain
from specs import CONV_RULES, POOL_RULES, Conv2dCall, Pool2dCall

o = sp.Symbol("o", integer=True)  # the output size, once computed
SYMBOLS = [n, k, s, p, p_left, p_right, d, o]

# Conditions, per dimension, under which a rule is broken; ``when`` limits a rule to calls with
# that option. In the spec's order (the first rule broken is the one named).
CONV_CONDITIONS = {
    "positive_stride": (s < 1, {}),
    "positive_dilation": (d < 1, {}),
    "non_negative_padding": (p_left < 0, {"numeric": True}),
    "same_padding_needs_unit_stride": (s > 1, {"padding_string": "same"}),
    "positive_kernel": (k < 1, {}),
    "non_empty_spatial": (n < 1, {}),
    "reflect_padding_limit": (sp.Max(p_left, p_right) >= n, {"padding_mode": "reflect"}),
    "circular_padding_limit": (sp.Max(p_left, p_right) > n, {"padding_mode": "circular"}),
    "kernel_fits": (d * (k - 1) + 1 > n + p_left + p_right, {}),
}
POOL_CONDITIONS = {
    "positive_kernel": (k < 1, {}),
    "positive_stride": (s < 1, {}),
    "positive_dilation": (d < 1, {}),
    "non_negative_padding": (p < 0, {}),
    "padding_at_most_half_kernel": (p > sp.floor(k / 2), {}),
    "non_empty_input": (n < 1, {}),
    "output_not_empty": (o < 1, {}),
}


def _template(expr) -> str:
    return plain(expr, {x: "{" + str(x) + "}" for x in SYMBOLS})


def _rules(spec_rules, conditions, family, lang):
    rules = []
    for rule in spec_rules:
        if rule.name not in conditions:
            continue
        relation, when = conditions[rule.name]
        message = zh_spec.rule(family, rule)[0] if lang == "zh" else rule.message
        rules.append({"name": rule.name, "message": message, "when": when, "test": sp.jscode(relation),
                      "lhs": plain(relation.lhs), "rhs": plain(relation.rhs), "rel": relation.rel_op,
                      "lhs_t": _template(relation.lhs), "rhs_t": _template(relation.rhs),
                      "lhs_js": sp.jscode(relation.lhs), "rhs_js": sp.jscode(relation.rhs),
                      "needs_output": o in relation.free_symbols})
    return rules


def _formula(expr):
    return {"js": sp.jscode(expr), "text": plain(expr), "template": _template(expr)}


def model(lang: str) -> dict:
    """What the page's script needs: per operator, its formulas and its rules."""
    left, right = same_padding(k, d)
    conv = {"size": _formula(conv_output_size(n, k, s, p, d)),
            "size_lr": _formula(conv_output_size_lr(n, k, s, p_left, p_right, d)),
            "same": [sp.jscode(left), sp.jscode(right)],
            "rules": _rules(CONV_RULES, CONV_CONDITIONS, "conv", lang)}
    pools = {}
    for op in ("max_pool2d", "avg_pool2d"):
        pools[op] = {"floor": _formula(pool_output_size(n, k, s, p, d, False)),
                     "ceil": _formula(pool_output_size(n, k, s, p, d, True).args[1][0]),
                     "ceil_js": sp.jscode(pool_output_size(n, k, s, p, d, True)),
                     "drop": _formula(pool_output_size(n, k, s, p, d, True).args[0][1].rhs),
                     "rules": _rules(POOL_RULES, POOL_CONDITIONS, "pool", lang)}
    return {"conv2d": conv, **pools}


# -- the check against the spec ----------------------------------------------------------------
def _applies(when, call_options) -> bool:
    return all(call_options.get(key) == value for key, value in when.items())


@functools.lru_cache(maxsize=None)
def _compiled(relation):
    return sp.lambdify(SYMBOLS, relation, "math")


def _first_broken(conditions, spec_rules, values_per_dim, options) -> str | None:
    """The first rule (in the spec's order) whose condition holds in some dimension."""
    for rule in spec_rules:
        if rule.name not in conditions:
            continue
        relation, when = conditions[rule.name]
        if not _applies(when, options):
            continue
        test = _compiled(relation)
        for values in values_per_dim:
            if o in relation.free_symbols and values.get(o) is None:
                continue
            if test(**{str(x): values.get(x, 0) for x in SYMBOLS if x != o}, o=values.get(o) or 0):
                return rule.name
    return None


def expected_conv(sizes, kernels, strides, paddings, dilations, padding_string, padding_mode) -> str:
    """The spec's answer for a conv2d call: 'ok:H,W' or 'rule:<name>'."""
    call = Conv2dCall((1, 1, *sizes), (1, 1, *kernels), stride=tuple(strides),
                      padding=padding_string or tuple(paddings), dilation=tuple(dilations), padding_mode=padding_mode)
    rule = first_violation(CONV_RULES, call)
    return f"rule:{rule.name}" if rule else "ok:" + ",".join(map(str, call.output_size))


def expected_pool(op, sizes, kernels, strides, paddings, dilations, ceil_mode) -> str:
    call = Pool2dCall(op, (1, 1, *sizes), "float32", tuple(kernels), None if strides is None else tuple(strides),
                      tuple(paddings), tuple(dilations), ceil_mode)
    rule = first_violation(POOL_RULES, call)
    return f"rule:{rule.name}" if rule else "ok:" + ",".join(map(str, call.output_size))


def calculated_conv(sizes, kernels, strides, paddings, dilations, padding_string, padding_mode) -> str:
    """What the page computes, in Python: the same conditions and formulas."""
    dims = []
    for dim in range(2):
        values = {n: sizes[dim], k: kernels[dim], s: strides[dim], d: dilations[dim]}
        if padding_string == "same":
            left, right = same_padding(kernels[dim], dilations[dim])
        elif padding_string == "valid":
            left = right = 0
        else:
            left = right = paddings[dim]
        values.update({p_left: left, p_right: right})
        dims.append(values)
    options = {"padding_mode": padding_mode, "padding_string": padding_string or None,
               "numeric": not padding_string}
    rule = _first_broken(CONV_CONDITIONS, CONV_RULES, dims, options)
    if rule:
        return f"rule:{rule}"
    return "ok:" + ",".join(str(conv_output_size_lr(v[n], v[k], v[s], v[p_left], v[p_right], v[d])) for v in dims)


def calculated_pool(op, sizes, kernels, strides, paddings, dilations, ceil_mode) -> str:
    strides = kernels if strides is None else strides
    dims = [{n: sizes[i], k: kernels[i], s: strides[i], p: paddings[i], d: dilations[i], o: None} for i in range(2)]
    for values in dims:  # the output size, where the rules before it make it meaningful
        if values[k] >= 1 and values[s] >= 1 and values[d] >= 1:
            values[o] = pool_output_size(values[n], values[k], values[s], values[p], values[d], ceil_mode)
    rule = _first_broken(POOL_CONDITIONS, POOL_RULES, dims, {})
    return f"rule:{rule}" if rule else "ok:" + ",".join(str(v[o]) for v in dims)


@functools.lru_cache(maxsize=1)
def verify() -> None:
    """Every condition here agrees with the spec's rules on a grid of calls (both dimensions alike);
    run once per build, whatever the number of languages."""
    for size, kernel, stride, padding, dilation in itertools.product(range(0, 5), range(0, 4), range(0, 3),
                                                                     range(-1, 3), range(0, 3)):
        two = lambda v: (v, v)  # noqa: E731
        for padding_string, mode in itertools.product(("", "same", "valid"), ("zeros", "reflect", "circular")):
            args = (two(size), two(kernel), two(stride), two(padding), two(dilation), padding_string, mode)
            if expected_conv(*args) != calculated_conv(*args):
                raise ValueError(f"calculator: conv2d{args}: spec {expected_conv(*args)}, page {calculated_conv(*args)}")
        for op, ceil_mode in itertools.product(("max_pool2d", "avg_pool2d"), (False, True)):
            dil = two(dilation) if op == "max_pool2d" else (1, 1)
            for strides in (None, two(stride)):
                args = (op, two(size), two(kernel), strides, two(padding), dil, ceil_mode)
                if expected_pool(*args) != calculated_pool(*args):
                    raise ValueError(f"calculator: {args}: spec {expected_pool(*args)}, page {calculated_pool(*args)}")


WORDS = {
    "en": {"title": "Shape calculator", "stop": ".",
           "intro": ("Choose the operator and its options, type the input size, and read the output size with "
                     "every step of the formula, or the rule a bad choice breaks. The page computes with the spec's "
                     "own formulas and rules, compiled from `spec/` when the site is built (and checked against "
                     "them on a grid of calls); nothing is retyped in JavaScript."),
           "op": "operator", "size": "input size (H, W)", "kernel": "kernel_size", "stride": "stride",
           "stride_blank": "blank: stride = kernel_size", "padding": "padding", "dilation": "dilation",
           "padding_string": "padding as a string", "numbers": "(numbers)", "padding_mode": "padding_mode",
           "ceil_mode": "ceil_mode", "compute": "compute", "height": "height", "width": "width",
           "formula": "formula", "numbers_in": "with your numbers", "result": "output size",
           "broken": "This call breaks the rule", "why": "because", "in_dim": "in the {dim}",
           "ok": "Output size (H_out, W_out) = ({h}, {w})", "same_is": "padding='same' pads {dim} by ({l}, {r})",
           "ceil_first": "ceil mode: m windows, rounded up", "ceil_drop": "the last window starts at",
           "dropped": "≥ n + p = {np}: it would start in the right padding, so ceil mode drops it",
           "kept": "< n + p = {np}: it starts inside, ceil mode keeps it"},
    "zh": {"title": "输出尺寸计算器", "stop": "。",
           "intro": ("选择算子和参数,输入尺寸,就能看到输出尺寸以及公式的每一步;参数不合法时,给出违反的规则。"
                     "页面用的是规范自己的公式和规则:构建网站时从 `spec/` 编译而来(并在一个调用网格上与规范核对),"
                     "没有在 JavaScript 里重写。"),
           "op": "算子", "size": "输入尺寸 (H, W)", "kernel": "kernel_size(卷积核/池化核大小)", "stride": "stride(步幅)",
           "stride_blank": "留空:步幅 = kernel_size", "padding": "padding(填充)", "dilation": "dilation(空洞)",
           "padding_string": "字符串形式的填充", "numbers": "(数值)", "padding_mode": "padding_mode(填充模式)",
           "ceil_mode": "ceil_mode(向上取整)", "compute": "计算", "height": "高", "width": "宽",
           "formula": "公式", "numbers_in": "代入你的数值", "result": "输出尺寸",
           "broken": "这个调用违反了规则", "why": "因为", "in_dim": "({dim})",
           "ok": "输出尺寸 (H_out, W_out) = ({h}, {w})", "same_is": "padding='same' 在{dim}方向填充 ({l}, {r})",
           "ceil_first": "ceil 模式:向上取整后有 m 个窗口", "ceil_drop": "最后一个窗口的起点",
           "dropped": "≥ n + p = {np}:它会从右侧填充中开始,ceil 模式把它丢弃",
           "kept": "< n + p = {np}:它从输入内部开始,ceil 模式保留它"},
}


def page(lang: str) -> str:
    verify()
    w = WORDS[lang]
    return "\n".join([
        f"# {w['title']}", "", w["intro"], "",
        f'<div class="shape-calculator" data-calculator '
        f'data-model="{html.escape(json.dumps(model(lang), ensure_ascii=False, separators=(",", ":")))}" '
        f'data-words="{html.escape(json.dumps(w, ensure_ascii=False))}"></div>', ""])
