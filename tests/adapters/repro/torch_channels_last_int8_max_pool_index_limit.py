"""torch's channels_last CPU max_pool2d rejects int8/uint8 images of more than 127 pixels.

The contiguous kernel pools the same values; the channels_last kernel keeps window indices in an
integer as wide as the element (int8) and refuses any image whose H * W exceeds 127, though the
indices it returns are int64. Exits 1 while the divergence holds, 0 once it is gone.
"""

import sys

import torch

x = torch.arange(2 * 12 * 12).reshape(1, 2, 12, 12).remainder(100).to(torch.int8)
contiguous = torch.nn.functional.max_pool2d(x, 2)
print("contiguous:", tuple(contiguous.shape), contiguous.flatten()[:6].tolist())
try:
    last = torch.nn.functional.max_pool2d(x.contiguous(memory_format=torch.channels_last), 2)
except RuntimeError as error:
    print("channels_last: RuntimeError:", str(error).splitlines()[0])
    sys.exit(1)
print("channels_last:", tuple(last.shape), last.flatten()[:6].tolist())
sys.exit(0 if torch.equal(contiguous, last) else 1)
