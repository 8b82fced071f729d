"""The options of a drawn call, by name and value: the words the tallies, the declarations of what
an implementation lacks, the hunt's buckets and the conformance report all use.

``features(call)`` reads them off the call itself (never off the strategy that drew it), so a call
a user writes by hand has the same features. Values are strings (``"same"``, ``">1"``) or bools
(``ceil_mode``), as listed in ``VALUES``; ``DEFAULTS`` is each operator's value for a call that
leaves the option at torch's default.
"""

from __future__ import annotations

from spec.conv import Conv2dCall
from spec.pool import Pool2dCall

# Every feature and the values it can take, per operator, in the order the reports list them.
VALUES = {
    "conv2d": {
        "dtype": ("float16", "float32", "float64", "complex64", "complex128",
                  "int8", "int16", "int32", "int64", "uint8"),
        "padding": ("0", ">0", "valid", "same"),
        "padding_mode": ("zeros", "reflect", "replicate", "circular"),
        "stride": ("1", ">1"),
        "dilation": ("1", ">1"),
        "groups": ("1", "depthwise", "grouped"),
        "bias": (False, True),
        "batch": ("batched", "unbatched", "empty"),
    },
    "max_pool2d": {
        "dtype": ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8"),
        "padding": ("0", ">0"),
        "stride": ("kernel_size", "other"),
        "dilation": ("1", ">1"),
        "ceil_mode": (False, True),
        "return_indices": (False, True),
        "batch": ("batched", "unbatched", "empty"),
    },
    "avg_pool2d": {
        "dtype": ("float16", "float32", "float64", "int64"),
        "padding": ("0", ">0"),
        "stride": ("kernel_size", "other"),
        "ceil_mode": (False, True),
        "count_include_pad": (True, False),
        "divisor_override": ("None", "int"),
        "batch": ("batched", "unbatched", "empty"),
    },
}

DEFAULTS = {op: {name: values[0] for name, values in features_of.items()} for op, features_of in VALUES.items()}
DEFAULTS["conv2d"]["dtype"] = DEFAULTS["max_pool2d"]["dtype"] = DEFAULTS["avg_pool2d"]["dtype"] = "float32"


def _more_than_one(values) -> str:
    return ">1" if max(values) > 1 else "1"


def _batch(shape, spatial_dims: int) -> str:
    if len(shape) == spatial_dims + 1:
        return "unbatched"
    return "empty" if shape[0] == 0 else "batched"


def _conv2d(call: Conv2dCall) -> dict:
    padding = call.padding if isinstance(call.padding, str) else (">0" if max(call.numeric_padding) > 0 else "0")
    groups = call.groups
    kind = "1" if groups == 1 else ("depthwise" if call.weight_shape[1] == 1 else "grouped")
    return {"dtype": call.input_dtype, "padding": padding, "padding_mode": call.padding_mode,
            "stride": _more_than_one(call.strides), "dilation": _more_than_one(call.dilations),
            "groups": kind, "bias": call.bias_shape is not None, "batch": _batch(call.input_shape, 2)}


def _pool2d(call: Pool2dCall) -> dict:
    result = {"dtype": call.input_dtype, "padding": ">0" if max(call.paddings) > 0 else "0",
              "stride": "kernel_size" if call.strides == call.kernel else "other"}
    if call.op == "max_pool2d":
        result.update(dilation=_more_than_one(call.dilations), ceil_mode=bool(call.ceil_mode),
                      return_indices=bool(call.return_indices))
    else:
        result.update(ceil_mode=bool(call.ceil_mode), count_include_pad=bool(call.count_include_pad),
                      divisor_override="None" if call.divisor_override is None else "int")
    result["batch"] = _batch(call.input_shape, 2)
    return result


def spec_call(call):
    """The spec's view of a drawn call (tests.calls.Call): shapes, dtypes and parameters."""
    if call.op == "conv2d":
        return Conv2dCall.of(**call.kwargs)
    return (Pool2dCall.max if call.op == "max_pool2d" else Pool2dCall.avg)(**call.kwargs)


def features(call) -> dict:
    """The options of a valid call, feature name -> value. ``call`` is a drawn call
    (tests.calls.Call) or the spec's call object (spec.conv.ConvCall, spec.pool.PoolCall)."""
    if not isinstance(call, (Conv2dCall, Pool2dCall)):
        call = spec_call(call)
    return _conv2d(call) if isinstance(call, Conv2dCall) else _pool2d(call)
