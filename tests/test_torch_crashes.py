"""torch's own crash, pinned: float16 convolutions that kill the process (spec/crashes.py).

Each crashing call runs in a subprocess, so that the signal ends that process and not the test
run; the test expects the signal where the crash happens (oneDNN's AVX512-FP16 kernel) and a
normal exit elsewhere, so it fails as soon as torch fixes the crash (then drop the behaviour, the
predicate and these tests) or the crash spreads to a machine that did not have it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from spec.conv import Conv2dCall
from spec.crashes import reads_only_padding, torch_crashes

_PRELUDE = "import torch, torch.nn.functional as F\nz = lambda *shape: torch.zeros(shape, dtype=torch.float16)\n"


def _run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _PRELUDE + code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **env})


def _kernel_has_the_crash() -> bool:
    """oneDNN picks its AVX512-FP16 brgemm kernel for float16 convolutions on this CPU (the one
    that crashes): read off ONEDNN_VERBOSE's line for a harmless float16 convolution."""
    done = _run("F.conv2d(z(1, 1, 2, 1), z(1, 1, 1, 1), stride=(1, 2), padding=(0, 1))", ONEDNN_VERBOSE="1")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if ",exec,cpu,convolution," in line]
    return any("brg_conv_fwd:avx10_1_512" in line or "avx512_core_fp16" in line for line in lines)


# The call the issue reports, and one of each other kind measured: nn.Conv2d (the suite's adapter
# goes through it), unbatched input, a kernel of width 2, conv1d and conv3d.
CRASHING = {
    "F.conv2d": "F.conv2d(z(1, 1, 2, 1), z(1, 1, 1, 1), None, stride=(1, 2), padding=(0, 1), dilation=(1, 3))",
    "nn.Conv2d": "torch.nn.Conv2d(1, 1, 1, stride=(1, 2), padding=(0, 1), dilation=(1, 3), bias=False, "
                 "dtype=torch.float16)(z(1, 1, 2, 1))",
    "unbatched": "F.conv2d(z(1, 2, 1), z(1, 1, 1, 1), None, stride=(1, 2), padding=(0, 1), dilation=(1, 3))",
    "kernel width 2": "F.conv2d(z(1, 1, 2, 1), z(1, 1, 1, 2), None, stride=(1, 2), padding=(0, 3), dilation=(1, 2))",
    "conv1d": "F.conv1d(z(2, 1, 1), z(1, 1, 1), None, stride=2, padding=1, dilation=2)",
    "conv3d": "F.conv3d(z(1, 1, 1, 2, 1), z(1, 1, 1, 1, 1), None, stride=(1, 1, 2), padding=(0, 0, 1), "
              "dilation=(1, 1, 2))",
}


@pytest.fixture(scope="module")
def crashes_here() -> bool:
    return _kernel_has_the_crash()


@pytest.mark.parametrize("kind", CRASHING)
def test_pinned_float16_dilated_strided_padding_only_conv_crashes(kind, crashes_here):
    done = _run(CRASHING[kind])
    if crashes_here:
        assert done.returncode == -signal.SIGSEGV, (
            f"torch no longer crashes on {CRASHING[kind]} (exit {done.returncode}): drop the behaviour "
            "float16_dilated_strided_padding_only_conv_crashes, spec/crashes.py and its use in the strategies")
    else:
        assert done.returncode == 0, f"crashes on a CPU without AVX512-FP16 too:\n{done.stderr[-2000:]}"


def test_neighbours_of_the_crash_run():
    """One change to the crashing call (the other dtypes, dilation or stride 1 in the width, an
    input column read, one output row, an empty batch, a strided height) and torch returns: the
    extent is what spec.crashes says, not wider."""
    neighbours = [
        "F.conv2d(z(1, 1, 2, 1).to(dt), z(1, 1, 1, 1).to(dt), None, stride=(1, 2), padding=(0, 1), dilation=(1, 3))"
        .replace("dt", dtype) for dtype in ("torch.bfloat16", "torch.float32", "torch.float64", "torch.complex64")
    ] + [
        "F.conv2d(z(1, 1, 2, 1), z(1, 1, 1, 1), None, stride=(1, 2), padding=(0, 1), dilation=(1, 1))",
        "F.conv2d(z(1, 1, 2, 1), z(1, 1, 1, 1), None, stride=(1, 1), padding=(0, 1), dilation=(1, 3))",
        "F.conv2d(z(1, 1, 2, 2), z(1, 1, 1, 1), None, stride=(1, 2), padding=(0, 1), dilation=(1, 3))",
        "F.conv2d(z(1, 1, 1, 1), z(1, 1, 1, 1), None, stride=(1, 2), padding=(0, 1), dilation=(1, 3))",
        "F.conv2d(z(0, 1, 2, 1), z(1, 1, 1, 1), None, stride=(1, 2), padding=(0, 1), dilation=(1, 3))",
        "F.conv2d(z(1, 1, 1, 2), z(1, 1, 1, 1), None, stride=(2, 1), padding=(1, 0), dilation=(3, 1))",
        "torch.nn.Conv2d(1, 1, 1, stride=(1, 2), padding=(0, 1), dilation=(1, 3), padding_mode='circular', "
        "bias=False, dtype=torch.float16)(z(1, 1, 2, 1))",
    ]
    done = _run("\n".join(neighbours) + "\nprint('all returned')")
    assert done.returncode == 0 and "all returned" in done.stdout, done.returncode


def _call(input_shape, kernel, stride, padding, dilation, dtype="float16", padding_mode="zeros"):
    return Conv2dCall(input_shape, (1, input_shape[-3]) + kernel, None, dtype, dtype, None,
                      stride, padding, dilation, 1, padding_mode)


def test_predicate_matches_the_crashing_calls_and_not_their_neighbours():
    assert torch_crashes(_call((1, 1, 2, 1), (1, 1), (1, 2), (0, 1), (1, 3)))
    assert torch_crashes(_call((1, 2, 1), (1, 1), (1, 2), (0, 1), (1, 3)))
    assert torch_crashes(_call((1, 1, 2, 1), (1, 2), (1, 2), (0, 3), (1, 2)))
    for call in [_call((1, 1, 2, 1), (1, 1), (1, 2), (0, 1), (1, 3), dtype="float32"),
                 _call((1, 1, 2, 1), (1, 1), (1, 2), (0, 1), (1, 1)),
                 _call((1, 1, 2, 1), (1, 1), (1, 1), (0, 1), (1, 3)),
                 _call((1, 1, 2, 2), (1, 1), (1, 2), (0, 1), (1, 3)),
                 _call((1, 1, 1, 1), (1, 1), (1, 2), (0, 1), (1, 3)),
                 _call((0, 1, 2, 1), (1, 1), (1, 2), (0, 1), (1, 3)),
                 _call((1, 1, 1, 2), (1, 1), (2, 1), (1, 0), (3, 1)),
                 _call((1, 1, 2, 1), (1, 1), (1, 2), (0, 1), (1, 3), padding_mode="circular")]:
        assert not torch_crashes(call), call.describe()


def test_reads_only_padding():
    assert reads_only_padding(n=1, k=1, s=2, before=1, d=3)        # taps 0 and 2 of (0, x, 0)
    assert not reads_only_padding(n=2, k=1, s=2, before=1, d=3)    # taps 0 and 2 of (0, x, x, 0)
    assert reads_only_padding(n=1, k=2, s=2, before=3, d=2)        # taps {0, 2}, {2, 4}, {4, 6}; x at 3
    assert not reads_only_padding(n=1, k=2, s=2, before=3, d=3)    # taps {0, 3} read x
