"""fractional_max_pool2d whose window step is alpha = (n - k) / m instead of (n - k) / (m - 1), so the starts fall short and only the last window (pinned at n - k) still reaches the input's end; a classic off-by-one in Graham's interval formula."""

import reference
import reference.fractional_pool
from spec.fractional_pool import fractional_starts

from ._patch import patched


def _step_over_m(sample, size, output_size, kernel, dtype="float64"):
    # The formula with m + 1 windows has the step (n - k) / m; the last start stays n - k.
    starts = fractional_starts(sample, size, output_size + 1, kernel, dtype)[:max(output_size - 1, 0)]
    return starts + [size - kernel] * (output_size > 0)


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    with patched(reference.fractional_pool, "fractional_starts", _step_over_m):
        return reference.fractional_max_pool2d(input, kernel_size, output_size, output_ratio, return_indices,
                                               _random_samples)
