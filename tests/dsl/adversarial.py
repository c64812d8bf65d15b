"""Grammar-legal programs built to run long or hold much memory (shared by the limit tests and benchmarks).

Each one must end within about twice the interpreter's time limit per run with ``timeout`` or ``limit``.
"""

from __future__ import annotations

_BIG = """x1 = multiply(TEN, SIX)
x2 = vec(x1, x1)
x3 = canvas(ONE, x2)
x4 = multiply(EIGHT, EIGHT)
x5 = multiply(x4, x4)
"""  # x1 = 60, x3 = a 60x60 grid, x5 = 4096

ADVERSARIAL: dict[str, str] = {
    # The reproduction: 4,096 copies of a 60x60 grid turned into objects.
    "apply_asobject": _BIG + "x6 = repeat(x3, x5)\nx7 = apply(asobject, x6)\nO = identity(I)",
    "papply_thick_core": _BIG + "x6 = asindices(x3)\nx7 = multiply(FIVE, SIX)\nx8 = repeat(x6, x5)\n"
                                "x9 = repeat(x7, x5)\nx10 = papply(thick_core, x8, x9)\nO = identity(I)",
    "apply_crop_object": _BIG + "x6 = asobject(x3)\nx7 = repeat(x6, x5)\nx8 = apply(crop_object, x7)\nO = identity(I)",
    "nested_repeat_dedupe": _BIG + "x6 = repeat(x3, x5)\nx7 = repeat(x6, x5)\nx8 = dedupe(x7)\nO = identity(I)",
    "nested_repeat_equality": "x1 = repeat(I, TEN)\nx2 = repeat(x1, TEN)\nx3 = repeat(x2, TEN)\n"
                              "x4 = repeat(x3, TEN)\nx5 = repeat(x4, TEN)\nx6 = equality(x5, x5)\nO = identity(I)",
    # Doubling a value by pairing it with itself: O(1) work per line, exponential size.
    "pair_doubling": "x1 = pair(I, I)\n" + "".join(f"x{k + 1} = pair(x{k}, x{k})\n" for k in range(1, 40))
                     + "x41 = dedupe(x40)\nO = identity(I)",
    # The same doubling inside a closure, iterated by power.
    "power_combine": "x1 = fork(combine, identity, identity)\nx2 = multiply(FIVE, SIX)\nx3 = power(x1, x2)\n"
                     "x4 = repeat(I, TEN)\nx5 = x3(x4)\nO = identity(I)",
    # Exponentially many closure calls.
    "power_power": "x1 = compose(rot90, rot90)\nx2 = multiply(FIVE, SIX)\nx3 = power(x1, x2)\n"
                   "x4 = power(x3, x2)\nx5 = power(x4, x2)\nx6 = power(x5, x2)\nO = x6(I)",
    "fork_tree": "x1 = fork(hconcat, identity, identity)\nx2 = fork(vconcat, x1, x1)\nx3 = compose(x2, x2)\n"
                 "x4 = multiply(FIVE, SIX)\nx5 = power(x3, x4)\nO = x5(I)",
    "fork_sizes": "x1 = fork(add, size, size)\nx2 = fork(add, x1, x1)\nx3 = fork(add, x2, x2)\nx4 = fork(add, x3, x3)\n"
                  "x5 = fork(add, x4, x4)\nx6 = fork(add, x5, x5)\nx7 = fork(add, x6, x6)\nx8 = fork(add, x7, x7)\n"
                  "x9 = fork(add, x8, x8)\nx10 = fork(add, x9, x9)\nx11 = fork(add, x10, x10)\n"
                  "x12 = fork(add, x11, x11)\nx13 = fork(add, x12, x12)\nx14 = fork(add, x13, x13)\n"
                  "x15 = asobject(I)\nx16 = fork(add, x14, x14)\nx17 = fork(add, x16, x16)\nx18 = x17(x15)\n"
                  "O = identity(I)",
    # Millions of cheap closure calls, nested inside apply and power (stopped by the work budget or the clock).
    "nested_apply_power": _BIG + "x6 = interval(ZERO, x5, ONE)\nx7 = rbind(add, ONE)\nx8 = lbind(apply, x7)\n"
                                 "x9 = multiply(FIVE, SIX)\nx10 = power(x8, x9)\nx11 = multiply(FOUR, SIX)\n"
                                 "x12 = repeat(x6, x11)\nx13 = apply(x10, x12)\nO = identity(I)",
    # Close to a full budget of work on every input, then a value over the caps.
    "work_then_limit": _BIG + "x6 = interval(ZERO, x5, ONE)\nx7 = rbind(add, ONE)\nx8 = lbind(apply, x7)\n"
                              "x9 = multiply(THREE, FIVE)\nx10 = power(x8, x9)\nx11 = x10(x6)\nx12 = x10(x11)\n"
                              "x13 = repeat(x3, x5)\nO = identity(I)",
    # A large bound value read on every call.
    "rbind_big": _BIG + "x6 = multiply(THREE, NINE)\nx7 = repeat(x3, x6)\nx8 = rbind(contained, x7)\n"
                        "x9 = lbind(canvas, ONE)\nx10 = fork(vec, identity, identity)\nx11 = chain(x8, x9, x10)\n"
                        "x12 = repeat(x1, x5)\nx13 = apply(x11, x12)\nO = identity(I)",
    "matcher_big": _BIG + "x6 = asobject(x3)\nx7 = repeat(x6, TEN)\nx8 = matcher(identity, x7)\nx9 = repeat(x7, TEN)\n"
                          "x10 = sfilter(x9, x8)\nx11 = repeat(x10, x5)\nO = identity(I)",
    # Many functions applied to one large value.
    "rapply_many": _BIG + "x6 = repeat(asobject, x5)\nx7 = rapply(x6, x3)\nO = identity(I)",
    # Products of large tuples.
    "product_big": _BIG + "x6 = interval(ZERO, x1, ONE)\nx7 = product(x6, x6)\nx8 = product(x7, x7)\nO = identity(I)",
}

# Costly but legal: must finish (the 27 s case, quadratic thick_core before it became linear).
HEAVY: dict[str, str] = {
    "papply_thick_core_16": _BIG + "x6 = asindices(x3)\nx7 = multiply(FIVE, SIX)\nx8 = multiply(FOUR, FOUR)\n"
                                   "x9 = repeat(x6, x8)\nx10 = repeat(x7, x8)\nx11 = papply(thick_core, x9, x10)\n"
                                   "O = identity(I)",
}
