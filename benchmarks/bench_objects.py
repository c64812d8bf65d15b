"""Time the object-extraction primitives on a few 30x30 ARC-like grids.

Run from the repository root: ``python benchmarks/bench_objects.py``. Prints the median wall-clock and CPU
microseconds per call over several timeit repeats of ``objects`` in its flag combinations, ``partition``,
``fgpartition`` and ``occurrences``. Target: ``objects(grid, F/T, T, T)`` on the ``shapes`` grids <= 200 us.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import timeit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from dsl.primitives.objects import fgpartition, objects, occurrences, partition


def shapes_grid(seed: int, n_shapes: int = 20, size: int = 30, bg: int = 0) -> tuple:
    """A background grid with ``n_shapes`` ragged rectangles of random colours (about 20 objects)."""
    rng = random.Random(seed)
    g = [[bg] * size for _ in range(size)]
    for _ in range(n_shapes):
        c = rng.choice([x for x in range(10) if x != bg])
        i, j = rng.randrange(size), rng.randrange(size)
        hh, ww = rng.randint(1, 5), rng.randint(1, 5)
        for a in range(i, min(size, i + hh)):
            for b in range(j, min(size, j + ww)):
                if rng.random() < 0.85:
                    g[a][b] = c
    return tuple(map(tuple, g))


def noise_grid(seed: int, density: float = 0.3, size: int = 30) -> tuple:
    """Random noise: each cell is a random non-zero colour with probability ``density`` (hundreds of objects)."""
    rng = random.Random(seed)
    return tuple(tuple(rng.randint(1, 9) if rng.random() < density else 0 for _ in range(size))
                 for _ in range(size))


def median_us(fn, number: int, timer=time.perf_counter, repeat: int = 9) -> float:
    """Median over ``repeat`` runs of the mean microseconds per call of ``fn`` over ``number`` calls."""
    runs = timeit.repeat(fn, number=number, repeat=repeat, timer=timer)
    return statistics.median(t / number * 1e6 for t in runs)


def main() -> None:
    grids = {
        "shapes-1": shapes_grid(1),
        "shapes-2": shapes_grid(2),
        "shapes-bg5": shapes_grid(3, bg=5),
        "big-shapes": shapes_grid(4, n_shapes=12),
        "noise-30%": noise_grid(5),
    }
    # A small template cut from each grid (its top-left object) for occurrences.
    templates = {name: objects(g, True, True, True)[0] for name, g in grids.items()}
    cases = [
        ("objects(g, T, F, T)", lambda g, t: objects(g, True, False, True)),
        ("objects(g, T, T, T)", lambda g, t: objects(g, True, True, True)),
        ("objects(g, F, F, T)", lambda g, t: objects(g, False, False, True)),
        ("objects(g, F, T, T)", lambda g, t: objects(g, False, True, True)),
        ("objects(g, T, F, F)", lambda g, t: objects(g, True, False, False)),
        ("partition(g)", lambda g, t: partition(g)),
        ("fgpartition(g)", lambda g, t: fgpartition(g)),
        ("occurrences(g, obj)", lambda g, t: occurrences(g, t)),
    ]
    names = list(grids)
    print("objects found by objects(g, T, T, T): "
          + ", ".join(f"{n}={len(objects(grids[n], True, True, True))}" for n in names))
    timers = (("wall-clock", time.perf_counter),
              ("CPU time (process_time: steadier when other processes share the cores)", time.process_time))
    for title, timer in timers:
        print(f"\nmedian {title}, us per call")
        print(f"{'':24}" + "".join(f"{n:>12}" for n in names))
        for label, fn in cases:
            row = []
            for n in names:
                g, t = grids[n], templates[n]
                fn(g, t)  # warm caches and lazy imports
                row.append(median_us(lambda fn=fn, g=g, t=t: fn(g, t), number=200, timer=timer))
            print(f"{label:24}" + "".join(f"{x:12.1f}" for x in row))


if __name__ == "__main__":
    main()
