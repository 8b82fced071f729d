"""The ONNX translation shared by :mod:`tests.adapters.onnx_reference` and
:mod:`tests.adapters.onnx_runtime`: each call becomes a one-operator ONNX model (opset ``OPSET``,
built with ``onnx.helper``, checked with ``onnx.checker.check_model(full_check=True)``), which a
runner function executes. The translation is what an exporter does:

- Unbatched (3-d) input is given a batch axis of 1, removed from the result.
- An int or one-entry sequence parameter is repeated for both spatial dimensions (torch does the
  same), except with a ``padding_mode`` other than zeros: a one-entry ``padding``, which torch's
  modules reject, is passed on as it is for the ``Pad`` node to reject; with ``'same'`` a
  one-entry ``dilation`` pads the height only, as torch's modules do (spec/behaviours.py); pairs are used as they are; anything else is
  passed on for ONNX to reject.
- ``conv2d`` -> ``Conv``: ``kernel_shape`` from the weight, ``strides``, ``dilations``, ``group``,
  the bias as input ``B``; int padding as ``pads=[top, left, bottom, right]``; ``'valid'`` as zero
  pads; ``'same'`` as explicit pads of ``dilation * (kernel - 1)`` in total per dimension, the
  smaller half (``total // 2``) before, as torch pads (not ``auto_pad``, whose ``SAME_UPPER``
  is defined for the output size ``ceil(in / stride)`` instead).
- ``padding_mode`` other than ``'zeros'``: a ``Pad`` node before ``Conv`` (which then has zero
  pads), ``reflect`` -> ``mode='reflect'``, ``replicate`` -> ``'edge'``, ``circular`` ->
  ``'wrap'``, over the two spatial axes.
- ``max_pool2d`` -> ``MaxPool``: ``kernel_shape``, ``strides`` (the kernel's when ``stride`` is
  None or empty, as in torch), ``pads``, ``dilations``, ``ceil_mode`` as an attribute. With
  ``return_indices``, the ``Indices`` output, which ONNX flattens over the whole tensor
  (``((n * C + c) * H + h) * W + w``, ``storage_order=0``), is mapped to torch's offsets within
  each (n, c) plane by subtracting the plane's start ``(n * C + c) * H * W``.
- ``avg_pool2d`` -> ``AveragePool``: as ``MaxPool`` plus ``count_include_pad`` as an attribute.

Unsupported (``spec.Unsupported``, declared in ``UNSUPPORTED``): a dtype outside the operator's
ONNX type constraints (``T`` of Conv, MaxPool, AveragePool at opset 22) and ``divisor_override``
(AveragePool has no such attribute). Validity is left to ONNX (the checker and the runtime), save
where the translation itself has no answer and raises ``ValueError``: ``padding='same'`` with a
stride above 1 (no explicit pads mean 'same' there) and a ``padding_mode`` outside torch's four.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from spec import Unsupported

OPSET = 22
PAD_MODES = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}
# Type constraint T of each operator at opset 22, in numpy names (bfloat16 has none in numpy).
TYPES = {
    "conv2d": ("float16", "float32", "float64"),
    "max_pool2d": ("float16", "float32", "float64", "int8", "uint8"),
    "avg_pool2d": ("float16", "float32", "float64"),
}
UNSUPPORTED = {
    "conv2d": {"dtype": ["complex64", "complex128", "int8", "int16", "int32", "int64", "uint8"]},
    "max_pool2d": {"dtype": ["int16", "int32", "int64"]},
    "avg_pool2d": {"dtype": ["int64"], "divisor_override": ["int"]},
}


def _pair(value):
    """Both spatial dimensions' values, as torch reads an int or a one-entry sequence."""
    if isinstance(value, (int, np.integer)):
        return [int(value)] * 2
    value = [int(v) for v in value]
    return value * 2 if len(value) == 1 else value


def _pads(padding, repeat_one=True):
    """ONNX ``pads`` ([top, left, bottom, right]) from a torch (height, width) padding. With
    ``repeat_one=False`` a one-entry sequence is kept as it is (torch's modules take no such padding
    with a padding mode), so that ONNX rejects the pads."""
    sides = [int(padding)] * 2 if isinstance(padding, (int, np.integer)) else (
        _pair(padding) if repeat_one else [int(p) for p in padding])
    return sides + sides


def _same_pads(kernel, dilation, repeat_one=True):
    """Explicit pads for 'same'. With ``repeat_one=False`` a one-entry dilation is not repeated:
    only the height is padded, as torch's modules do with a padding mode (spec/behaviours.py)."""
    dilations = _pair(dilation) if repeat_one or isinstance(dilation, (int, np.integer)) else list(dilation)
    begins, ends = [0, 0], [0, 0]
    for i, (k, d) in enumerate(zip(kernel, dilations)):
        total = d * (k - 1)
        begins[i], ends[i] = total // 2, total - total // 2
    return begins + ends


def _check_dtype(op: str, array, runner_name: str):
    if array.dtype.name not in TYPES[op]:
        raise Unsupported(f"{runner_name}: {op} dtype={array.dtype.name}")


def _element_type(array):
    return helper.np_dtype_to_tensor_dtype(array.dtype)


def _model(nodes, inputs: dict, output_names, initializers=()):
    """The model of ``nodes``: inputs of the feeds' types and shapes, outputs of the input's element
    type (``Indices`` int64) and rank, their sizes left to ONNX's shape inference."""
    x_type = _element_type(inputs["X"])
    graph = helper.make_graph(
        nodes, "convspec",
        [helper.make_tensor_value_info(name, _element_type(array), array.shape) for name, array in inputs.items()],
        [helper.make_tensor_value_info(name, TensorProto.INT64 if name == "Indices" else x_type,
                                       [None] * inputs["X"].ndim)
         for name in output_names],
        initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(model, full_check=True)
    return model


def _batched(input):
    return (input[None], True) if input.ndim == 3 else (input, False)


def conv2d(run, name, input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
           padding_mode="zeros"):
    """``run(model, feeds) -> outputs`` executes the model; ``name`` is the runner's, for messages."""
    _check_dtype("conv2d", input, name)
    x, unbatched = _batched(input)
    kernel = list(weight.shape[2:])
    if padding == "same":
        if any(s != 1 for s in _pair(stride)):
            raise ValueError(f"{name}: padding='same' has no explicit pads for a stride above 1")
        pads = _same_pads(kernel, dilation, repeat_one=padding_mode == "zeros")
    else:
        pads = [0, 0, 0, 0] if padding == "valid" else _pads(padding, repeat_one=padding_mode == "zeros")
    nodes, initializers, conv_input = [], [], "X"
    if padding_mode != "zeros":
        if padding_mode not in PAD_MODES:
            raise ValueError(f"{name}: no ONNX Pad mode for padding_mode={padding_mode!r}")
        begins, ends = pads[:len(pads) // 2], pads[len(pads) // 2:]
        initializers.append(numpy_helper.from_array(np.array([0, 0, *begins, 0, 0, *ends], dtype=np.int64), "pads"))
        nodes.append(helper.make_node("Pad", ["X", "pads"], ["X_padded"], mode=PAD_MODES[padding_mode]))
        conv_input, pads = "X_padded", [0, 0, 0, 0]
    feeds = {"X": x, "W": weight} | ({} if bias is None else {"B": bias})
    nodes.append(helper.make_node(
        "Conv", [conv_input, "W"] + ([] if bias is None else ["B"]), ["Y"], kernel_shape=kernel,
        strides=_pair(stride), pads=pads, dilations=_pair(dilation), group=groups))
    (y,) = run(_model(nodes, feeds, ["Y"], initializers), feeds)
    return y[0] if unbatched else y


def _pool_attributes(kernel_size, stride, padding, ceil_mode):
    kernel = _pair(kernel_size)
    strides = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else _pair(stride)
    return dict(kernel_shape=kernel, strides=strides, pads=_pads(padding), ceil_mode=int(bool(ceil_mode)))


def max_pool2d(run, name, input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    _check_dtype("max_pool2d", input, name)
    x, unbatched = _batched(input)
    outputs = ["Y", "Indices"] if return_indices else ["Y"]
    node = helper.make_node("MaxPool", ["X"], outputs, dilations=_pair(dilation), storage_order=0,
                            **_pool_attributes(kernel_size, stride, padding, ceil_mode))
    results = run(_model([node], {"X": x}, outputs), {"X": x})
    if return_indices:
        n, c, h, w = x.shape
        plane_start = (np.arange(n * c, dtype=np.int64) * h * w).reshape(n, c, 1, 1)
        results = [results[0], results[1] - plane_start]
    results = [r[0] for r in results] if unbatched else list(results)
    return tuple(results) if return_indices else results[0]


def avg_pool2d(run, name, input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    _check_dtype("avg_pool2d", input, name)
    if divisor_override is not None:
        raise Unsupported(f"{name}: avg_pool2d divisor_override")
    x, unbatched = _batched(input)
    node = helper.make_node("AveragePool", ["X"], ["Y"], count_include_pad=int(bool(count_include_pad)),
                            **_pool_attributes(kernel_size, stride, padding, ceil_mode))
    (y,) = run(_model([node], {"X": x}, ["Y"]), {"X": x})
    return y[0] if unbatched else y
