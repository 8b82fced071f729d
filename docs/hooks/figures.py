"""SVG figures for the site, drawn from what the reference computes (its padding and its window walk).

Every cell is a ``<g class="cell">`` holding its box and its text, so that scripts/check_site.py can
measure in the browser that no text is wider than its box. Boxes are as wide as the longest text
of their grid needs; each cell's exact value is its ``<title>`` (shown on hover).
"""

from __future__ import annotations

import html

import numpy as np

from reference._window import pad, window_taps

CELL = 28
CHAR = 7.2  # width of one character of the 12px monospace font, with a margin
MAX_CELLS = 14  # larger inputs are shown by their top-left corner
FONT = "font-family='DejaVu Sans Mono, Menlo, Consolas, monospace' font-size='12'"


def number(value) -> str:
    """A value as a learner reads it: integers as integers, other floats to at most 2 decimals."""
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float):
        if value == int(value):
            return str(int(value))
        return f"{value:.2f}".rstrip("0")
    return str(value)


def cell_width(texts) -> float:
    return max([CELL] + [len(t) * CHAR + 8 for t in texts])


def cell(x, y, width, fill, text=None, title=None, extra="") -> str:
    tip = f"<title>{html.escape(title)}</title>" if title else ""
    label = (f'<text x="{x + width / 2}" y="{y + CELL * 0.68}" text-anchor="middle" {FONT}>'
             f'{html.escape(text)}</text>') if text is not None else ""
    return (f'<g class="cell"{extra}>{tip}<rect x="{x}" y="{y}" width="{width}" height="{CELL}" fill="{fill}" '
            f'stroke="#555" stroke-width="1"/>{label}</g>')


def _grid(x0, y0, rows, cols, fill, text=None, title=None, width=CELL):
    parts = []
    for r in range(rows):
        for c in range(cols):
            parts.append(cell(x0 + c * width, y0 + r * CELL, width, fill(r, c),
                              None if text is None else text(r, c), None if title is None else title(r, c)))
    return parts


def text_width(text) -> float:
    """Estimated width of 13px sans-serif text: CJK characters are about twice as wide."""
    return sum(13.5 if ord(ch) > 0x2E80 else 7.5 for ch in text)


def label(x, y, text, anchor="start"):
    return (f'<text x="{x}" y="{y}" font-size="13" text-anchor="{anchor}" '
            f'font-family="sans-serif">{html.escape(text)}</text>')


def svg(width, height, parts, title) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{html.escape(title)}" viewBox="0 0 {width} {height}">' + "".join(parts) + "</svg>")


def window_figure(plane, paddings, taps, output, position, title, words) -> str:
    """The padded input plane with the taps of one window marked, and the output with its element.

    ``plane`` is the unpadded 2-D input, ``paddings`` the (before, after) padding per dimension,
    ``taps`` the window's coordinates in the padded plane, ``output`` the 2-D output (or its shape),
    ``position`` the output element the window produces and ``words`` the figure's labels in the
    page's language: ``padded_input``, ``corner`` and ``output``, formatted with the sizes.
    """
    padded = pad(np.asarray(plane), paddings, "zeros")
    rows = min(padded.shape[0], MAX_CELLS)
    cols = min(padded.shape[1], MAX_CELLS)
    (top, _), (left, _) = paddings
    tap_set = {(int(r), int(c)) for r in taps[0] for c in taps[1]}
    in_rows, in_cols = plane.shape

    def inside(r, c):
        return top <= r < top + in_rows and left <= c < left + in_cols

    def fill(r, c):
        if (r, c) in tap_set:
            return "#7fb3ff" if inside(r, c) else "#b9cff0"
        return "#ffffff" if inside(r, c) else "#e6e6e6"

    shown = padded[:rows, :cols]
    in_text = lambda r, c: number(shown[r, c])  # noqa: E731
    in_width = cell_width(in_text(r, c) for r in range(rows) for c in range(cols))
    corner = words["corner"] if rows < padded.shape[0] or cols < padded.shape[1] else ""
    in_label = words["padded_input"].format(h=in_rows, w=in_cols) + corner
    parts = [label(0, 14, in_label)]
    parts += _grid(0, 22, rows, cols, fill, in_text, lambda r, c: repr(float(shown[r, c])), in_width)
    out = np.asarray(output)
    out_shape = out.shape if out.ndim == 2 else tuple(output)
    o_rows, o_cols = min(out_shape[0], MAX_CELLS), min(out_shape[1], MAX_CELLS)
    out_text = (lambda r, c: number(out[r, c])) if out.ndim == 2 else None
    out_width = cell_width(out_text(r, c) for r in range(o_rows) for c in range(o_cols)) if out_text else CELL
    x0 = max(cols * in_width + 60, text_width(in_label) + 20)
    parts.append(f'<text x="{cols * in_width + 14}" y="{22 + rows * CELL / 2}" font-size="22">&#8594;</text>')
    out_label = words["output"].format(h=out_shape[0], w=out_shape[1])
    parts.append(label(x0, 14, out_label))
    parts += _grid(x0, 22, o_rows, o_cols, lambda r, c: "#ffd27f" if (r, c) == tuple(position) else "#ffffff",
                   out_text, (lambda r, c: repr(float(out[r, c]))) if out_text else None, out_width)
    width = max(x0 + o_cols * out_width + 2, x0 + text_width(out_label) + 4)
    height = 22 + max(rows, o_rows) * CELL + 2
    return svg(width, height, parts, title)


def first_window_figure(call, input, paddings, output, title, words) -> str:
    """figures.window_figure of the first output element, on the first input channel: a 1-D call
    drawn as a plane one row high, a 3-D call by its first depth slice. ``output`` is the computed
    output (N, C, spatial...) or, for a large example, its spatial size; ``words`` as for
    :func:`window_figure`."""
    rank = call.spatial_dims
    taps = window_taps((0,) * rank, call.strides, call.dilations, call.kernel)
    plane = np.asarray(input).reshape((-1,) + call.input_size)[0]
    if isinstance(output, np.ndarray):
        output = output.reshape((-1,) + output.shape[-rank:])[0]
    paddings = tuple(paddings)
    if rank == 1:
        taps, paddings, plane = (np.zeros(1, int),) + taps, ((0, 0),) + paddings, plane[None]
        output = output[None] if isinstance(output, np.ndarray) else (1,) + tuple(output)
    elif rank == 3:
        taps, paddings, plane = taps[1:], paddings[1:], plane[0]
        output = output[0] if isinstance(output, np.ndarray) else tuple(output)[1:]
    return window_figure(plane, paddings, taps, output, (0, 0), title, words)


def padding_modes_figure(row=(1, 2, 3, 4), padding=2) -> str:
    """One row padded by each padding mode, as the reference pads it."""
    parts, y = [], 0
    for mode in ("zeros", "reflect", "replicate", "circular"):
        padded = pad(np.array([row]), [(padding, padding)], mode)[0]
        parts.append(label(0, y + CELL * 0.68, mode))
        parts += _grid(90, y, 1, len(padded),
                       lambda r, c: "#ffffff" if padding <= c < padding + len(row) else "#e6e6e6",
                       lambda r, c, padded=padded: number(padded[c]))
        y += CELL + 8
    width = 90 + (len(row) + 2 * padding) * CELL + 2
    return svg(width, y, parts, "padding modes")


def ceil_mode_figure(words, size=5, kernel=2, stride=2, padding=1) -> str:
    """The windows of one dimension in ceil mode, the dropped one (starting in the padding) struck out.
    ``words``: ``window`` and ``dropped`` labels in the page's language."""
    from spec.shapes import pool_output_size

    kept = pool_output_size(size, kernel, stride, padding, 1, True)
    raw = -(-(size + 2 * padding - kernel) // stride) + 1
    total = size + 2 * padding + stride
    parts = _grid(0, 0, 1, total, lambda r, c: "#ffffff" if padding <= c < padding + size else "#e6e6e6",
                  lambda r, c: str(c - padding) if padding <= c < padding + size else ("p" if c < size + 2 * padding else ""))
    for w in range(raw):
        start = window_taps((w,), (stride,), (1,), (kernel,))[0][0]
        y = CELL + 10 + w * 16
        colour = "#2b6cd4" if w < kept else "#d43b2b"
        parts.append(f'<line x1="{start * CELL + 3}" y1="{y}" x2="{(start + kernel) * CELL - 3}" y2="{y}" '
                     f'stroke="{colour}" stroke-width="6"/>')
        parts.append(label((start + kernel) * CELL + 6, y + 5,
                           words["window"].format(w=w) + ("" if w < kept else words["dropped"])))
    height = CELL + 20 + raw * 16
    width = total * CELL + 160
    return svg(width, height, parts, "ceil mode windows")


def scatter_figure(x, kernel, stride, words) -> str:
    """A transposed convolution as a scatter, computed with reference.conv_transpose2d: each input
    element alone gives its copy of the kernel, scaled by it and placed ``stride`` apart (shaded),
    and the copies add up to the whole output (checked here). ``x`` and ``kernel`` are 2-D;
    ``words``: ``input``, ``kernel``, ``output`` and ``copy`` (formatted with i, j and the value)."""
    import reference

    def transposed(plane, weight):
        return reference.conv_transpose2d(plane[None, None], weight[None, None], stride=stride)[0, 0]

    x, kernel = np.asarray(x, dtype=np.float64), np.asarray(kernel, dtype=np.float64)
    output = transposed(x, kernel)
    copies = []
    for i, j in np.ndindex(*x.shape):
        alone = np.zeros_like(x)
        alone[i, j] = x[i, j]
        unit = np.zeros_like(x)
        unit[i, j] = 1
        copies.append(((i, j), transposed(alone, kernel), transposed(unit, np.ones_like(kernel)) != 0))
    if not np.array_equal(sum(copy for _, copy, _ in copies), output):
        raise ValueError("the scattered copies do not add up to reference.conv_transpose2d's output")
    rows, cols = output.shape
    width = cell_width(number(v) for v in output.ravel())
    gap = 40
    parts, x0 = [], 0
    for name, grid in ((words["input"], x), (words["kernel"], kernel)):
        parts.append(label(x0, 14, name))
        parts += _grid(x0, 22, *grid.shape, lambda r, c: "#ffffff", lambda r, c, g=grid: number(g[r, c]))
        x0 += max(grid.shape[1] * CELL, text_width(name)) + gap
    parts.append(f'<text x="{x0 - gap + 8}" y="{22 + CELL}" font-size="22">&#8594;</text>')
    parts.append(label(x0, 14, words["output"]))
    parts += _grid(x0, 22, rows, cols, lambda r, c: "#ffd27f", lambda r, c: number(output[r, c]), width=width)
    top_width = x0 + cols * width + 2
    y0 = 22 + max(rows, x.shape[0], kernel.shape[0]) * CELL + 40
    x0 = 0
    for n_copy, ((i, j), copy, covered) in enumerate(copies):
        if n_copy:
            parts.append(f'<text x="{x0 - gap / 2 - 6}" y="{y0 + 8 + rows * CELL / 2}" font-size="22">+</text>')
        caption = words["copy"].format(i=i, j=j, v=number(x[i, j]))
        parts.append(label(x0, y0, caption))
        parts += _grid(x0, y0 + 8, rows, cols, lambda r, c, m=covered: "#7fb3ff" if m[r, c] else "#ffffff",
                       lambda r, c, g=copy: number(g[r, c]), width=width)
        x0 += max(cols * width, text_width(caption)) + gap
    return svg(max(top_width, x0 - gap + 2), y0 + 8 + rows * CELL + 2, parts, "transposed convolution as a scatter")
