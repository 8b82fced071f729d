"""onnxruntime's CPU Pad in 'wrap' mode fails on a tensor with an empty batch ("Unexpected mode of
3"), though the batch axis is not padded; 'reflect' and 'edge' handle it, and torch's circular
padding returns the empty result. Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import onnxruntime
import torch
from onnx import TensorProto, helper, numpy_helper

x = np.zeros((0, 1, 3, 3), dtype=np.float32)
pads = numpy_helper.from_array(np.array([0, 0, 1, 1, 0, 0, 1, 1], dtype=np.int64), "pads")
node = helper.make_node("Pad", ["X", "pads"], ["Y"], mode="wrap")
graph = helper.make_graph([node], "pad_wrap", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [0, 1, 3, 3])],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [0, 1, 5, 5])], initializer=[pads])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
onnx.checker.check_model(model, full_check=True)
torch_y = torch.nn.functional.pad(torch.from_numpy(x), (1, 1, 1, 1), mode="circular").numpy()
print("torch:", torch_y.shape)
try:
    onnx_y = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"X": x})[0]
except Exception as error:  # onnxruntime's Fail
    print("onnxruntime:", type(error).__name__, str(error).splitlines()[0])
    sys.exit(1)
print("onnxruntime:", onnx_y.shape)
sys.exit(0 if onnx_y.shape == torch_y.shape else 1)
