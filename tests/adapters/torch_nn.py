"""The default implementation under test: torch itself, through ``torch.nn`` modules.

conv2d goes through ``torch.nn.Conv2d`` so that padding modes are torch's own: the module is
built with the call's parameters and given the call's weight and bias. numpy in, numpy out.
"""

from __future__ import annotations

import warnings

import torch


def _tensor(array):
    return None if array is None else torch.from_numpy(array.copy())


def conv2d_module(weight, bias, stride, padding, dilation, groups, padding_mode) -> torch.nn.Conv2d:
    """An ``nn.Conv2d`` built with the call's parameters and holding the call's weight and bias."""
    # nn.Conv2d's own argument checks run in its constructor, so in_channels and kernel_size are
    # read off the weight the way F.conv2d reads them.
    # device="meta": the module's own random initialisation is skipped, as it is replaced anyway.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Initializing zero-element tensors is a no-op")
        module = torch.nn.Conv2d(
            in_channels=weight.shape[1] * groups if weight.ndim > 1 else 1,
            out_channels=weight.shape[0] if weight.ndim > 0 else 1,
            kernel_size=tuple(weight.shape[2:]) or 1,
            stride=stride, padding=padding, dilation=dilation, groups=groups,
            bias=bias is not None, padding_mode=padding_mode, device="meta",
        )
    module.weight = torch.nn.Parameter(_tensor(weight), requires_grad=False)
    if bias is not None:
        module.bias = torch.nn.Parameter(_tensor(bias), requires_grad=False)
    return module


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    module = conv2d_module(weight, bias, stride, padding, dilation, groups, padding_mode)
    with torch.no_grad():
        return module(_tensor(input)).numpy()


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    module = torch.nn.MaxPool2d(kernel_size, stride, padding, dilation, return_indices, ceil_mode)
    with torch.no_grad():
        result = module(_tensor(input))
    return tuple(r.numpy() for r in result) if return_indices else result.numpy()


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    module = torch.nn.AvgPool2d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    with torch.no_grad():
        return module(_tensor(input)).numpy()
