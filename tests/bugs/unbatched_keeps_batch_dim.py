"""conv2d that batches an unbatched (C, H, W) input but returns the (1, C_out, H_out, W_out) result without removing the batch dimension again; a classic mistake."""

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    batched = input if input.ndim != 3 else input[None]
    return reference.conv2d(batched, weight, bias, stride, padding, dilation, groups, padding_mode)
