"""conv2d that maps output channel o to group o % groups instead of o // (out_channels / groups), right only without a channel multiplier; the assumption behind pytorch/pytorch#60460."""

import numpy as np

import reference
from spec.conv import Conv2dCall, check_conv2d


def _placed(array, at):
    """``array`` with its entry i moved to position ``at[i]`` along the first axis."""
    placed = np.empty_like(array)
    placed[at] = array
    return placed


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    # Checked first: an invalid call is rejected as the reference rejects it, not broken by the remap.
    check_conv2d(Conv2dCall.of(input, weight, bias, stride, padding, dilation, groups, padding_mode))
    # The buggy channel o reads group o % g; the reference's channel o' = (o % g) * out_per_group + o // g
    # reads that same group, and o -> o' is a bijection: put kernel and bias o at o', read o' back as o.
    o = np.arange(weight.shape[0])
    moved = (o % groups) * (weight.shape[0] // groups) + o // groups
    out = reference.conv2d(input, _placed(weight, moved), None if bias is None else _placed(bias, moved),
                           stride, padding, dilation, groups, padding_mode)
    return np.take(out, moved, axis=-3)
