"""torch.compile (inductor, CPU) runs calls on dtypes the eager kernels lack: a bool conv2d, a
bool max_pool2d, an int8 avg_pool2d (pytorch/pytorch#198155). Prints what each gives eager and
compiled; exits 1 while any still runs compiled where eager raises."""

import sys

import torch

torch._dynamo.config.cache_size_limit = 64
F = torch.nn.functional
one = torch.zeros(1, 1, 1, 1)
cases = {
    "conv2d bool": (lambda x: F.conv2d(x, x), one.bool()),
    "max_pool2d bool": (lambda x: F.max_pool2d(x, 1), one.bool()),
    "avg_pool2d int8": (lambda x: F.avg_pool2d(x, 1), one.to(torch.int8)),
}
lost = 0
for name, (function, x) in cases.items():
    results = []
    for run in (function, torch.compile(function, backend="inductor", fullgraph=True)):
        try:
            with torch.no_grad():
                results.append(f"returns {tuple(run(x).shape)}")
        except Exception as error:  # eager's RuntimeError / NotImplementedError, or inductor's
            results.append(f"raises {type(error).__name__}")
    print(f"{name}: eager {results[0]}, compiled {results[1]}")
    lost += results[0].startswith("raises") and results[1].startswith("returns")
sys.exit(1 if lost else 0)
