"""conv2d that accepts padding='same' with a stride above 1 (TensorFlow's SAME), where torch raises; a classic porting mistake."""

import reference
from spec.conv import RULES

from ._lenient import lenient

conv2d = lenient(reference.conv2d, RULES, "same_padding_needs_unit_stride")
