"""Crashes the process (SIGSEGV) on max_pool2d with ceil_mode, hangs on avg_pool2d with
count_include_pad=False, and ignores conv2d's bias: a run with --isolate reports all three."""

import os
import signal
import time

import reference


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    return reference.conv2d(input, weight, None, stride, padding, dilation, groups, padding_mode)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if ceil_mode:
        os.kill(os.getpid(), signal.SIGSEGV)
    return reference.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    if not count_include_pad:
        time.sleep(3600)
    return reference.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                                divisor_override)
