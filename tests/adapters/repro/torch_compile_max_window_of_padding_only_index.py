"""torch.compile (inductor, CPU) and eager torch give different indices for a max_pool2d window
whose taps all fall in the padding: here the dilated width taps are -1 and 1 on a 1-wide image.
Both give the integer minimum as the value; eager's index 1 lies outside the plane (pinned in
convspec's spec/behaviours.py, pytorch/pytorch#114216), inductor's is -2. Exits 1 while the
divergence holds."""

import sys

import torch

torch._dynamo.config.cache_size_limit = 64
x = torch.tensor([[[2147483647]]], dtype=torch.int32)
pool = torch.nn.MaxPool2d(2, padding=1, dilation=(1, 2), return_indices=True)
with torch.no_grad():
    eager = pool(x)
    compiled = torch.compile(pool, backend="inductor", fullgraph=True)(x)
print("eager:", eager[0].flatten().tolist(), "index", eager[1].flatten().tolist())
print("inductor:", compiled[0].flatten().tolist(), "index", compiled[1].flatten().tolist())
sys.exit(0 if all(torch.equal(a, b) for a, b in zip(eager, compiled)) else 1)
