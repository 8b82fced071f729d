"""Strategies for fractional_max_pool2d/3d with ``_random_samples`` given.

The output size is drawn from 1 up to the largest that fits (n - k + 1), so the step alpha runs
from large to below one (overlapping windows); sometimes as output_ratio instead; samples anywhere
in [0, 1), their two ends included by construction (0 and the largest value below 1 in the
dtype). Values come from a few repeated ones with NaN and -inf half the time (ties, NaN).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import event
from hypothesis import strategies as st

from spec.fractional_pool import FRACTIONAL_POOL_DTYPES

from ..calls import Call
from .common import arrays, one_dim_broken, with_changes
from .family import _leading

DTYPES = [name for name in FRACTIONAL_POOL_DTYPES if name != "bfloat16"]
_SIZE = {2: 10, 3: 5}
_KERNEL = {2: 3, 3: 2}


def _samples(dtype: str):
    below_one = float(np.nextafter(np.array(1.0, dtype=dtype), np.array(0.0, dtype=dtype)))
    return st.one_of(st.sampled_from([0.0, 0.5, below_one]), st.floats(0.0, below_one, width=np.dtype(dtype).itemsize * 8))


@st.composite
def configs(draw, op: str, empty_ok: bool = True) -> dict:
    rank = int(op[-2])
    kernel = tuple(draw(st.integers(1, _KERNEL[rank]), label="kernel") for _ in range(rank))
    # fractional_max_pool3d wants m + k - 1 < n, fractional_max_pool2d m + k - 1 <= n (windows_fit).
    strict = int(rank == 3)
    sizes = tuple(draw(st.integers(k + strict, _SIZE[rank]), label="size") for k in kernel)
    wanted = [draw(st.integers(1, n - k + 1 - strict), label="output size") for n, k in zip(sizes, kernel)]
    # By construction, half the draws: a first dimension whose window starts depend on its sample
    # (m > 1 windows at a step (n - k) / (m - 1) that is no integer), so that which sample goes
    # with which dimension shows.
    uneven = [m for m in range(2, sizes[0] - kernel[0] + 2 - strict) if (sizes[0] - kernel[0]) % (m - 1)]
    if uneven and draw(st.booleans(), label="first dimension's starts depend on its sample"):
        wanted[0] = draw(st.sampled_from(uneven), label="output size")
    wanted = tuple(wanted)
    event(f"{op} step: {'below 1 (overlap)' if any(m > 1 and (n - k) / (m - 1) < 1 for n, k, m in zip(sizes, kernel, wanted)) else '>= 1'}")
    config = dict(op=op, dtype=draw(st.sampled_from(DTYPES), label="dtype"),
                  input_shape=_leading(draw, draw(st.integers(1, 2), label="C"), empty_ok) + sizes,
                  kernel_size=kernel[0] if len(set(kernel)) == 1 and draw(st.booleans(), label="kernel as int") else kernel,
                  return_indices=draw(st.booleans(), label="return_indices"), extra_samples=draw(
                      st.integers(0, 1), label="extra samples"))
    if draw(st.booleans(), label="output_ratio"):
        # A ratio r with int(n * r) = m: the midpoint of [m / n, (m + 1) / n), kept below 1.
        config["output_ratio"] = tuple(min((m + 0.5) / n, (n - 0.5) / n) for m, n in zip(wanted, sizes))
        event(f"{op} output_ratio")
    else:
        config["output_size"] = wanted
    return config


@st.composite
def call_of(draw, c: dict) -> Call:
    rank = int(c["op"][-2])
    batch = c["input_shape"][0] if len(c["input_shape"]) == rank + 2 else 1
    samples_shape = (batch + c["extra_samples"], c["input_shape"][-rank - 1] + c.get("extra_channels", 0), rank)
    samples_dtype = c.get("samples_dtype", c["dtype"])
    if samples_dtype in DTYPES:
        samples = arrays(draw, samples_dtype, samples_shape, "_random_samples", values=_samples(samples_dtype))
    else:  # an integer input (the supported_dtype breaker): samples of its dtype, as torch wants
        samples = np.zeros(samples_shape, dtype=samples_dtype)
    # The input is drawn after the samples, so that shrinking its shape leaves the samples' draws alone.
    few = st.sampled_from([-1.0, 0.0, 1.0, math.nan, -math.inf])
    float_input = c["dtype"] in DTYPES
    x = arrays(draw, c["dtype"], c["input_shape"], "input",
               values=few if float_input and draw(st.booleans(), label="few distinct values") else None)
    kwargs = {k: c[k] for k in ("kernel_size", "output_size", "output_ratio", "return_indices") if k in c}
    return Call(c["op"], dict(input=x, **kwargs, _random_samples=samples))


def calls(op: str, empty_ok: bool = True):
    return configs(op, empty_ok).flatmap(call_of)


def _rank(c) -> int:
    return int(c["op"][-2])


def _windows_too_many(draw, c: dict) -> dict:
    """A kernel of 1 and one more output than input elements in one dimension."""
    rank = _rank(c)
    sizes = one_dim_broken(draw, (1,) * rank, st.just(None))
    sizes = tuple(n + 1 - int(rank == 3) if m is None else 1 for m, n in zip(sizes, c["input_shape"][-rank:]))
    return {**{k: v for k, v in c.items() if k != "output_ratio"}, "kernel_size": 1, "output_size": sizes}


def _non_empty_output(c: dict) -> dict:
    """``c`` with an output of at least one element along each dimension: an empty result skips
    torch's dtype check (spec/behaviours.py, fractional_empty_output_skips_dtype_check). Only an
    output_ratio can give 0 (int(n r) of a ratio kept below 1); an output size of 1 always fits."""
    if "output_ratio" not in c:
        return c
    sizes = tuple(max(1, int(n * r)) for n, r in zip(c["input_shape"][-_rank(c):], c["output_ratio"]))
    return {**{k: v for k, v in c.items() if k != "output_ratio"}, "output_size": sizes}


BREAKERS = {
    # fractional_max_pool2d takes a zero kernel (Rule.torch): drawn for the 3-D pool only.
    "positive_kernel": lambda draw, c: with_changes(c, kernel_size=one_dim_broken(draw, (1,) * _rank(c), st.just(0))),
    "input_rank": lambda draw, c: with_changes(c, input_shape=(1,) * (_rank(c) + 3 - len(c["input_shape"]))
                                               + c["input_shape"]),
    "parameter_form": lambda draw, c: with_changes(c, **draw(st.sampled_from(
        [{"kernel_size": (2,)}, {"kernel_size": 2.5}, {"output_size": (1,) * (_rank(c) + 1)}]), label="malformed")),
    "output_size_or_ratio": lambda draw, c: {k: v for k, v in c.items() if k not in ("output_size", "output_ratio")},
    "samples_shape": lambda draw, c: with_changes(c, **draw(st.sampled_from(
        [{"extra_samples": -1}, {"extra_channels": 1}, {"extra_channels": -1}]), label="samples shape")),
    "samples_dtype": lambda draw, c: with_changes(c, samples_dtype="float64" if c["dtype"] != "float64" else "float32"),
    "non_empty_input": lambda draw, c: with_changes(c, input_shape=c["input_shape"][:-_rank(c)] + one_dim_broken(
        draw, c["input_shape"][-_rank(c):], st.just(0))),
    "windows_fit": _windows_too_many,
    "supported_dtype": lambda draw, c: with_changes(_non_empty_output(c), dtype=draw(st.sampled_from(
        ["int64", "int32"]), label="dtype")),
}


def breakers(op: str) -> list[str]:
    return [name for name in BREAKERS if op == "fractional_max_pool3d" or name != "positive_kernel"]


@st.composite
def invalid_calls(draw, op: str, rule: str) -> Call:
    config = draw(configs(op, empty_ok=False), label="valid config")
    event(f"{op} broken rule: {rule}")
    return draw(call_of(BREAKERS[rule](draw, config)), label="call")
