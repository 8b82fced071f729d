"""SVG figures for the site, drawn from what the reference computes (its padding and its window walk)."""

from __future__ import annotations

import html

import numpy as np

from reference._window import pad, window_taps

CELL = 28
MAX_CELLS = 14  # larger inputs are shown by their top-left corner


def _grid(x0, y0, rows, cols, fill, text=None, stroke="#555"):
    parts = []
    for r in range(rows):
        for c in range(cols):
            colour = fill(r, c)
            parts.append(f'<rect x="{x0 + c * CELL}" y="{y0 + r * CELL}" width="{CELL}" height="{CELL}" '
                         f'fill="{colour}" stroke="{stroke}" stroke-width="1"/>')
            if text is not None and text(r, c) is not None:
                parts.append(f'<text x="{x0 + c * CELL + CELL / 2}" y="{y0 + r * CELL + CELL * 0.68}" '
                             f'font-size="11" text-anchor="middle" font-family="monospace">'
                             f'{html.escape(text(r, c))}</text>')
    return parts


def _label(x, y, text):
    return f'<text x="{x}" y="{y}" font-size="13" font-family="sans-serif">{html.escape(text)}</text>'


def _number(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:g}"
    return str(value)


def window_figure(plane, paddings, taps, output, position, title) -> str:
    """The padded input plane with the taps of one window marked, and the output with its element.

    ``plane`` is the unpadded 2-D input (values shown when small), ``paddings`` the (before, after)
    padding per dimension, ``taps`` the window's coordinates in the padded plane, ``output`` the
    2-D output (or its shape) and ``position`` the output element the window produces.
    """
    padded = pad(np.asarray(plane), paddings, "zeros") if plane is not None else None
    rows = min(plane.shape[0] + sum(paddings[0]), MAX_CELLS)
    cols = min(plane.shape[1] + sum(paddings[1]), MAX_CELLS)
    (top, _), (left, _) = paddings
    tap_set = {(int(r), int(c)) for r in taps[0] for c in taps[1]}
    in_rows, in_cols = plane.shape

    def fill(r, c):
        if (r, c) in tap_set:
            return "#7fb3ff" if top <= r < top + in_rows and left <= c < left + in_cols else "#b9cff0"
        return "#ffffff" if top <= r < top + in_rows and left <= c < left + in_cols else "#e6e6e6"

    show_values = max(rows, cols) <= MAX_CELLS and padded is not None and padded.size <= 196
    parts = [_label(0, 14, f"padded input ({plane.shape[0]}x{plane.shape[1]} + padding)"
                    + (", top-left corner" if rows < plane.shape[0] + sum(paddings[0]) else ""))]
    parts += _grid(0, 22, rows, cols, fill, (lambda r, c: _number(padded[r, c])) if show_values else None)
    out = np.asarray(output)
    out_shape = out.shape if out.ndim == 2 else tuple(output)
    o_rows, o_cols = min(out_shape[0], MAX_CELLS), min(out_shape[1], MAX_CELLS)
    x0 = cols * CELL + 60
    parts.append(f'<text x="{cols * CELL + 14}" y="{22 + rows * CELL / 2}" font-size="22">&#8594;</text>')
    parts.append(_label(x0, 14, f"output ({out_shape[0]}x{out_shape[1]})"))
    parts += _grid(x0, 22, o_rows, o_cols, lambda r, c: "#ffd27f" if (r, c) == tuple(position) else "#ffffff",
                   (lambda r, c: _number(out[r, c])) if out.ndim == 2 and out.size <= 196 else None)
    width = x0 + o_cols * CELL + 2
    height = 22 + max(rows, o_rows) * CELL + 2
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{html.escape(title)}" viewBox="0 0 {width} {height}">' + "".join(parts) + "</svg>")


def padding_modes_figure(row=(1, 2, 3, 4), padding=2) -> str:
    """One row padded by each padding mode, as the reference pads it."""
    parts, y = [], 0
    for mode in ("zeros", "reflect", "replicate", "circular"):
        padded = pad(np.array([row]), [(padding, padding)], mode)[0]
        parts.append(_label(0, y + CELL * 0.68, mode))
        parts += _grid(90, y, 1, len(padded),
                       lambda r, c: "#ffffff" if padding <= c < padding + len(row) else "#e6e6e6",
                       lambda r, c, padded=padded: _number(padded[c]))
        y += CELL + 8
    width = 90 + (len(row) + 2 * padding) * CELL + 2
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" role="img" '
            f'aria-label="padding modes">' + "".join(parts) + "</svg>")


def ceil_mode_figure(size=5, kernel=2, stride=2, padding=1) -> str:
    """The windows of one dimension in ceil mode, the dropped one (starting in the padding) struck out."""
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
        parts.append(_label((start + kernel) * CELL + 6, y + 5, f"window {w}" + ("" if w < kept else ": dropped")))
    height = CELL + 20 + raw * 16
    width = total * CELL + 130
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="ceil mode windows">' + "".join(parts) + "</svg>")
