"""convspec's reference: loop-based numpy implementations with torch.nn.functional's signatures.

Each function checks its call against ``spec`` (raising a ValueError that names the rule), takes
its output shape from ``spec``, and computes every output element with an explicit loop over
the window. Use it as an oracle; it never imports torch.
"""

from .conv import conv2d
from .pool import avg_pool2d, max_pool2d

__all__ = ["avg_pool2d", "conv2d", "max_pool2d"]
