"""onnx.reference's Conv takes a bias of shape (M, 1) and broadcasts it, where the ONNX spec says
B is a 1-D tensor of size M; onnxruntime and torch reject it. Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x, w, b = np.ones((1, 1, 2, 2), np.float32), np.ones((1, 1, 1, 1), np.float32), np.ones((1, 1), np.float32)
node = helper.make_node("Conv", ["X", "W", "B"], ["Y"], kernel_shape=[1, 1])
graph = helper.make_graph([node], "conv_bias", [helper.make_tensor_value_info(n, TensorProto.FLOAT, a.shape)
                                                for n, a in (("X", x), ("W", w), ("B", b))],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 1, None, None])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
try:
    torch.nn.functional.conv2d(*(torch.from_numpy(a) for a in (x, w, b)))
    print("torch: accepted")
except RuntimeError as error:
    print("torch: RuntimeError:", str(error).splitlines()[0])
try:
    onnx.checker.check_model(model, full_check=True)
    onnx_y = ReferenceEvaluator(model).run(None, {"X": x, "W": w, "B": b})[0]
except Exception as error:
    print("onnx.reference: rejected:", type(error).__name__)
    sys.exit(0)
print("onnx.reference: accepted, result", onnx_y.shape)
sys.exit(1)
