"""onnx.reference's MaxPool raises on int8 input with unit strides and dilations: that path pads
the input with NaN, which int8 cannot hold ("cannot convert float NaN to integer"). torch pools it.
Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.arange(8, dtype=np.int8).reshape(1, 1, 2, 4)
node = helper.make_node("MaxPool", ["X"], ["Y"], kernel_shape=[1, 2], strides=[1, 1])
graph = helper.make_graph([node], "max_int8", [helper.make_tensor_value_info("X", TensorProto.INT8, [1, 1, 2, 4])],
                          [helper.make_tensor_value_info("Y", TensorProto.INT8, [1, 1, 2, 3])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
torch_y = torch.nn.functional.max_pool2d(torch.from_numpy(x), (1, 2), stride=1).numpy()
print("torch:", torch_y.ravel())
try:
    onnx_y = ReferenceEvaluator(model).run(None, {"X": x})[0]
except ValueError as error:
    print("onnx.reference: ValueError:", error)
    sys.exit(1)
print("onnx.reference:", onnx_y.ravel())
sys.exit(0 if np.array_equal(onnx_y, torch_y) else 1)
