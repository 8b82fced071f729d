"""adaptive_avg_pool2d whose windows end at floor((i + 1) n / m) instead of ceil, too short (or empty) wherever m does not divide n; flagos-ai/FlagGems#4915."""

import reference
import reference.adaptive_pool
from spec.shapes import adaptive_window

from ._patch import patched


def _end_floored(index, size, output_size):
    start, _ = adaptive_window(index, size, output_size)
    return start, (index + 1) * size // output_size


def adaptive_avg_pool2d(input, output_size):
    with patched(reference.adaptive_pool, "adaptive_window", _end_floored):
        return reference.adaptive_avg_pool2d(input, output_size)
