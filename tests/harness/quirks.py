"""Which of torch's pinned behaviours (spec/behaviours.py) a valid call touches, so that a failure
on it can say "the expectation here is one of torch's surprises", and name it."""

from __future__ import annotations

import numpy as np

from spec.behaviours import BEHAVIOURS
from spec.params import is_one_entry_sequence

from .features import features, spec_call


def _has_nan(call) -> bool:
    x = call["input"]
    return x.dtype.kind == "f" and bool(np.isnan(x).any())


def _has_ties(call) -> bool:
    x = call["input"]
    return x.size != np.unique(x).size


def _odd_same_total(call) -> bool:
    c = spec_call(call)
    return c.padding == "same" and any(before != after for before, after in c.paddings)


TOUCHES = {
    "integer_overflow_wraps": lambda call, f: f["dtype"] in ("int8", "int16", "int32", "int64", "uint8"),
    "same_padding_extra_at_end": lambda call, f: _odd_same_total(call),
    "half_precision_accumulates_in_float32": lambda call, f: f["dtype"] == "float16",
    "one_entry_sequence_repeats": lambda call, f: any(
        is_one_entry_sequence(call.get(name)) for name in ("stride", "padding", "dilation")),
    "complex_weight_not_conjugated": lambda call, f: f["dtype"].startswith("complex"),
    "max_padding_is_negative_infinity": lambda call, f: f["padding"] == ">0",
    "max_nan_wins_with_last_nan_index": lambda call, f: _has_nan(call),
    "max_ties_go_to_first_in_row_major_order": lambda call, f: bool(call.get("return_indices")) and _has_ties(call),
    "max_window_of_padding_only": lambda call, f: f["padding"] == ">0" and f.get("dilation") == ">1",
    "ceil_mode_drops_window_starting_in_padding": lambda call, f: bool(f.get("ceil_mode")),
    "avg_divisor_counts_padding_only_up_to_the_padded_edge": lambda call, f: bool(
        f.get("ceil_mode") and f.get("count_include_pad") and f["padding"] == ">0"),
    "avg_divisor_override_any_non_zero_int": lambda call, f: f.get("divisor_override") == "int",
    "avg_integer_division_truncates_toward_zero": lambda call, f: f["dtype"] == "int64",
    "avg_half_precision_sums_in_float32": lambda call, f: f["dtype"] == "float16",
}


def touched(call) -> list:
    """The behaviours of ``call``'s operator that ``call`` touches."""
    try:
        options = features(call)
    except Exception:
        return []
    return [b for b in BEHAVIOURS if b.operator == call.op and b.name in TOUCHES and TOUCHES[b.name](call, options)]


def note(call) -> str:
    """A paragraph for a failure message, or '' if the call touches none."""
    behaviours = touched(call)
    if not behaviours:
        return ""
    return ("\n\nThe expected result follows torch behaviours pinned in spec/behaviours.py that this call "
            "touches:\n" + "\n".join(f"- {b.name}: {b.sentence}" for b in behaviours))
