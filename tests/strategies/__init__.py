"""Hypothesis strategies: valid calls over every option, and calls that break one rule each.

A call is drawn in two steps: first its numbers (a config: shapes, dtypes and parameters, as a
dict), then arrays to fit them. Invalid calls change the numbers of a valid config before the
arrays are drawn, so each breaks the rule it is drawn for; tests/test_strategies.py checks that
the spec agrees. Every draw is labelled, and ``event`` records each option's value, so
``pytest --hypothesis-show-statistics`` shows how often each was exercised.
"""

from ..calls import Call
from .conv2d import (BREAKERS, CONV2D_DTYPES, TORCH_RAISES_WHEN, conv2d_calls, conv2d_configs,
                     invalid_conv2d_calls)
from .pool2d import POOL_BREAKERS, invalid_pool2d_calls, pool2d_calls

__all__ = [
    "BREAKERS", "CONV2D_DTYPES", "Call", "POOL_BREAKERS", "TORCH_RAISES_WHEN",
    "conv2d_calls", "conv2d_configs", "invalid_conv2d_calls", "invalid_pool2d_calls", "pool2d_calls",
]
