"""The spec's operator families, as the site uses them: these lines are the only place the site
names their modules."""

from spec.conv import RULES as CONV_RULES  # noqa: F401
from spec.conv import RULES_BY_RANK as CONV_RULES_BY_RANK  # noqa: F401
from spec.conv import Conv2dCall, ConvCall  # noqa: F401
from spec.conv_transpose import RULES_BY_RANK as CONV_TRANSPOSE_RULES_BY_RANK  # noqa: F401
from spec.params import DIM_NAMES, layout, rank_of  # noqa: F401
from spec.pool import RULES as POOL_RULES  # noqa: F401
from spec.pool import RULES_BY_RANK as POOL_RULES_BY_RANK  # noqa: F401
from spec.pool import Pool2dCall, PoolCall  # noqa: F401

# Each family's rules per spatial rank, by the family name zh_spec's translations are keyed by.
RULES_BY_FAMILY = {"conv": CONV_RULES_BY_RANK, "conv_transpose": CONV_TRANSPOSE_RULES_BY_RANK,
                   "pool": POOL_RULES_BY_RANK}
