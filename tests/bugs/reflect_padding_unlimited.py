"""conv2d that accepts padding_mode='reflect' with padding as large as the input (np.pad reflects again and again), where torch raises; a classic mistake of numpy-based ports."""

import reference
from spec.conv import RULES

from ._lenient import lenient

conv2d = lenient(reference.conv2d, RULES, "reflect_padding_limit")
