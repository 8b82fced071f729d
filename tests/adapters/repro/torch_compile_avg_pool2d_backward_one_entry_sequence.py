"""The compiled backward (inductor, CPU) of avg_pool2d fails for a padding given as a one-entry
sequence, which eager (and the compiled forward) read as that padding for both dimensions:
inductor's avg_pool2d_backward lowering asserts two entries (LoweringException: AssertionError).
A one-entry kernel_size or stride fails alike. Exits 1 while the compile fails or the gradient
differs."""

import sys

import torch
import torch.nn.functional as F


def gradient(function):
    x = torch.ones(1, 1, 2, 2, requires_grad=True)
    out = function(x)
    return torch.autograd.grad(out, x, torch.ones_like(out))[0]


def pool(x):
    return F.avg_pool2d(x, 2, padding=(1,))


eager = gradient(pool)
print("eager gradient:", eager.flatten().tolist())
try:
    compiled = gradient(torch.compile(pool, backend="inductor", fullgraph=True))
except Exception as error:  # torch._inductor.exc.InductorError
    print("inductor raises:", type(error).__name__, str(error).splitlines()[0])
    sys.exit(1)
print("inductor gradient:", compiled.flatten().tolist())
sys.exit(0 if torch.equal(eager, compiled) else 1)
