"""torch_compile: known divergences of ``torch.compile`` (torch 2.13.0, inductor on CPU,
fullgraph=True) from eager torch.

What the runs found (150 drawn calls per operator with the scratch hunt, dynamic=false; about 2 s
a call, nearly all of it compiling):

- conv2d, avg_pool2d: no divergence.
- max_pool2d ``max_window_of_padding_only_index`` (genuine): for a dilated window whose taps all
  fall in the padding, inductor returns the same value as eager (the dtype's lowest) but another
  index (-2 where eager gives 1, itself outside the plane: pytorch/pytorch#114216). Seen for
  integer dtypes. No pytorch issue found; ready-to-file text in
  reports/upstream/torch_compile-max_window_of_padding_only_index.md.
- Error parity: ``<op>_runs_what_eager_rejects`` (genuine): compiled code runs dtypes the eager
  kernels reject (bool conv2d and max_pool2d, int8 and other integer avg_pool2d; 8 drawn calls per
  rule): pytorch/pytorch#198155 (open; also #144310, #144314).
"""

from tests.harness import KnownDivergence

from ._predicates import breaks, padding_only_window

ADAPTER = "tests.adapters.torch_compile"
REQUIRES = ("torch",)
TESTED = {"torch": "2.13.0", "backend": "inductor", "dynamic": "false"}

KNOWN = [
    KnownDivergence(
        name="max_window_of_padding_only_index", operator="max_pool2d",
        applies=lambda call: bool(call.kwargs.get("return_indices")) and padding_only_window(call),
        citation="reports/upstream/torch_compile-max_window_of_padding_only_index.md "
                 "(no pytorch issue; related pytorch/pytorch#114216)"),
]
KNOWN += [
    KnownDivergence(
        name=f"{op}_runs_what_eager_rejects", operator=op, applies=breaks("supported_dtype"),
        citation="https://github.com/pytorch/pytorch/issues/198155")
    for op in ("conv2d", "max_pool2d", "avg_pool2d")
]
KIND = {entry.name: "genuine" for entry in KNOWN}
REPROS = {"max_window_of_padding_only_index": "tests/adapters/repro/torch_compile_max_window_of_padding_only_index.py"}
REPROS |= {f"{op}_runs_what_eager_rejects": "tests/adapters/repro/torch_compile_runs_what_eager_rejects.py"
           for op in ("conv2d", "max_pool2d", "avg_pool2d")}
