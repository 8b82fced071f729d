"""The tolerance model (spec/tolerance.py) behaves as its derivation says."""

import math

import numpy as np
import pytest

from spec.tolerance import SMALLEST_SUBNORMAL, UNIT_ROUNDOFF, gamma, sum_tolerance


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_unit_roundoff_is_half_the_machine_epsilon(dtype):
    assert UNIT_ROUNDOFF[dtype] == np.finfo(dtype).eps / 2
    assert SMALLEST_SUBNORMAL[dtype] == np.finfo(dtype).smallest_subnormal


def test_gamma_grows_with_the_number_of_roundings_and_saturates():
    assert gamma(1, 2.0**-24) < gamma(2, 2.0**-24) < 3 * 2.0**-24
    assert gamma(2**11, 2.0**-11) == math.inf


def test_underflow_term_keeps_the_bound_positive_for_tiny_results():
    assert sum_tolerance(0.0, 9, "float32") == 13 * 2.0**-149
    assert sum_tolerance(0.0, 9, "float16", result=0.0) > 2 * 2.0**-24


def test_float16_accumulating_in_float16_exceeds_the_float16_bound():
    # 1 + 64 * 2**-12 summed in float16 stays at 1 (each term is below half an ulp of 1); torch's
    # float32 accumulation gives 1.015625 exactly, which is what the reference gives too.
    terms = [1.0] + [2.0**-12] * 64
    float16_sum = np.float16(0)
    for term in terms:
        float16_sum = np.float16(float16_sum + np.float16(term))
    exact = sum(terms)
    bound = sum_tolerance(sum(map(abs, terms)), len(terms), "float16", result=exact)
    assert abs(float(float16_sum) - exact) > bound
    assert abs(float(np.float16(exact)) - exact) <= bound


def test_float32_rounding_exceeds_the_float64_bound():
    # One float32 rounding of 0.1 already breaks the float64 bound of a 9-term sum of size 1.
    error = abs(float(np.float32(0.1)) - 0.1)
    assert error > sum_tolerance(1.0, 9, "float64")
    assert error < sum_tolerance(1.0, 9, "float32")
