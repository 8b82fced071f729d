"""The options of a drawn call, by name and value: the words the tallies, the declarations of what
an implementation lacks, the hunt's buckets and the conformance report all use.

``features(call)`` reads them off the call itself (never off the strategy that drew it), so a call
a user writes by hand has the same features. Values are strings (``"same"``, ``">1"``) or bools
(``ceil_mode``), as listed in ``VALUES``; ``DEFAULTS`` is each operator's value for a call that
leaves the option at torch's default. Every rank of every family has them.
"""

from __future__ import annotations

from spec import dtypes
from spec.conv import ConvCall
from spec.conv_transpose import ConvTransposeCall
from spec.params import rank_of
from spec.pool import PoolCall

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


# Every feature and the values it can take, per operator, in the order the reports list them.
VALUES = {}
for _rank in RANKS:
    VALUES[f"conv{_rank}d"] = _conv_values()
    VALUES[f"conv_transpose{_rank}d"] = _conv_transpose_values()
    VALUES[f"max_pool{_rank}d"] = _pool_values(f"max_pool{_rank}d")
    VALUES[f"avg_pool{_rank}d"] = _pool_values(f"avg_pool{_rank}d")

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


def spec_call(call):
    """The spec's view of a drawn call (tests.calls.Call) of any operator: shapes, dtypes and
    parameters, never the arrays."""
    rank = rank_of(call.op)
    if call.op.startswith("conv_transpose"):
        return ConvTransposeCall.of(**call.kwargs, rank=rank)
    if call.op.startswith("conv"):
        return ConvCall.of(**call.kwargs, rank=rank)
    return (PoolCall.max if call.op.startswith("max_pool") else PoolCall.avg)(**call.kwargs, rank=rank)


def features(call) -> dict:
    """The options of a valid call, feature name -> value. ``call`` is a drawn call
    (tests.calls.Call) or the spec's call object (ConvCall, ConvTransposeCall, PoolCall)."""
    if not isinstance(call, (ConvCall, ConvTransposeCall, PoolCall)):
        call = spec_call(call)
    if isinstance(call, ConvTransposeCall):
        return _conv_transpose(call)
    return _conv(call) if isinstance(call, ConvCall) else _pool(call)
