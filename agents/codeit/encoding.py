"""A compact word-token encoding of a task's demonstration pairs, the encoder's prompt.

Only the demo (``train``) pairs are encoded, never test pairs. Pairs are sorted by the paper's key
``(input rows + output rows, input width)`` ascending (stable), then written one after another, each input
followed by its own output (interleaved, unlike the paper's all-inputs-then-all-outputs prompt)::

    <in> GRID <out> GRID <in> GRID <out> GRID ...

A grid is a header ``h<rows> w<cols> b<background>`` (the background is the most common colour, ties to the
smallest) followed by its rows; each row after the first starts with ``/``. A row is a list of runs, left to
right:

* ``c<k>`` one cell of colour k, ``c<k>r<n>`` n >= 2 cells of colour k;
* ``s<n>`` n cells of background;
* ``k<n>`` (outputs only, when the output has the input's shape) n cells equal to the input's cells there.

The last run of a row is left out when it is the default fill: ``k`` for an output of the input's shape,
``s`` otherwise (so an output row equal to its input row is just ``/``). A row equal to the row before it
is written ``=`` instead (``= r<n>`` for n such rows in a row), with no ``/``. The encoding is lossless;
:func:`decode_pairs` inverts it.

Figures (``benchmarks/bench_encoding.py``): over the 400 ARC-AGI-1 evaluation tasks the length has median
248, p90 698, p95 988 and max 3,080 tokens, so the default cap of 1,024 truncates 5.0% of them (20 tasks;
the next longest task has 984 tokens); training tasks: median 158, p95 597, max 2,709, 1.75% truncated.
The background and ``k`` runs carry most of the saving: plain run-length rows need a cap of ~2,150 for 95%.

Truncation at ``max_tokens``: whole trailing pairs are dropped first; the first pair is always kept, and
is itself cut to ``max_tokens`` tokens if it alone is longer.
"""

from __future__ import annotations

from collections.abc import Sequence

from arc_env.tasks import Pair, Task
from dsl.background import background
from dsl.values import MAX_GRID_SIDE, Grid

__all__ = ["DEFAULT_MAX_TOKENS", "MAX_SIDE", "decode_pairs", "encode_grid", "encode_task",
           "encoding_vocabulary", "sort_pairs"]

DEFAULT_MAX_TOKENS = 1024
MAX_SIDE = MAX_GRID_SIDE  # grids from DSL programs may be larger than ARC's 30x30
IN, OUT, ROW, SAME = "<in>", "<out>", "/", "="

PairsLike = Task | Sequence[Pair] | Sequence[tuple[Grid, Grid]]


def encoding_vocabulary() -> list[str]:
    """Every word token :func:`encode_task` can produce, in a fixed order."""
    n = range(1, MAX_SIDE + 1)
    return ([IN, OUT, ROW, SAME]
            + [f"h{i}" for i in n] + [f"w{i}" for i in n] + [f"b{c}" for c in range(10)]
            + [f"c{c}" for c in range(10)] + [f"c{c}r{i}" for c in range(10) for i in n if i > 1]
            + [f"s{i}" for i in n] + [f"k{i}" for i in n] + [f"r{i}" for i in n if i > 1])


def _background(grid: Grid) -> int:
    return background(grid)


def _runs(cells: Sequence) -> list[tuple[object, int]]:
    runs: list[list] = []
    for v in cells:
        if runs and runs[-1][0] == v:
            runs[-1][1] += 1
        else:
            runs.append([v, 1])
    return [(v, n) for v, n in runs]


def encode_grid(grid: Grid, ref: Grid | None = None) -> list[str]:
    """Tokens of one grid; with ``ref`` (the pair's input) of the same shape, unchanged cells become ``k`` runs."""
    h, w = len(grid), len(grid[0]) if grid else 0
    if not (1 <= h <= MAX_SIDE and 1 <= w <= MAX_SIDE):
        raise ValueError(f"cannot encode a {h}x{w} grid (sides must be 1-{MAX_SIDE})")
    bg = _background(grid)
    diff = ref is not None and len(ref) == h and len(ref[0]) == w
    default = "k" if diff else bg
    toks = [f"h{h}", f"w{w}", f"b{bg}"]
    repeats = 0
    for i, row in enumerate(grid):
        if i > 0 and row == grid[i - 1]:
            repeats += 1
            continue
        if repeats:
            toks.append(SAME)
            if repeats > 1:
                toks.append(f"r{repeats}")
            repeats = 0
        if i > 0:
            toks.append(ROW)
        cells = [("k" if v == r else v) for v, r in zip(row, ref[i])] if diff else row
        runs = _runs(cells)
        if runs[-1][0] == default:
            runs.pop()
        for v, n in runs:
            if v == "k":
                toks.append(f"k{n}")
            elif v == bg:
                toks.append(f"s{n}")
            else:
                toks.append(f"c{v}" if n == 1 else f"c{v}r{n}")
    if repeats:
        toks.append(SAME)
        if repeats > 1:
            toks.append(f"r{repeats}")
    return toks


def _pairs_of(task_or_pairs: PairsLike) -> list[tuple[Grid, Grid]]:
    items = task_or_pairs.train if isinstance(task_or_pairs, Task) else task_or_pairs
    pairs = []
    for p in items:
        inp, out = (p.input, p.output) if isinstance(p, Pair) else p
        if out is None:
            raise ValueError("a demo pair has no output")
        pairs.append((inp, out))
    return pairs


def pair_size_key(pair: tuple[Grid, Grid]) -> tuple[int, int]:
    """The paper's demo order key: (input rows + output rows, input width); smaller pairs first."""
    return len(pair[0]) + len(pair[1]), len(pair[0][0])


def sort_pairs(pairs: Sequence[tuple[Grid, Grid]]) -> list[tuple[Grid, Grid]]:
    """Pairs sorted (stably) by :func:`pair_size_key`, ascending."""
    return sorted(pairs, key=pair_size_key)


def encode_task(task_or_pairs: PairsLike, max_tokens: int = DEFAULT_MAX_TOKENS) -> list[str]:
    """The prompt tokens of a task's demo pairs (a :class:`Task`, its ``Pair`` s or ``(input, output)`` tuples).

    Pairs are sorted (:func:`sort_pairs`) and interleaved; at most ``max_tokens`` tokens are returned:
    trailing pairs that do not fit are dropped whole, and the first pair is cut if it alone is too long.
    """
    if max_tokens < 1:
        raise ValueError("max_tokens must be positive")
    toks: list[str] = []
    for k, (inp, out) in enumerate(sort_pairs(_pairs_of(task_or_pairs))):
        pair = [IN] + encode_grid(inp) + [OUT] + encode_grid(out, ref=inp)
        if len(toks) + len(pair) > max_tokens:
            if k == 0:
                toks = pair[:max_tokens]
            break
        toks.extend(pair)
    return toks


# --------------------------------------------------------------------------------------------------- decoding


def _decode_grid(toks: list[str], pos: int, ref: Grid | None) -> tuple[Grid, int]:
    h, w, bg = int(toks[pos][1:]), int(toks[pos + 1][1:]), int(toks[pos + 2][1:])
    pos += 3
    diff = ref is not None and len(ref) == h and len(ref[0]) == w
    rows: list[tuple[int, ...]] = []
    cur: list[int] = []

    def end_row() -> None:
        i = len(rows)
        cur.extend(ref[i][len(cur):] if diff else [bg] * (w - len(cur)))
        rows.append(tuple(cur))
        cur.clear()

    started = True  # a row is open (the first row always is, even when it has no tokens)
    while pos < len(toks) and toks[pos] not in (IN, OUT):
        t = toks[pos]
        pos += 1
        if t == SAME or t == ROW:
            if started:
                end_row()
            started = t == ROW
            if t == SAME:
                n = 1
                if pos < len(toks) and toks[pos][0] == "r":
                    n, pos = int(toks[pos][1:]), pos + 1
                rows.extend([rows[-1]] * n)
            continue
        if t[0] == "k":
            i = len(rows)
            cur.extend(ref[i][len(cur):len(cur) + int(t[1:])])
        elif t[0] == "s":
            cur.extend([bg] * int(t[1:]))
        else:
            colour, _, n = t[1:].partition("r")
            cur.extend([int(colour)] * (int(n) if n else 1))
    if started:
        end_row()
    if len(rows) != h or any(len(r) != w for r in rows):
        raise ValueError("malformed grid encoding")
    return tuple(rows), pos


def decode_pairs(tokens: Sequence[str]) -> list[tuple[Grid, Grid]]:
    """The (input, output) pairs an untruncated :func:`encode_task` token list spells, in prompt order."""
    toks = list(tokens)
    pairs, pos = [], 0
    while pos < len(toks):
        if toks[pos] != IN:
            raise ValueError(f"expected {IN} at token {pos}")
        inp, pos = _decode_grid(toks, pos + 1, None)
        if pos >= len(toks) or toks[pos] != OUT:
            raise ValueError(f"expected {OUT} at token {pos}")
        out, pos = _decode_grid(toks, pos + 1, inp)
        pairs.append((inp, out))
    return pairs
