"""torch through ``torch.nn.functional`` directly: the path a user takes without the modules.

numpy in, numpy out. Translations (the only ones made):

- ``conv2d`` with ``padding_mode='zeros'``: ``F.conv2d`` with the call's ``padding`` as given
  (ints, tuples, ``'valid'``, ``'same'``), since ``F.conv2d`` pads with zeros itself.
- ``conv2d`` with another ``padding_mode`` (``F.conv2d`` has none): the input is padded first with
  ``F.pad(input, (left, right, top, bottom), mode=padding_mode)`` and convolved with
  ``padding=0``, the way a user writes it by hand. An int ``p`` pads ``p`` on every side, a pair
  ``(ph, pw)`` pads ``ph`` above and below and ``pw`` left and right; ``'valid'`` pads nothing;
  ``'same'`` pads ``dilation * (kernel - 1)`` in total per dimension, the smaller half
  (``total // 2``) before and the rest after, as the modules do. The modes translated are the
  modules' three (``F.pad`` takes the same names); any other ``padding_mode`` has no translation
  and raises ``ValueError`` (``F.pad`` would take ``'constant'``, which ``nn.Conv2d`` rejects).
- The pooling functions: ``F.max_pool2d`` and ``F.avg_pool2d`` with the call's arguments as given.

Validity is left to ``F.pad`` and ``F.conv2d``, except where the translation itself has no answer
and raises ``ValueError``: a ``padding_mode`` outside the modules' four, and ``padding='same'``
with a stride above 1 (no explicit pads mean 'same' there; ``nn.Conv2d`` rejects it too, while
``F.conv2d`` handed explicit pads could not know to).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


PAD_MODES = ("reflect", "replicate", "circular")


def _tensor(array):
    return None if array is None else torch.from_numpy(array.copy())


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _explicit_pads(padding, weight_shape, stride, dilation):
    """(left, right, top, bottom) for ``F.pad``, from a conv2d ``padding`` argument."""
    if padding == "valid":
        return (0, 0, 0, 0)
    if padding == "same":
        if any(s != 1 for s in _pair(stride)):
            raise ValueError("torch_functional: padding='same' has no explicit pads for a stride above 1")
        sides = []
        for k, d in zip(weight_shape[2:], _pair(dilation)):
            total = d * (k - 1)
            sides.append((total // 2, total - total // 2))
        (top, bottom), (left, right) = sides
        return (left, right, top, bottom)
    ph, pw = _pair(padding)
    return (pw, pw, ph, ph)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    x, w, b = _tensor(input), _tensor(weight), _tensor(bias)
    with torch.no_grad():
        if padding_mode != "zeros":
            if padding_mode not in PAD_MODES:
                raise ValueError(f"torch_functional: no F.pad mode for padding_mode={padding_mode!r}")
            x = F.pad(x, _explicit_pads(padding, weight.shape, stride, dilation), mode=padding_mode)
            padding = 0
        return F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups).numpy()


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    with torch.no_grad():
        result = F.max_pool2d(_tensor(input), kernel_size, stride, padding, dilation,
                              ceil_mode=ceil_mode, return_indices=return_indices)
    return tuple(r.numpy() for r in result) if return_indices else result.numpy()


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    with torch.no_grad():
        return F.avg_pool2d(_tensor(input), kernel_size, stride, padding, ceil_mode, count_include_pad,
                            divisor_override).numpy()
