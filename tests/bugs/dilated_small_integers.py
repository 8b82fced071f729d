"""conv2d that computes dilated convolutions for int8, int16, int32 and uint8, which torch's CPU kernels reject; an implementation that accepts what torch does not."""

import reference
from spec.conv import RULES

from ._lenient import lenient

conv2d = lenient(reference.conv2d, RULES, "dilation_dtype")
