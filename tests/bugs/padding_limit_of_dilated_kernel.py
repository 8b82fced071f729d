"""max_pool2d that allows padding up to half the dilated kernel, d * (k - 1) + 1, where torch's limit is kernel_size // 2 whatever the dilation; the check proposed in pytorch/pytorch#7541 and pytorch/pytorch#154395, flagged in tile-ai/TileOPs#832."""

import reference
from spec.pool import RULES
from spec.rules import Rule

from ._lenient import lenient

_LIMIT = "padding_at_most_half_kernel"
max_pool2d = lenient(reference.max_pool2d, RULES, _LIMIT, Rule(
    _LIMIT, "every padding must be at most half the dilated kernel",
    lambda c: any(p > (d * (k - 1) + 1) // 2 for p, k, d in zip(c.paddings, c.kernel, c.dilations))))
