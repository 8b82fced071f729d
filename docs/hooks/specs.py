"""The spec's operator families, as the site uses them: these lines are the only place the site
names their modules."""

from spec.conv import RULES as CONV_RULES  # noqa: F401
from spec.conv import Conv2dCall  # noqa: F401
from spec.pool import RULES as POOL_RULES  # noqa: F401
from spec.pool import Pool2dCall  # noqa: F401
