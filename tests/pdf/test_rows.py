"""Figures set together like a board (pdf/plan/rows.py): which runs of figures are grouped, and how
they are sized in a width and a height."""

from __future__ import annotations

import pytest

from portfolio.pdf.page.grid import grid_for, image_cap
from portfolio.pdf.plan.blocks import Figure, Heading, Opaque, TextBlock
from portfolio.pdf.plan.rows import ROW_GAP, arrange, grouped

GRID = grid_for((420, 297))                       # A3 landscape: 377 x 263 mm, 3 columns
T = None


def figure(aspect: float, pixels: int = 4000) -> Figure:
    return Figure(html="", aspect=aspect, pixels=pixels, visual=True, kind="figure")


def media(height: float = 80.0) -> Opaque:
    return Opaque(html="", kind="media", visual=True, heights={round(GRID.column, 1): height})


def text(lines: int) -> TextBlock:
    block = TextBlock(html="", kind="text")
    block._cache["words"] = []
    block._cache[round(GRID.column, 2)] = list(range(lines))
    return block


@pytest.mark.parametrize(("shapes", "width", "limit", "rows"), [
    ([0.75, 0.75, 0.75], GRID.width, 240, [3]),          # a row of three portraits
    ([0.75, 0.75, 0.75, 0.75], GRID.width, 240, [2, 2]),  # a 2 x 2: larger than a row of 4
    ([1.33, 1.33], GRID.width, 240, [2]),                # two landscapes side by side
    ([1.33, 0.75], 246.0, 240, [2]),                     # beside a text column
    ([1.0, 1.0, 1.0, 1.0, 1.0, 1.0], GRID.width, 250, [3, 3]),
    ([0.75, 0.75, 0.75], GRID.width, 60, [3]),           # little room: shrunk to it
])
def test_figures_are_arranged_in_the_width_and_height(shapes, width, limit, rows):
    cap = image_cap(GRID)
    found = arrange([figure(a) for a in shapes], width, limit, cap, GRID, T)
    assert [len(row) for row in found.rows] == rows
    assert found.height <= limit + 0.01
    for row in found.rows:
        heights = {round(f.image_height(w), 2) for f, w in row}
        assert len(heights) == 1                          # one image height a row
        assert heights.pop() <= cap + 0.01
        assert sum(w for _, w in row) + GRID.gutter * (len(row) - 1) <= width + 0.01
    assert found.height == pytest.approx(
        sum(max(f.height(w) for f, w in row) for row in found.rows)
        + ROW_GAP * (len(found.rows) - 1))


def test_a_media_block_keeps_the_width_it_was_measured_at():
    found = arrange([figure(0.75), figure(0.75), media(), media(60)], GRID.width, 250,
                    image_cap(GRID), GRID, T)
    cells = [cell for row in found.rows for cell in row]
    assert [round(w, 2) for f, w in cells if isinstance(f, Opaque)] == [GRID.column] * 2


def test_no_arrangement_when_the_images_would_be_too_small():
    assert arrange([figure(0.75)] * 3, GRID.width, 30, image_cap(GRID), GRID, T,
                   least=40) is None


def test_runs_of_figures_with_little_text_are_grouped():
    short, long = [text(3)], [text(60)]
    items = [("visual", figure(0.75), [text(4)], 1), ("visual", figure(0.75), short, 0),
             ("visual", figure(1.33), [], 0), ("visual", figure(4.0), [], 0),
             ("visual", figure(0.75), [], 0), ("visual", figure(0.75), long, 0),
             ("text", short), ("visual", media(), [], 0), ("visual", media(), [], 0)]
    kinds = [(item[0], len(item[1]) if item[0] == "row" else None)
             for item in grouped(items, GRID)]
    # A panorama takes the page's width: it ends the run; a long text ends the next one.
    assert kinds == [("row", 3), ("visual", None), ("visual", None), ("visual", None),
                     ("text", None), ("row", 2)]


def test_a_figure_under_its_own_heading_starts_another_group():
    """Two headings one on the other above a row of their figures: never."""
    heading = Heading(html="", kind="heading", keep_with_next=True)
    heading._cache["words"] = []
    heading._cache[round(GRID.column, 2)] = [0]
    items = [("visual", media(), [heading], 1), ("visual", media(), [heading], 1),
             ("visual", figure(0.75), [], 0)]
    assert [item[0] for item in grouped(items, GRID)] == ["visual", "row"]


def test_a_one_column_page_keeps_figures_one_under_the_other():
    items = [("visual", figure(0.75), [], 0), ("visual", figure(0.75), [], 0)]
    assert grouped(items, grid_for((210, 297))) == items
