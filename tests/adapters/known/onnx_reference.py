"""onnx_reference: known divergences of ``onnx.reference.ReferenceEvaluator`` (onnx 1.23.2,
opset 22) from torch.

What the runs found (600 drawn calls per operator with the scratch hunt; Unsupported: the dtypes
outside ONNX's type constraints, and divisor_override):

- ``max_nan_ignored`` (genuine): MaxPool drops NaN. With unit strides and dilations it pools the
  non-NaN values (the padding is marked with NaN); otherwise it compares with ``>``, so a NaN
  wins only as a window's first tap. torch gives NaN with the last NaN's index. The ONNX spec says
  nothing of NaN. Ready-to-file: reports/upstream/onnx_reference-max_nan_ignored.md.
- ``avg_nan_ignored`` (genuine): AveragePool with ``count_include_pad=0`` takes the input's NaN
  for padding (same NaN marking; onnx/onnx#1384 describes the marking) and averages the rest.
  Ready-to-file: reports/upstream/onnx_reference-avg_nan_ignored.md.
- ``int8_max_pool_stride_one`` (genuine): int8 MaxPool with unit strides and dilations raises
  ``ValueError: cannot convert float NaN to integer`` (the NaN marking again). uint8 is not hit.
  Ready-to-file: reports/upstream/onnx_reference-int8_max_pool_stride_one.md.
- ``float16_bias_rounded_twice`` (genuine): float16 Conv with a bias rounds the sum to float16
  before adding the bias, one rounding more than torch (spec/tolerance.py). Ready-to-file:
  reports/upstream/onnx_reference-float16_bias_rounded_twice.md.
- ``max_pool_unit_stride_pads`` (genuine): MaxPool with unit strides and dilations reads
  unequal height and width pads in the wrong order (wrong output shape, or a crash:
  "zero-size array to reduction operation"), and in ceil mode counts the padding twice in the
  output size. AveragePool is right in both. Ready-to-file:
  reports/upstream/onnx_reference-max_pool_unit_stride_pads.md.
- ``max_pool_unit_stride_indices_per_plane`` (genuine): on the same path, ``Indices`` count within
  each (n, c) plane instead of over the whole tensor as the spec says (the adapter's mapping then
  gives negative offsets). Ready-to-file:
  reports/upstream/onnx_reference-max_pool_unit_stride_indices_per_plane.md.
- ``avg_ceil_window_past_input`` (genuine): AveragePool in ceil mode gives wrong values when the
  last window reaches two or more places past the (padded) input. Related: onnx/onnx#4958
  (closed as stale). Ready-to-file: reports/upstream/onnx_reference-avg_ceil_window_past_input.md.
- Error parity (calls torch rejects): ``conv2d_runs_what_torch_rejects``,
  ``max_pool2d_runs_what_torch_rejects``, ``avg_pool2d_runs_what_torch_rejects`` (documented:
  zero in or out channels, empty spatial input, a kernel larger than the padded input, reflect and
  circular pads of any size, pool padding above half the kernel, empty input or output are all
  within ONNX's spec; an int ceil_mode or an empty dilation cannot be told apart in ONNX's
  attributes); ``conv2d_bias_not_1d`` (genuine: a bias of shape (M, 1) is broadcast where
  the spec says B is 1-D and onnxruntime rejects it; ready-to-file:
  reports/upstream/onnx_reference-conv2d_bias_not_1d.md).
- ``max_window_of_padding_only`` (documented): a dilated window whose taps all fall in the
  padding gives 0 and index -1 (torch: -inf, or the integer minimum). ONNX leaves such windows
  undefined: onnx/onnx#1922 (open), onnx/onnx#4958.
"""

import numpy as np

from spec.pool import Pool2dCall
from tests.harness import KnownDivergence

from ._predicates import breaks, has_nan, onnx_max_window_of_padding_only, pools_run_what_torch_rejects, valid_only

ADAPTER = "tests.adapters.onnx_reference"
REQUIRES = ("onnx",)
TESTED = {"onnx": "1.23.2", "opset": "22"}


def _unit_strides_and_dilations(call) -> bool:
    """The calls onnx.reference's MaxPool sends down its NaN-marking path."""
    pool = Pool2dCall.max(**call.kwargs)
    return set(pool.strides) == {1} and set(pool.dilations) == {1}


@valid_only
def _pads_mishandled(call) -> bool:
    pool = Pool2dCall.max(**call.kwargs)
    unequal = pool.paddings[0] != pool.paddings[1]
    return _unit_strides_and_dilations(call) and (unequal or (pool.ceil_mode and max(pool.paddings) > 0))


@valid_only
def _indices_per_plane(call) -> bool:
    n_planes = int(np.prod(call["input"].shape[:-2]))
    return bool(call["return_indices"]) and _unit_strides_and_dilations(call) and n_planes > 1


@valid_only
def _ceil_window_past_input(call) -> bool:
    """Whether, in ceil mode, the last window reaches two or more places past the padded input."""
    pool = Pool2dCall.avg(**call.kwargs)
    return bool(pool.ceil_mode) and any(
        (m - 1) * s - p + k - (n + p) >= 2
        for n, k, s, p, m in zip(pool.input_shape[-2:], pool.kernel, pool.strides, pool.paddings, pool.output_size))


KNOWN = [
    KnownDivergence(
        name="max_nan_ignored", operator="max_pool2d", applies=has_nan,
        citation="reports/upstream/onnx_reference-max_nan_ignored.md (no onnx issue found)"),
    KnownDivergence(
        name="avg_nan_ignored", operator="avg_pool2d",
        applies=lambda call: has_nan(call) and not call["count_include_pad"],
        citation="reports/upstream/onnx_reference-avg_nan_ignored.md (cause: onnx/onnx#1384)"),
    KnownDivergence(
        name="int8_max_pool_stride_one", operator="max_pool2d",
        applies=valid_only(lambda call: call["input"].dtype.name == "int8" and _unit_strides_and_dilations(call)),
        citation="reports/upstream/onnx_reference-int8_max_pool_stride_one.md (no onnx issue found)"),
    KnownDivergence(
        name="float16_bias_rounded_twice", operator="conv2d",
        applies=valid_only(lambda call: call["input"].dtype.name == "float16" and call["bias"] is not None),
        citation="reports/upstream/onnx_reference-float16_bias_rounded_twice.md (no onnx issue found)"),
    KnownDivergence(
        name="max_pool_unit_stride_pads", operator="max_pool2d", applies=_pads_mishandled,
        citation="reports/upstream/onnx_reference-max_pool_unit_stride_pads.md (no onnx issue found)"),
    KnownDivergence(
        name="max_pool_unit_stride_indices_per_plane", operator="max_pool2d", applies=_indices_per_plane,
        citation="reports/upstream/onnx_reference-max_pool_unit_stride_indices_per_plane.md (no onnx issue found)"),
    KnownDivergence(
        name="avg_ceil_window_past_input", operator="avg_pool2d", applies=_ceil_window_past_input,
        citation="reports/upstream/onnx_reference-avg_ceil_window_past_input.md (related: onnx/onnx#4958)"),
    onnx_max_window_of_padding_only(),
]
# Error parity: calls torch rejects that the backend runs. ONNX states none of these rules (zero-size
# tensors, kernels larger than the input and pads of any size are allowed), so they are documented
# differences; the bias shape is not: ONNX says B is 1-D.
KNOWN += [
    KnownDivergence(
        name="conv2d_runs_what_torch_rejects", operator="conv2d",
        applies=breaks("positive_out_channels", "positive_in_channels", "non_empty_spatial", "kernel_fits",
                       "reflect_padding_limit", "circular_padding_limit"),
        citation="https://onnx.ai/onnx/operators/onnx__Conv.html and onnx__Pad.html state no such limits"),
    KnownDivergence(
        name="conv2d_bias_not_1d", operator="conv2d", applies=breaks("bias_shape"),
        citation="reports/upstream/onnx_reference-conv2d_bias_not_1d.md (no onnx issue found)"),
]

KNOWN += pools_run_what_torch_rejects("padding_at_most_half_kernel", "non_empty_input", "output_not_empty",
                                      citation="https://onnx.ai/onnx/operators/onnx__MaxPool.html states no such limits")
KIND = {"max_nan_ignored": "genuine", "avg_nan_ignored": "genuine", "int8_max_pool_stride_one": "genuine",
        "float16_bias_rounded_twice": "genuine", "max_pool_unit_stride_pads": "genuine",
        "max_pool_unit_stride_indices_per_plane": "genuine", "avg_ceil_window_past_input": "genuine",
        "max_window_of_padding_only": "documented", "conv2d_runs_what_torch_rejects": "documented",
        "conv2d_bias_not_1d": "genuine", "max_pool2d_runs_what_torch_rejects": "documented",
        "avg_pool2d_runs_what_torch_rejects": "documented"}
REPROS = {name: f"tests/adapters/repro/onnx_reference_{name}.py" for name, kind in KIND.items() if kind == "genuine"}
