"""Shape traces of whole networks, symbolic in the input's height and width, and two solvers:
the input sizes that give a Linear layer its in_features, and the padding that gives a wanted
output size. Layers are the (kind, arguments) pairs of ``spec.examples.NETWORKS``."""

from __future__ import annotations

import sympy as sp

from .shapes import conv_output_size, pool_output_size

H, W = sp.symbols("H W", integer=True, positive=True)


def _pair(value):
    return value if isinstance(value, tuple) else (value, value)


def layer_output(kind: str, args: dict, shape: tuple) -> tuple:
    """The output shape of one layer for an input ``shape``: (C, H, W) or (features,)."""
    if kind == "conv2d":
        sizes = [conv_output_size(n, k, s, p, d) for n, k, s, p, d in zip(
            shape[1:], _pair(args["kernel_size"]), _pair(args.get("stride", 1)), _pair(args.get("padding", 0)),
            _pair(args.get("dilation", 1)))]
        return (args["out_channels"], *sizes)
    if kind in ("max_pool2d", "avg_pool2d"):
        kernel = _pair(args["kernel_size"])
        stride = _pair(args.get("stride") or args["kernel_size"])
        return (shape[0], *[pool_output_size(n, k, s, args.get("padding", 0), 1, args.get("ceil_mode", False))
                            for n, k, s in zip(shape[1:], kernel, stride)])
    if kind == "flatten":
        return (sp.Mul(*shape) if any(isinstance(n, sp.Basic) for n in shape) else int(sp.Mul(*shape)),)
    if kind == "linear":
        return (args["out_features"],)
    return shape  # element-wise activations


def trace(layers, shape=(1, H, W)) -> list[tuple]:
    """The shape after each layer, starting from ``shape`` (channels, height, width)."""
    shapes = []
    for kind, args in layers:
        shape = layer_output(kind, args, shape)
        shapes.append(shape)
    return shapes


def input_sizes_for_linear(layers, channels: int, sizes=range(1, 257)) -> list[int]:
    """Square input sizes n (n x n) for which the first Linear layer's in_features matches the
    flattened features in front of it."""
    index = next(i for i, (kind, _) in enumerate(layers) if kind == "linear")
    wanted = layers[index][1]["in_features"]
    flattened = trace(layers[:index], (channels, H, W))[-1][0]
    return [n for n in sizes if flattened.subs({H: n, W: n}) == wanted]


def padding_for_output(size: int, kernel: int, wanted: int, stride: int = 1, dilation: int = 1) -> list[int]:
    """Every padding p >= 0 with conv_output_size(size, kernel, stride, p, dilation) == wanted."""
    candidates = range(0, dilation * (kernel - 1) + stride * wanted + 1)
    return [c for c in candidates if conv_output_size(size, kernel, stride, c, dilation) == wanted]
