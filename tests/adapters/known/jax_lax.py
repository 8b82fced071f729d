"""jax_lax: known divergences of ``jax.lax`` on CPU (jax and jaxlib 0.10.2, x64 enabled) from torch.

What the runs found (300 drawn calls per operator with the scratch hunt; Unsupported: max_pool2d's
return_indices, which reduce_window cannot give):

- Values: none beyond float16 rounding. ``float16_bias_added_after`` (documented): lax's
  convolution has no bias, so the float16 result is rounded before the bias is added, one
  rounding more than torch. ``float16_window_sum`` (documented): ``lax.reduce_window`` sums a
  float16 window in float16 (and the division is in float16), where torch sums in float32
  (``jnp.mean`` upcasts float16, jax-ml/jax#17792; ``reduce_window`` does not).
- ``<op>_unit_window_crop_aborts`` (genuine, max_pool2d and avg_pool2d): a 1x1 window at stride 1
  with no dilation and padding that only crops (negative, none positive) is a trivial
  ``reduce_window`` that XLA's algebraic simplifier rewrites without the crop; its shape check then
  aborts the process (SIGABRT), where lax defines the result as the crop. torch rejects the
  negative padding, so only error parity draws it. Upstream: openxla/xla#48719 (open), fix in
  openxla/xla#48875 (open). Found by the first CI-style run (fast profile, ``--isolate``).
- Error parity (calls torch rejects): ``<op>_runs_what_torch_rejects`` (documented): lax states
  none of torch's rules. It convolves and pools zero-size tensors and kernels larger than the
  input, takes negative padding (it crops) and pool padding of any size, convolves the dtypes
  torch does not (and dilated integer ones), and ``jnp.pad`` reflects and wraps past the edge as
  ``numpy.pad`` does; the bias is broadcast and type-promoted as ``jnp`` arrays are; a divisor of
  0 (or a float) is divided by; ``ceil_mode=1`` is read for its truth, lax having no such
  parameter; max pooling takes the dtypes torch does not pool; ``feature_group_count`` takes a
  float of integral value (``groups=1.0``; found by the first full error-parity run), while a
  float stride or dilation is refused as "non-static" (NotImplementedError: unsupported).
- A second full error-parity run (fast profile, ``--isolate``; 57 minutes, niced on a 2-core
  machine busy with a seed sweep) found no new divergence: 28 passed, 7 skipped. Its 8 failures
  were the starved machine's, not lax's: in 7 rules every draw was a known divergence (discarded)
  and each draw took 1 to 4 s, so Hypothesis's too_slow health check fired before the skip that
  names the reason; in one, a call missed the 5 s call limit once and returned on the replay
  (FlakyFailure).
- A third full error-parity run (fast profile, ``--isolate``, a quiet 2-core machine, after the
  harness stopped applying too_slow to implementation tests) found no new divergence: 30 passed and
  13 skipped in 12 minutes, no failure. The 13 skipped are the rules where lax runs every drawn call
  (conv2d's positive_out_channels, reflect/circular_padding_limit, kernel_fits, dilation_dtype; both
  pools' padding_at_most_half_kernel, non_empty_input, output_not_empty; max_pool2d's
  non_negative_padding; avg_pool2d's non_zero_divisor): each search discards about 460 calls as
  known divergences (or unsupported) before it ends, 643 s of the run. ``.ci/run`` runs the other 30.
  One of those 30 is not settled: conv2d's supported_dtype passed in this run (lax raised for 10
  of 318 drawn calls, the others ran), but skipped when run alone or in CI's selection (all 459
  drawn calls ran, as lax runs each unsupported dtype tried by hand: bool, unsigned, complex,
  float16). What the 10 were, and why the order of the tests changes it, was not found out; either
  outcome passes.
"""

from tests.harness import KnownDivergence

from ._predicates import attribute_form_lost, breaks, valid_only

ADAPTER = "tests.adapters.jax_lax"
REQUIRES = ("jax",)
TESTED = {"jax": "0.10.2", "jaxlib": "0.10.2"}

_RUNS = {
    "conv2d": breaks("positive_out_channels", "positive_in_channels", "non_empty_spatial", "kernel_fits",
                     "reflect_padding_limit", "circular_padding_limit", "non_negative_padding",
                     "supported_dtype", "dilation_dtype", "matching_dtypes", "bias_shape"),
    "max_pool2d": breaks("padding_at_most_half_kernel", "non_empty_input", "output_not_empty",
                         "non_negative_padding", "supported_dtype"),
    "avg_pool2d": breaks("padding_at_most_half_kernel", "non_empty_input", "output_not_empty",
                         "non_negative_padding", "non_zero_divisor", "supported_dtype"),
}



def _form_read_by_translation(call) -> bool:
    """A pool call breaking torch's parameter_form where the translation, not lax, reads the
    parameter: flags read for their truth, a float divisor_override divided by."""
    divisor = call.kwargs.get("divisor_override")
    return attribute_form_lost(call) or not isinstance(divisor, (int, type(None)))


def _integral_float_groups(call) -> bool:
    """A conv2d call breaking parameter_form by a float ``groups`` of integral value (1.0), which
    lax's ``feature_group_count`` takes as that int."""
    groups = call.kwargs.get("groups", 1)
    return breaks("parameter_form")(call) and isinstance(groups, float) and groups.is_integer()


KNOWN = [
    KnownDivergence(
        name="float16_bias_added_after", operator="conv2d",
        applies=valid_only(lambda call: call["input"].dtype.name == "float16" and call["bias"] is not None),
        citation="https://docs.jax.dev/en/latest/_autosummary/jax.lax.conv_general_dilated.html "
                 "(no bias argument: the bias is added to the rounded result)"),
    KnownDivergence(
        name="float16_window_sum", operator="avg_pool2d",
        applies=valid_only(lambda call: call["input"].dtype.name == "float16"),
        citation="https://docs.jax.dev/en/latest/_autosummary/jax.lax.reduce_window.html "
                 "(reduces in the operand's dtype; compare jax-ml/jax#17792 for jnp.mean)"),
] + [
    KnownDivergence(
        name=f"{op}_runs_what_torch_rejects", operator=op,
        applies=lambda call, rules=rules: rules(call) or (_form_read_by_translation(call) if call.op != "conv2d"
                                                          else _integral_float_groups(call)),
        citation="jax.lax states none of torch's validity rules (https://docs.jax.dev/en/latest/jax.lax.html)")
    for op, rules in _RUNS.items()
]


def _entries(value) -> tuple:
    return (value,) if isinstance(value, int) else tuple(value)


def _unit_window_crop(call) -> bool:
    """The pool call is, for lax, a reduce_window with a window of ones, unit strides, no
    dilation, and padding that is negative somewhere and positive nowhere."""
    kwargs = call.kwargs
    try:
        kernel = _entries(kwargs["kernel_size"])
        stride = kwargs.get("stride")
        stride = kernel if stride is None or _entries(stride) == () else _entries(stride)
        pads = _entries(kwargs.get("padding", 0))
        dilation = _entries(kwargs.get("dilation", 1))
    except TypeError:
        return False
    return (all(v == 1 for v in kernel + stride + dilation) and all(p <= 0 for p in pads)
            and any(p < 0 for p in pads))


KNOWN += [
    KnownDivergence(
        name=f"{op}_unit_window_crop_aborts", operator=op, applies=_unit_window_crop, crashes=True,
        citation="https://github.com/openxla/xla/issues/48719 (open; fix: openxla/xla#48875)")
    for op in ("max_pool2d", "avg_pool2d")
]
KIND = {entry.name: "genuine" if entry.crashes else "documented" for entry in KNOWN}
REPROS = {entry.name: "tests/adapters/repro/jax_lax_unit_window_crop_aborts.py" for entry in KNOWN if entry.crashes}
