"""max_pool2d backward that routes the gradient of a window with tied maxima to the last of them
(a >= comparison) where torch's saved index names the first: the forward values agree, only the
gradient moves; the classic mistake of recomputing the argmax in the backward (tests/bugs/
ties_last_index.py is the forward's version)."""

import reference

from ..bugs._patch import patched

OPERATOR = "max_pool2d"


def _replaces_on_ties(value, best) -> bool:
    return value >= best or value != value  # value != value: NaN


def max_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                        return_indices=False):
    with patched(reference.pool, "_replaces", _replaces_on_ties):
        return reference.max_pool2d_backward(grad_output, input, kernel_size, stride, padding, dilation, ceil_mode,
                                             return_indices)
