"""The conformance test of the strata searched apart, written once for conv2d and the 2-D pools.

A run of an operator's main conformance test holds only about a dozen independent configurations
(Hypothesis follows each fresh example with mutations that keep its options), so an option value
drawn with probability p goes unsearched in about one run in (1 - p)**-12. The option values that
hold bugs of their own (strategies.conv2d.SEARCHED_APART: conv2d's dtypes and padding modes;
strategies.pool2d.SEARCHED_APART: the pools' aims) are therefore also searched one by one, each
with 1 / SHARE of the profile's examples, in every run (tests/test_power.py's zoo searches read
SHARE).
"""

from __future__ import annotations

from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .harness import implementation_settings, valid_calls

SHARE = 6


def conformance_by_stratum(op: str, check: Callable, strata):
    """test_implementation_matches_reference_in_stratum for ``op``: one search per (option,
    value) of ``strata``, checked by ``check`` as the main conformance test checks."""
    @pytest.mark.parametrize("stratum", strata, ids=[f"{option}={value}" for option, value in strata])
    @implementation_settings(max_examples=max(10, settings.default.max_examples // SHARE))
    @given(data=st.data())
    def test_implementation_matches_reference_in_stratum(impl, stratum, data):
        option, value = stratum
        if value in impl.declared.get(op, {}).get(option, ()):
            pytest.skip(f"the implementation declares {option} {value} unsupported (UNSUPPORTED)")
        impl.conforms(data.draw(valid_calls(op, impl, stratum), label="call"), check)
    return test_implementation_matches_reference_in_stratum
