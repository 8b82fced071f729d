"""fractional_max_pool2d that reads _random_samples[..., 0] as the rows' sample and [..., 1] as the columns', where torch's CPU kernel reads (columns, rows); the width-before-height order of THNN's kernel that pytorch/pytorch#15531 had to untangle when porting it."""

import reference
import reference.fractional_pool

from ._patch import patched

_IN_DIMENSION_ORDER = {2: (0, 1), 3: (0, 1, 2)}


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    with patched(reference.fractional_pool, "_SAMPLE_OF_DIMENSION", _IN_DIMENSION_ORDER):
        return reference.fractional_max_pool2d(input, kernel_size, output_size, output_ratio, return_indices,
                                               _random_samples)
