"""Three distinct bugs, one per operator, each a zoo member's: the kernel flipped (conv2d values), ties won by the last index (max_pool2d indices), divisor_override=0 taken
as no override (avg_pool2d accepts an invalid call). The hunt reports three divergences."""

from tests.bugs.flipped_kernel import conv2d  # noqa: F401
from tests.bugs.ties_last_index import max_pool2d  # noqa: F401
from tests.bugs.zero_divisor_means_default import avg_pool2d  # noqa: F401
