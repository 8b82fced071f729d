"""onnx_runtime: known divergences of onnxruntime's CPU provider (onnxruntime 1.32.0, onnx 1.23.2,
opset 22, graph optimisations off) from torch.

What the runs found (600 drawn calls per operator with the scratch hunt; Unsupported: the dtypes
outside ONNX's type constraints, divisor_override, and float64 Conv and AveragePool, which the CPU
provider has no kernel for):

- ``max_nan_ignored`` (genuine): MaxPool does not propagate NaN the way torch does. With
  ``Indices`` requested, a NaN wins only as a window's first tap; without, another kernel gives
  NaN or not by the NaN's place in the window and by the session's optimisation level (with
  optimisations off, as here, a 2x2 window with NaN first gives 4 and NaN second gives NaN), so
  the values differ with and without ``return_indices``. The ONNX spec says nothing of NaN.
  Ready-to-file: reports/upstream/onnx_runtime-max_nan_ignored.md.
- ``pad_wrap_empty_batch`` (genuine): ``Pad`` in ``'wrap'`` mode (padding_mode='circular') fails
  on an empty batch ("Unexpected mode of 3"); torch returns the empty result. Ready-to-file:
  reports/upstream/onnx_runtime-pad_wrap_empty_batch.md.
- ``max_window_of_padding_only`` (documented): a dilated window whose taps all fall in the
  padding gives the dtype's lowest finite value (-3.4e38 for float32) where torch gives -inf.
  ONNX leaves such windows undefined: onnx/onnx#1922 (open), onnx/onnx#4958.
- Error parity (calls torch rejects): ``conv2d_runs_what_torch_rejects`` (zero in or out channels,
  circular pads beyond the size; microsoft/onnxruntime#32725 is fixing what wrap gives there),
  ``max_pool2d_runs_what_torch_rejects`` and ``avg_pool2d_runs_what_torch_rejects`` (pool padding
  above half the kernel, empty output; an int ceil_mode or an empty dilation cannot be told
  apart in ONNX's attributes): documented, ONNX states no such rules.
- conv2d (float16, float32) and avg_pool2d (float16, float32): no divergence.
"""

from tests.harness import KnownDivergence, features

from ._predicates import breaks, has_nan, onnx_max_window_of_padding_only, pools_run_what_torch_rejects, valid_only

ADAPTER = "tests.adapters.onnx_runtime"
REQUIRES = ("onnx", "onnxruntime")
TESTED = {"onnxruntime": "1.32.0", "onnx": "1.23.2", "opset": "22"}

KNOWN = [
    KnownDivergence(
        name="max_nan_ignored", operator="max_pool2d", applies=has_nan,
        citation="reports/upstream/onnx_runtime-max_nan_ignored.md (no onnxruntime issue found)"),
    KnownDivergence(
        name="pad_wrap_empty_batch", operator="conv2d",
        applies=valid_only(lambda call: call["padding_mode"] == "circular" and features(call)["batch"] == "empty"),
        citation="reports/upstream/onnx_runtime-pad_wrap_empty_batch.md (no onnxruntime issue found)"),
    onnx_max_window_of_padding_only(),
]
# Error parity: calls torch rejects that the backend runs. ONNX states none of these rules.
KNOWN += [
    KnownDivergence(
        name="conv2d_runs_what_torch_rejects", operator="conv2d",
        applies=breaks("positive_out_channels", "positive_in_channels", "circular_padding_limit"),
        citation="https://onnx.ai/onnx/operators/onnx__Conv.html and onnx__Pad.html state no such limits "
                 "(wrap pads beyond the size: microsoft/onnxruntime#32725)"),
]

KNOWN += pools_run_what_torch_rejects("padding_at_most_half_kernel", "output_not_empty",
                                      citation="https://onnx.ai/onnx/operators/onnx__MaxPool.html states no such limits")
KIND = {"max_nan_ignored": "genuine", "pad_wrap_empty_batch": "genuine", "max_window_of_padding_only": "documented",
        "conv2d_runs_what_torch_rejects": "documented", "max_pool2d_runs_what_torch_rejects": "documented",
        "avg_pool2d_runs_what_torch_rejects": "documented"}
REPROS = {name: f"tests/adapters/repro/onnx_runtime_{name}.py" for name, kind in KIND.items() if kind == "genuine"}
