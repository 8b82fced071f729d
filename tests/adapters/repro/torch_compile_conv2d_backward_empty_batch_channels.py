"""The compiled backward (inductor, CPU) of a conv2d on an empty batch with two input channels fails
where eager's returns empty gradients: inductor's stride check on convolution_backward raises
"AssertionError: expected size 2==2, stride 1==2 at dim=1 ...". One input channel, or a batch of
one, is fine. Exits 1 while the compiled backward fails or differs."""

import sys

import torch

torch.manual_seed(0)
conv = torch.nn.Conv2d(2, 1, (1, 2), bias=False)


def gradient(function):
    x = torch.ones(0, 2, 1, 2, requires_grad=True)
    out = function(x)
    return torch.autograd.grad(out, x, torch.ones_like(out))[0]


eager = gradient(conv)
print("eager gradient: shape", tuple(eager.shape))
try:
    compiled = gradient(torch.compile(conv, backend="inductor", fullgraph=True))
except AssertionError as error:
    print("inductor raises: AssertionError:", str(error).splitlines()[0])
    sys.exit(1)
print("inductor gradient: shape", tuple(compiled.shape))
sys.exit(0 if compiled.shape == eager.shape else 1)
