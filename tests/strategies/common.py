"""Shared pieces of the strategies: element values, arrays, parameter forms, config edits."""

from __future__ import annotations

import numpy as np
from hypothesis import Phase, event, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample
from hypothesis.extra import numpy as hnp

# Float magnitudes stay within 4 so that float16 sums of the drawn sizes cannot overflow, and
# out of the subnormal range, where the tolerance model's relative bounds give way to its
# absolute term (tests/test_tolerance.py checks that term).
FLOAT_BOUND = 4.0


def elements(dtype: str):
    """Values for arrays of ``dtype``: integers over the dtype's whole range (so overflow and its
    wrap-around are drawn), floats and complex numbers of moderate size with full mantissas."""
    kind = np.dtype(dtype).kind
    if kind in "iu":
        info = np.iinfo(dtype)
        return st.integers(int(info.min), int(info.max))
    if kind == "c":
        width = np.dtype(dtype).itemsize * 8
        return st.complex_numbers(max_magnitude=FLOAT_BOUND, width=width, allow_nan=False,
                                  allow_infinity=False, allow_subnormal=False)
    if kind == "f":
        return st.one_of(st.floats(-FLOAT_BOUND, FLOAT_BOUND, width=np.dtype(dtype).itemsize * 8,
                                   allow_subnormal=False), full_mantissas(dtype))
    return hnp.from_dtype(np.dtype(dtype))


def full_mantissas(dtype: str):
    """Floats in (-FLOAT_BOUND, FLOAT_BOUND) whose every mantissa bit is drawn: k / 2**f for an
    integer k of the dtype's precision. st.floats favours simple values (0, 1, integers, the
    bounds), which a narrower dtype holds exactly, so a computation in too narrow a dtype (float64
    in float32, float32 in float16, float16 sums rounded per term) would go unseen on them; one
    element of these is enough to show it.

    Example: for float16 (11 significant bits), k = 1235 gives 1235 / 2**9 = 2.412109375, which
    needs all 11 bits (k is odd).
    """
    bits = np.finfo(dtype).nmant + 1
    scale = 2.0 ** (bits - 2)  # |k| < 2**bits, so |k / scale| < 4 = FLOAT_BOUND
    # k odd, so its last bit is set even where Hypothesis draws (or shrinks to) the least j: the
    # simplest value is 2 + 2**-(bits - 2), which needs every bit, not 2.
    return st.tuples(st.integers(0, 2 ** (bits - 2) - 1), st.sampled_from([1, -1])).map(
        lambda js: js[1] * (2 ** (bits - 1) + 2 * js[0] + 1) / scale)


def arrays(draw, dtype: str, shape, label: str, values=None) -> np.ndarray:
    # fill=nothing(): every element drawn on its own, so no array is one repeated value.
    return draw(hnp.arrays(np.dtype(dtype), shape, elements=elements(dtype) if values is None else values,
                           fill=st.nothing()), label=label)


def per_dim_form(draw, values: tuple[int, ...], label: str, one_entry_ok: bool = True):
    """``values`` written as torch accepts them: an int, a tuple, a list or a one-entry sequence."""
    forms = ["tuple", "list"]
    if len(set(values)) == 1:
        forms += ["int"] + (["one-entry"] if one_entry_ok else [])
    form = draw(st.sampled_from(forms), label=f"{label} form")
    event(f"{label} form: {form}")
    return {"int": lambda: values[0], "tuple": lambda: tuple(values), "list": lambda: list(values),
            "one-entry": lambda: (values[0],)}[form]()


def pairs(low: int, high: int):
    return st.tuples(st.integers(low, high), st.integers(low, high))


def with_changes(config: dict, **changes) -> dict:
    return {**config, **changes}


def non_empty_batch(config: dict) -> dict:
    # An empty batch skips some of torch's checks, so rules that need a kernel to run use N >= 1.
    shape = config["input_shape"]
    return with_changes(config, input_shape=(1,) + shape[1:]) if len(shape) == 4 and shape[0] == 0 else config


def one_dim_broken(draw, values, bad) -> tuple:
    """``values`` (one per spatial dimension) with one of them, drawn, replaced by a ``bad`` draw."""
    values = list(values)
    values[draw(st.integers(0, len(values) - 1), label="broken dimension")] = draw(bad, label="broken value")
    return tuple(values)


def reaches(strategy, condition, examples: int = 200) -> bool:
    """``condition`` holds for some draw of ``strategy`` within ``examples`` (derandomized) examples:
    the meta-tests' check that a configuration is drawn, one search per configuration, so that a
    rare value's verdict does not hang on what a shared search happened to draw."""
    try:
        find(strategy, condition, settings=settings(max_examples=examples, database=None, derandomize=True,
                                                    phases=[Phase.generate]))
    except NoSuchExample:
        return False
    return True
