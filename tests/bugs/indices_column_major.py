"""max_pool2d whose indices are column-major, w * H + h (ONNX MaxPool storage_order=1), instead of row-major h * W + w; onnx/onnx#1370, openvinotoolkit/openvino#33833."""

import reference


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    result = reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    if not return_indices:
        return result
    values, indices = result
    height, width = input.shape[-2:]
    return values, (indices % width) * height + indices // width
