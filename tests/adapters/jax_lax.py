"""JAX on CPU through ``jax.lax``: ``lax.conv_general_dilated`` for conv2d and ``lax.reduce_window``
for the pools, with 64-bit types enabled (``jax_enable_x64``) so that float64 and int64 stay so.

numpy in, numpy out (``np.asarray`` of the result). Translations, as a JAX user writes them:

- Unbatched (3-d) input is given a batch axis of 1, removed from the result.
- An int or one-entry sequence parameter is repeated for both spatial dimensions (as torch does);
  pairs are used as they are. With a ``padding_mode`` other than zeros, a one-entry ``padding``
  is kept as it is, which torch's modules reject and ``jnp.pad`` rejects too; and with ``'same'``
  a one-entry ``dilation`` pads the height only, as torch's modules do (spec/behaviours.py).
- conv2d: ``lax.conv_general_dilated(x, w, window_strides=stride, padding=[(top, bottom), (left,
  right)], rhs_dilation=dilation, dimension_numbers=("NCHW", "OIHW", "NCHW"),
  feature_group_count=groups)`` at the default precision; int padding ``p`` as ``(p, p)``,
  ``'valid'`` as zeros, ``'same'`` as ``dilation * (kernel - 1)`` in total per dimension, the
  smaller half (``total // 2``) before, as torch pads. ``padding_mode`` other than zeros: the
  input is padded first with ``jnp.pad`` (``reflect`` -> ``'reflect'``, ``replicate`` ->
  ``'edge'``, ``circular`` -> ``'wrap'``) and convolved with zero padding. The bias, which lax
  has no argument for, is added after: ``y + bias[None, :, None, None]``.
- max_pool2d: ``lax.reduce_window(x, lowest, lax.max, (1, 1, kh, kw), (1, 1, sh, sw), padding,
  window_dilation=(1, 1, dh, dw))``, ``lowest`` being -inf (or the integer minimum); stride None
  means the kernel size. ``ceil_mode``: extra padding at the high end so that the output has
  torch's documented ceil-mode size (windows may go off the end if they start inside the input or
  the left padding). ``return_indices``: reduce_window gives no indices: ``spec.Unsupported``.
- avg_pool2d: the window sums (``lax.reduce_window`` with ``lax.add`` from 0) divided by the
  divisor: ``divisor_override`` if given, else the count of the window's taps, found by the same
  ``reduce_window`` over ones — ones over the input and, with ``count_include_pad``, over the
  padding too, but never over ceil mode's extra padding (torch's documented rule). Floats divide
  with ``/`` in their own dtype; int64 with ``lax.div`` (which truncates toward zero).

Unsupported (declared in ``UNSUPPORTED``): max_pool2d's ``return_indices``. Validity is left to
JAX, save where the translation itself has no answer and raises ``ValueError``: a
``padding_mode`` outside torch's four, and ``padding='same'`` with a stride above 1.
"""

from __future__ import annotations

import jax

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402 (after enabling x64, so its dtypes are the 64-bit ones)
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

from spec import Unsupported  # noqa: E402

PAD_MODES = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}
UNSUPPORTED = {"max_pool2d": {"return_indices": [True]}}


def _pair(value):
    if isinstance(value, (int, np.integer)):
        return (int(value),) * 2
    value = tuple(int(v) for v in value)
    return value * 2 if len(value) == 1 else value


def _batched(input):
    return (input[None], True) if input.ndim == 3 else (input, False)


def _result(y, unbatched):
    y = np.asarray(y)
    return y[0] if unbatched else y


def _conv_padding(padding, kernel, stride, dilation, pair):
    """[(top, bottom), (left, right)] from torch's conv2d ``padding``; ``pair`` reads the padding
    (and, for 'same', the dilation)."""
    if padding == "valid":
        return [(0, 0), (0, 0)]
    if padding == "same":
        if any(s != 1 for s in _pair(stride)):
            raise ValueError("jax_lax: padding='same' has no explicit pads for a stride above 1")
        sides = [(d * (k - 1) // 2, d * (k - 1) - d * (k - 1) // 2) for k, d in zip(kernel, pair(dilation))]
        return sides + [(0, 0)] * (2 - len(sides))  # a one-entry dilation pads the height only, as in torch
    return [(p, p) for p in pair(padding)]


def _as_given(value):
    """A parameter as given: an int for both dimensions, a sequence as it is (one entry stays one)."""
    return (int(value),) * 2 if isinstance(value, (int, np.integer)) else tuple(int(v) for v in value)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    x, unbatched = _batched(input)
    pair = _pair if padding_mode == "zeros" else _as_given  # torch's modules repeat no one-entry form here
    pads = _conv_padding(padding, weight.shape[2:], stride, dilation, pair)
    if padding_mode != "zeros":
        if padding_mode not in PAD_MODES:
            raise ValueError(f"jax_lax: no jnp.pad mode for padding_mode={padding_mode!r}")
        x = jnp.pad(x, [(0, 0), (0, 0)] + pads, mode=PAD_MODES[padding_mode])
        pads = [(0, 0), (0, 0)]
    y = lax.conv_general_dilated(x, weight, window_strides=_pair(stride), padding=pads,
                                 rhs_dilation=_pair(dilation), dimension_numbers=("NCHW", "OIHW", "NCHW"),
                                 feature_group_count=groups)
    if bias is not None:
        y = y + bias[None, :, None, None]
    return _result(y, unbatched)


def _ceil_extra(n, k, s, p, d) -> int:
    """High-end padding beyond ``p`` that gives torch's ceil-mode output size: windows may run off
    the end if they start inside the input or the left padding."""
    span = d * (k - 1) + 1
    out = -(-(n + 2 * p - span) // s) + 1
    if (out - 1) * s >= n + p:
        out -= 1
    return max(0, (out - 1) * s + span - (n + 2 * p))


def _pool_geometry(x, kernel_size, stride, padding, dilation, ceil_mode):
    kernel = _pair(kernel_size)
    strides = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else _pair(stride)
    pads, dilations = _pair(padding), _pair(dilation)
    extra = [_ceil_extra(n, k, s, p, d) if ceil_mode else 0
             for n, k, s, p, d in zip(x.shape[-2:], kernel, strides, pads, dilations)]
    return kernel, strides, pads, dilations, extra


def _window(x, init, op, kernel, strides, padding, dilations=(1, 1)):
    return lax.reduce_window(x, init, op, (1, 1) + kernel, (1, 1) + strides, [(0, 0), (0, 0)] + padding,
                             window_dilation=(1, 1) + dilations)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if return_indices:
        raise Unsupported("jax_lax: max_pool2d return_indices")
    x, unbatched = _batched(input)
    kernel, strides, pads, dilations, extra = _pool_geometry(x, kernel_size, stride, padding, dilation, ceil_mode)
    lowest = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    y = _window(x, np.array(lowest, x.dtype), lax.max, kernel, strides,
                [(p, p + e) for p, e in zip(pads, extra)], dilations)
    return _result(y, unbatched)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    x, unbatched = _batched(input)
    kernel, strides, pads, _, extra = _pool_geometry(x, kernel_size, stride, padding, 1, ceil_mode)
    total = _window(x, np.array(0, x.dtype), lax.add, kernel, strides, [(p, p + e) for p, e in zip(pads, extra)])
    if divisor_override is not None:
        divisor = divisor_override
    else:
        ones = jnp.ones(x.shape[-2:], x.dtype)
        if count_include_pad:  # the padding counts, ceil mode's extra does not
            ones, window_pads = jnp.pad(ones, [(p, p) for p in pads], constant_values=1), [(0, e) for e in extra]
        else:
            window_pads = [(p, p + e) for p, e in zip(pads, extra)]
        divisor = _window(ones[None, None], np.array(0, x.dtype), lax.add, kernel, strides, window_pads)
    y = lax.div(total, jnp.asarray(divisor, x.dtype)) if x.dtype.kind in "iu" else total / jnp.asarray(divisor, x.dtype)
    return _result(y, unbatched)
