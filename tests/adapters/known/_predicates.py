"""Predicates on drawn calls (and entries built from them) that several backends' known divergences
share."""

from __future__ import annotations

import numpy as np

from spec import conv as conv2d
from spec import pool as pool2d
from spec.pool import Pool2dCall
from spec.rules import first_violation


def has_nan(call) -> bool:
    """A valid call whose float input holds NaN."""
    if breaks_any(call):
        return False
    x = call["input"]
    return x.dtype.kind == "f" and bool(np.isnan(x).any())


def valid_only(predicate):
    """``predicate`` on valid calls; False on a call that breaks one of torch's rules (whose
    geometry the predicate may not be able to compute)."""
    def applies(call) -> bool:
        try:
            return not breaks_any(call) and predicate(call)
        except (ValueError, TypeError, ZeroDivisionError):
            return False
    applies.__doc__ = predicate.__doc__
    return applies


def _dimension_has_padding_only_window(n, k, s, p, d, n_out) -> bool:
    """Whether some window along one dimension has all its taps (o*s - p + j*d) outside [0, n)."""
    return any(all(not 0 <= o * s - p + j * d < n for j in range(k)) for o in range(n_out))


@valid_only
def padding_only_window(call) -> bool:
    """Whether some max_pool2d window has every tap in the padding (possible with dilation); torch
    gives it -inf (spec/behaviours.py, max_window_of_padding_only)."""
    pool = Pool2dCall.max(**call.kwargs)
    sizes = pool.input_shape[-2:]
    out = pool.output_size
    return call["input"].size != 0 and any(
        _dimension_has_padding_only_window(n, k, s, p, d, m)
        for n, k, s, p, d, m in zip(sizes, pool.kernel, pool.strides, pool.paddings, pool.dilations, out))


def _lowest(dtype) -> float:
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _max_windows(call):
    """For each max_pool2d window of each plane: whether its first tap (in row-major order) lies
    inside the plane, and the input elements it covers."""
    pool = Pool2dCall.max(**call.kwargs)
    x = call["input"]
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = pool.kernel, pool.strides, pool.paddings, pool.dilations
    height, width = x.shape[-2:]
    for oh in range(pool.output_size[0]):
        for ow in range(pool.output_size[1]):
            rows = [oh * sh - ph + i * dh for i in range(kh)]
            cols = [ow * sw - pw + j * dw for j in range(kw)]
            inside = np.ix_([r for r in rows if 0 <= r < height], [c for c in cols if 0 <= c < width])
            for plane in x.reshape((-1, height, width)):
                yield 0 <= rows[0] < height and 0 <= cols[0] < width, plane[inside]


@valid_only
def lowest_window_from_padding(call) -> bool:
    """Whether some max_pool2d window starts in the padding (its first tap, in row-major order,
    lies outside the plane) and holds nothing above the dtype's lowest value (-inf, or the integer
    minimum) inside the plane: a tie of the padding with the plane, which eager breaks for the
    first tap inside the plane. A window of padding only is one."""
    lowest = _lowest(call["input"].dtype)
    return any(not starts_inside and (window.size == 0 or window.max() == lowest)  # a NaN maximum is no tie
               for starts_inside, window in _max_windows(call))


@valid_only
def nan_tie_window(call) -> bool:
    """Whether some max_pool2d window holds two NaN or more: eager gives it the index of its last
    NaN (spec/behaviours.py, max_nan_wins_with_last_nan_index)."""
    return call["input"].dtype.kind == "f" and any(np.isnan(window).sum() >= 2 for _, window in _max_windows(call))


def on_forward(predicate):
    """``predicate`` on the forward call of a backward one (``<op>_backward``'s arguments less
    ``grad_output``): a backward divergence is told by the forward call it differentiates."""
    def applies(call) -> bool:
        forward = type(call)(call.op.removesuffix("_backward"),
                             {name: value for name, value in call.kwargs.items() if name != "grad_output"})
        return predicate(forward)
    applies.__doc__ = predicate.__doc__
    return applies


def _first_broken_rule(call):
    """The first of torch's validity rules (spec/conv2d.py, spec/pool2d.py) that ``call`` breaks."""
    if call.op == "conv2d":
        return first_violation(conv2d.RULES, conv2d.Conv2dCall.of(**call.kwargs))
    return first_violation(pool2d.RULES, (Pool2dCall.max if call.op == "max_pool2d" else Pool2dCall.avg)(**call.kwargs))


def breaks_any(call) -> bool:
    return _first_broken_rule(call) is not None


def breaks(*rule_names):
    """A predicate: the call breaks (first) one of torch's rules ``rule_names``, i.e. torch rejects
    it and the backend may not."""
    def applies(call) -> bool:
        rule = _first_broken_rule(call)
        return rule is not None and rule.name in rule_names
    applies.__doc__ = f"The call breaks one of {', '.join(rule_names)}."
    return applies


def attribute_form_lost(call) -> bool:
    """A pool call breaking torch's parameter_form in a way an ONNX attribute cannot show: an int
    where torch wants a bool (ONNX's ceil_mode and count_include_pad are ints), or an empty
    dilation (an empty ``dilations`` list, which ONNX reads as the default)."""
    flags = [call.kwargs.get(name, False) for name in ("ceil_mode", "count_include_pad")]
    dilation = call.kwargs.get("dilation", 1)
    return (any(not isinstance(flag, bool) for flag in flags)
            or (not isinstance(dilation, int) and len(dilation) == 0))


def pools_run_what_torch_rejects(*rule_names, citation):
    """Error-parity entries for both pools: the backend runs calls that break ``rule_names`` (or
    whose flags and dilation ONNX-style attributes cannot tell apart), which torch rejects."""
    from tests.harness import KnownDivergence

    rules = breaks(*rule_names)
    return [KnownDivergence(name=f"{op}_runs_what_torch_rejects", operator=op,
                            applies=lambda call: rules(call) or attribute_form_lost(call), citation=citation)
            for op in ("max_pool2d", "avg_pool2d")]


def onnx_max_window_of_padding_only():
    """The entry both ONNX backends share: what a window with no input element gives is left open
    by ONNX's spec (each backend's docstring says what it gives)."""
    from tests.harness import KnownDivergence

    return KnownDivergence(
        name="max_window_of_padding_only", operator="max_pool2d", applies=padding_only_window,
        citation="https://github.com/onnx/onnx/issues/1922 (ONNX leaves windows of padding only undefined)")
