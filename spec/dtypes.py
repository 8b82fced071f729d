"""The dtypes each operator accepts on CPU in torch 2.13, by numpy-style name.

bfloat16 is accepted by torch but has no numpy dtype, so no numpy-in, numpy-out implementation
can be handed it; it is listed so the tables say what torch does.
"""

FLOATING = ("float16", "bfloat16", "float32", "float64")
COMPLEX = ("complex64", "complex128")
SIGNED_INTEGER = ("int8", "int16", "int32", "int64")
UNSIGNED_INTEGER = ("uint8",)
INTEGER = SIGNED_INTEGER + UNSIGNED_INTEGER

# torch's slow_conv2d_cpu covers these; bool and uint16/32/64 raise NotImplementedError.
CONV2D = FLOATING + COMPLEX + INTEGER
# A dilated convolution goes to slow_conv_dilated2d, which has no int8/int16/int32/uint8 kernel.
CONV2D_DILATED = FLOATING + COMPLEX + ("int64",)


def is_integer(dtype_name: str) -> bool:
    return dtype_name in INTEGER


def is_complex(dtype_name: str) -> bool:
    return dtype_name in COMPLEX
