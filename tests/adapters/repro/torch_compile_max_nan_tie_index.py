"""torch.compile (inductor, CPU) and eager torch disagree on which NaN of a max_pool2d window is the
maximum when the window holds two: both give NaN, but eager's index is the last NaN's (2) and
inductor's the first's (1); the compiled backward sends the gradient to that first NaN too. Exits 1
while either differs."""

import sys

import torch
import torch.nn.functional as F

x = torch.tensor([[[-2.0, float("nan"), float("nan")]]])


def pool(t):
    return F.max_pool2d(t, (1, 3), return_indices=True)


def gradient(function):
    t = x.clone().requires_grad_()
    out = function(t)[0]
    return torch.autograd.grad(out, t, torch.ones_like(out))[0]


compiled = torch.compile(pool, backend="inductor", fullgraph=True)
with torch.no_grad():
    eager_index, compiled_index = pool(x)[1], compiled(x)[1]
print("indices: eager", eager_index.flatten().tolist(), "inductor", compiled_index.flatten().tolist())
eager_gradient, compiled_gradient = gradient(pool), gradient(compiled)
print("gradients: eager", eager_gradient.flatten().tolist(), "inductor", compiled_gradient.flatten().tolist())
sys.exit(0 if torch.equal(eager_index, compiled_index) and torch.equal(eager_gradient, compiled_gradient) else 1)
