"""onnx.reference's AveragePool with count_include_pad=0 drops NaN input: it marks the padding with
NaN and averages the window's non-NaN values, so the input's own NaN is taken for padding. torch
gives NaN. Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.array([1.0, np.nan, 3.0, 4.0], dtype=np.float32).reshape(1, 1, 1, 4)
node = helper.make_node("AveragePool", ["X"], ["Y"], kernel_shape=[1, 2], strides=[1, 2], count_include_pad=0)
graph = helper.make_graph([node], "avg_nan", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 1, 4])],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 1, 1, 2])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
onnx_y = ReferenceEvaluator(model).run(None, {"X": x})[0]
torch_y = torch.nn.functional.avg_pool2d(torch.from_numpy(x), (1, 2), count_include_pad=False).numpy()
print("onnx.reference:", onnx_y.ravel(), " torch:", torch_y.ravel())
sys.exit(0 if np.array_equal(onnx_y, torch_y, equal_nan=True) else 1)
