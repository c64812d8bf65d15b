"""The search's transforms: DSL primitives with their other arguments bound, one value in, one value out.

Values are of two kinds: ``"G"`` (a grid) and ``"L"`` (a tuple of grids). A transform maps one kind to one
kind (grid to grid, grid to list, list to grid, list to list) and is a :class:`~agents.search.recipe.Recipe`,
so the same definition runs in the search and prints as program lines. Arguments are bound to constants, to
the colours of the task (input colours for filters, output colours for paint colours), to the four or eight
directions, and to the predicted output shape ``S``.

:func:`build_transforms` returns the ordered list for one task. The order is the tie-break of the search
(cheaper families first), and a learned prior may replace the uniform costs (``Transform.cost``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Iterable, Sequence

from agents.search.recipe import I, Const, Fn, Recipe, S, Step, X, const_for, int_steps
from dsl.registry import PRIMITIVES

__all__ = ["Transform", "build_transforms", "task_colours"]

GRID, LIST = "G", "L"

_DIRS4 = ("DOWN", "UP", "RIGHT", "LEFT")
_DIRS8 = _DIRS4 + ("UNITY", "NEG_UNITY", "UP_RIGHT", "DOWN_LEFT")
# Truth tables of panel_logic (bit 2a+b): and, or, xor, nor, a and not b, b and not a.
_LOGIC = ((8, "and"), (14, "or"), (6, "xor"), (1, "nor"), (4, "a_not_b"), (2, "b_not_a"))
_FLAGS = (("T", "F"), ("T", "T"), ("F", "F"), ("F", "T"))  # objects(): (univalued, diagonal)


@dataclass(frozen=True)
class Transform:
    """A unary search step: its name (for traces and priors), kinds in and out, and its recipe."""

    name: str
    src: str
    dst: str
    recipe: Recipe
    family: str
    cost: float = 1.0
    max_src_depth: int = 99  # expensive repairs only run on shallow states


def _one(callee: str, *args) -> Recipe:
    return Recipe([Step(callee, (X,) + tuple(args))])


def _on_input(out: list[Transform], name: str, recipe: Recipe, family: str) -> None:
    """Append a grid-to-grid transform that runs on the task input only (a state of depth 0)."""
    out.append(Transform(name, GRID, GRID, recipe, family, max_src_depth=0))


def task_colours(grids: Iterable) -> set[int]:
    """The colours used anywhere in the grids."""
    out: set[int] = set()
    for g in grids:
        for row in g:
            out.update(row)
    return out


def _colour(c: int) -> Const:
    k = const_for(c)
    assert k is not None
    return k


def build_transforms(input_colours: set[int], output_colours: set[int], has_shape: bool,
                     same_shape: bool = True) -> list[Transform]:
    """The ordered transform list for a task with these colours (and a predicted output shape or not).

    ``same_shape`` False (the outputs do not keep the inputs' shapes) leaves out the in-place repairs of the task
    input, whose states would only add branching."""
    out: list[Transform] = []

    def add(name: str, src: str, dst: str, recipe: Recipe, family: str) -> None:
        out.append(Transform(name, src, dst, recipe, family, max_src_depth=0 if family == "repair" else 99))

    def have(*names: str) -> bool:
        return all(n in PRIMITIVES for n in names)

    # Rigid motions and cuts.
    for p in ("rot90", "rot180", "rot270", "hmirror", "vmirror", "dmirror", "cmirror"):
        add(p, GRID, GRID, _one(p), "rigid")
    for p in ("tophalf", "bottomhalf", "lefthalf", "righthalf", "trim", "compress", "shrink", "squash",
              "crop_ink"):
        if have(p):
            add(p, GRID, GRID, _one(p), "crop")
    # Pixel-level structure.
    for p in ("interior", "outline", "bridge_rows", "bridge_cols", "mirror_complete_lr", "mirror_complete_tb",
              "size_colours", "rank_colours"):
        if have(p):
            add(p, GRID, GRID, _one(p), "border")
    ins = sorted(input_colours)
    outs = sorted(output_colours)
    # Colour filters.
    for c in ins:
        if c and have("keep_colour"):
            add(f"keep_colour({c})", GRID, GRID, _one("keep_colour", _colour(c)), "colour")
    for c in ins:
        if c:
            add(f"erase({c})", GRID, GRID, _one("replace", _colour(c), Const("ZERO")), "colour")
    for c in outs:
        if c and have("recolour_ink"):
            add(f"recolour_ink({c})", GRID, GRID, _one("recolour_ink", _colour(c)), "colour")
    for c in outs:
        if c and have("invert_ink"):
            add(f"invert_ink({c})", GRID, GRID, _one("invert_ink", _colour(c)), "colour")
    if have("majority_cell"):
        add("majority_cell", GRID, GRID, _one("majority_cell"), "colour")
    # Drawing primitives (dsl/primitives/drawing.py); the rest are in _add_drawing.
    if have("majority_ink"):
        add("majority_ink", GRID, GRID, _one("majority_ink"), "colour")
    for c in outs:
        if c and have("halo"):
            for diagonal in ("F", "T"):
                add(f"halo({c},{diagonal})", GRID, GRID, _one("halo", _colour(c), Const(diagonal)), "border")
    # Holes, symmetry and pattern repair.
    for c in outs:
        if c:
            # holes(X) is computed once per grid and shared by every colour (the graph's step cache).
            add(f"fill_holes({c})", GRID, GRID, Recipe([Step("holes", (X,)), Step("fill", (X, _colour(c), 0))]),
                "border")
    for c in ins:
        add(f"complete_symmetry({c})", GRID, GRID, _one("complete_symmetry", _colour(c)), "repair")
        add(f"continue_pattern({c})", GRID, GRID, _one("continue_pattern", _colour(c)), "repair")
    # Motion and smearing.
    for d in _DIRS4:
        add(f"gravity({d})", GRID, GRID, _one("gravity", Const(d)), "smear")
    for d in _DIRS4:
        add(f"gravity_objects({d})", GRID, GRID, _one("gravity_objects", Const(d)), "smear")
    if have("smear"):
        for d in _DIRS8:
            add(f"smear({d})", GRID, GRID, _one("smear", Const(d)), "smear")
    # Scaling and tiling.
    for k in ("TWO", "THREE"):
        add(f"upscale({k})", GRID, GRID, _one("upscale", Const(k)), "size")
        add(f"downscale({k})", GRID, GRID, _one("downscale", Const(k)), "size")
    add("hconcat_self", GRID, GRID, _one("hconcat", X), "size")
    add("vconcat_self", GRID, GRID, _one("vconcat", X), "size")
    add("hconcat_mirror", GRID, GRID, Recipe([Step("vmirror", (X,)), Step("hconcat", (X, 0))]), "size")
    add("vconcat_mirror", GRID, GRID, Recipe([Step("hmirror", (X,)), Step("vconcat", (X, 0))]), "size")
    if have("mirror_tile"):
        add("mirror_tile", GRID, GRID, _one("mirror_tile"), "size")
    if has_shape:
        ratio = [Step("shape", (X,)), Step("divide", (S, 0))]
        add("tile_to_output", GRID, GRID, Recipe(ratio + [Step("row_of", (1,)), Step("col_of", (1,)),
                                                          Step("tile", (X, 2, 3))]), "size")
        add("scale_to_output", GRID, GRID, Recipe(ratio + [Step("row_of", (1,)), Step("upscale", (X, 2))]),
            "size")
        if have("embed"):
            add("embed_output", GRID, GRID, Recipe([Step("embed", (X, S))]), "size")
    # Objects kept in place.
    for u, d in _FLAGS[:2]:
        for pick in ("largest", "smallest"):
            add(f"keep_{pick}({u}{d})", GRID, GRID, Recipe([
                Step("objects", (X, Const(u), Const(d), Const("T"))), Step(pick, (0,)),
                Step("shape", (X,)), Step("canvas", (Const("ZERO"), 2)), Step("paint", (3, 1))]), "objects")
    # Grid to list: panels, halves and thirds, object sprites.
    add("panels", GRID, LIST, _one("panels"), "split")
    for k in ("TWO", "THREE"):
        add(f"hsplit({k})", GRID, LIST, _one("hsplit", Const(k)), "split")
        add(f"vsplit({k})", GRID, LIST, _one("vsplit", Const(k)), "split")
    for u, d in _FLAGS:
        add(f"sprites({u}{d})", GRID, LIST, Recipe([Step("objects", (X, Const(u), Const(d), Const("T"))),
                                                    Step("apply", (Fn("crop_object"), 0))]), "split")
    add("colour_sprites", GRID, LIST, Recipe([Step("fgpartition", (X,)),
                                              Step("apply", (Fn("crop_object"), 0))]), "split")
    # List to grid: pick one, or join.
    for p in ("first", "last", "mostcommon", "leastcommon"):
        add(p, LIST, GRID, _one(p), "pick")
    for key in ("ink", "area", "numcolors"):
        if have(key):
            for pick in ("argmax", "argmin"):
                add(f"{pick}({key})", LIST, GRID, _one(pick, Fn(key)), "pick")
    for p in ("majority_vote", "stack_h", "stack_v", "stack_ink"):
        add(p, LIST, GRID, _one(p), "join")
    if have("panel_logic"):
        for rule, op in _LOGIC:
            steps, arg = int_steps(rule)
            for c in outs:
                if c:
                    add(f"panel_{op}({c})", LIST, GRID,
                        Recipe(steps + [Step("panel_logic", (X, arg, _colour(c)))]), "join")
    # List to list: filters, orderings and per-item maps.
    add("dedupe", LIST, LIST, _one("dedupe"), "filter")
    add("reverse", LIST, LIST, _one("reverse"), "filter")
    for key in ("ink", "area", "numcolors"):
        if have(key):
            add(f"sort_by({key})", LIST, LIST, _one("sort_by", Fn(key)), "filter")
            for extreme in ("valmax", "valmin"):
                add(f"keep_{extreme}({key})", LIST, LIST, Recipe([
                    Step(extreme, (X, Fn(key))), Step("matcher", (Fn(key), 0)), Step("sfilter", (X, 1))]), "filter")
    for f in ("crop_ink", "trim", "rot90", "hmirror", "vmirror", "compress"):
        if have(f):
            add(f"map({f})", LIST, LIST, Recipe([Step("apply", (Fn(f), X))]), "filter")
    # Counting into grids, cleaning, motion and masks (tally.py, cleanup.py, motion.py).
    for p in ("ink_row", "colours_by_count", "colour_histogram", "keep_singletons", "remove_singletons",
              "keep_holed", "denoise_stripes", "bounce"):
        if have(p):
            add(p, GRID, GRID, _one(p), "tally")
    if have("translate"):
        for d in _DIRS4:
            add(f"translate({d})", GRID, GRID, _one("translate", Const(d)), "smear")
    add("upscale_by_colours", GRID, GRID, Recipe([Step("numcolors", (X,)), Step("decrement", (0,)),
                                                  Step("upscale", (X, 1))]), "size")
    for c in ins:
        # The part of a (repaired) grid under the bounding box of one colour of the task input.
        add(f"crop_input_colour({c})", GRID, GRID, Recipe([Step("ofcolor", (I, _colour(c))),
                                                           Step("subgrid", (0, X))]), "crop")
    add("crop_leastcolour", GRID, GRID, Recipe([Step("leastcolor", (X,)), Step("ofcolor", (X, 0)),
                                                Step("subgrid", (1, X))]), "crop")
    for c in ins:
        if c and have("connect_to_colour"):
            add(f"connect_to_colour({c})", GRID, GRID, _one("connect_to_colour", _colour(c)), "smear")
            add(f"attract_to_colour({c})", GRID, GRID, _one("attract_to_colour", _colour(c)), "smear")
    for c in ins:
        if c and have("flood_from"):
            add(f"flood_from({c})", GRID, GRID, _one("flood_from", _colour(c)), "border")
    for c in outs:
        if c and have("fill_empty_lines"):
            add(f"fill_empty_lines({c})", GRID, GRID, _one("fill_empty_lines", _colour(c)), "border")
    if have("ink_sprites"):
        add("ink_sprites", GRID, LIST, _one("ink_sprites"), "split")
    for c in ins:
        if c:
            add(f"argmax(colorcount({c}))", LIST, GRID, Recipe([Step("rbind", (Fn("colorcount"), _colour(c))),
                                                                Step("argmax", (X, 0))]), "pick")
    _add_drawing(out, ins, outs, same_shape)
    _add_enclosures_and_rays(out, ins, outs, same_shape)
    _add_patterns(out, ins, outs, same_shape, has_shape)
    _add_paths_and_periods(out, ins, outs, same_shape, has_shape)
    _add_contact(out, ins, same_shape)
    _add_pixels_and_completion(out, ins, outs, same_shape, has_shape)
    _add_motifs(out, ins, outs, same_shape, has_shape)
    _add_blocks_and_alignment(out, ins, outs, same_shape, has_shape)
    _add_anchors_and_gaps(out, ins, outs, same_shape, has_shape)
    _add_proximity(out, ins, outs, same_shape, has_shape)
    _add_selection_summaries(out, ins, outs, same_shape, has_shape)
    _add_line_frames(out, same_shape)
    _add_bands(out, same_shape)
    _add_zigzag(out, same_shape)
    _add_reflections_and_references(out, ins, outs, same_shape)
    _add_scaled_templates(out, same_shape)
    _add_solid_rects(out, same_shape)
    _add_patch_repair(out, ins, outs, same_shape)
    _add_rooms(out, ins, outs, same_shape)
    _add_quadrants(out, same_shape)
    _add_repeats_and_panel_pixels(out, ins, outs, same_shape)
    _add_box_focus(out, ins, outs, same_shape)
    _add_boxes_frames_and_markers(out, ins, outs, same_shape)
    _add_sweeps_and_assembly(out, ins, outs, same_shape)
    _add_corner_folds(out, same_shape, has_shape)
    _add_holed(out, ins, outs, same_shape)
    _add_steps_and_crossings(out, ins, outs, same_shape)
    _add_hole_sizes_and_marked_wholes(out, ins, outs, same_shape)
    _add_pixel_stamps(out, same_shape)
    _add_crops_and_checkers(out, ins, same_shape)
    _add_shells_and_covers(out, ins, outs, same_shape, has_shape)
    _add_object_codes(out, ins, same_shape)
    _add_detours_counters_and_rings(out, ins, outs, same_shape)
    return out


def _add_drawing(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Drawing and clean-up transforms (dsl/primitives/drawing.py): boxes, diagonal bridges, mirrors, denoising.

    Most of them read the task input only (they rarely follow another step), which keeps the branching low;
    colour arguments of painting transforms are the output colours the inputs lack."""
    if "rot_tile" not in PRIMITIVES:
        return

    def add(name: str, recipe: Recipe, family: str, max_src_depth: int = 0) -> None:
        out.append(Transform(name, GRID, GRID, recipe, family, max_src_depth=max_src_depth))

    new = [c for c in outs if c and c not in ins]
    add("rot_tile", _one("rot_tile"), "size")
    add("panel_summary", _one("panel_summary"), "size")
    add("panel_counts", _one("panel_counts"), "size")
    for c in new:
        add(f"corner_halo({c})", _one("corner_halo", _colour(c)), "border", max_src_depth=1)
    if not same_shape:
        return
    for p in ("colour_boxes", "bridge_diagonals", "keep_rarest", "keep_blocks", "stamp_markers"):
        add(p, _one(p), "border")
    add("drop_specks(T)", _one("drop_specks", Const("T")), "colour")  # 4-connected: remove_singletons
    for c in new:
        add(f"fill_bbox({c})", _one("fill_bbox", _colour(c)), "border")
    for c in ins:
        if c and c in outs:
            add(f"mirror_about({c})", _one("mirror_about", _colour(c)), "repair")
    for c in ins:
        if c and c not in outs:  # the noise colour is gone from the outputs
            add(f"denoise({c})", _one("denoise", _colour(c)), "repair")


def _add_enclosures_and_rays(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Region fills by size and rays from marker pixels (dsl/primitives/enclosures.py, rays.py), on the input only.

    Paint colours are the output colours the inputs lack (ordered pairs of them for two-colour fills)."""
    if "fill_extreme_regions" not in PRIMITIVES or not same_shape:
        return

    add = partial(_on_input, out)

    for p in ("shoot_to_block", "diagonal_tails", "corner_rays", "border_pair_lines"):
        add(p, _one(p), "smear")
    new = [c for c in outs if c and c not in ins]
    for a in new:
        add(f"centre_lines({a})", _one("centre_lines", _colour(a)), "smear")
    for c in ins:
        if c and c in outs:
            for d in _DIRS8[4:]:
                out.append(Transform(f"object_rays({c},{d})", GRID, GRID, _one("object_rays", _colour(c), Const(d)),
                                     "smear", max_src_depth=1))
    for a in new:
        add(f"fill_largest_empty_rect({a})", _one("fill_largest_empty_rect", _colour(a)), "border")
        for k in ("TWO", "THREE"):
            add(f"fill_empty_squares({a},{k})", _one("fill_empty_squares", _colour(a), Const(k)), "border")
        for b in new:
            if a != b:
                for p in ("fill_extreme_regions", "fill_regions_min_rest", "fill_interiors_by_size"):
                    add(f"{p}({a},{b})", _one(p, _colour(a), _colour(b)), "border")


def _add_patterns(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                  has_shape: bool) -> None:
    """Pattern transforms of the task input (dsl/primitives/patterns.py): self-similar copies, ring colours,
    shape rarity, gap sizes, template stamps and bridges between aligned pixels."""
    if "self_kron" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    for c in ins:
        add(f"self_kron({c})", _one("self_kron", _colour(c)), "size")
    add("self_kron(mostcolor)", Recipe([Step("mostcolor", (X,)), Step("self_kron", (X, 0))]), "size")
    add("count_diagonal", _one("count_diagonal"), "tally")
    add("kron_halves", _one("kron_halves"), "size")
    if has_shape:
        add("reflect_tile", _one("reflect_tile", S), "size")
    if not same_shape:
        return
    new = [c for c in outs if c and c not in ins]
    for p in ("reverse_rings", "cycle_rings", "rarity_colours", "gap_size_colours", "stamp_shapes",
              "recolour_by_markers", "copy_panel"):
        add(p, _one(p), "border")
    for flag in ("T", "F"):
        add(f"extend_periodic({flag})", _one("extend_periodic", Const(flag)), "repair")
    for c in new:
        add(f"bridge_pairs({c})", _one("bridge_pairs", _colour(c)), "border")


def _add_paths_and_periods(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                           has_shape: bool) -> None:
    """Elbow paths between two colours, alternating floods (dsl/primitives/paths.py), periodic tiling to the
    output shape (periodic.py), rows sorted by ink (ordering.py), colour keys (keys.py) and lines grown from
    segments (lines.py)."""
    if "elbow_connect" not in PRIMITIVES:
        return
    if has_shape:
        out.append(Transform("periodic_tile", GRID, GRID, _one("periodic_tile", S), "size", max_src_depth=0))
    out.append(Transform("colour_by_key", GRID, GRID, _one("colour_by_key"), "size", max_src_depth=0))
    out.append(Transform("minor_colours", GRID, GRID, _one("minor_colours"), "tally", max_src_depth=1))
    if not same_shape:
        return
    out.append(Transform("repeat_runs", GRID, GRID, _one("repeat_runs"), "repair", max_src_depth=0))
    out.append(Transform("sort_rows_by_ink", GRID, GRID, _one("sort_rows_by_ink"), "smear", max_src_depth=1))
    out.append(Transform("alternating_flood", GRID, GRID, _one("alternating_flood"), "border", max_src_depth=0))
    new = [c for c in outs if c and c not in ins]
    for c in new:
        out.append(Transform(f"extend_segments({c})", GRID, GRID, _one("extend_segments", _colour(c)), "smear",
                             max_src_depth=0))
    marks = [c for c in ins if c and c in outs]
    if len(marks) > 4 or len(new) > 2:
        return
    for a in marks:
        for b in marks:
            if a != b:
                for c in new:
                    out.append(Transform(f"elbow_connect({a},{b},{c})", GRID, GRID,
                                         _one("elbow_connect", _colour(a), _colour(b), _colour(c)), "smear",
                                         max_src_depth=0))


def _add_contact(out: list[Transform], ins: list[int], same_shape: bool) -> None:
    """Object relations (dsl/primitives/contact.py): objects slid until they touch a colour of the input, the
    inside of the largest one-colour frame, and the most symmetric item of a list."""
    if "slide_to_contact" not in PRIMITIVES:
        return
    out.append(Transform("argmax(symmetry_count)", LIST, GRID, _one("argmax", Fn("symmetry_count")), "pick",
                         max_src_depth=1))
    if not same_shape:
        out.append(Transform("crop_frame_interior", GRID, GRID, _one("crop_frame_interior"), "crop",
                             max_src_depth=0))
        return
    for c in ins:
        if c:
            out.append(Transform(f"slide_to_contact({c})", GRID, GRID, _one("slide_to_contact", _colour(c)),
                                 "smear", max_src_depth=0))


def _add_pixels_and_completion(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                               has_shape: bool) -> None:
    """Pixel lines and falls (dsl/primitives/pixel_moves.py), rotational completion, template copies on
    same-shaped objects and panel fills (dsl/primitives/completion.py), all in place on the task input.

    Paint colours are the output colours the inputs lack (0 for pixel lines when there is none)."""
    if "pixel_lines" not in PRIMITIVES or not same_shape:
        return

    add = partial(_on_input, out)

    new = [c for c in outs if c and c not in ins]
    for flag in ("F", "T"):
        for c in new or [0]:
            add(f"pixel_lines({flag},{c})", _one("pixel_lines", Const(flag), _colour(c)), "smear")
    for c in ins:
        if c:
            add(f"gravity_to_colour({c})", _one("gravity_to_colour", _colour(c)), "smear")
    for c in new:
        add(f"complete_rotation({c})", _one("complete_rotation", _colour(c)), "border")
    for flag in ("F", "T"):
        add(f"stamp_same_shape({flag})", _one("stamp_same_shape", Const(flag)), "border")
    add("fill_panels", _one("fill_panels"), "border")
    add("fill_max_panels", _one("fill_max_panels"), "border")
    add("repeat_seed_lines", _one("repeat_seed_lines"), "smear")
    add("extend_like_template", _one("extend_like_template"), "border")


def _add_motifs(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                has_shape: bool) -> None:
    """Loose pixels drawn to lines of their colour or marked on a block (dsl/primitives/magnets.py) and small
    drawing motifs (motifs.py): empty rectangles filled, spirals, alternate cells, lower halves, objects of one
    size recoloured, edge padding and a symmetry flag, all on the task input; paint colours are the output
    colours the inputs lack."""
    if "line_magnets" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    if not same_shape:
        add("pad_edges", _one("pad_edges"), "size")
        if has_shape:
            add("mirror_flag", _one("mirror_flag"), "tally")
        return
    add("line_magnets", _one("line_magnets"), "smear")
    add("mark_block_edge", _one("mark_block_edge"), "smear")
    new = [c for c in outs if c and c not in ins]
    if len(new) > 2:
        return
    for c in new:
        add(f"fill_empty_rects({c})", _one("fill_empty_rects", _colour(c)), "border")
        add(f"alternate_cells({c})", _one("alternate_cells", _colour(c)), "border")
        add(f"lower_half({c})", _one("lower_half", _colour(c)), "border")
        if ins == [0]:
            add(f"spiral({c})", _one("spiral", _colour(c)), "border")
        for k in range(1, 10):
            add(f"recolour_size({k},{c})", _one("recolour_size", _colour(k), _colour(c)), "colour")


def _add_blocks_and_alignment(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                              has_shape: bool) -> None:
    """Blocks, alignment and templates (dsl/primitives/blocks.py, alignment.py, templates.py), on the task
    input only: blocks pooled to one cell, pieces gathered on their anchor cells, panels bridged like
    pixels, objects aligned with or centred in a colour kept in the outputs, a box stretched to a marker,
    partial template copies
    completed, and containers filled in a colour the inputs lack, spilling out of their gaps."""
    if "pool_ink" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    if not same_shape:
        for k in ("TWO", "THREE"):
            add(f"pool_ink({k})", _one("pool_ink", Const(k)), "size")
        for c in ins:
            if c and c in outs:
                add(f"gather_on_anchor({c})", _one("gather_on_anchor", _colour(c)), "crop")
        return
    add("bridge_panels", _one("bridge_panels"), "border")
    add("stretch_to_marker", _one("stretch_to_marker"), "smear")
    add("complete_templates", _one("complete_templates"), "repair")
    for c in outs:
        if c and c not in ins:
            add(f"spill_fill({c})", _one("spill_fill", _colour(c)), "border")
    for c in ins:
        if c and c in outs:
            add(f"centre_in_colour({c})", _one("centre_in_colour", _colour(c)), "smear")
            for flag in ("T", "F"):
                add(f"align_to_colour({c},{flag})", _one("align_to_colour", _colour(c), Const(flag)), "smear")


def _add_anchors_and_gaps(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                          has_shape: bool) -> None:
    """Marker-anchored selections and moves, one-colour frames as a list, middle lines (dsl/primitives/anchors.py),
    fills of square holes and clear lines (gaps.py), and crops of the predicted output shape at the other three
    corners of the task input."""
    if "marked_object" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    out.append(Transform("frame_boxes", GRID, LIST, _one("frame_boxes"), "split", max_src_depth=0))
    if not same_shape:
        for c in ins:
            if c and c not in outs:  # the marker is gone from the outputs
                add(f"marked_object({c})", _one("marked_object", _colour(c)), "crop")
        if has_shape:
            for flip in ("vmirror", "hmirror", "rot180"):
                add(f"corner_crop({flip})", Recipe([Step(flip, (X,)), Step("embed", (0, S)), Step(flip, (1,))]),
                    "crop")
        return
    add("home_pixels", _one("home_pixels"), "smear")
    for flag in ("T", "F"):
        add(f"keep_centre_line({flag})", _one("keep_centre_line", Const(flag)), "colour")
    for flag in ("F", "T"):
        add(f"spread_panel({flag})", _one("spread_panel", Const(flag)), "border")
    for c in ins:
        if c and c in outs:
            add(f"place_marked_panel({c})", _one("place_marked_panel", _colour(c)), "smear")
    for c in outs:
        if c and c not in ins:
            add(f"fill_square_holes({c})", _one("fill_square_holes", _colour(c)), "border")
            add(f"fill_clear_lines({c})", _one("fill_clear_lines", _colour(c)), "border")


def _add_proximity(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                   has_shape: bool) -> None:
    """Recolouring by the nearest other colour, gaps split between two colours, diagonal stripe completion,
    pointer and dashed rays
    (dsl/primitives/proximity.py, directional.py), template stamps around a separator colour and the colour of
    the holed object, on the input only.

    ``recolour_by_nearest`` runs for the input colours the outputs lack, dashed rays for the output colours the
    inputs lack (the middle cell of a split gap, too); the stamp keeps the cells of a colour found in inputs and outputs out of the template and puts
    them back on top."""
    if "recolour_by_nearest" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    if not same_shape:
        add("majority_cell(keep_holed)", Recipe([Step("keep_holed", (X,)), Step("majority_cell", (0,))]), "tally")
        return
    add("complete_diagonal_stripes", _one("complete_diagonal_stripes"), "repair")
    add("pointer_rays", _one("pointer_rays"), "smear")
    for c in outs:
        if c and c not in ins:
            for d in _DIRS4:
                add(f"dashed_rays({c},{d})", _one("dashed_rays", _colour(c), Const(d)), "smear")
            for flag in ("F", "T"):
                add(f"split_gaps({c},{flag})", _one("split_gaps", _colour(c), Const(flag)), "smear")
    for c in ins:
        if c and c not in outs:
            add(f"recolour_by_nearest({c})", _one("recolour_by_nearest", _colour(c)), "colour")
    for c in ins:
        if c and c in outs:
            add(f"stamp_markers_apart({c})", Recipe([Step("replace", (X, _colour(c), Const("ZERO"))),
                                                    Step("stamp_markers", (0,)),
                                                    Step("overlay_except", (X, 1, Const("ZERO")))]), "border")


def _add_selection_summaries(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                             has_shape: bool) -> None:
    """Picks and summaries for outputs of another shape than the inputs, on the task input only
    (dsl/primitives/counting.py, sprites.py): the one-colour frame holding most cells of the input's least
    common colour, recoloured with it; a sprite scaled into a frame; colour layers centred on each other; a
    blown-up object shrunk and painted in the other colour; the largest objects as colour bars; the ink cells
    (by rows or columns) folded into the output shape; and the largest objects of an input colour counted into
    cells of the output shape."""
    if same_shape or "count_largest" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    add("marked_frame", Recipe([Step("leastcolor", (X,)), Step("frame_boxes", (X,)),
                                Step("rbind", (Fn("colorcount"), 0)), Step("argmax", (1, 2)),
                                Step("recolour_ink", (3, 0))]), "crop")
    add("fit_in_frame", _one("fit_in_frame"), "size")
    add("centre_layers", _one("centre_layers"), "size")
    # The blown-up object in the input colour it lacks (the other objects' colour).
    add("largest_unscaled(other colour)", Recipe([
        Step("largest_unscaled", (X,)), Step("palette", (X,)), Step("palette", (0,)),
        Step("difference", (1, 2)), Step("first", (3,)), Step("recolour_ink", (0, 4))]), "size")
    add("largest_colour_bars", _one("largest_colour_bars"), "tally")
    if has_shape:
        for flag in ("F", "T"):
            add(f"fold_cells({flag})", _one("fold_cells", S, Const(flag)), "tally")
            # Column order: the transposed grid read row by row.
            add(f"fold_cells_by_column({flag})", Recipe([Step("dmirror", (X,)),
                                                         Step("fold_cells", (0, S, Const(flag)))]), "tally")
    inks = [c for c in outs if c]
    if has_shape and len(inks) == 1:  # a count drawn in the one colour of the outputs
        for c in ins:
            for step in ("ONE", "TWO"):
                if c:
                    add(f"tally_largest({c},{step})", Recipe([
                        Step("count_largest", (X, _colour(c))),
                        Step("tally_grid", (0, _colour(inks[0]), S, Const(step)))]), "tally")


def _add_line_frames(out: list[Transform], same_shape: bool) -> None:
    """Frames of crossing full lines (dsl/primitives/line_frames.py): loose pixels smeared to the line of their
    colour, in place on the task input, or after the crop to the rectangle the lines enclose."""
    if "smear_to_lines" not in PRIMITIVES:
        return
    if not same_shape:
        out.append(Transform("crop_to_lines", GRID, GRID, _one("crop_to_lines"), "crop", max_src_depth=0))
    out.append(Transform("smear_to_lines", GRID, GRID, _one("smear_to_lines"), "smear",
                         max_src_depth=0 if same_shape else 1))


def _add_bands(out: list[Transform], same_shape: bool) -> None:
    """Bands cut across by their holes and lone pixels snapped onto the block (dsl/primitives/bands.py), in
    place on the task input."""
    if "cut_bands" not in PRIMITIVES or not same_shape:
        return
    for p in ("cut_bands", "snap_to_block"):
        out.append(Transform(p, GRID, GRID, _one(p), "smear", max_src_depth=0))


def _add_zigzag(out: list[Transform], same_shape: bool) -> None:
    """Zigzags hanging from the top row's pixels (dsl/primitives/zigzag.py), in place on the task input."""
    if "zigzag_down" not in PRIMITIVES or not same_shape:
        return
    out.append(Transform("zigzag_down", GRID, GRID, _one("zigzag_down"), "smear", max_src_depth=0))


def _add_reflections_and_references(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Multi-colour templates turned or flipped onto their partial copies (dsl/primitives/placements.py), objects
    flipped over the nearest bracket of a colour (reflections.py), objects shaped like a framed reference
    recoloured (references.py) and the ink of every second or third column recoloured (stripes.py), all in place
    on the task input.

    Bracket and frame colours are the colours of both inputs and outputs; stripe colours are the output colours
    the inputs lack."""
    if "mirror_across_brackets" not in PRIMITIVES or not same_shape:
        return

    add = partial(_on_input, out)

    for move in ("F", "T"):
        add(f"place_templates({move})", _one("place_templates", Const(move)), "repair")
    kept = [c for c in ins if c and c in outs]
    for c in kept:
        add(f"mirror_across_brackets({c})", _one("mirror_across_brackets", _colour(c)), "smear")
    for c in kept:
        for closed in ("T", "F"):
            for frame_paint in ("F", "T"):
                add(f"recolour_like_framed({c},{closed},{frame_paint})",
                    _one("recolour_like_framed", _colour(c), Const(closed), Const(frame_paint)), "colour")
    new = [c for c in outs if c and c not in ins]
    if len(new) > 2:
        return
    for c in new:
        for step in ("TWO", "THREE"):
            for from_right in ("F", "T"):
                add(f"recolour_every_column({step},{c},{from_right})",
                    _one("recolour_every_column", Const(step), _colour(c), Const(from_right)), "colour")


def _add_scaled_templates(out: list[Transform], same_shape: bool) -> None:
    """Templates turned, flipped and scaled onto whole marker objects (dsl/primitives/scaled_templates.py), in
    place on the task input."""
    if "complete_scaled_templates" not in PRIMITIVES or not same_shape:
        return
    out.append(Transform("complete_scaled_templates", GRID, GRID, _one("complete_scaled_templates"), "repair",
                         max_src_depth=0))


def _add_solid_rects(out: list[Transform], same_shape: bool) -> None:
    """The largest filled one-colour rectangle kept alone (dsl/primitives/solid_rects.py), in place on the task
    input."""
    if "keep_largest_rect" not in PRIMITIVES or not same_shape:
        return
    out.append(Transform("keep_largest_rect", GRID, GRID, _one("keep_largest_rect"), "objects", max_src_depth=0))


def _add_patch_repair(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Local repairs of the task input (dsl/primitives/patches.py), fallbacks where no global symmetry or period
    fits: cells of an unknown colour filled by a vote of the grid's 3x3 windows or by the symmetry of the ink's
    box, and (outputs of the input's shape only) the few cells that break a near period or symmetry repainted.

    The unknown colour is an input colour the outputs lack; with any shape of output, since a later crop to the
    unknown cells' box (crop_input_colour) gives the repaired region."""
    if "complete_patches" not in PRIMITIVES:
        return

    def add(name: str, recipe: Recipe) -> None:
        out.append(Transform(name, GRID, GRID, recipe, "repair", max_src_depth=0))

    for c in ins:
        if c not in outs:
            add(f"complete_patches({c})", _one("complete_patches", _colour(c)))
            add(f"complete_symmetry_boxed({c})", _one("complete_symmetry_boxed", _colour(c)))
    if same_shape:
        add("repair_period", _one("repair_period"))
        add("repair_symmetry", _one("repair_symmetry"))


def _add_rooms(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """The insides of closed rectangular outlines filled (dsl/primitives/rooms.py), in place on the task input;
    paint colours are the output colours the inputs lack (ordered pairs of them for the parity fill)."""
    if "fill_rooms" not in PRIMITIVES or not same_shape:
        return
    new = [c for c in outs if c and c not in ins]
    for a in new:
        out.append(Transform(f"fill_rooms({a})", GRID, GRID, _one("fill_rooms", _colour(a)), "border",
                             max_src_depth=0))
        for b in new:
            if a != b:
                out.append(Transform(f"fill_rooms_by_parity({a},{b})", GRID, GRID,
                                     _one("fill_rooms_by_parity", _colour(a), _colour(b)), "border",
                                     max_src_depth=0))


def _add_quadrants(out: list[Transform], same_shape: bool) -> None:
    """The framed picture's ink recoloured quadrant by quadrant from the grid's corner markers
    (dsl/primitives/quadrants.py), on the task input; the output is smaller, so never for same-shape tasks."""
    if "colour_quadrants_by_corners" not in PRIMITIVES or same_shape:
        return
    out.append(Transform("colour_quadrants_by_corners", GRID, GRID, _one("colour_quadrants_by_corners"), "crop",
                         max_src_depth=0))


def _add_repeats_and_panel_pixels(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Patterns continued from their partial copies, diagonal segments bounced off walls, diagonal rays out of the
    largest filled rectangle's corners (dsl/primitives/repeats.py) and pixel-level primitives run on grids of
    one-colour panels (panel_pixels.py), in place on the task input (corner rays also after a resize).

    Rays take their own colour or an output colour the inputs lack (at most two of them)."""
    if "repeat_toward_markers" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    new = [c for c in outs if c and c not in ins]
    for c in [0] + (new if len(new) <= 2 else []):
        # Any shape of output; where the shape changes, one step deep too (after a resize of the input).
        out.append(Transform(f"corner_diagonals({c})", GRID, GRID, _one("corner_diagonals", _colour(c)), "smear",
                             max_src_depth=0 if same_shape else 1))
    if not same_shape:
        return
    for gap in ("F", "T"):
        add(f"repeat_toward_markers({gap})", _one("repeat_toward_markers", Const(gap)), "smear")
    for c in [0] + (new if len(new) <= 2 else []):
        add(f"bounce_diagonals({c})", _one("bounce_diagonals", _colour(c)), "smear")
    for f in ("stamp_markers", "bridge_diagonals", "mirror_complete_lr", "mirror_complete_tb"):
        if f in PRIMITIVES:
            add(f"on_panels({f})", _one("on_panels", Fn(f)), "repair")


def _add_box_focus(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Boxes among noise (dsl/primitives/box_focus.py), pieces fitted into holes (jigsaw.py), shapes drawn from
    markers (marker_boxes.py), key stripes (key_stripes.py) and four-way mirror completion.

    On the task input (same-shape tasks): the ink inside one colour's bounding box recoloured (a colour of
    inputs and outputs boxing, an output colour the inputs lack painting), loose pieces moved into the
    enclosed holes of their shape, a plus at the ink's centre (in an output colour the inputs lack), a frame
    just inside a marker colour's box (a colour of inputs and outputs), the inked panel turned into the empty
    panels after it, and the empty rows striped in the top row's colours. The dense rectangle of a noisy input
    cropped (other shapes); the odd cells of a plain grid drawn out into full rows and columns (on the input or
    after one step); and any grid made left-right and top-bottom symmetric."""
    if "recolour_in_box" not in PRIMITIVES:
        return
    out.append(Transform("mirror_complete_both", GRID, GRID,
                         Recipe([Step("mirror_complete_lr", (X,)), Step("mirror_complete_tb", (0,))]), "border"))
    out.append(Transform("cross_lines", GRID, GRID, _one("cross_lines"), "smear", max_src_depth=1))
    if not same_shape:
        out.append(Transform("crop_dense_rect", GRID, GRID, _one("crop_dense_rect"), "crop", max_src_depth=0))
        return
    if "fit_pieces_in_holes" in PRIMITIVES:
        for turns in ("F", "T"):
            out.append(Transform(f"fit_pieces_in_holes({turns})", GRID, GRID,
                                 _one("fit_pieces_in_holes", Const(turns)), "objects", max_src_depth=0))
    new = [c for c in outs if c and c not in ins]
    for box in ins:
        if box and box in outs:
            for c in new:
                out.append(Transform(f"recolour_in_box({box},{c})", GRID, GRID,
                                     _one("recolour_in_box", _colour(box), _colour(c)), "colour", max_src_depth=0))
    if "centre_plus" not in PRIMITIVES:
        return
    out.append(Transform("turn_into_panels", GRID, GRID, _one("turn_into_panels"), "repair", max_src_depth=0))
    if "key_rows" in PRIMITIVES:
        out.append(Transform("key_rows", GRID, GRID, _one("key_rows"), "border", max_src_depth=0))
    for c in new:
        out.append(Transform(f"centre_plus({c})", GRID, GRID, _one("centre_plus", _colour(c)), "border",
                             max_src_depth=0))
    for c in ins:
        if c and c in outs:
            out.append(Transform(f"frame_inside_markers({c})", GRID, GRID, _one("frame_inside_markers", _colour(c)),
                                 "border", max_src_depth=0))


def _add_boxes_frames_and_markers(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Clusters of a kept colour boxed in a colour the inputs lack (dsl/primitives/cluster_boxes.py), the largest
    hollow frame copied around the one other hole of its inside's size (frame_copies.py) and objects flipped over
    a marker colour the outputs lack (marker_mirrors.py), all in place on the task input."""
    if "fill_cluster_boxes" not in PRIMITIVES or not same_shape:
        return
    new = [c for c in outs if c and c not in ins]

    add = partial(_on_input, out)

    add("copy_frame_to_hole", _one("copy_frame_to_hole"), "repair")
    for c in ins:
        if c and c not in outs:
            add(f"mirror_over_marker({c})", _one("mirror_over_marker", _colour(c)), "smear")
    for c in ins:
        if c and c in outs:
            for a in new:
                for gaps in ("F", "T"):
                    add(f"fill_cluster_boxes({c},{a},{gaps})",
                        _one("fill_cluster_boxes", _colour(c), _colour(a), Const(gaps)), "border")


def _add_sweeps_and_assembly(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Objects swept to the edge towards their marker cells, blocks pulled along their stems (dsl/primitives/
    sweeps.py), cells midway between two of a colour painted (midpoints.py) and borders as wide as half the
    object (scaled_halo.py), in place on the task input; four corner pieces assembled into one square
    (corner_pieces.py) when the output is smaller.

    The marker colour is an input colour the outputs lack (the marker cells take the object's colour); border
    colours are the output colours the inputs lack."""
    if "sweep_from_markers" not in PRIMITIVES:
        return

    add = partial(_on_input, out)

    if not same_shape:
        add("assemble_corners", _one("assemble_corners"), "size")
        return
    add("retract_stems", _one("retract_stems"), "smear")
    add("paint_midpoints", _one("paint_midpoints"), "border")
    for c in outs:
        if c and c not in ins:
            add(f"halo_by_size({c})", _one("halo_by_size", _colour(c)), "border")
    for c in ins:
        if c and c not in outs:
            add(f"sweep_from_markers({c})", _one("sweep_from_markers", _colour(c)), "smear")


def _add_corner_folds(out: list[Transform], same_shape: bool, has_shape: bool) -> None:
    """Grids folded onto the output shape or tiled over it (dsl/primitives/corner_overlays.py): the input's four
    corners of the output's shape overlaid in each of the 24 priority orders (on the task input; orders that
    never conflict give one state), and mirror tiling to the output shape (on the input or after one step, e.g.
    a turn that sets the phase); and the least symmetric item of a list (the odd one out)."""
    if "overlay_corners" not in PRIMITIVES:
        return
    out.append(Transform("argmin(symmetry_count)", LIST, GRID, _one("argmin", Fn("symmetry_count")), "pick",
                         max_src_depth=1))
    if same_shape or not has_shape:
        return
    out.append(Transform("mirror_tile_to", GRID, GRID, _one("mirror_tile_to", S), "size", max_src_depth=1))
    for order in range(24):
        steps, arg = int_steps(order)
        out.append(Transform(f"overlay_corners({order})", GRID, GRID,
                             Recipe(steps + [Step("overlay_corners", (X, S, arg))]), "size", max_src_depth=0))


def _add_holed(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """The one-colour objects that enclose a hole (keep_holed, on any background) recoloured in place in an output
    colour the inputs lack, on the input or after one step."""
    if not same_shape or "keep_holed" not in PRIMITIVES:
        return
    for c in outs:
        if c and c not in ins:
            out.append(Transform(f"recolour_holed({c})", GRID, GRID, Recipe([
                Step("keep_holed", (X,)), Step("recolour_ink", (0, _colour(c))),
                Step("overlay_except", (X, 1, Const("ZERO")))]), "colour", max_src_depth=1))


def _add_steps_and_crossings(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Objects stepped one cell towards a colour kept in the outputs, the crossings of the rows and columns of
    edge markers painted in an output colour the inputs lack, lone pixels drawn out to full lines, one colour's
    across the others', and objects moved by their own size (dsl/primitives/steps_and_crossings.py), in place on
    the task input."""
    if "step_toward" not in PRIMITIVES or not same_shape:
        return
    for c in ins:
        if c and c in outs:
            out.append(Transform(f"step_toward({c})", GRID, GRID, _one("step_toward", _colour(c)), "smear",
                                 max_src_depth=0))
    for c in outs:
        if c and c not in ins:
            out.append(Transform(f"edge_marker_crossings({c})", GRID, GRID, _one("edge_marker_crossings", _colour(c)),
                                 "border", max_src_depth=0))
    for c in ins:
        if c and c in outs:
            for vertical in ("T", "F"):
                out.append(Transform(f"pixel_lines_by_colour({c},{vertical})", GRID, GRID,
                                     _one("pixel_lines_by_colour", _colour(c), Const(vertical)), "smear",
                                     max_src_depth=0))
    for d in _DIRS4:
        out.append(Transform(f"jump_by_size({d})", GRID, GRID, _one("jump_by_size", Const(d)), "smear",
                             max_src_depth=0))


def _add_hole_sizes_and_marked_wholes(out: list[Transform], ins: list[int], outs: list[int],
                                      same_shape: bool) -> None:
    """Holes painted with their cell count (dsl/primitives/patterns.py), for the colour-map closure to name the
    colours of each size, in place on the task input; and the object touched by a marker colour the outputs lack
    cropped whole, the marker cells in its main colour (anchors.py), when the output is smaller."""
    if "hole_size_colours" not in PRIMITIVES:
        return
    if same_shape:
        out.append(Transform("hole_size_colours", GRID, GRID, _one("hole_size_colours"), "border", max_src_depth=0))
        return
    for c in ins:
        if c and c not in outs:
            out.append(Transform(f"marked_object_whole({c})", GRID, GRID, _one("marked_object_whole", _colour(c)),
                                 "crop", max_src_depth=0))


def _add_pixel_stamps(out: list[Transform], same_shape: bool) -> None:
    """The 3x3 windows of lone pixels numbered by position (dsl/primitives/stamp_codes.py), in place on the task
    input, for the colour-map closure to turn into the stamp the outputs draw around each pixel."""
    if "pixel_stamp_codes" not in PRIMITIVES or not same_shape:
        return
    out.append(Transform("pixel_stamp_codes", GRID, GRID, _one("pixel_stamp_codes"), "border", max_src_depth=0))


def _add_crops_and_checkers(out: list[Transform], ins: list[int], same_shape: bool) -> None:
    """Transforms of the task input only.

    Same-shape tasks: solid rectangles checkered inside (dsl/primitives/checkers.py), diagonal rays out of a
    container's corners in its contents' colour (container_rays.py), and two code primitives whose code colours
    the search's colour map turns into the task's colours: the panels of a grid of lines marked by their place
    in the layout (panel_positions.py) and the cells just outside each object's box corners marked by corner
    (corner_codes.py).

    Outputs of other shapes: two chains the search reached too late, fused into one step each (the dense
    rectangle of a noisy input cropped and its odd cells drawn out into full rows and columns, box_focus.py; the
    object with the most cells of an input colour, ink_sprites then argmax), and the box of an input colour's
    lines with the cells capping their ends (capped_lines.py)."""
    if same_shape:
        if "checker_interiors" in PRIMITIVES:
            out.append(Transform("checker_interiors", GRID, GRID, _one("checker_interiors"), "border",
                                 max_src_depth=0))
        if "container_corner_rays" in PRIMITIVES:
            out.append(Transform("container_corner_rays", GRID, GRID, _one("container_corner_rays"), "smear",
                                 max_src_depth=0))
        if "panel_positions" in PRIMITIVES:
            out.append(Transform("panel_positions", GRID, GRID, _one("panel_positions"), "border", max_src_depth=0))
        if "corner_codes" in PRIMITIVES:
            out.append(Transform("corner_codes", GRID, GRID, _one("corner_codes"), "border", max_src_depth=0))
        return
    if "crop_dense_rect" in PRIMITIVES:
        out.append(Transform("crop_dense_rect+cross_lines", GRID, GRID,
                             Recipe([Step("crop_dense_rect", (X,)), Step("cross_lines", (0,))]), "crop",
                             max_src_depth=0))
    if "ink_sprites" in PRIMITIVES:
        # The object (cropped) with the most cells of an input colour; ink_sprites(X) is shared by every colour.
        for c in ins:
            if c:
                out.append(Transform(f"sprite_with_most({c})", GRID, GRID, Recipe([
                    Step("ink_sprites", (X,)), Step("rbind", (Fn("colorcount"), _colour(c))),
                    Step("argmax", (0, 1))]), "crop", max_src_depth=0))
    if "crop_capped_lines" in PRIMITIVES:
        for c in ins:
            if c:
                out.append(Transform(f"crop_capped_lines({c})", GRID, GRID, _one("crop_capped_lines", _colour(c)),
                                     "crop", max_src_depth=0))


def _add_shells_and_covers(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool,
                           has_shape: bool) -> None:
    """Transforms of the task input only (dsl/primitives/shells.py).

    Outputs of another (predicted) shape: the nested L-shaped shells around the top-left corner continued over
    the output shape (the search's turned views give the other corners). Same-shape tasks whose inputs have one
    ink colour and whose outputs paint it with two new ones: the ink cut into 2x2 squares and 1x3 bars, coded 1
    and 2 for the colour map. Same-shape tasks with two or more ink colours and no new ones: blocks flung out of
    solid rectangles' corners in the opposite corners' colours, lines hung from the largest object through the
    pixels in its shadow (four directions), and, with one ink colour, square rings around the middle of three
    equally spaced pixels."""
    if same_shape:
        new = [c for c in outs if c and c not in ins]
        inks = len([c for c in ins if c])
        if "square_bar_cover" in PRIMITIVES and inks == 1 and len(new) == 2:
            _on_input(out, "square_bar_cover", _one("square_bar_cover"), "border")
        if "opposite_corner_blocks" in PRIMITIVES and not new and inks >= 2:
            _on_input(out, "opposite_corner_blocks", _one("opposite_corner_blocks"), "border")
        if "spaced_square_rings" in PRIMITIVES and not new and inks == 1:
            _on_input(out, "spaced_square_rings", _one("spaced_square_rings"), "border")
        if "shadow_curtains" in PRIMITIVES and not new and inks >= 2:
            for d in _DIRS4:
                _on_input(out, f"shadow_curtains({d})", _one("shadow_curtains", Const(d)), "smear")
        return
    if has_shape and "corner_shells" in PRIMITIVES:
        _on_input(out, "corner_shells", _one("corner_shells", S), "size")


def _add_object_codes(out: list[Transform], ins: list[int], same_shape: bool) -> None:
    """Codes for the colour-map closure to finish, on inputs of one ink colour kept in shape: each object painted
    with a code for its kind of shape (object_codes.py: a path's number of turns, the number of holes)."""
    if not same_shape or len([c for c in ins if c]) != 1:
        return
    for p in ("bend_codes", "hole_codes"):
        if p in PRIMITIVES:
            _on_input(out, p, _one(p), "border")


def _add_detours_counters_and_rings(out: list[Transform], ins: list[int], outs: list[int], same_shape: bool) -> None:
    """Transforms of the task input only, for same-shape tasks (dsl/primitives/ray_paths.py, rings.py,
    count_shifts.py, pattern_steps.py): rays of a colour the outputs keep, cast from the edge behind them, that
    step aside around the ink in their way, or that jog away from the ink on a perpendicular edge at each of its
    rows; the diagonal rays of lone marker pixels painted in the marker colour of each region they cross; lone
    pixels' rays to the nearest walls with a box marking each impact; square rings around a centre continued
    outwards by their period (the colour-map closure names the colour of their 0 rings); the picture moved by as
    many cells as a tally of a colour the outputs lack has on the border, the tally erased; a periodic pattern
    continued under the colour that hides it and advanced one cell in reading order; and bars of a new output
    colour beside multicolour objects, as long as their number of colours."""
    if not same_shape:
        return
    if "detour_rays" in PRIMITIVES:
        for c in ins:
            if c and c in outs:
                for d in _DIRS4:
                    _on_input(out, f"detour_rays({c},{d})", _one("detour_rays", _colour(c), Const(d)), "smear")
    if "pushed_rays" in PRIMITIVES:
        for c in ins:
            if c and c in outs:
                _on_input(out, f"pushed_rays({c})", _one("pushed_rays", _colour(c)), "smear")
    if "region_diagonal_rays" in PRIMITIVES:
        _on_input(out, "region_diagonal_rays", _one("region_diagonal_rays"), "smear")
    if "wall_impacts" in PRIMITIVES:
        _on_input(out, "wall_impacts", _one("wall_impacts"), "smear")
    if "extend_rings" in PRIMITIVES:
        _on_input(out, "extend_rings", _one("extend_rings"), "repair")
    if "shift_by_count" in PRIMITIVES:
        for c in ins:
            if c and c not in outs:
                for d in _DIRS8:
                    _on_input(out, f"shift_by_count({c},{d})", _one("shift_by_count", _colour(c), Const(d)),
                              "smear")
    if "advance_pattern" in PRIMITIVES and any(c and c not in outs for c in ins):
        # The next step in reading order: the pattern moves left (along rows) or up (down columns).
        for d in ("LEFT", "UP"):
            _on_input(out, f"advance_pattern({d})", _one("advance_pattern", Const(d)), "repair")
    if "colour_count_bars" in PRIMITIVES:
        for c in outs:
            if c and c not in ins:
                for d in _DIRS4:
                    _on_input(out, f"colour_count_bars({c},{d})",
                              _one("colour_count_bars", _colour(c), Const(d)), "smear")


def transforms_by_kind(transforms: Sequence[Transform]) -> dict[str, list[int]]:
    """Indices of the transforms that take each kind."""
    out: dict[str, list[int]] = {GRID: [], LIST: []}
    for k, t in enumerate(transforms):
        out[t.src].append(k)
    return out
