"""onnx.reference's AveragePool in ceil mode goes wrong when the last window reaches two or more
places past the input: a 1x4 row [1, 2, 3, 4] pooled by 1x3 windows with stride 3 has windows
[0, 3) and [3, 6), which torch (and onnxruntime) average to [2, 4]; onnx.reference gives [1, 3]
(and 0, or NaN with count_include_pad=0, for a 1-wide row). Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32).reshape(1, 1, 1, 4)
node = helper.make_node("AveragePool", ["X"], ["Y"], kernel_shape=[1, 3], strides=[1, 3], ceil_mode=1,
                        count_include_pad=1)
graph = helper.make_graph([node], "avg_ceil", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 1, 4])],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 1, 1, 2])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
onnx_y = ReferenceEvaluator(model).run(None, {"X": x})[0]
torch_y = torch.nn.functional.avg_pool2d(torch.from_numpy(x), (1, 3), stride=(1, 3), ceil_mode=True).numpy()
print("onnx.reference:", onnx_y.ravel(), " torch:", torch_y.ravel())
sys.exit(0 if np.array_equal(onnx_y, torch_y, equal_nan=True) else 1)
