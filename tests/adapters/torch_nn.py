"""The default implementation under test: torch itself, through ``torch.nn`` modules.

The convolutions go through ``torch.nn.Conv{1,2,3}d`` so that padding modes are torch's own, and
the transposed ones through ``torch.nn.ConvTranspose{1,2,3}d``, whose forward takes
``output_size``: each module is built with the call's parameters and given the call's weight and
bias. The pools go through ``torch.nn.MaxPool{1,2,3}d`` and ``AvgPool{1,2,3}d``, and the others
through their modules too (AdaptiveAvgPoolNd, AdaptiveMaxPoolNd, MaxUnpoolNd, LPPoolNd,
FractionalMaxPoolNd with the samples given). numpy in, numpy out.

``<op>_backward(grad_output, **the forward's arguments)``, for every operator, runs the same module
forward on tensors that require grad and returns ``torch.autograd.grad``'s gradients: (grad_input,
grad_weight, grad_bias or None) for the convolutions, grad_input for the pools (max_unpool's indices
and fractional pooling's samples get none).
"""

from __future__ import annotations

import warnings

import torch

# oneDNN takes float16 convolutions only on a CPU with float16 arithmetic (AVX512-FP16, AMX-FP16);
# elsewhere torch's own kernels do. The pinned float16 behaviours that are oneDNN's hold only here.
ONEDNN_HALF = bool(torch.ops.mkldnn._is_mkldnn_fp16_supported())


def _tensor(array):
    return None if array is None else torch.from_numpy(array.copy())


def _with_weights(module, weight, bias):
    module.weight = torch.nn.Parameter(_tensor(weight), requires_grad=False)
    if bias is not None:
        module.bias = torch.nn.Parameter(_tensor(bias), requires_grad=False)
    return module


def _kernel_size(weight):
    return tuple(weight.shape[2:]) or 1


def _conv_module(rank, weight, bias, stride, padding, dilation, groups, padding_mode):
    # nn.ConvNd's own argument checks run in its constructor, so in_channels and kernel_size are
    # read off the weight the way F.convNd reads them.
    # device="meta": the module's own random initialisation is skipped, as it is replaced anyway.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Initializing zero-element tensors is a no-op")
        return getattr(torch.nn, f"Conv{rank}d")(
            in_channels=weight.shape[1] * groups if weight.ndim > 1 else 1,
            out_channels=weight.shape[0] if weight.ndim > 0 else 1,
            kernel_size=_kernel_size(weight),
            stride=stride, padding=padding, dilation=dilation, groups=groups,
            bias=bias is not None, padding_mode=padding_mode, device="meta",
        )


def conv2d_module(weight, bias, stride, padding, dilation, groups, padding_mode) -> torch.nn.Conv2d:
    """An ``nn.Conv2d`` built with the call's parameters and holding the call's weight and bias (the
    torch_channels_last and torch_compile adapters run it their way)."""
    return _with_weights(_conv_module(2, weight, bias, stride, padding, dilation, groups, padding_mode), weight, bias)


def _conv(rank, input, weight, bias, stride, padding, dilation, groups, padding_mode):
    module = _conv_module(rank, weight, bias, stride, padding, dilation, groups, padding_mode)
    with torch.no_grad():
        return _with_weights(module, weight, bias)(_tensor(input)).numpy()


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    return _conv(1, input, weight, bias, stride, padding, dilation, groups, padding_mode)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    return _conv(2, input, weight, bias, stride, padding, dilation, groups, padding_mode)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1, padding_mode="zeros"):
    return _conv(3, input, weight, bias, stride, padding, dilation, groups, padding_mode)


def _conv_transpose_module(rank, weight, bias, stride, padding, output_padding, groups, dilation):
    # The transposed weight is (in_channels, out_channels / groups, k...).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Initializing zero-element tensors is a no-op")
        return getattr(torch.nn, f"ConvTranspose{rank}d")(
            in_channels=weight.shape[0] if weight.ndim > 0 else 1,
            out_channels=weight.shape[1] * groups if weight.ndim > 1 else 1,
            kernel_size=_kernel_size(weight),
            stride=stride, padding=padding, output_padding=output_padding, groups=groups,
            bias=bias is not None, dilation=dilation, device="meta",
        )


def _conv_transpose(rank, input, weight, bias, stride, padding, output_padding, groups, dilation, output_size):
    module = _conv_transpose_module(rank, weight, bias, stride, padding, output_padding, groups, dilation)
    with torch.no_grad():
        return _with_weights(module, weight, bias)(_tensor(input), output_size=output_size).numpy()


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    return _conv_transpose(1, input, weight, bias, stride, padding, output_padding, groups, dilation, output_size)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    return _conv_transpose(2, input, weight, bias, stride, padding, output_padding, groups, dilation, output_size)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
                     output_size=None):
    return _conv_transpose(3, input, weight, bias, stride, padding, output_padding, groups, dilation, output_size)


def _max_pool(rank, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices):
    module = getattr(torch.nn, f"MaxPool{rank}d")(kernel_size, stride, padding, dilation, return_indices, ceil_mode)
    with torch.no_grad():
        result = module(_tensor(input))
    return tuple(r.numpy() for r in result) if return_indices else result.numpy()


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _max_pool(1, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _max_pool(2, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _max_pool(3, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def _avg_pool(rank, input, kernel_size, *options):
    module = getattr(torch.nn, f"AvgPool{rank}d")(kernel_size, *options)
    with torch.no_grad():
        return module(_tensor(input)).numpy()


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    return _avg_pool(1, input, kernel_size, stride, padding, ceil_mode, count_include_pad)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return _avg_pool(2, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return _avg_pool(3, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)


# -- backward: the same modules, through torch.autograd ----------------------------------------------

_POOL_OPTIONS = {"max": ("stride", "padding", "dilation", "return_indices", "ceil_mode"),
                 "avg": ("stride", "padding", "ceil_mode", "count_include_pad", "divisor_override")}
_POOL_DEFAULTS = {"stride": None, "padding": 0, "dilation": 1, "return_indices": False, "ceil_mode": False,
                  "count_include_pad": True, "divisor_override": None}


def differentiable(op, input, weight=None, bias=None, **options):
    """``op``'s module forward as a function of its differentiable tensors (input, and weight and
    bias for the convolutions), and the names of those arguments the call passes arrays for. The
    forward returns the output (a max pooling's values). torch.autograd.gradcheck takes it as is."""
    rank = int(op[-2])
    if op.startswith("conv"):
        if op.startswith("conv_transpose"):
            output_size = options.pop("output_size", None)
            module = _conv_transpose_module(rank, weight, bias, **_conv_transpose_options(options))
            extra = {"output_size": output_size}
        else:
            module, extra = _conv_module(rank, weight, bias, **_conv_options(options)), {}

        def forward(input, weight, bias=None):
            parameters = {"weight": weight} if bias is None else {"weight": weight, "bias": bias}
            return torch.func.functional_call(module, parameters, (input,), extra)
        return forward, ("input", "weight") + (("bias",) if bias is not None else ())
    if not op.startswith(("max_pool", "avg_pool")):
        run = _runner(op, **options)

        def forward(input):
            result = run(input)
            return result[0] if isinstance(result, tuple) else result
        return forward, ("input",)
    kind, kernel_size = op[:3], options.pop("kernel_size")
    names = [name for name in _POOL_OPTIONS[kind] if not (op == "avg_pool1d" and name == "divisor_override")]
    options = {name: options.get(name, _POOL_DEFAULTS[name]) for name in names}
    module = getattr(torch.nn, f"{'MaxPool' if kind == 'max' else 'AvgPool'}{rank}d")(kernel_size, **options)

    def forward(input):
        result = module(input)
        return result[0] if options.get("return_indices") else result
    return forward, ("input",)


def _conv_options(options):
    defaults = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "padding_mode": "zeros"}
    return {name: options.get(name, default) for name, default in defaults.items()}


def _conv_transpose_options(options):
    defaults = {"stride": 1, "padding": 0, "output_padding": 0, "groups": 1, "dilation": 1}
    return {name: options.get(name, default) for name, default in defaults.items()}


def _backward(op, grad_output, through=None, **kwargs):
    """``op``'s gradients by torch.autograd.grad; ``through(forward, kwargs)``, if given, returns the
    function differentiated instead of the module's forward (tests/adapters/torch_compile.py: its
    compiled form)."""
    forward, names = differentiable(op, **kwargs)
    if through is not None:
        forward = through(forward, kwargs)
    tensors = [_tensor(kwargs[name]).requires_grad_() for name in names]  # integers raise here
    grads = torch.autograd.grad(forward(*tensors), tensors, _tensor(grad_output))
    grads = [g.numpy() for g in grads]
    if not op.startswith("conv"):
        return grads[0]
    return grads[0], grads[1], grads[2] if len(grads) == 3 else None


def conv1d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv1d", grad_output, input=input, weight=weight, bias=bias, **options)


def conv2d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv2d", grad_output, input=input, weight=weight, bias=bias, **options)


def conv3d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv3d", grad_output, input=input, weight=weight, bias=bias, **options)


def conv_transpose1d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv_transpose1d", grad_output, input=input, weight=weight, bias=bias, **options)


def conv_transpose2d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv_transpose2d", grad_output, input=input, weight=weight, bias=bias, **options)


def conv_transpose3d_backward(grad_output, input, weight, bias=None, **options):
    return _backward("conv_transpose3d", grad_output, input=input, weight=weight, bias=bias, **options)


def max_pool1d_backward(grad_output, input, kernel_size, **options):
    return _backward("max_pool1d", grad_output, input=input, kernel_size=kernel_size, **options)


def max_pool2d_backward(grad_output, input, kernel_size, **options):
    return _backward("max_pool2d", grad_output, input=input, kernel_size=kernel_size, **options)


def max_pool3d_backward(grad_output, input, kernel_size, **options):
    return _backward("max_pool3d", grad_output, input=input, kernel_size=kernel_size, **options)


def avg_pool1d_backward(grad_output, input, kernel_size, **options):
    return _backward("avg_pool1d", grad_output, input=input, kernel_size=kernel_size, **options)


def avg_pool2d_backward(grad_output, input, kernel_size, **options):
    return _backward("avg_pool2d", grad_output, input=input, kernel_size=kernel_size, **options)


def avg_pool3d_backward(grad_output, input, kernel_size, **options):
    return _backward("avg_pool3d", grad_output, input=input, kernel_size=kernel_size, **options)
# -- the pools beyond max and average pooling: one runner each, for the forward and the backward -------

def _adaptive_runner(op, output_size, return_indices=False):
    # nn.AdaptiveAvgPoolNd(output_size), nn.AdaptiveMaxPoolNd(output_size, return_indices).
    if "_max_" in op:
        return getattr(torch.nn, f"AdaptiveMaxPool{op[-2]}d")(output_size, return_indices)
    return getattr(torch.nn, f"AdaptiveAvgPool{op[-2]}d")(output_size)


def _unpool_runner(op, indices, kernel_size, stride=None, padding=0, output_size=None):
    module = getattr(torch.nn, f"MaxUnpool{op[-2]}d")(kernel_size, stride, padding)
    return lambda input: module(input, _tensor(indices), output_size=output_size)


def _lp_runner(op, norm_type, kernel_size, stride=None, ceil_mode=False):
    return getattr(torch.nn, f"LPPool{op[-2]}d")(norm_type, kernel_size, stride, ceil_mode)


def _fractional_runner(op, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                       _random_samples=None):
    # The module takes the samples at construction; with them given, the call is deterministic.
    return getattr(torch.nn, f"FractionalMaxPool{op[-2]}d")(
        kernel_size, output_size, output_ratio, return_indices, _random_samples=_tensor(_random_samples))


_RUNNERS = {"adaptive": _adaptive_runner, "max_unpool": _unpool_runner, "lp_pool": _lp_runner,
            "fractional": _fractional_runner}


def _runner(op, **options):
    """``op``'s module, built with the call's options, as a function of the input tensor."""
    return next(make for prefix, make in _RUNNERS.items() if op.startswith(prefix))(op, **options)


def _run(op, input, **options):
    with torch.no_grad():
        result = _runner(op, **options)(_tensor(input))
    return tuple(r.numpy() for r in result) if isinstance(result, tuple) else result.numpy()


def adaptive_avg_pool1d(input, output_size):
    return _run("adaptive_avg_pool1d", input, output_size=output_size)


def adaptive_avg_pool2d(input, output_size):
    return _run("adaptive_avg_pool2d", input, output_size=output_size)


def adaptive_avg_pool3d(input, output_size):
    return _run("adaptive_avg_pool3d", input, output_size=output_size)


def adaptive_max_pool1d(input, output_size, return_indices=False):
    return _run("adaptive_max_pool1d", input, output_size=output_size, return_indices=return_indices)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    return _run("adaptive_max_pool2d", input, output_size=output_size, return_indices=return_indices)


def adaptive_max_pool3d(input, output_size, return_indices=False):
    return _run("adaptive_max_pool3d", input, output_size=output_size, return_indices=return_indices)


def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _run("max_unpool1d", input, indices=indices, kernel_size=kernel_size, stride=stride, padding=padding,
                output_size=output_size)


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _run("max_unpool2d", input, indices=indices, kernel_size=kernel_size, stride=stride, padding=padding,
                output_size=output_size)


def max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _run("max_unpool3d", input, indices=indices, kernel_size=kernel_size, stride=stride, padding=padding,
                output_size=output_size)


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _run("lp_pool1d", input, norm_type=norm_type, kernel_size=kernel_size, stride=stride, ceil_mode=ceil_mode)


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _run("lp_pool2d", input, norm_type=norm_type, kernel_size=kernel_size, stride=stride, ceil_mode=ceil_mode)


def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _run("lp_pool3d", input, norm_type=norm_type, kernel_size=kernel_size, stride=stride, ceil_mode=ceil_mode)


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    return _run("fractional_max_pool2d", input, kernel_size=kernel_size, output_size=output_size,
                output_ratio=output_ratio, return_indices=return_indices, _random_samples=_random_samples)


def fractional_max_pool3d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    return _run("fractional_max_pool3d", input, kernel_size=kernel_size, output_size=output_size,
                output_ratio=output_ratio, return_indices=return_indices, _random_samples=_random_samples)


# Their backward, through the same runners (differentiable); the indices and samples get none.
def _pool_backward(op):
    def backward(grad_output, input, **options):
        return _backward(op, grad_output, input=input, **options)
    backward.__name__ = backward.__qualname__ = f"{op}_backward"
    backward.__doc__ = f"grad_input of {op}, by torch.autograd.grad through the same module as {op}."
    return backward


for _op in [f"adaptive_{kind}_pool{rank}d" for kind in ("avg", "max") for rank in (1, 2, 3)] + [
        f"{family}{rank}d" for family in ("max_unpool", "lp_pool") for rank in (1, 2, 3)] + [
        "fractional_max_pool2d", "fractional_max_pool3d"]:
    globals()[f"{_op}_backward"] = _pool_backward(_op)
del _op
