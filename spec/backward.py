"""The backward (vector-Jacobian product) of every operator: the call and its validity rules.

``<op>_backward(grad_output, **the forward's arguments)`` is valid when the forward call is (its
own rules, checked first, raise the same SpecViolation) and when these rules hold too: gradients
exist for floating dtypes only, and grad_output has the forward output's shape and dtype. A max
pooling's grad_output is the gradient of its values (indices have none).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dtypes
from .params import is_array
from .rules import Rule, check

# The dtypes whose gradients the reference computes. torch's autograd refuses integer tensors
# ("only Tensors of floating point dtype can require gradients"); complex gradients (torch's
# conjugate Wirtinger convention) are not covered yet.
DIFFERENTIABLE = dtypes.FLOATING


@dataclass(frozen=True)
class BackwardCall:
    forward: object  # the forward's call (spec.conv.ConvCall, ...), already checked
    grad_output_shape: tuple | None  # None: grad_output is no array
    grad_output_dtype: str | None

    @classmethod
    def of(cls, forward, grad_output) -> "BackwardCall":
        if not is_array(grad_output):
            return cls(forward, None, type(grad_output).__name__)
        return cls(forward, tuple(grad_output.shape), str(grad_output.dtype))

    @property
    def op(self) -> str:
        return f"{self.forward.op}_backward"

    def describe(self) -> str:
        grad = (f"grad_output={self.grad_output_dtype}{list(self.grad_output_shape)}"
                if self.grad_output_shape is not None else f"grad_output={self.grad_output_dtype}")
        return f"{self.op}({grad}) of {self.forward.describe()}"


RULES = [
    Rule("grad_output_is_array", "grad_output must be a numpy array (anything with .shape and .dtype)",
         lambda c: c.grad_output_shape is None),
    Rule("differentiable_dtype",
         "gradients exist for floating dtypes only (" + ", ".join(DIFFERENTIABLE) + "): torch's autograd "
         "refuses integer tensors, which cannot require grad; complex gradients are not covered",
         lambda c: c.forward.input_dtype not in DIFFERENTIABLE,
         torch="raises for integer dtypes; for complex ones torch computes conjugate Wirtinger gradients, "
               "which the reference does not cover yet, so it rejects them"),
    Rule("grad_output_shape", "grad_output must have the forward output's shape",
         lambda c: c.grad_output_shape != tuple(c.forward.output_shape)),
    Rule("grad_output_dtype", "grad_output must have the forward output's dtype",
         lambda c: c.grad_output_dtype != c.forward.input_dtype,
         torch="accepts a grad_output of another floating dtype and casts it to the output's dtype "
               "(torch.autograd.grad); the reference rejects it"),
]


def check_backward(forward, grad_output) -> None:
    """Raise :class:`spec.rules.SpecViolation` naming the first backward rule broken, for a forward
    call ``forward`` that has passed its own rules."""
    check(RULES, BackwardCall.of(forward, grad_output))


def window_of_padding_only(call) -> bool:
    """A max-pooling call (spec.pool.PoolCall, valid) one of whose windows reads no input element:
    along some dimension all its taps fall in the padding (possible with dilation only). Its output
    is the dtype's lowest value whatever the input, so its gradient reaches no element; torch's
    backward writes it at the window's index nonetheless (spec/behaviours.py,
    max_pool_backward_window_of_padding_only)."""
    for n, k, s, p, d, out in zip(call.input_size, call.kernel, call.strides, call.paddings, call.dilations,
                                  call.output_size):
        for o in range(out):
            if not any(0 <= o * s - p + a * d < n for a in range(k)):
                return True
    return False
