"""XLA aborts the process compiling a ``lax.reduce_window`` whose window is all ones (size 1, unit
stride, no dilation) and whose padding only crops (negative on some side, positive on none):
the algebraic simplifier rewrites the trivial window as an elementwise op without the crop, and its
shape check (a RET_CHECK) turns into a fatal CHECK. Upstream: openxla/xla#48719 (open; the fix is
openxla/xla#48875). lax's own answer is the crop, what ``lax.pad`` gives; torch rejects the
negative padding with an error. Both leave the process alive; XLA kills it (SIGABRT).

The call runs in a child process, since it ends the one it runs in. Exits 1 while the abort holds."""

import signal
import subprocess
import sys

import numpy as np
import torch
from jax import lax

CALL = """
import numpy as np
from jax import lax
x = np.arange(5.0)
print(np.asarray(lax.reduce_window(x, 0.0, lax.add, (1,), (1,), [(0, -1)])))
"""

try:
    torch.nn.functional.max_pool1d(torch.arange(5.0)[None], 1, padding=-1)
except RuntimeError as error:
    print("torch:", str(error).splitlines()[0])
print("lax.pad (the crop lax defines):", np.asarray(lax.pad(np.arange(5.0), 0.0, [(0, -1, 0)])))
child = subprocess.run([sys.executable, "-c", CALL], capture_output=True, text=True, timeout=120)
if child.returncode == -signal.SIGABRT:
    print("lax.reduce_window: the process was killed by SIGABRT:",
          next((line for line in child.stderr.splitlines() if "RET_CHECK" in line), "")[:200])
    sys.exit(1)
print("lax.reduce_window:", child.stdout.strip() or child.stderr.strip()[-300:])
sys.exit(0)
