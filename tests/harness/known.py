"""Known divergences: what an implementation under test is known to do differently from torch.

A module named by ``--known MODULE`` (on the path, or a path to a .py file) holds a list ``KNOWN``
of :class:`KnownDivergence`. A drawn call the predicate matches is still run: if it diverges, the
divergence is counted as known (like an xfail) and the call is discarded from the search, which
goes on past it; a known divergence that never diverged in a run is reported as possibly fixed.

Example (a backend whose reflect padding repeats the edge, and which rounds float16 differently)::

    from tests.harness import KnownDivergence, features

    KNOWN = [
        KnownDivergence(
            name="reflect_is_symmetric", operator="conv2d",
            applies=lambda call: call["padding_mode"] == "reflect",
            citation="https://github.com/example/backend/issues/123"),
        KnownDivergence(
            name="float16_rounding", operator="conv2d",
            applies=lambda call: features(call)["dtype"] == "float16",
            citation="accumulates float16 in float16; see the backend's documentation"),
        KnownDivergence(
            name="aborts_on_unit_window", operator="max_pool2d",
            applies=lambda call: call["kernel_size"] in (1, (1, 1)), crashes=True,
            citation="https://github.com/example/backend/issues/456"),
    ]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class KnownDivergence:
    name: str  # a short identifier, unique in its module
    operator: str  # "conv2d", "max_pool2d", "avg_pool2d"
    applies: Callable  # call (tests.calls.Call) -> bool: the calls on which the divergence may show
    citation: str  # an upstream issue's address, or a sentence saying where the difference is stated
    # The divergence is the process dying (an abort, a signal: seen with --isolate) on the calls it
    # covers. Only such an entry explains a crash, and it explains nothing else: a backend that
    # crashes where it was known to answer wrongly, or the reverse, is a new divergence.
    crashes: bool = False

    def matches(self, call) -> bool:
        return call.op == self.operator and bool(self.applies(call))
