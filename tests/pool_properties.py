"""The properties the adaptive, LP, unpooling and fractional pools share, written once.

Each of those test modules calls ``shared_properties`` with its operators, its strategies module
(``calls``, ``breakers`` and ``invalid_calls``, as tests/strategies/*.py define them) and its
spec's output shape, and binds the three tests it returns to module names, where pytest collects
them: the implementation under test against the reference on drawn valid calls, torch's output
shape against the spec's, and error parity for every rule a breaker draws calls for.
"""

from __future__ import annotations

from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .adapters import torch_nn
from .checks import assert_rejected_everywhere
from .harness import implementation_settings
from .pool_checks import check_result

# The shape and error-parity tests' examples per operator (and per rule), a twentieth of the profile's.
FEW = max(3, settings.default.max_examples // 20)


def shared_properties(operators, strategies, output_shape: Callable, share: int):
    """(test_implementation_matches_reference, test_output_shape_matches_torch, test_error_parity)
    for ``operators``. The conformance test gets 1 / ``share`` of the profile's examples per
    operator (tests/test_power.py's in_the_suite reads the module's SHARE for its zoo searches),
    the other two a twentieth; ``output_shape(call)`` is the spec's shape of a valid call."""
    many = max(10, settings.default.max_examples // share)

    @pytest.mark.parametrize("op", operators)
    @implementation_settings(max_examples=many)
    @given(data=st.data())
    def test_implementation_matches_reference(impl, op, data):
        impl.conforms(data.draw(strategies.calls(op), label="call"), check_result)

    @pytest.mark.parametrize("op", operators)
    @settings(max_examples=FEW)
    @given(data=st.data())
    def test_output_shape_matches_torch(op, data):
        call = data.draw(strategies.calls(op), label="call")
        got = call.run(getattr(torch_nn, op))
        got = got[0] if isinstance(got, tuple) else got  # (output, indices)
        assert got.shape == output_shape(call), call

    @pytest.mark.parametrize("op, rule", [(op, rule) for op in operators for rule in strategies.breakers(op)])
    @implementation_settings(max_examples=FEW)
    @given(data=st.data())
    def test_error_parity(impl, op, rule, data):
        assert_rejected_everywhere(data.draw(strategies.invalid_calls(op, rule), label="call"), rule, impl)

    return test_implementation_matches_reference, test_output_shape_matches_torch, test_error_parity
