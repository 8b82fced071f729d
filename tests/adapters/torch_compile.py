"""The torch modules of :mod:`tests.adapters.torch_nn` through ``torch.compile``.

numpy in, numpy out. Translations (the only ones made):

- Each call builds the module ``torch_nn`` builds (``nn.Conv2d`` with the call's weight and bias,
  ``nn.MaxPool2d``, ``nn.AvgPool2d``) and runs it through
  ``torch.compile(module, backend=..., dynamic=..., fullgraph=True)`` under ``torch.no_grad()``.
  ``fullgraph=True``: a graph break is an error, never a silent fall-back to eager.
- ``CONVSPEC_COMPILE_BACKEND`` picks the backend (default ``inductor``, on CPU; ``aot_eager`` and
  ``eager`` isolate the compiler's stages). ``CONVSPEC_COMPILE_DYNAMIC`` picks the dynamic-shape
  mode: ``false`` (default: every new shape is compiled afresh, static), ``true`` (symbolic
  shapes from the first compile) or ``auto`` (``dynamic=None``: static first, symbolic on a
  recompile).
- Compiled modules are kept per operator and constructor arguments, so a later call of the same
  kind swaps in its weight and bias and reuses the compiled code (recompiling where its guards
  fail, e.g. on a new shape or dtype). Dynamo's recompile limits are raised so that no call falls
  back to eager for having recompiled too often.

- ``conv2d_backward``, ``max_pool2d_backward`` and ``avg_pool2d_backward`` (the gradient
  protocol) compile ``torch_nn.differentiable``'s forward of the same module, with the same
  backend, dynamic mode and ``fullgraph=True``, so that ``torch.autograd.grad`` runs the backward
  AOTAutograd compiled with it (inductor's backward kernels), not eager's. One compiled function is
  kept per operator, options and weight shape, as for the forwards.

Nothing is checked here: what the modules or the compiler reject, they reject. One thing is
silenced: ``DeprecationWarning`` while compiling and running, which inductor raises about its own
use of ``torch.jit`` APIs (nothing to do with the call; the suite turns warnings into errors). Cost on CPU
(inductor, dynamic=false): a first compile of a kind takes about 1-3 s (C++ kernels are cached on
disk under the system temporary directory), a call that reuses compiled code about 1 ms.
"""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager

import torch
import torch._dynamo

from . import torch_nn

BACKEND = os.environ.get("CONVSPEC_COMPILE_BACKEND", "inductor")
DYNAMIC = {"false": False, "true": True, "auto": None}[os.environ.get("CONVSPEC_COMPILE_DYNAMIC", "false")]

# Every call of a new shape (static mode) or new constructor arguments is a recompile: raise the
# limits past anything a test run reaches, so none falls back to eager.
for _limit in ("cache_size_limit", "recompile_limit", "accumulated_cache_size_limit", "accumulated_recompile_limit"):
    if hasattr(torch._dynamo.config, _limit):
        setattr(torch._dynamo.config, _limit, 1_000_000)

_compiled: dict = {}


@contextmanager
def _running(grad: bool = False):
    with torch.set_grad_enabled(grad), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def _compile(key, build):
    """The compiled module for ``key`` (built by ``build()`` the first time)."""
    if key not in _compiled:
        module = build()
        _compiled[key] = (module, torch.compile(module, backend=BACKEND, dynamic=DYNAMIC, fullgraph=True))
    return _compiled[key]


def _key(value):
    """A hashable form of a parameter (lists become tuples), kept apart by type (1 is not 1.0)."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(v) for v in value))
    return (type(value).__name__, value)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    params = (stride, padding, dilation, groups, padding_mode)
    built = torch_nn.conv2d_module(weight, bias, *params)
    key = ("conv2d", tuple(built.weight.shape), bias is not None, tuple(_key(p) for p in params))
    module, compiled = _compile(key, lambda: built)
    module.weight = built.weight
    module.bias = built.bias
    with _running():
        return compiled(torch_nn._tensor(input)).numpy()


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    args = (kernel_size, stride, padding, dilation, return_indices, ceil_mode)
    _, compiled = _compile(("max_pool2d",) + tuple(_key(a) for a in args), lambda: torch.nn.MaxPool2d(*args))
    with _running():
        result = compiled(torch_nn._tensor(input))
    return tuple(r.numpy() for r in result) if return_indices else result.numpy()


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    args = (kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    _, compiled = _compile(("avg_pool2d",) + tuple(_key(a) for a in args), lambda: torch.nn.AvgPool2d(*args))
    with _running():
        return compiled(torch_nn._tensor(input)).numpy()


# -- backward: the compiled forward's compiled backward -----------------------------------------------

def _compiled_forward(op, forward, kwargs):
    """The compiled form of ``op``'s differentiable ``forward``, one per operator, options and weight shape."""
    options = tuple((name, _key(value)) for name, value in sorted(kwargs.items()) if name not in ("input", "weight", "bias"))
    shapes = tuple(None if kwargs.get(name) is None else tuple(kwargs[name].shape) for name in ("weight", "bias"))
    return _compile(("backward", op, options, shapes), lambda: forward)[1]


def _backward(op, grad_output, **kwargs):
    with _running(grad=True):
        return torch_nn._backward(op, grad_output, through=lambda forward, kw: _compiled_forward(op, forward, kw),
                                  **kwargs)


def conv2d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv2d", grad_output, input=input, weight=weight, bias=bias, **options)


def max_pool2d_backward(grad_output, input, kernel_size, **options):
    return _backward("max_pool2d", grad_output, input=input, kernel_size=kernel_size, **options)


def avg_pool2d_backward(grad_output, input, kernel_size, **options):
    return _backward("avg_pool2d", grad_output, input=input, kernel_size=kernel_size, **options)
