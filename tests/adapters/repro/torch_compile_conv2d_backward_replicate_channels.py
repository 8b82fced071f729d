"""The compiled backward (inductor, CPU) of an nn.Conv2d with padding_mode='replicate' and two
input channels fails where eager's runs, whatever the padding (here none): inductor's stride check
on replication_pad2d_backward raises "AssertionError: expected size 2==2, stride 1==4 at dim=1 ...".
One input channel, the other padding modes and backend='aot_eager' are fine. Exits 1 while the
compiled backward fails or differs."""

import sys

import torch

torch.manual_seed(0)
conv = torch.nn.Conv2d(2, 1, 1, padding=0, padding_mode="replicate", bias=False)


def gradient(function):
    x = torch.ones(1, 2, 2, 2, requires_grad=True)
    out = function(x)
    return torch.autograd.grad(out, x, torch.ones_like(out))[0]


eager = gradient(conv)
print("eager gradient:", eager.flatten().tolist())
try:
    compiled = gradient(torch.compile(conv, backend="inductor", fullgraph=True))
except AssertionError as error:
    print("inductor raises: AssertionError:", str(error).splitlines()[0])
    sys.exit(1)
print("inductor gradient:", compiled.flatten().tolist())
sys.exit(0 if torch.allclose(eager, compiled) else 1)
