"""ONNX Runtime on CPU (``CPUExecutionProvider``) running one-operator ONNX models.

numpy in, numpy out; the translation to ONNX (opset 22) and every choice it makes are in
:mod:`tests.adapters.onnx_graph`. Here only: each model runs in a fresh ``InferenceSession`` with
graph optimisations off (``ORT_DISABLE_ALL``), so the kernel that answers is the operator's own,
not a fused rewrite; and a model for which the CPU provider has no kernel (session creation raises
``NotImplemented``) raises ``spec.Unsupported`` naming the operator and dtype.
"""

from __future__ import annotations

from functools import partial

import onnxruntime
from onnxruntime.capi.onnxruntime_pybind11_state import NotImplemented as NoKernel

from spec import Unsupported

from . import onnx_graph

NAME = "onnx_runtime"
# Beyond the ONNX type constraints: the CPU provider has no float64 Conv or AveragePool kernel
# (onnxruntime 1.32.0), found by running, and raised as Unsupported by run() as well.
UNSUPPORTED = {op: {name: list(values) for name, values in lacks.items()}
               for op, lacks in onnx_graph.UNSUPPORTED.items()}
UNSUPPORTED["conv2d"]["dtype"].append("float64")
UNSUPPORTED["avg_pool2d"]["dtype"].append("float64")


def run(model, feeds):
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    try:
        session = onnxruntime.InferenceSession(model.SerializeToString(), options,
                                               providers=["CPUExecutionProvider"])
    except NoKernel as error:
        ops = "+".join(node.op_type for node in model.graph.node)
        raise Unsupported(f"{NAME}: no CPU kernel for {ops} on "
                          f"{feeds['X'].dtype.name}: {str(error).splitlines()[0]}") from error
    return session.run(None, feeds)


conv2d = partial(onnx_graph.conv2d, run, NAME)
max_pool2d = partial(onnx_graph.max_pool2d, run, NAME)
avg_pool2d = partial(onnx_graph.avg_pool2d, run, NAME)
