"""torch.compile (inductor, CPU) and eager torch give different indices for a max_pool2d window
that starts in the padding and holds nothing above the dtype's lowest value. Eager takes the first
tap inside the plane, inductor the first tap of the window, in the padding:

- two -inf on a 1x2 plane, kernel (1, 2), padding (0, 1): eager's indices [0, 1], inductor's [-1, 1];
- a window of padding only (the dilated width taps -1 and 1 on a 1-wide int32 plane): eager's
  index 1 lies outside the plane (pinned in convspec's spec/behaviours.py, pytorch/pytorch#114216),
  inductor's is -2.

The values agree. Exits 1 while either divergence holds."""

import sys

import torch

torch._dynamo.config.cache_size_limit = 64
cases = [
    (torch.full((1, 1, 2), -float("inf")), torch.nn.MaxPool2d((1, 2), padding=(0, 1), return_indices=True)),
    (torch.tensor([[[2147483647]]], dtype=torch.int32), torch.nn.MaxPool2d(2, padding=1, dilation=(1, 2), return_indices=True)),
]
diverges = False
with torch.no_grad():
    for x, pool in cases:
        eager = pool(x)
        compiled = torch.compile(pool, backend="inductor", fullgraph=True)(x)
        print("eager:", eager[0].flatten().tolist(), "indices", eager[1].flatten().tolist())
        print("inductor:", compiled[0].flatten().tolist(), "indices", compiled[1].flatten().tolist())
        diverges |= not all(torch.equal(a, b) for a, b in zip(eager, compiled))
sys.exit(1 if diverges else 0)
