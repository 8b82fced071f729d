"""Strategies for adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d/3d.

The output size along each dimension is drawn relative to the input's, so that every kind of
window sequence is reached by construction: m dividing n (equal, tiling windows), m not dividing
n (unequal, overlapping ones), m > n (repeated elements), m = n, m = 0 (an empty output) and None
(keep n). Max pooling's values come from a few repeated ones with NaN, so that ties and NaN meet
in the windows; average pooling's span the float range of tests/strategies/common.py.
"""

from __future__ import annotations

import math

from hypothesis import event
from hypothesis import strategies as st

from spec.adaptive_pool import ADAPTIVE_POOL_DTYPES, RULES_BY_RANK, AdaptivePoolCall
from spec.rules import first_violation
from spec.shapes import adaptive_window

from ..calls import Call
from .common import arrays, one_dim_broken, with_changes
from .family import _leading

# bfloat16 has no numpy dtype.
DTYPES = [name for name in ADAPTIVE_POOL_DTYPES if name != "bfloat16"]
_SIZE = {1: 7, 2: 5, 3: 3}  # the largest input size per dimension, by rank
_KINDS = ("divides", "does not divide", "larger", "same", "zero", "keep")


def _output_size(draw, n: int, rank: int, first: bool = False):
    """One dimension's output size for an input of ``n``, drawn by the kind of windows it gives;
    the ``first`` dimension gives unequal windows (m not dividing n, or m > n) in three draws of
    five or more, where the window bounds' rounding shows (the others: one in three)."""
    kinds = _KINDS if rank > 1 else _KINDS[:-1]
    if first:
        kinds = kinds + ("does not divide", "larger") * 2
    kind = draw(st.sampled_from(kinds), label="output size kind")
    divisors = [m for m in range(1, n + 1) if n % m == 0]
    others = [m for m in range(2, n) if n % m] or [n + 1]  # n <= 2: only a larger m leaves a remainder
    m = {"divides": lambda: draw(st.sampled_from(divisors), label="m"),
         "does not divide": lambda: draw(st.sampled_from(others), label="m"),
         "larger": lambda: draw(st.integers(n + 1, n + 3), label="m"),
         "same": lambda: n, "zero": lambda: 0, "keep": lambda: None}[kind]()
    event(f"output size: {kind}")
    return m


@st.composite
def configs(draw, op: str, empty_ok: bool = True) -> dict:
    rank = int(op[-2])
    sizes = tuple(draw(st.integers(1, _SIZE[rank]), label="size") for _ in range(rank))
    # A zero output size is rare, so that most calls have values to compare.
    wanted = [_output_size(draw, n, rank, first=i == 0) for i, n in enumerate(sizes)]
    if 0 in wanted and draw(st.integers(0, 3), label="keep the zero") > 0:
        wanted = [1 if m == 0 else m for m in wanted]
    if len(set(wanted)) == 1 and wanted[0] is not None and draw(st.booleans(), label="output_size as int"):
        output_size = wanted[0]
    else:
        output_size = draw(st.sampled_from([tuple, list]), label="output_size form")(wanted)
    config = dict(op=op, dtype=draw(st.sampled_from(DTYPES), label="dtype"),
                  input_shape=_leading(draw, draw(st.integers(1, 2), label="C"), empty_ok) + sizes,
                  output_size=output_size)
    if "_max_" in op:
        # Three calls in four return indices: values are compared either way, indices only then.
        config["return_indices"] = draw(st.integers(0, 3), label="return_indices") > 0
    event(f"{op} dtype {config['dtype']}")
    return config


def _values():
    """A few repeated values, NaN and -inf among them: ties and NaN in max pooling's windows. NaN
    is listed twice, so that windows often hold two (torch's index is then the last one's)."""
    return st.sampled_from([-1.0, 0.0, 1.0, math.nan, math.nan, -math.inf])


def _widest_window_corners(config: dict):
    """The first and last element of the widest output window in each sample's plane (along each
    dimension the first widest window), or None where every window holds one element, the output
    is empty, or the config breaks a rule (a breaker's: no windows to place anything in)."""
    call = AdaptivePoolCall(config["op"], config["input_shape"], config["dtype"], config["output_size"])
    if first_violation(RULES_BY_RANK[call.spatial_dims], call) is not None or 0 in call.pooled_size:
        return None
    windows = [max((adaptive_window(i, n, m) for i in range(m)), key=lambda w: w[1] - w[0])
               for n, m in zip(call.input_size, call.pooled_size)]
    if all(end - start == 1 for start, end in windows):
        return None
    return tuple(start for start, _ in windows), tuple(end - 1 for _, end in windows)


@st.composite
def call_of(draw, config: dict) -> Call:
    tie_prone = ("_max_" in config["op"] and config["dtype"] in DTYPES
                 and draw(st.booleans(), label="few distinct values"))
    x = arrays(draw, config["dtype"], config["input_shape"], "input", values=_values() if tie_prone else None)
    corners = _widest_window_corners(config) if config.get("return_indices") else None
    if corners and draw(st.integers(0, 3), label="two NaN in one window") > 0:
        # torch's index is the last NaN's: a window must hold two for first-NaN kernels to differ.
        # Three calls in four, in one window only: ties are drawn in the others.
        for corner in corners:
            x[(Ellipsis, *corner)] = math.nan
        event("two NaN in one window")
    return Call(config["op"], dict(input=x, **{k: v for k, v in config.items() if k not in ("op", "dtype", "input_shape")}))


def calls(op: str, empty_ok: bool = True):
    return configs(op, empty_ok).flatmap(call_of)


def _rank(c) -> int:
    return int(c["op"][-2])


def _spatial(c):
    return c["input_shape"][-_rank(c):]


# Each breaker: (draw, valid config) -> a config whose first broken rule is the one named.
BREAKERS = {
    # output_size 2: torch's global-mean shortcut (every output size 1) skips the rank check
    # (spec/behaviours.py, adaptive_avg_global_is_mean), so the breaker stays off it.
    "input_rank": lambda draw, c: with_changes(c, output_size=2, input_shape=draw(st.sampled_from(
        [_spatial(c), (1,) * (_rank(c) + 3 - len(c["input_shape"])) + c["input_shape"]]), label="input shape")),
    "parameter_form": lambda draw, c: with_changes(c, output_size=draw(st.sampled_from(
        [2.5, None, "3", True, (1,) * (_rank(c) + 1), (2.0,) * _rank(c)] + ([(2,)] if _rank(c) > 1 else [(None,)])),
        label="malformed output_size")),
    "non_negative_output_size": lambda draw, c: with_changes(
        c, output_size=one_dim_broken(draw, (2,) * _rank(c), st.integers(-3, -1))),
    # output_size=2 in the last three: a global average (size 1 everywhere) is torch's mean, which
    # skips these checks (Rule.torch).
    "non_empty_input": lambda draw, c: with_changes(
        c, output_size=2, input_shape=c["input_shape"][:-_rank(c)] + one_dim_broken(draw, _spatial(c), st.just(0))),
    "non_empty_channels": lambda draw, c: with_changes(
        c, output_size=2, input_shape=(draw(st.integers(1, 2), label="N"), 0) + _spatial(c)),
    "supported_dtype": lambda draw, c: with_changes(c, output_size=2, dtype=draw(st.sampled_from(
        ["int64", "int32", "uint8", "bool", "complex64"]), label="unsupported dtype")),
}


def breakers(op: str) -> list[str]:
    """The rules of ``op`` a breaker here draws calls for (non_empty_channels only where it holds)."""
    names = list(BREAKERS)
    if not ("_max_" in op or op.endswith("3d")):
        names.remove("non_empty_channels")
    return names


@st.composite
def invalid_calls(draw, op: str, rule: str) -> Call:
    config = draw(configs(op, empty_ok=False), label="valid config")
    event(f"{op} broken rule: {rule}")
    return draw(call_of(BREAKERS[rule](draw, config)), label="call")
