"""onnx.reference's MaxPool drops NaN: a window holding NaN gives the largest other value, where
torch gives NaN (with the last NaN's index). Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.array([1.0, np.nan, 3.0, 4.0], dtype=np.float32).reshape(1, 1, 2, 2)
node = helper.make_node("MaxPool", ["X"], ["Y"], kernel_shape=[2, 2])
graph = helper.make_graph([node], "max_nan", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 2, 2])],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 1, 1, 1])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
onnx_y = ReferenceEvaluator(model).run(None, {"X": x})[0]
torch_y = torch.nn.functional.max_pool2d(torch.from_numpy(x), 2).numpy()
print("onnx.reference:", onnx_y.ravel(), " torch:", torch_y.ravel())
sys.exit(0 if np.array_equal(onnx_y, torch_y, equal_nan=True) else 1)
