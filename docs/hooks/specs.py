"""The spec's operator families, as the site uses them: these lines are the only place the site
names their modules."""

from spec.adaptive_pool import RULES_BY_RANK as ADAPTIVE_RULES_BY_RANK  # noqa: F401
from spec.conv import RULES as CONV_RULES  # noqa: F401
from spec.conv import RULES_BY_RANK as CONV_RULES_BY_RANK  # noqa: F401
from spec.conv import Conv2dCall, ConvCall  # noqa: F401
from spec.conv_transpose import RULES_BY_RANK as CONV_TRANSPOSE_RULES_BY_RANK  # noqa: F401
from spec.fractional_pool import RULES_BY_RANK as FRACTIONAL_RULES_BY_RANK  # noqa: F401
from spec.lp_pool import LP_POOL3D_DTYPES, LP_POOL_DTYPES  # noqa: F401
from spec.lp_pool import RULES_BY_RANK as LP_RULES_BY_RANK  # noqa: F401
from spec.params import DIM_NAMES, layout, rank_of  # noqa: F401
from spec.pool import RULES as POOL_RULES  # noqa: F401
from spec.pool import RULES_BY_RANK as POOL_RULES_BY_RANK  # noqa: F401
from spec.pool import Pool2dCall, PoolCall  # noqa: F401
from spec.unpool import RULES_BY_RANK as UNPOOL_RULES_BY_RANK  # noqa: F401

# Each family's rules per spatial rank, by the family name zh_spec's translations are keyed by.
RULES_BY_FAMILY = {"conv": CONV_RULES_BY_RANK, "conv_transpose": CONV_TRANSPOSE_RULES_BY_RANK,
                   "pool": POOL_RULES_BY_RANK, "adaptive": ADAPTIVE_RULES_BY_RANK, "lp_pool": LP_RULES_BY_RANK,
                   "unpool": UNPOOL_RULES_BY_RANK, "fractional": FRACTIONAL_RULES_BY_RANK}
