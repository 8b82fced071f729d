"""onnx.reference's float16 Conv rounds twice: the convolution's sum is rounded to float16 and the
bias added after, where torch adds the bias in float32 and rounds once. Here the product
(-4.15625 * -4.64453125 = 19.3038...) is rounded before 3.69140625 is added, giving 22.98, not
torch's 23.0 (the exact sum is 22.9952...). Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.array([-4.15625], dtype=np.float16).reshape(1, 1, 1, 1)
w = np.array([-4.64453125], dtype=np.float16).reshape(1, 1, 1, 1)
b = np.array([3.69140625], dtype=np.float16)
node = helper.make_node("Conv", ["X", "W", "B"], ["Y"], kernel_shape=[1, 1])
graph = helper.make_graph([node], "conv_f16", [helper.make_tensor_value_info(n, TensorProto.FLOAT16, a.shape)
                                               for n, a in (("X", x), ("W", w), ("B", b))],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT16, [1, 1, 1, 1])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
onnx_y = ReferenceEvaluator(model).run(None, {"X": x, "W": w, "B": b})[0]
torch_y = torch.nn.functional.conv2d(*(torch.from_numpy(a) for a in (x, w, b))).numpy()
print("onnx.reference:", onnx_y.ravel(), " torch:", torch_y.ravel(), " exact:", x.item() * w.item() + b.item())
sys.exit(0 if np.array_equal(onnx_y, torch_y) else 1)
