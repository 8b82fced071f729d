"""ONNX's own reference implementation, ``onnx.reference.ReferenceEvaluator``, running
one-operator ONNX models: the executable form of the ONNX specification.

numpy in, numpy out; the translation to ONNX (opset 22) and every choice it makes are in
:mod:`tests.adapters.onnx_graph`. Here only: each model is evaluated by a fresh
``ReferenceEvaluator(model)``; its outputs are returned as it gives them.
"""

from __future__ import annotations

from functools import partial

from onnx.reference import ReferenceEvaluator

from . import onnx_graph

NAME = "onnx_reference"
UNSUPPORTED = onnx_graph.UNSUPPORTED


def run(model, feeds):
    return ReferenceEvaluator(model).run(None, feeds)


conv2d = partial(onnx_graph.conv2d, run, NAME)
max_pool2d = partial(onnx_graph.max_pool2d, run, NAME)
avg_pool2d = partial(onnx_graph.avg_pool2d, run, NAME)
