"""torch_channels_last: known divergences of torch's channels_last CPU kernels (torch 2.13.0).

What the runs found (300 drawn calls per operator with the scratch hunt, and the suite's default
profile, 60 examples per test):

- conv2d, avg_pool2d: no divergence.
- max_pool2d ``int8_max_pool_index_limit`` (genuine): int8 and uint8 input with more than one
  channel and more than 127 pixels per image raises ``RuntimeError`` (the channels_last kernel
  keeps window indices in an int8), where the contiguous kernel pools it. No pytorch issue found;
  pytorch/executorch#21820 works around it; ready-to-file text in
  reports/upstream/torch_channels_last-int8_max_pool_index_limit.md.
- The pytorch/pytorch#109586 bug (channels_last integer max pooling of all-negative windows gave
  0) no longer reproduces.
"""

from tests.harness import KnownDivergence

from ._predicates import valid_only

ADAPTER = "tests.adapters.torch_channels_last"
REQUIRES = ("torch",)
TESTED = {"torch": "2.13.0"}


@valid_only
def _int8_image_over_127(call) -> bool:
    x = call["input"]
    batched = x if x.ndim == 4 else x[None]  # the adapter gives unbatched input a batch axis
    n, c, h, w = batched.shape
    return x.dtype.name in ("int8", "uint8") and n > 0 and c > 1 and h * w > 127


KNOWN = [
    KnownDivergence(
        name="int8_max_pool_index_limit", operator="max_pool2d", applies=_int8_image_over_127,
        citation="reports/upstream/torch_channels_last-int8_max_pool_index_limit.md "
                 "(no pytorch issue; see pytorch/executorch#21820)"),
]
KIND = {"int8_max_pool_index_limit": "genuine"}
REPROS = {"int8_max_pool_index_limit": "tests/adapters/repro/torch_channels_last_int8_max_pool_index_limit.py"}
