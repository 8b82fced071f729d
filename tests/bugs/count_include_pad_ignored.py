"""avg_pool2d that always counts the padding in the divisor, ignoring count_include_pad=False; as TVM's pooling did before apache/tvm#1144."""

import reference


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, True, divisor_override)
