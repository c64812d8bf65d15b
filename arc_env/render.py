"""Rendering grids and tasks: ANSI strings for terminals and RGB arrays for ``rgb_array`` rendering.

Colours follow the standard ARC palette: 0 black, 1 blue, 2 red, 3 green, 4 yellow, 5 grey, 6 magenta,
7 orange, 8 azure (light blue), 9 maroon. The ANSI functions return strings; they never print.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from arc_env.tasks import Task
from dsl.values import Grid

__all__ = [
    "BACKGROUND",
    "GRID_LINE",
    "TEXT",
    "text_to_mask",
    "use_color",
    "PALETTE",
    "PLACEHOLDER",
    "RESET",
    "grid_to_ansi",
    "grid_to_rgb",
    "grids_side_by_side",
    "panels_to_rgb",
    "task_to_ansi",
]

PALETTE: tuple[tuple[int, int, int], ...] = (
    (0, 0, 0),  # 0 black
    (0, 116, 217),  # 1 blue
    (255, 65, 54),  # 2 red
    (46, 204, 64),  # 3 green
    (255, 220, 0),  # 4 yellow
    (170, 170, 170),  # 5 grey
    (240, 18, 190),  # 6 magenta
    (255, 133, 27),  # 7 orange
    (127, 219, 255),  # 8 azure
    (135, 12, 37),  # 9 maroon
)
BACKGROUND = (72, 72, 72)  # panel background in rgb renderings
GRID_LINE = (40, 40, 40)  # cell borders in rgb renderings
TEXT = (235, 235, 235)  # titles in rgb renderings
PLACEHOLDER = (40, 40, 40)  # fill of a missing (None) grid in rgb renderings
RESET = "\x1b[0m"

_PALETTE_RGB = np.array(PALETTE, dtype=np.uint8)
_CUBE = (0, 95, 135, 175, 215, 255)  # xterm 256-colour cube levels


def _nearest_256(rgb: tuple[int, int, int]) -> int:
    """The xterm-256 colour index closest to ``rgb`` (searching the 6x6x6 cube and the grey ramp)."""
    best, best_d = 16, float("inf")
    for ri, r in enumerate(_CUBE):
        for gi, g in enumerate(_CUBE):
            for bi, b in enumerate(_CUBE):
                d = (r - rgb[0]) ** 2 + (g - rgb[1]) ** 2 + (b - rgb[2]) ** 2
                if d < best_d:
                    best, best_d = 16 + 36 * ri + 6 * gi + bi, d
    for k in range(24):
        v = 8 + 10 * k
        d = sum((v - c) ** 2 for c in rgb)
        if d < best_d:
            best, best_d = 232 + k, d
    return best


def use_color(stream: object) -> bool:
    """Whether to write colour codes to ``stream``: a terminal, and no ``NO_COLOR`` (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_ANSI_TRUE = tuple(f"\x1b[48;2;{r};{g};{b}m" for r, g, b in PALETTE)
_ANSI_256 = tuple(f"\x1b[48;5;{_nearest_256(c)}m" for c in PALETTE)


def grid_to_ansi(grid: Grid, truecolor: bool = True, color: bool = True) -> str:
    """Render ``grid`` as lines of two-space cells with ANSI background colours (truecolour or 256-colour).

    Each line ends with a reset code; lines are joined by ``"\\n"`` (no trailing newline). With
    ``color=False`` (a file, a pipe, ``NO_COLOR``) each cell is its colour digit and no escape codes are written.
    """
    if not color:
        return "\n".join("".join(f"{v} " for v in row) for row in grid)
    codes = _ANSI_TRUE if truecolor else _ANSI_256
    return "\n".join("".join(codes[v] + "  " for v in row) + RESET for row in grid)


def _grid_width(grid: Grid | None) -> int:
    return 2 * len(grid[0]) if grid else 1


def grids_side_by_side(
    grids: Sequence[Grid | None],
    titles: Sequence[str] | None = None,
    sep: str = "   ",
    truecolor: bool = True,
    color: bool = True,
) -> str:
    """Place ANSI renderings of ``grids`` next to each other, with an optional title line above each.

    ``sep`` separates the columns on the middle line; other lines use spaces of the same width (so ``" -> "``
    draws an arrow between the grids). A ``None`` grid is drawn as ``"?"``.
    """
    titles = list(titles) if titles is not None else []
    columns: list[list[str]] = []  # lines of each column, padded to its visible width
    widths: list[int] = []
    for k, grid in enumerate(grids):
        title = titles[k] if k < len(titles) else ""
        lines = grid_to_ansi(grid, truecolor, color).split("\n") if grid is not None else ["?"]
        width = max(_grid_width(grid), len(title))
        columns.append([line + " " * (width - _grid_width(grid)) for line in lines])
        widths.append(width)
    if not columns:
        return "\n".join(titles)
    height = max(len(c) for c in columns)
    middle = (height - 1) // 2
    blank = " " * len(sep)
    out: list[str] = []
    if any(titles):
        out.append(blank.join(
            (titles[k] if k < len(titles) else "").ljust(w) for k, w in enumerate(widths)
        ).rstrip())
    for i in range(height):
        cells = [col[i] if i < len(col) else " " * w for col, w in zip(columns, widths)]
        out.append((sep if i == middle else blank).join(cells).rstrip())
    return "\n".join(out)


def _shape(grid: Grid | None) -> str:
    return f"{len(grid)}x{len(grid[0])}" if grid else "?"


def task_to_ansi(task: Task, show_test_outputs: bool = True, truecolor: bool = True, color: bool = True) -> str:
    """Render every pair of ``task`` as ``input -> output`` with titles; hidden test outputs show as ``"?"``.
    ``color=False`` writes colour digits instead of escape codes."""
    header = f"Task {task.id}" + (f" ({task.source})" if task.source else "")
    blocks = [header]
    for split, pairs in (("train", task.train), ("test", task.test)):
        for k, pair in enumerate(pairs):
            output = pair.output if (split == "train" or show_test_outputs) else None
            titles = [f"{split}[{k}] input {_shape(pair.input)}",
                      f"output {_shape(output)}" if output is not None else "output (hidden)"]
            blocks.append(grids_side_by_side([pair.input, output], titles, sep=" -> ", truecolor=truecolor,
                                             color=color))
    return "\n\n".join(blocks)


def grid_to_rgb(grid: Grid, cell: int = 8, grid_lines: bool = False) -> np.ndarray:
    """Render ``grid`` as a ``uint8`` image of shape ``(H * cell, W * cell, 3)`` in the ARC palette.

    ``grid_lines`` draws the last pixel row and column of every cell in :data:`GRID_LINE`, so that cells of
    one colour stay countable (as in the ARC web viewer)."""
    idx = np.asarray(grid, dtype=np.intp)
    if idx.ndim != 2:
        raise ValueError("grid must be two-dimensional")
    img = np.repeat(np.repeat(_PALETTE_RGB[idx], cell, axis=0), cell, axis=1)
    if grid_lines and cell >= 3:
        img[cell - 1::cell, :] = GRID_LINE
        img[:, cell - 1::cell] = GRID_LINE
    return img


# A 3x5 pixel font for panel titles (upper case; lower case is drawn as upper case).
_GLYPHS = {
    "A": "010101111101101", "B": "110101110101110", "C": "011100100100011", "D": "110101101101110",
    "E": "111100110100111", "F": "111100110100100", "G": "011100101101011", "H": "101101111101101",
    "I": "111010010010111", "J": "001001001101010", "K": "101101110101101", "L": "100100100100111",
    "M": "101111111101101", "N": "110101101101101", "O": "010101101101010", "P": "110101110100100",
    "Q": "010101101110011", "R": "110101110101101", "S": "011100010001110", "T": "111010010010010",
    "U": "101101101101111", "V": "101101101101010", "W": "101101111111101", "X": "101101010101101",
    "Y": "101101010010010", "Z": "111001010100111", "0": "111101101101111", "1": "010110010010111",
    "2": "110001010100111", "3": "110001010001110", "4": "101101111001001", "5": "111100110001110",
    "6": "011100111101111", "7": "111001010010010", "8": "111101111101111", "9": "111101111001110",
    " ": "000000000000000", "-": "000000111000000", "?": "110001010000010",
}
_GLYPH_BITS = {c: np.array([int(b) for b in bits], dtype=bool).reshape(5, 3) for c, bits in _GLYPHS.items()}


def text_to_mask(text: str, scale: int = 2) -> np.ndarray:
    """A boolean pixel mask of ``text`` in the built-in 3x5 font (unknown characters are drawn as ``?``)."""
    glyphs = [_GLYPH_BITS.get(c.upper(), _GLYPH_BITS["?"]) for c in text]
    if not glyphs:
        return np.zeros((5 * scale, 0), dtype=bool)
    spaced = [np.pad(g, ((0, 0), (0, 1))) for g in glyphs]  # one blank column between characters
    mask = np.concatenate(spaced, axis=1)[:, :-1]
    return np.repeat(np.repeat(mask, scale, axis=0), scale, axis=1)


def panels_to_rgb(
    rows_of_grids: Sequence[Sequence[Grid | None]],
    cell: int = 8,
    gap: int = 8,
    placeholder_side: int = 3,
    titles: Sequence[str] | None = None,
    grid_lines: bool = False,
) -> np.ndarray:
    """Draw grids in a table (one row per pair) on a grey background; returns ``uint8 (H, W, 3)``.

    Columns are aligned across rows (each as wide as its widest grid) and separated, with the margins, by
    ``gap`` pixels. A ``None`` entry is drawn as an empty ``placeholder_side``-cell square. ``titles`` (one
    per column) are written above the columns; ``grid_lines`` outlines every cell.
    """
    images = [
        [grid_to_rgb(g, cell, grid_lines) if g is not None else
         np.full((placeholder_side * cell, placeholder_side * cell, 3), PLACEHOLDER, dtype=np.uint8)
         for g in row]
        for row in rows_of_grids
    ]
    n_cols = max((len(r) for r in images), default=0)
    col_w = [max((r[c].shape[1] for r in images if c < len(r)), default=0) for c in range(n_cols)]
    row_h = [max((im.shape[0] for im in r), default=0) for r in images]
    masks = [text_to_mask(t) for t in titles] if titles else []
    title_h = max((m.shape[0] for m in masks), default=0)
    title_h = title_h + gap if title_h else 0
    col_w = [max(w, masks[c].shape[1] if c < len(masks) else 0) for c, w in enumerate(col_w)]
    height = gap + title_h + sum(h + gap for h in row_h)
    width = gap + sum(w + gap for w in col_w)
    canvas = np.empty((height, width, 3), dtype=np.uint8)
    canvas[:] = BACKGROUND
    x = gap
    for c, w in enumerate(col_w):
        if c < len(masks):
            m = masks[c]
            canvas[gap:gap + m.shape[0], x:x + m.shape[1]][m] = TEXT
        x += w + gap
    y = gap + title_h
    for r, row in enumerate(images):
        x = gap
        for c, im in enumerate(row):
            canvas[y:y + im.shape[0], x:x + im.shape[1]] = im
            x += col_w[c] + gap
        y += row_h[r] + gap
    return canvas
