"""Eager torch with channels_last tensors: the modules of :mod:`tests.adapters.torch_nn` run on
input (and conv2d weight) in ``torch.channels_last`` memory format, so that torch's channels_last
CPU kernels do the work, not the contiguous ones.

numpy in, numpy out. Translations (the only ones made):

- A 4-d input or weight is converted with ``.contiguous(memory_format=torch.channels_last)``; the
  values are unchanged, only their order in memory.
- An unbatched (3-d) input, which has no channels_last format, is given a batch axis of 1 first
  (``unsqueeze(0)``) and the result has it removed (``squeeze(0)``; max_pool2d's indices too,
  which are per-plane offsets and so unchanged by the extra axis).
- An input or weight of any other rank is passed as it is, so that torch rejects it.
- The result (channels_last too) is returned as numpy with its values in logical order.
"""

from __future__ import annotations

import torch

from .torch_nn import conv2d_module


def _channels_last(array):
    """A tensor of ``array``: 4-d ones in channels_last format; 3-d ones with a batch axis added."""
    tensor = torch.from_numpy(array.copy())
    if tensor.ndim == 3:
        tensor = tensor.unsqueeze(0)
    if tensor.ndim == 4:
        tensor = tensor.contiguous(memory_format=torch.channels_last)
    return tensor


def _numpy(result, unbatched: bool):
    return (result.squeeze(0) if unbatched else result).contiguous().numpy()


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    module = conv2d_module(weight, bias, stride, padding, dilation, groups, padding_mode)
    if module.weight.ndim == 4:
        module.weight = torch.nn.Parameter(module.weight.contiguous(memory_format=torch.channels_last),
                                           requires_grad=False)
    with torch.no_grad():
        return _numpy(module(_channels_last(input)), input.ndim == 3)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    module = torch.nn.MaxPool2d(kernel_size, stride, padding, dilation, return_indices, ceil_mode)
    with torch.no_grad():
        result = module(_channels_last(input))
    if return_indices:
        return tuple(_numpy(r, input.ndim == 3) for r in result)
    return _numpy(result, input.ndim == 3)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    module = torch.nn.AvgPool2d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    with torch.no_grad():
        return _numpy(module(_channels_last(input)), input.ndim == 3)
