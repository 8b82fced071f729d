"""Output-size rules, one spatial dimension at a time, as sympy expressions.

Every rule is a function of one dimension's numbers. Called with ints it returns an int; called
with sympy symbols (or a mix) it returns the expression, so the same function gives a concrete
shape to the reference, a checked value to the tests and a LaTeX formula to the docs.

The symbols below are the names the docs use: ``n`` input size, ``k`` kernel size, ``s`` stride,
``p`` padding on each side, ``d`` dilation, ``a`` a transposed convolution's output_padding.
"""

from __future__ import annotations

import sympy as sp

n, k, s, p, d = sp.symbols("n k s p d", integer=True)
p_left, p_right = sp.symbols("p_l p_r", integer=True)
a = sp.symbols("a", integer=True)


def _concrete(expr):
    """Give an int where sympy could evaluate the expression, the expression where it could not."""
    expr = sp.sympify(expr)
    return int(expr) if expr.is_Integer else expr


def effective_kernel_size(kernel, dilation=1):
    """Span of a dilated kernel: d(k - 1) + 1 input elements from its first tap to its last."""
    return _concrete(dilation * (kernel - 1) + 1)


def windows_that_fit(span, kernel, stride=1, dilation=1):
    """How many windows, stepping by ``stride``, fit in ``span`` elements: floor((span - d(k-1) - 1)/s) + 1."""
    return _concrete(sp.floor((span - dilation * (kernel - 1) - 1) / stride) + 1)


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    """Output size of a convolution along one dimension with ``padding`` on both sides.

    Notes
    -----
    .. math:: n_{out} = \\left\\lfloor \\frac{n + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1

    Examples
    --------
    >>> conv_output_size(5, 3), conv_output_size(5, 3, stride=2), conv_output_size(5, 3, padding=1)
    (3, 2, 5)
    """
    return windows_that_fit(size + 2 * padding, kernel, stride, dilation)


def conv_output_size_lr(size, kernel, stride=1, padding_left=0, padding_right=0, dilation=1):
    """As :func:`conv_output_size`, with different padding on the two sides ('same' needs this)."""
    return windows_that_fit(size + padding_left + padding_right, kernel, stride, dilation)


def same_padding(kernel, dilation=1):
    """padding='same': the (left, right) padding that keeps n_out = n at stride 1.

    The total is d(k - 1). torch puts the smaller half on the left (top) and the remainder on the
    right (bottom), so an even kernel gets its extra row and column at the end.

    >>> same_padding(3), same_padding(2), same_padding(4, dilation=1), same_padding(2, dilation=3)
    ((1, 1), (0, 1), (1, 2), (1, 2))
    """
    total = dilation * (kernel - 1)
    left = sp.floor(sp.sympify(total) / 2)
    return _concrete(left), _concrete(total - left)


def conv_transpose_output_size(size, kernel, stride=1, padding=0, dilation=1, output_padding=0):
    """Output size of a transposed convolution along one dimension.

    Notes
    -----
    Each of the n input elements scatters a copy of the dilated kernel, d(k - 1) + 1 wide, into the
    output, the copies starting s apart; output_padding adds a elements at the end, and the padding
    crops p from each side:

    .. math:: n_{out} = (n - 1)s - 2p + d(k - 1) + a + 1

    It inverts :func:`conv_output_size`: a convolution with the same k, s, p, d maps n_out back to
    n, for every a in [0, s) (the a extra elements are what the floor of the forward rule drops).

    Examples
    --------
    >>> conv_transpose_output_size(3, 3), conv_transpose_output_size(3, 3, stride=2)
    (5, 7)
    >>> conv_transpose_output_size(3, 3, stride=2, padding=1, output_padding=1)
    6
    >>> conv_output_size(6, 3, stride=2, padding=1)
    3
    """
    return _concrete((size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1)


def pool_output_size(size, kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    """Output size of max or average pooling along one dimension.

    Notes
    -----
    Floor mode is the convolution rule. Ceil mode rounds the window count up, then drops the last
    window if it would *start* in the right padding (or past it), i.e. if (n_out - 1)s >= n + p:

    .. math:: m = \\left\\lceil \\frac{n + 2p - d(k-1) - 1}{s} \\right\\rceil + 1, \\qquad
              n_{out} = m - [\\,(m - 1)s \\ge n + p\\,]

    ``stride`` defaults to ``kernel``.

    >>> pool_output_size(5, 3), pool_output_size(5, 3, ceil_mode=True)
    (1, 2)
    >>> pool_output_size(6, 2, stride=2, padding=1, ceil_mode=True)  # the 5th window would start at 8 = n + p
    4
    """
    stride = kernel if stride is None else stride
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    if not ceil_mode:
        return _concrete(sp.floor(sp.sympify(span) / stride) + 1)
    rounded_up = sp.ceiling(sp.sympify(span) / stride) + 1
    starts_in_right_padding = (rounded_up - 1) * stride >= size + padding
    return _concrete(sp.Piecewise((rounded_up - 1, starts_in_right_padding), (rounded_up, True)))


def adaptive_window(index, size, output_size):
    """The input elements [start, end) that adaptive pooling's output element ``index`` reads,
    along one dimension of ``size`` elements pooled to ``output_size``.

    Notes
    -----
    .. math:: start_i = \\left\\lfloor \\frac{i\\,n}{m} \\right\\rfloor, \\qquad
              end_i = \\left\\lceil \\frac{(i + 1)\\,n}{m} \\right\\rceil

    Where m divides n every window has n / m elements and they tile the input. Otherwise the
    windows are unequal (floor and ceiling widen some by one) and neighbours overlap; with m > n
    consecutive outputs read the same elements. Every window holds at least one element, the first
    starts at 0 and the last ends at n.

    Examples
    --------
    >>> [adaptive_window(i, 7, 3) for i in range(3)]  # 7 elements to 3: widths 3, 3, 3, overlapping
    [(0, 3), (2, 5), (4, 7)]
    >>> [adaptive_window(i, 2, 3) for i in range(3)]  # m > n: the middle window reads both
    [(0, 1), (0, 2), (1, 2)]
    """
    if all(isinstance(v, int) for v in (index, size, output_size)):  # the reference's path: no sympy
        return index * size // output_size, -(-(index + 1) * size // output_size)
    return (_concrete(sp.floor(sp.sympify(index) * size / output_size)),
            _concrete(sp.ceiling(sp.sympify(index + 1) * size / output_size)))
