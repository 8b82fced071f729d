"""The harness that runs an implementation under test: what it does not support, its known
divergences, its crashes, hangs and warnings, and the reports made of a run.

The formats a backend team writes are here: ``UNSUPPORTED`` (declared on the implementation's
module, keyed by :func:`features`) and ``KNOWN`` (a list of :class:`KnownDivergence` in a module
named by ``--known``).
"""

from .features import DEFAULTS, features
from .known import KnownDivergence

__all__ = ["DEFAULTS", "KnownDivergence", "features"]
