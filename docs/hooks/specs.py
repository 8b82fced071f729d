"""The spec's operator families, as the site uses them. spec/conv2d.py and spec/pool2d.py are to be
renamed into rank-generic family modules; these lines are the only place the site names them."""

from spec.conv2d import RULES as CONV_RULES  # noqa: F401
from spec.conv2d import Conv2dCall  # noqa: F401
from spec.pool2d import RULES as POOL_RULES  # noqa: F401
from spec.pool2d import Pool2dCall  # noqa: F401
