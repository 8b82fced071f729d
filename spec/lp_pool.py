"""lp_pool1d/2d/3d: the call, the validity rules and the output shape.

torch computes LP pooling from average pooling, with no padding and count_include_pad:

    out = (sign(a) * relu(|a|) * K) ** (1 / p),   a = avg_pool(x ** p),   K = the kernel's size

sign(a) * relu(|a|) is a itself (NaN stays NaN), so out = (K / D * sum x^p) ** (1/p), D the taps
of the window inside the input. For a full window D = K and this is the p-norm of the window; a
ceil-mode window that runs past the input has D < K, and its sum is scaled up by K / D. A
negative a (odd p with negative inputs) gives NaN unless 1/p is an integer (p = 1, or 1/2 ...);
a negative input with a non-integer p gives NaN in the power already. norm_type = inf or -inf is
max pooling of |x|, or minus max pooling of -|x| (the smallest |x|). The output size is
``spec.shapes.pool_output_size`` with padding 0.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from . import dtypes
from .params import is_int, layout, malformed
from .pool import PoolCall, RULES_BY_RANK as POOL_RULES
from .rules import Rule, check, require_arrays

# Checked by experiment on torch 2.13 CPU: avg_pool's dtypes (lp_pool3d has no half precision,
# avg_pool3d's kernel has none); int64, which avg_pool takes, is left out: see supported_dtype.
LP_POOL_DTYPES = dtypes.FLOATING
LP_POOL3D_DTYPES = ("float32", "float64")

OPERATORS = ("lp_pool1d", "lp_pool2d", "lp_pool3d")


def scaled_power_sum(power_sum, kernel_size, taps):
    """What torch takes the p-th root of, for a window of ``taps`` elements inside the input whose
    x^p add up to ``power_sum``: K avg_pool(x^p) = K / D times that sum (floats, arrays or sympy).

    .. math:: out = \\Big(\\frac{K}{D} \\sum x^p\\Big)^{1/p}

    Examples
    --------
    >>> scaled_power_sum(5.0, 4, 4), scaled_power_sum(5.0, 4, 1)  # a full window, one tap of four
    (5.0, 20.0)
    """
    return power_sum / taps * kernel_size


@dataclass(frozen=True)
class LpPoolCall(PoolCall):
    norm_type: object = 2

    @classmethod
    def of(cls, input, norm_type, kernel_size, stride=None, ceil_mode=False, *, rank):
        op = f"lp_pool{rank}d"
        require_arrays(op, {"input": input})
        return cls(op, tuple(input.shape), str(input.dtype), kernel_size, stride, 0, 1, ceil_mode,
                   norm_type=norm_type)

    @property
    def is_max(self) -> bool:
        return False

    @property
    def is_infinite(self) -> bool:
        return isinstance(self.norm_type, numbers.Real) and math.isinf(self.norm_type)

    def describe(self) -> str:
        return (f"{self.op}(input={self.input_dtype}{list(self.input_shape)}, norm_type={self.norm_type!r}, "
                f"kernel_size={self.kernel_size!r}, stride={self.stride!r}, ceil_mode={self.ceil_mode!r})")

    @property
    def dtypes(self) -> tuple[str, ...]:
        return LP_POOL3D_DTYPES if self.spatial_dims == 3 else LP_POOL_DTYPES


def _forms(rank: int) -> dict:
    """lp_pool1d's kernel_size is an int (torch multiplies by it); lp_pool2d/3d unpack it into
    ``rank`` numbers, so a one-entry sequence fails; stride is avg_pool's (one entry repeats)."""
    full = lambda v: is_int(v) or (isinstance(v, (tuple, list)) and len(v) == rank and all(map(is_int, v)))  # noqa: E731
    stride = lambda v: v is None or is_int(v) or (  # noqa: E731
        isinstance(v, (tuple, list)) and len(v) in (1, rank) and all(map(is_int, v)))
    return {"norm_type": lambda v: isinstance(v, numbers.Real) and not isinstance(v, bool) and not math.isnan(v),
            "kernel_size": is_int if rank == 1 else full, "stride": stride,
            "ceil_mode": lambda v: isinstance(v, bool)}


def _rules(rank: int) -> list[Rule]:
    forms = _forms(rank)
    pool = {rule.name: rule for rule in POOL_RULES[rank]}
    kernel = "an int" if rank == 1 else f"an int or a sequence of {rank} ints"
    return [
        Rule("input_rank", f"input must be {rank + 1}-D {layout(rank, False)} or {rank + 2}-D {layout(rank)}",
             lambda c: len(c.input_shape) not in (rank + 1, rank + 2)),
        Rule("parameter_form",
             f"norm_type must be a real number (int or float, not NaN), kernel_size {kernel}, stride None, an "
             f"int or a sequence of 1 or {rank} ints, ceil_mode a bool",
             lambda c: malformed(c, forms) != "", explain=lambda c: malformed(c, forms),
             torch=("raises, except norm_type=True, which torch reads as 1, and (through nn.LPPoolNd, which "
                    "passes float(norm_type)) a numeric string such as '2' (lp_pool_bool_norm_type)")),
        Rule("positive_norm_type", "norm_type must be > 0 (inf is max pooling of |x|; -inf is allowed too)",
             lambda c: not c.is_infinite and c.norm_type <= 0,
             torch=("raises for 0 (ZeroDivisionError); accepts a negative norm_type, the -|p|-th power mean, "
                    "where a zero gives inf (lp_pool_negative_norm_type)")),
        pool["positive_kernel"], pool["positive_stride"], pool["non_empty_input"], pool["output_not_empty"],
        Rule("supported_dtype", f"the dtype must be one of {', '.join(LP_POOL3D_DTYPES if rank == 3 else LP_POOL_DTYPES)}",
             lambda c: c.input_dtype not in c.dtypes, about_support=True,
             torch=("raises for complex dtypes (and float16 in 3-D); integer and bool inputs are accepted: "
                    "nn.LPPoolNd passes float(norm_type), whose power promotes them to float32, while "
                    "F.lp_pool with an int norm_type keeps int64, where x^p wraps and the average truncates "
                    "(lp_pool_int64_truncates); an infinite norm_type is max pooling of |x|, which takes "
                    "complex (|x| is real) and integer inputs, and float16 in 3-D")),
    ] + ([
        Rule("lp_pool3d_input_at_least_kernel",
             "lp_pool3d: every input size (D, H, W) must be at least the kernel size, even in ceil mode "
             "(avg_pool3d's check; an infinite norm_type is max_pool3d, which has none)",
             lambda c: not c.is_infinite and any(n < k for n, k in zip(c.input_size, c.kernel))),
    ] if rank == 3 else [])


RULES_BY_RANK = {rank: _rules(rank) for rank in (1, 2, 3)}


def check_lp_pool(call: LpPoolCall) -> None:
    """Raise :class:`spec.rules.SpecViolation` (a ValueError) naming the first rule ``call`` breaks."""
    check(RULES_BY_RANK[call.spatial_dims], call)

