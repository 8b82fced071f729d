"""Calls that kill torch's process instead of returning or raising, so no check may run them.

torch 2.13.0 on a CPU with AVX512-FP16 (oneDNN's ``brg_conv_fwd:avx10_1_512`` kernel) ends the
process with SIGSEGV on some float16 convolutions whose width is dilated and strided and whose
every output column reads only zero padding (reports/upstream/torch-conv2d-float16-dilated-sigsegv.md
has the extent measured, spec/behaviours.py pins it). :func:`torch_crashes` is a superset of that
extent: every crashing call measured matches it, and a few calls that do not crash match it too
(24 of about 3,000 in the one-dimensional grid). The strategies never draw a call it matches.

Pure Python: the spec never imports torch.
"""

from __future__ import annotations

import math

from .conv import Conv2dCall
from .shapes import windows_that_fit

# The one dtype the crash was seen with: bfloat16 takes the same oneDNN path but another kernel
# (gemm:jit), float32/float64/complex take torch's own slow_conv_dilated2d.
CRASHING_DTYPES = ("float16",)


def reads_only_padding(n: int, k: int, s: int, before: int, d: int) -> bool:
    """Every window along one dimension (size ``n``, kernel ``k``, stride ``s``, ``before``
    padding first, dilation ``d``) has all its taps outside the input, in the zero padding.

    Window ``j``'s taps are at ``j s + t d`` for ``t = 0 .. k - 1`` in padded coordinates; the
    input covers ``before .. before + n - 1``.

    Example: n = 1, k = 1, s = 2, before = 1, d = 3: the padded row is (0, x, 0) and the two
    windows read positions 0 and 2, both padding, so this gives True.
    """
    windows = windows_that_fit(n + 2 * before, k, s, d)
    return all(not before <= j * s + t * d < before + n for j in range(windows) for t in range(k))


def torch_crashes(call: Conv2dCall) -> bool:
    """``call`` is in (a superset of) the extent of torch 2.13's float16 SIGSEGV.

    All of these hold: the dtype is float16; padding_mode is 'zeros' with integer padding (other
    modes and padding strings pad before the kernel sees the input, so the kernel's own padding is
    zero); the batch is not empty; along the width (the last dimension, the only one that crashes)
    the stride and the dilation are both > 1, there are at least two output columns and every one
    of them reads only padding; and there are at least two output rows in all (batch times
    output height).

    Example: input (1, 1, 2, 1), weight (1, 1, 1, 1), stride (1, 2), padding (0, 1),
    dilation (1, 3): two rows, two columns, both reading padding, so True.
    A call whose numbers cannot be read (an invalid call torch rejects first) gives False.
    """
    try:
        if call.input_dtype not in CRASHING_DTYPES or call.padding_mode != "zeros":
            return False
        if isinstance(call.padding, str) or call.batch_size < 1:
            return False
        n, k, s, d = call.input_size[-1], call.kernel[-1], call.strides[-1], call.dilations[-1]
        before = call.paddings[-1][0]
        if s < 2 or d < 2 or windows_that_fit(n + 2 * before, k, s, d) < 2:
            return False
        rows = call.batch_size * math.prod(call.output_size[:-1])
        return rows >= 2 and reads_only_padding(n, k, s, before, d)
    except (TypeError, ValueError, IndexError, ZeroDivisionError):
        return False
