"""spec/messages.py against torch's real messages: a call drawn to break each rule is run through
torch (tests/adapters/torch_nn.py), and the message torch raises must be recognised as that rule,
so that the site's "explain my error" page names it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec.messages import FAMILY, MESSAGES, recognise
from spec.conv import RULES as CONV_RULES
from spec.conv import Conv2dCall
from spec.pool import RULES as POOL_RULES
from spec.pool import Pool2dCall

from . import strategies as cs
from .adapters import torch_nn

# The rules torch raises for (where it does not, there is no message to recognise).
CONV2D_RAISING = [r.name for r in CONV_RULES if r.torch_raises or r.name in cs.TORCH_RAISES_WHEN]
POOL_RAISING = [r.name for r in POOL_RULES]
CASES = ([("conv2d", rule) for rule in CONV2D_RAISING]
         + [(op, rule) for op in ("max_pool2d", "avg_pool2d") for rule in POOL_RAISING])


def invalid_calls(op: str, rule: str):
    return cs.invalid_conv2d_calls(rule) if op == "conv2d" else cs.invalid_pool2d_calls(op, rule)


def torch_message(call) -> str | None:
    """What torch says to ``call`` (type and message, as a traceback's last line), or None if it
    accepts it."""
    try:
        call.run(getattr(torch_nn, call.op))
    except Exception as error:  # noqa: BLE001 - any exception torch raises is a message to read
        return f"{type(error).__name__}: {error}"
    return None


def torch_messages(op: str, rule: str, examples: int = 5) -> list[tuple[str, list[str]]]:
    """Real torch messages for calls breaking ``rule`` (for scripts/check_site.py), each with the
    rules a page may name for it: ``rule`` and the later ones the same call breaks (torch may
    check those first, as the test below allows)."""
    found = []

    @settings(max_examples=examples, database=None, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def collect(data):
        call = data.draw(invalid_calls(op, rule))
        message = torch_message(call)
        if message is not None:
            found.append((message, [rule, *later_rules_broken(call, rule)]))

    collect()
    return found


def later_rules_broken(call, rule: str) -> list[str]:
    """The rules after ``rule`` (in the spec's order) that ``call`` breaks too. A predicate may
    assume that every rule before it holds; one that cannot be read for this call is left out."""
    if call.op == "conv2d":
        rules, spec_call = CONV_RULES, Conv2dCall.of(**call.kwargs)
    else:
        rules, spec_call = POOL_RULES, getattr(Pool2dCall, call.op.split("_")[0])(**call.kwargs)
    names = [r.name for r in rules]
    broken = []
    for later in rules[names.index(rule) + 1:]:
        try:
            if later.violated_by(spec_call):
                broken.append(later.name)
        except Exception:  # noqa: BLE001 - the predicate needs an earlier rule to hold
            pass
    return broken


@pytest.mark.parametrize("op, rule", CASES)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_torch_message_is_recognised_as_its_rule(op, rule, data):
    """torch's message names the rule, or (torch checking in another order than the spec) a later
    rule that the call breaks too: the page then names a rule the call does break."""
    call = data.draw(invalid_calls(op, rule), label="call")
    message = torch_message(call)
    assert message is not None, f"torch accepted a call breaking {rule}"
    named = [name for family, name, _ in recognise(message) if family == FAMILY[call.op]]
    if rule not in named:
        also_broken = later_rules_broken(call, rule)
        assert set(named) & set(also_broken), (f"{message!r} read as {named}, not {rule} (the call also "
                                               f"breaks {also_broken})")


def test_every_pattern_names_a_rule_of_its_family():
    rules = {"conv2d": {r.name for r in CONV_RULES}, "pool2d": {r.name for r in POOL_RULES}}
    for family, patterns in MESSAGES.items():
        for pattern in patterns:
            assert pattern.rule in rules[family], (family, pattern.rule)


def test_a_message_of_no_rule_is_not_recognised():
    assert recognise("RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB") == []
