"""The compiled backward (inductor, CPU) of max_pool2d fails where eager's runs: for a window that
starts in the padding and holds only -inf inside the plane (two -inf on a 1x2 plane, kernel
(1, 2), padding (0, 1)), eager sends each window's gradient to the first element inside the plane
(gradient [1, 1]); inductor's kernel sends it to the padding tap's offset, -1, and raises "index
-1 is out of bounds". Exits 1 while the compiled backward fails or differs."""

import sys

import torch
import torch.nn.functional as F


def gradient(function):
    x = torch.full((1, 1, 2), -float("inf"), requires_grad=True)
    out = function(x)
    return torch.autograd.grad(out, x, torch.ones_like(out))[0]


def pool(x):
    return F.max_pool2d(x, (1, 2), padding=(0, 1))


eager = gradient(pool)
print("eager gradient:", eager.flatten().tolist())
try:
    compiled = gradient(torch.compile(pool, backend="inductor", fullgraph=True))
except RuntimeError as error:
    print("inductor raises:", str(error).splitlines()[0])
    sys.exit(1)
print("inductor gradient:", compiled.flatten().tolist())
sys.exit(0 if torch.equal(eager, compiled) else 1)
