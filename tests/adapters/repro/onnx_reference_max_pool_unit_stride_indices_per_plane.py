"""onnx.reference's MaxPool with unit strides and dilations returns Indices counted within each
(n, c) plane, where the ONNX spec (and its own strided path) flattens them over the whole tensor:
((n * C + c) * H + h) * W + w. The second channel's 1x1 maxima should be 4..7. Exits 1 while the
divergence holds."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.arange(8, dtype=np.float32).reshape(1, 2, 2, 2)
node = helper.make_node("MaxPool", ["X"], ["Y", "I"], kernel_shape=[1, 1], strides=[1, 1])
graph = helper.make_graph([node], "max_indices", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 2, 2, 2])],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 2, 2, 2]),
                           helper.make_tensor_value_info("I", TensorProto.INT64, [1, 2, 2, 2])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
indices = ReferenceEvaluator(model).run(None, {"X": x})[1]
spec = np.arange(8).reshape(1, 2, 2, 2)  # each element is its own 1x1 window's maximum
print("onnx.reference Indices:", indices.ravel(), " spec's flattened indices:", spec.ravel())
sys.exit(0 if np.array_equal(indices, spec) else 1)
