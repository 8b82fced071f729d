"""onnx.reference's MaxPool with unit strides and dilations mishandles pads: unequal height and
width pads are read in the wrong order (pads=[1, 0, 1, 0] on a 3x4 image, 3x3 kernel: 2x3 result,
where the spec's formula and torch with padding=(1, 0) give 3x2), and in ceil mode the padding is
counted twice (pads=[1, 1, 1, 1]: 5x6 where 3x4 is due). AveragePool is right in both.
Exits 1 while the divergence holds."""

import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

x = np.arange(12, dtype=np.float32).reshape(1, 1, 3, 4)
same = True
for pads, ceil_mode in (([1, 0, 1, 0], 0), ([1, 1, 1, 1], 1)):
    node = helper.make_node("MaxPool", ["X"], ["Y"], kernel_shape=[3, 3], strides=[1, 1], pads=pads, ceil_mode=ceil_mode)
    graph = helper.make_graph([node], "max_pads", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 3, 4])],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 1, None, None])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
    onnx.checker.check_model(model, full_check=True)
    onnx_y = ReferenceEvaluator(model).run(None, {"X": x})[0]
    torch_y = torch.nn.functional.max_pool2d(torch.from_numpy(x), 3, stride=1, padding=(pads[0], pads[1]),
                                             ceil_mode=bool(ceil_mode)).numpy()
    print(f"pads={pads} ceil_mode={ceil_mode}: onnx.reference {onnx_y.shape}, torch {torch_y.shape}")
    same &= onnx_y.shape == torch_y.shape and np.array_equal(onnx_y, torch_y)
sys.exit(0 if same else 1)
