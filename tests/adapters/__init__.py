"""Implementations under test that ship with convspec, each a module following the protocol
(README, "Test your own implementation").

- ``torch_nn``: torch's modules, eager (the default).
- ``torch_functional``: ``torch.nn.functional`` directly, padding modes through ``F.pad``.
- ``torch_channels_last``: the modules on channels_last tensors (torch's channels_last kernels).
- ``torch_compile``: the modules through ``torch.compile`` (inductor; env
  ``CONVSPEC_COMPILE_BACKEND``, ``CONVSPEC_COMPILE_DYNAMIC``).
- ``onnx_reference``, ``onnx_runtime``: one-operator ONNX models (opset 22; translation in
  ``onnx_graph``) run by ``onnx.reference`` and by onnxruntime on CPU (``pip install -e ".[onnx]"``).
- ``jax_lax``: ``jax.lax`` on CPU with x64 (``pip install -e ".[jax]"``).

Each backend's known divergences, classified and cited, are in ``known/<adapter>.py`` (for
``--known``); the standalone reproductions of the genuine ones in ``repro/``, run by
tests/test_backend_repros.py.
"""
