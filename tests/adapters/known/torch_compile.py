"""torch_compile: known divergences of ``torch.compile`` (torch 2.13.0, inductor on CPU,
fullgraph=True) from eager torch.

What the runs found (forwards: 150 drawn calls per operator with the scratch hunt, dynamic=false,
about 2 s a call, nearly all of it compiling; backwards: the gradient property test under the fast
profile, 20 examples per operator, with --isolate):

- conv2d, avg_pool2d forwards: no divergence.
- max_pool2d ``max_lowest_window_from_padding_index`` (genuine): a window that starts in the
  padding and holds nothing above the dtype's lowest value (-inf, the integer minimum; a window of
  padding only is one) gets the same value as in eager but another index: inductor's argmax takes
  the first tap, in the padding, where eager takes the first tap inside the plane (-1 where eager
  gives 0; -2 where eager gives 1 for a window of padding only, itself outside the plane:
  pytorch/pytorch#114216). No pytorch issue found; ready-to-file text in
  reports/upstream/torch_compile-max_lowest_window_from_padding_index.md.
- ``max_pool2d_backward_lowest_window_from_padding`` (genuine): the compiled backward of the same
  windows sends the gradient to that padding tap's offset: an "index out of bounds" RuntimeError
  from the generated C++ kernel where the offset is negative, a gradient on another element where
  it is not. Ready-to-file text in reports/upstream/torch_compile-max_pool2d_backward_lowest_window_from_padding.md.
- max_pool2d ``max_nan_tie_index`` (genuine): a window holding two NaN or more gets NaN in both,
  but eager's index is its last NaN's (spec/behaviours.py, max_nan_wins_with_last_nan_index) and
  inductor's its first NaN's; ``max_pool2d_backward_nan_tie`` (genuine): the compiled backward
  sends that window's gradient to the first NaN. No pytorch issue found; ready-to-file text in
  reports/upstream/torch_compile-max_nan_tie_index.md.
- ``avg_pool2d_backward_one_entry_sequence`` (genuine): a kernel_size, stride or padding given as
  a one-entry sequence (``padding=(1,)``, which eager and the compiled forward take for both
  dimensions) fails the compile of the backward: inductor's avg_pool2d_backward lowering asserts
  two entries (the forward lowering was fixed for this by pytorch/pytorch#96727). Ready-to-file
  text in reports/upstream/torch_compile-avg_pool2d_backward_one_entry_sequence.md.
- ``conv2d_backward_empty_batch_channels`` (genuine): an empty batch with two input channels or
  more fails the compiled backward with the stride check on convolution_backward ("expected size
  2==2, stride 1==2 at dim=1"); one channel, or a batch, is fine. No pytorch issue found (related:
  pytorch/pytorch#101356, zero input channels); ready-to-file text in
  reports/upstream/torch_compile-conv2d_backward_empty_batch_channels.md.
- ``conv2d_backward_replicate_channels`` (genuine): an ``nn.Conv2d`` with
  ``padding_mode='replicate'`` and two input channels or more fails its compiled backward with an
  AssertionError of inductor's stride check on replication_pad2d_backward ("expected size 2==2,
  stride 1==9 at dim=1"), whatever the padding; one channel, the other modes and aot_eager are
  fine. No pytorch issue found (related: pytorch/pytorch#179442, the layout of padding under
  torch.compile, and #179366, the meta of replication_pad2d); ready-to-file text in
  reports/upstream/torch_compile-conv2d_backward_replicate_channels.md.
- Error parity: ``<op>_runs_what_eager_rejects`` (genuine): compiled code runs dtypes the eager
  kernels reject (bool conv2d and max_pool2d, int8 and other integer avg_pool2d; 8 drawn calls per
  rule): pytorch/pytorch#198155 (open; also #144310, #144314).
"""

from tests.harness import KnownDivergence

from ._predicates import breaks, lowest_window_from_padding, nan_tie_window, on_forward, valid_only

ADAPTER = "tests.adapters.torch_compile"
REQUIRES = ("torch",)
TESTED = {"torch": "2.13.0", "backend": "inductor", "dynamic": "false"}


@valid_only
def _one_entry_sequence(call) -> bool:
    """The kernel_size, stride or padding is a sequence of one entry."""
    return any(isinstance(call.kwargs.get(name), (tuple, list)) and len(call.kwargs[name]) == 1
               for name in ("kernel_size", "stride", "padding"))


@valid_only
def _empty_batch_channels(call) -> bool:
    """A batch of none with two input channels or more."""
    return call["input"].ndim == 4 and call["input"].shape[0] == 0 and call["input"].shape[1] >= 2


@valid_only
def _replicate_channels(call) -> bool:
    """padding_mode 'replicate' with two input channels or more."""
    return call.kwargs.get("padding_mode") == "replicate" and call["input"].shape[-3] >= 2


_UPSTREAM = "reports/upstream/torch_compile-{}.md"
KNOWN = [
    KnownDivergence(
        name="max_lowest_window_from_padding_index", operator="max_pool2d",
        applies=lambda call: bool(call.kwargs.get("return_indices")) and lowest_window_from_padding(call),
        citation=_UPSTREAM.format("max_lowest_window_from_padding_index")
        + " (no pytorch issue; related pytorch/pytorch#114216)"),
    KnownDivergence(
        name="max_pool2d_backward_lowest_window_from_padding", operator="max_pool2d_backward",
        applies=on_forward(lowest_window_from_padding),
        citation=_UPSTREAM.format("max_pool2d_backward_lowest_window_from_padding") + " (no pytorch issue)"),
    KnownDivergence(
        name="max_nan_tie_index", operator="max_pool2d",
        applies=lambda call: bool(call.kwargs.get("return_indices")) and nan_tie_window(call),
        citation=_UPSTREAM.format("max_nan_tie_index") + " (no pytorch issue)"),
    KnownDivergence(
        name="max_pool2d_backward_nan_tie", operator="max_pool2d_backward", applies=on_forward(nan_tie_window),
        citation=_UPSTREAM.format("max_nan_tie_index") + " (no pytorch issue)"),
    KnownDivergence(
        name="avg_pool2d_backward_one_entry_sequence", operator="avg_pool2d_backward",
        applies=on_forward(_one_entry_sequence),
        citation=_UPSTREAM.format("avg_pool2d_backward_one_entry_sequence")
        + " (no pytorch issue; the forward's fix: pytorch/pytorch#96727)"),
    KnownDivergence(
        name="conv2d_backward_empty_batch_channels", operator="conv2d_backward",
        applies=on_forward(_empty_batch_channels),
        citation=_UPSTREAM.format("conv2d_backward_empty_batch_channels")
        + " (no pytorch issue; related pytorch/pytorch#101356)"),
    KnownDivergence(
        name="conv2d_backward_replicate_channels", operator="conv2d_backward",
        applies=on_forward(_replicate_channels),
        citation=_UPSTREAM.format("conv2d_backward_replicate_channels")
        + " (no pytorch issue; related pytorch/pytorch#179442, #179366)"),
]
KNOWN += [
    KnownDivergence(
        name=f"{op}_runs_what_eager_rejects", operator=op, applies=breaks("supported_dtype"),
        citation="https://github.com/pytorch/pytorch/issues/198155")
    for op in ("conv2d", "max_pool2d", "avg_pool2d")
]
KIND = {entry.name: "genuine" for entry in KNOWN}
REPROS = {entry.name: f"tests/adapters/repro/torch_compile_{entry.name}.py" for entry in KNOWN
          if not entry.name.endswith("_runs_what_eager_rejects")}
REPROS["max_pool2d_backward_nan_tie"] = REPROS["max_nan_tie_index"]  # one script shows both
REPROS |= {f"{op}_runs_what_eager_rejects": "tests/adapters/repro/torch_compile_runs_what_eager_rejects.py"
           for op in ("conv2d", "max_pool2d", "avg_pool2d")}
