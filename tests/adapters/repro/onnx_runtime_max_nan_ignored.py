"""onnxruntime's CPU MaxPool does not propagate NaN as torch does. With Indices requested, a NaN
wins only as a window's first tap; without, the (other) kernel gives NaN or not depending on the
NaN's place in the window. torch gives NaN, with the last NaN's index. Exits 1 while the
divergence holds."""

import sys

import numpy as np
import onnx
import onnxruntime
import torch
from onnx import TensorProto, helper


def session(outputs):
    node = helper.make_node("MaxPool", ["X"], outputs, kernel_shape=[2, 2])
    graph = helper.make_graph([node], "max_nan", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 2, 2])],
                              [helper.make_tensor_value_info(name, TensorProto.INT64 if name == "I" else TensorProto.FLOAT,
                                                             [1, 1, 1, 1]) for name in outputs])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
    onnx.checker.check_model(model, full_check=True)
    return onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])


values_only, with_indices = session(["Y"]), session(["Y", "I"])
same = True
for where in range(4):  # the NaN in each place of the 2x2 window
    x = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32)
    x[where] = np.nan
    x = x.reshape(1, 1, 2, 2)
    (y,) = values_only.run(None, {"X": x})
    y_i, i = with_indices.run(None, {"X": x})
    torch_y, torch_i = torch.nn.functional.max_pool2d(torch.from_numpy(x), 2, return_indices=True)
    print(f"NaN at {where}: onnxruntime {y.item()}; with Indices {y_i.item()} at {i.item()}; "
          f"torch {torch_y.item()} at {torch_i.item()}")
    same &= all(np.array_equal(a, torch_y.numpy(), equal_nan=True) for a in (y, y_i)) and i.item() == torch_i.item()
sys.exit(0 if same else 1)
