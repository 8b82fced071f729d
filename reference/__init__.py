"""convspec's reference: loop-based numpy implementations with torch.nn.functional's signatures.

Each function checks its call against ``spec`` (raising a ValueError that names the rule), takes
its output shape from ``spec``, and computes every output element with an explicit loop over
the window. One loop per operator family serves every spatial rank; each operator's
``<op>_backward`` gives its gradients, as sums formed the same way. Use it as an oracle; it never
imports torch.
"""

from .adaptive_pool import (adaptive_avg_pool1d, adaptive_avg_pool1d_backward, adaptive_avg_pool2d,
                            adaptive_avg_pool2d_backward, adaptive_avg_pool3d, adaptive_avg_pool3d_backward,
                            adaptive_max_pool1d, adaptive_max_pool1d_backward, adaptive_max_pool2d,
                            adaptive_max_pool2d_backward, adaptive_max_pool3d, adaptive_max_pool3d_backward)
from .conv import conv1d, conv1d_backward, conv2d, conv2d_backward, conv3d, conv3d_backward
from .conv_transpose import (conv_transpose1d, conv_transpose1d_backward, conv_transpose2d, conv_transpose2d_backward,
                             conv_transpose3d, conv_transpose3d_backward)
from .fractional_pool import (fractional_max_pool2d, fractional_max_pool2d_backward, fractional_max_pool3d,
                              fractional_max_pool3d_backward)
from .lp_pool import lp_pool1d, lp_pool1d_backward, lp_pool2d, lp_pool2d_backward, lp_pool3d, lp_pool3d_backward
from .pool import (avg_pool1d, avg_pool1d_backward, avg_pool2d, avg_pool2d_backward, avg_pool3d, avg_pool3d_backward,
                   max_pool1d, max_pool1d_backward, max_pool2d, max_pool2d_backward, max_pool3d, max_pool3d_backward)
from .unpool import (max_unpool1d, max_unpool1d_backward, max_unpool2d, max_unpool2d_backward, max_unpool3d,
                     max_unpool3d_backward)

__all__ = [
    "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool1d",
    "adaptive_max_pool2d", "adaptive_max_pool3d",
    "avg_pool1d", "avg_pool2d", "avg_pool3d", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
    "conv_transpose2d", "conv_transpose3d", "fractional_max_pool2d", "fractional_max_pool3d", "lp_pool1d",
    "lp_pool2d", "lp_pool3d", "max_pool1d", "max_pool2d", "max_pool3d", "max_unpool1d", "max_unpool2d",
    "max_unpool3d",
    # The backward of each (its vector-Jacobian product): <op>_backward(grad_output, **the forward's arguments).
    "adaptive_avg_pool1d_backward", "adaptive_avg_pool2d_backward", "adaptive_avg_pool3d_backward",
    "adaptive_max_pool1d_backward", "adaptive_max_pool2d_backward", "adaptive_max_pool3d_backward",
    "avg_pool1d_backward", "avg_pool2d_backward", "avg_pool3d_backward", "conv1d_backward", "conv2d_backward",
    "conv3d_backward", "conv_transpose1d_backward", "conv_transpose2d_backward", "conv_transpose3d_backward",
    "fractional_max_pool2d_backward", "fractional_max_pool3d_backward", "lp_pool1d_backward", "lp_pool2d_backward",
    "lp_pool3d_backward", "max_pool1d_backward", "max_pool2d_backward", "max_pool3d_backward",
    "max_unpool1d_backward", "max_unpool2d_backward", "max_unpool3d_backward",
]
