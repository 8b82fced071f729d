"""The options of a drawn call, by name and value: the words the tallies, the declarations of what
an implementation lacks, the hunt's buckets and the conformance report all use.

``features(call)`` reads them off the call itself (never off the strategy that drew it), so a call
a user writes by hand has the same features. Values are strings (``"same"``, ``">1"``) or bools
(``ceil_mode``), as listed in ``VALUES``; ``DEFAULTS`` is each operator's value for a call that
leaves the option at torch's default. Every rank of every family has them.
"""

from __future__ import annotations

import math

from spec import dtypes
from spec.adaptive_pool import ADAPTIVE_POOL_DTYPES, AdaptivePoolCall
from spec.conv import ConvCall
from spec.conv_transpose import ConvTransposeCall
from spec.fractional_pool import FRACTIONAL_POOL_DTYPES, FractionalPoolCall
from spec.lp_pool import LP_POOL3D_DTYPES, LP_POOL_DTYPES, LpPoolCall
from spec.params import rank_of
from spec.pool import PoolCall
from spec.unpool import MAX_UNPOOL_DTYPES, MaxUnpoolCall

RANKS = (1, 2, 3)
_BATCH = ("batched", "unbatched", "empty")


def _numpy(names) -> tuple:
    return tuple(name for name in names if name != "bfloat16")  # no numpy dtype: never drawn


def _conv_values() -> dict:
    return {"dtype": _numpy(dtypes.CONV), "padding": ("0", ">0", "valid", "same"),
            "padding_mode": ("zeros", "reflect", "replicate", "circular"), "stride": ("1", ">1"),
            "dilation": ("1", ">1"), "groups": ("1", "depthwise", "grouped"), "bias": (False, True), "batch": _BATCH}


def _conv_transpose_values() -> dict:
    return {"dtype": _numpy(dtypes.CONV_TRANSPOSE), "padding": ("0", ">0"), "output_padding": ("0", ">0"),
            "output_size": ("None", "given"), "stride": ("1", ">1"), "dilation": ("1", ">1"),
            "groups": ("1", "depthwise", "grouped"), "bias": (False, True), "batch": _BATCH}


def _pool_values(op: str) -> dict:
    if op.startswith("max_pool"):
        return {"dtype": ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8"),
                "padding": ("0", ">0"), "stride": ("kernel_size", "other"), "dilation": ("1", ">1"),
                "ceil_mode": (False, True), "return_indices": (False, True), "batch": _BATCH}
    values = {"dtype": ("float16", "float32", "float64", "int64"), "padding": ("0", ">0"),
              "stride": ("kernel_size", "other"), "ceil_mode": (False, True), "count_include_pad": (True, False),
              "divisor_override": ("None", "int"), "batch": _BATCH}
    if op == "avg_pool1d":  # torch's avg_pool1d has no divisor_override
        del values["divisor_override"]
    return values


def _adaptive_values(op: str) -> dict:
    # output_size by the windows it gives: tiling, unequal and overlapping, repeating elements, none.
    values = {"dtype": _numpy(ADAPTIVE_POOL_DTYPES), "output_size": ("dividing", "not dividing", "larger", "empty"),
              "batch": _BATCH}
    if "_max_" in op:
        values["return_indices"] = (False, True)
    return values


def _lp_values(rank: int) -> dict:
    return {"dtype": _numpy(LP_POOL3D_DTYPES if rank == 3 else LP_POOL_DTYPES),
            "norm_type": ("2", "1", "other integer", "fractional", "infinite"), "stride": ("kernel_size", "other"),
            "ceil_mode": (False, True), "batch": _BATCH}


def _unpool_values() -> dict:
    return {"dtype": _numpy(MAX_UNPOOL_DTYPES), "stride": ("kernel_size", "other"), "padding": ("0", ">0"),
            "output_size": ("None", "given"), "batch": _BATCH}


def _fractional_values() -> dict:
    return {"dtype": _numpy(FRACTIONAL_POOL_DTYPES), "output": ("output_size", "output_ratio"),
            "return_indices": (False, True), "batch": _BATCH}


# Every feature and the values it can take, per operator, in the order the reports list them.
VALUES = {}
for _rank in RANKS:
    VALUES[f"conv{_rank}d"] = _conv_values()
    VALUES[f"conv_transpose{_rank}d"] = _conv_transpose_values()
    VALUES[f"max_pool{_rank}d"] = _pool_values(f"max_pool{_rank}d")
    VALUES[f"avg_pool{_rank}d"] = _pool_values(f"avg_pool{_rank}d")
    for _kind in ("avg", "max"):
        VALUES[f"adaptive_{_kind}_pool{_rank}d"] = _adaptive_values(f"adaptive_{_kind}_pool{_rank}d")
    VALUES[f"lp_pool{_rank}d"] = _lp_values(_rank)
    VALUES[f"max_unpool{_rank}d"] = _unpool_values()
    if _rank > 1:
        VALUES[f"fractional_max_pool{_rank}d"] = _fractional_values()

DEFAULTS = {op: {name: values[0] for name, values in of.items()} for op, of in VALUES.items()}
for _defaults in DEFAULTS.values():
    _defaults["dtype"] = "float32"


def _more_than_one(values) -> str:
    return ">1" if max(values) > 1 else "1"


def _batch(call) -> str:
    if not call.batched:
        return "unbatched"
    return "empty" if call.input_shape[0] == 0 else "batched"


def _groups(call) -> str:
    if call.groups == 1:
        return "1"
    per_group = call.weight_shape[1] if isinstance(call, ConvCall) else call.weight_shape[0] // call.groups
    return "depthwise" if per_group == 1 else "grouped"


def _conv(call: ConvCall) -> dict:
    padding = call.padding if isinstance(call.padding, str) else (">0" if max(call.numeric_padding) > 0 else "0")
    return {"dtype": call.input_dtype, "padding": padding, "padding_mode": call.padding_mode,
            "stride": _more_than_one(call.strides), "dilation": _more_than_one(call.dilations),
            "groups": _groups(call), "bias": call.bias_shape is not None, "batch": _batch(call)}


def _conv_transpose(call: ConvTransposeCall) -> dict:
    return {"dtype": call.input_dtype, "padding": ">0" if max(call.paddings) > 0 else "0",
            "output_padding": ">0" if max(call.output_paddings) > 0 else "0",
            "output_size": "None" if call.output_size is None else "given",
            "stride": _more_than_one(call.strides), "dilation": _more_than_one(call.dilations),
            "groups": _groups(call), "bias": call.bias_shape is not None, "batch": _batch(call)}


def _pool(call: PoolCall) -> dict:
    result = {"dtype": call.input_dtype, "padding": ">0" if max(call.paddings) > 0 else "0",
              "stride": "kernel_size" if call.strides == call.kernel else "other"}
    if call.op.startswith("max_pool"):
        result.update(dilation=_more_than_one(call.dilations), ceil_mode=bool(call.ceil_mode),
                      return_indices=bool(call.return_indices))
    else:
        result.update(ceil_mode=bool(call.ceil_mode), count_include_pad=bool(call.count_include_pad))
        if "divisor_override" in VALUES[call.op]:
            result["divisor_override"] = "None" if call.divisor_override is None else "int"
    result["batch"] = _batch(call)
    return result


def _output_windows(call: AdaptivePoolCall) -> str:
    pairs = list(zip(call.input_size, call.pooled_size))
    if any(m == 0 for _, m in pairs):
        return "empty"
    if any(m > n for n, m in pairs):
        return "larger"
    return "not dividing" if any(n % m for n, m in pairs) else "dividing"


def _adaptive(call: AdaptivePoolCall) -> dict:
    result = {"dtype": call.input_dtype, "output_size": _output_windows(call), "batch": _batch(call)}
    if call.is_max:
        result["return_indices"] = bool(call.return_indices)
    return result


def _norm(p) -> str:
    p = float(p)
    if math.isinf(p):
        return "infinite"
    if p in (1, 2):
        return str(int(p))
    return "other integer" if p.is_integer() else "fractional"


def _lp(call: LpPoolCall) -> dict:
    return {"dtype": call.input_dtype, "norm_type": _norm(call.norm_type),
            "stride": "kernel_size" if call.strides == call.kernel else "other", "ceil_mode": bool(call.ceil_mode),
            "batch": _batch(call)}


def _unpool(call: MaxUnpoolCall) -> dict:
    return {"dtype": call.input_dtype, "stride": "kernel_size" if call.strides == call.kernel else "other",
            "padding": ">0" if max(call.paddings) > 0 else "0",
            "output_size": "None" if call.output_size is None else "given", "batch": _batch(call)}


def _fractional(call: FractionalPoolCall) -> dict:
    return {"dtype": call.input_dtype, "output": "output_size" if call.output_size is not None else "output_ratio",
            "return_indices": bool(call.return_indices), "batch": _batch(call)}


# The spec's call class of each pool beyond max and average pooling, by the start of its name, and
# how it is made from a drawn call's arguments.
_OTHER_POOLS = {"adaptive_": lambda call: AdaptivePoolCall.of(**call.kwargs, op=call.op),
                "lp_pool": lambda call: LpPoolCall.of(**call.kwargs, rank=rank_of(call.op)),
                "max_unpool": lambda call: MaxUnpoolCall.of(**call.kwargs, rank=rank_of(call.op)),
                "fractional_": lambda call: FractionalPoolCall.of(**call.kwargs, rank=rank_of(call.op))}
# Their features, by call class; LpPoolCall first, as it is a PoolCall too.
_OTHER_FEATURES = {LpPoolCall: _lp, AdaptivePoolCall: _adaptive, MaxUnpoolCall: _unpool, FractionalPoolCall: _fractional}


def spec_call(call):
    """The spec's view of a drawn call (tests.calls.Call) of any operator: shapes, dtypes and
    parameters, never the arrays."""
    rank = rank_of(call.op)
    other = next((of for prefix, of in _OTHER_POOLS.items() if call.op.startswith(prefix)), None)
    if other is not None:
        return other(call)
    if call.op.startswith("conv_transpose"):
        return ConvTransposeCall.of(**call.kwargs, rank=rank)
    if call.op.startswith("conv"):
        return ConvCall.of(**call.kwargs, rank=rank)
    return (PoolCall.max if call.op.startswith("max_pool") else PoolCall.avg)(**call.kwargs, rank=rank)


def features(call) -> dict:
    """The options of a valid call, feature name -> value. ``call`` is a drawn call
    (tests.calls.Call) or the spec's call object (ConvCall, ConvTransposeCall, PoolCall and the
    other pools' calls)."""
    if not isinstance(call, (ConvCall, ConvTransposeCall, PoolCall, *_OTHER_FEATURES)):
        call = spec_call(call)
    for kind, of in _OTHER_FEATURES.items():
        if isinstance(call, kind):
            return of(call)
    if isinstance(call, ConvTransposeCall):
        return _conv_transpose(call)
    return _conv(call) if isinstance(call, ConvCall) else _pool(call)
