"""The dtypes each operator accepts on CPU in torch 2.13, by numpy-style name.

bfloat16 is accepted by torch but has no numpy dtype, so no numpy-in, numpy-out implementation
can be handed it; it is listed so the tables say what torch does.
"""

FLOATING = ("float16", "bfloat16", "float32", "float64")
COMPLEX = ("complex64", "complex128")
SIGNED_INTEGER = ("int8", "int16", "int32", "int64")
UNSIGNED_INTEGER = ("uint8",)
INTEGER = SIGNED_INTEGER + UNSIGNED_INTEGER

# conv1d, conv2d and conv3d alike (checked on torch 2.13 CPU for every padding_mode): torch's
# slow_conv2d_cpu and slow_conv3d_cpu cover these; bool and uint16/32/64 raise NotImplementedError.
CONV = FLOATING + COMPLEX + INTEGER
# A dilated convolution goes to slow_conv_dilated2d/3d, which have no int8/int16/int32/uint8 kernel.
CONV_DILATED = FLOATING + COMPLEX + ("int64",)
CONV2D, CONV2D_DILATED = CONV, CONV_DILATED  # the names the 2-D suite reads
# conv_transpose1d/2d/3d (slow_conv_transpose2d/3d), dilated or not.
CONV_TRANSPOSE = FLOATING + COMPLEX + ("int64",)


def is_integer(dtype_name: str) -> bool:
    return dtype_name in INTEGER


def is_complex(dtype_name: str) -> bool:
    return dtype_name in COMPLEX
