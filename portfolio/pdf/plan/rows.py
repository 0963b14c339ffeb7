"""Figures that follow one another with little text -> set together like a board: a row of
two to four of them at one height, or two rows, with their text in a column beside them.

A section of photos and a few lines (the issue 25 dossier: one photo a page, most of the sheet
blank) reads as an applied-arts board: the figures side by side at a common height (a row of
three portraits, a landscape and a portrait, a 2 x 2), the subsection's heading and text in a
text column beside them, the page's height used. :func:`grouped` finds such runs among a
section's items (:func:`.compose._items`); :func:`arrange` sizes them in a width and a height.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..page.grid import MIN_DPI, PANORAMA, Grid
from .blocks import Block, Figure, Heading, Opaque, Typeset
from .columns import balance, fill
from .plan import GAP, MIN_SHRINK, TITLE_KEEP, Band

__all__ = ["ROW_GAP", "Rows", "arrange", "grouped", "larger_across", "place"]

ROW_MAX = 4            # figures in one row at most
GROUP_MAX = 6          # figures in one group (two rows of three)
TEXT_MM = 110.0        # a run of figures whose own text takes less than this in a text
#                        column (after the first figure's introduction) is set as a board
ROW_GAP = 5.0          # between two rows of figures, mm
SHORT_TEXT = 0.35      # text shorter than this share of its figures' rows goes above them


def _groupable(item: tuple) -> bool:
    """A figure (not a panorama), or a video or 3D model's poster and QR code (set a text
    column wide, the width the galley measured it at)."""
    block = item[1] if item[0] == "visual" else None
    return isinstance(block, Figure) and block.aspect < PANORAMA or \
        isinstance(block, Opaque) and block.kind == "media"


def _image_height(block: Block, width: float) -> float:
    return block.image_height(width) if isinstance(block, Figure) else block.height(width)


def _text_mm(blocks: list[Block], grid: Grid) -> float:
    return sum(b.height(grid.column) + b.margin for b in blocks)


def grouped(items: list[tuple], grid: Grid) -> list[tuple]:
    """``items`` with each run of 2 to ``GROUP_MAX`` figures of one subsection (no panorama:
    it takes the page's width) whose text is short made one ``("row", figures, text)`` item:
    ``text`` is the figures' own text in reading order (the first one's introduction, then the
    rest)."""
    if grid.units < 4:
        return items                      # a one-column page: figures one under the other
    out: list[tuple] = []
    index = 0
    while index < len(items):
        run = [items[index]] if _groupable(items[index]) else []
        while run and index + len(run) < len(items) and len(run) < GROUP_MAX:
            nxt = items[index + len(run)]
            if not _groupable(nxt) or (nxt[2] and isinstance(nxt[2][0], Heading)) or \
                    _text_mm([b for item in run[1:] + [nxt] for b in item[2]], grid) > TEXT_MM:
                break                      # a heading starts another subsection: its own
            run.append(nxt)
        if len(run) < 2:
            out.append(items[index])
            index += 1
            continue
        text = [b for item in run for b in item[2]]
        out.append(("row", [item[1] for item in run], text))
        index += len(run)
    return out


@dataclass
class Rows:
    """Figures set in rows: ``rows[r] = [(figure, width mm), ...]``."""

    rows: list[list[tuple[Block, float]]]
    height: float                       # images, captions and the gaps between rows, mm

    @property
    def area(self) -> float:
        return sum(w * _image_height(f, w) for row in self.rows for f, w in row)


def _splits(count: int) -> list[list[int]]:
    """Row lengths tried for ``count`` figures: one row, or two (the first the longer)."""
    out = [[count]] if count <= ROW_MAX else []
    if count >= 3:
        out.append([count - count // 2, count // 2])
    return out


def _row(cells: list[Block], width: float, cap: float, grid: Grid
         ) -> list[tuple[Block, float]] | None:
    """Cells side by side ``width`` wide at most: the figures at one image height (``cap``
    at most, and no image printed under 150 dpi when its pixels allow more), a media block
    a text column wide (None when the figures get no room)."""
    figures = [c for c in cells if isinstance(c, Figure)]
    fixed = grid.column * (len(cells) - len(figures))
    room = width - grid.gutter * (len(cells) - 1) - fixed
    if room <= 0 if figures else room < -0.01:
        return None
    height = min([cap, room / sum(f.aspect for f in figures)] if figures else [cap])
    for figure in figures:
        if figure.pixels:
            height = min(height, figure.pixels / MIN_DPI * 25.4 / figure.aspect)
    return [(c, c.aspect * height if isinstance(c, Figure) else grid.column) for c in cells]


def _height(rows: list[list[tuple[Block, float]]]) -> float:
    return sum(max(f.height(w) for f, w in row) for row in rows) + ROW_GAP * (len(rows) - 1)


def _fixed(rows: list[list[tuple[Block, float]]]) -> float:
    """What does not shrink with the images: captions, media blocks, gaps between rows."""
    return sum(max(f.height(w) - (_image_height(f, w) if isinstance(f, Figure) else 0.0)
                   for f, w in row) for row in rows) + ROW_GAP * (len(rows) - 1)


def arrange(figures: list[Block], width: float, limit: float, cap: float, grid: Grid,
            t: Typeset, least: float = 0.0) -> Rows | None:
    """The figures in one row or two, ``width`` wide and ``limit`` high at most, each image
    ``cap`` high at most: the arrangement with the largest images (None when none keeps its
    images ``least`` mm high or more)."""
    best: Rows | None = None
    for split in _splits(len(figures)):
        start, rows = 0, []
        for length in split:
            rows.append(_row(figures[start:start + length], width, cap, grid))
            start += length
        if None in rows:
            continue
        for _ in range(4):                    # captions grow as the images narrow
            height = _height(rows)
            if height <= limit + 0.01:
                break
            images = height - _fixed(rows)
            room = limit - _fixed(rows)
            if room <= 0 or images <= 0:
                rows = []
                break
            factor = room / images * 0.995
            rows = [[(f, w * factor if isinstance(f, Figure) else w) for f, w in row]
                    for row in rows]
        if not rows or _height(rows) > limit + 0.01:
            continue
        if min((w / f.aspect for row in rows for f, w in row if isinstance(f, Figure)),
               default=least) < least:
            continue
        found = Rows(rows, _height(rows))
        if best is None or found.area > best.area:
            best = found
    return best


def larger_across(figures: list[Block], text: list[Block], beside: Rows, room: float,
                  cap: float, grid: Grid, t: Typeset, gap: float) -> bool:
    """Whether the figures are larger across the page under their text (``gap`` between
    them) than ``beside`` it, both in ``room`` (a short text beside two landscapes leaves
    them small)."""
    if beside.height > room:
        return False
    above = balance(text, grid.columns, grid.column, t)[1] + gap
    rows = arrange(figures, grid.width, room - above, cap, grid, t)
    return rows is not None and rows.area > beside.area * 1.15


def place(planner, figures: list[Block], text: list[Block], cap: float) -> list[Block]:
    """Set ``figures`` on ``planner``'s pages (a :class:`.planner.Planner`) in one row or two,
    each image ``cap`` high at most, their text in a column beside them, or above them (in
    the page's columns) when it is much shorter or much taller than they are, or when the
    figures are larger across the page (:func:`larger_across`); returns the text left over.
    The figures take the room left on the page rather than move to the next one, down to
    ``MIN_SHRINK`` of their size;
    text above them goes with them."""
    grid, t = planner.grid, planner.t
    limit = planner.full * planner.scale - (TITLE_KEEP if not planner.page.bands else 0.0)
    beside_width = grid.width - grid.column - grid.gutter
    above: list[Block] = []
    if text:
        rows = arrange(figures, beside_width, limit, cap, grid, t)
        text_height = balance(text, 1, grid.column, t)[1]
        if rows is None or not SHORT_TEXT * rows.height <= text_height <= \
                rows.height * 1.25 + 10 or larger_across(
                figures, text, rows, planner.room() if planner.page.bands else
                planner.full - TITLE_KEEP, cap, grid, t, GAP):
            above, text = text, []
    above_height = balance(above, grid.columns, grid.column, t)[1] + GAP if above else 0.0
    if above_height > planner.full / 2:       # long text: set on its own, then the figures
        planner.text(above)
        above, above_height = [], 0.0
    width = beside_width if text else grid.width
    rows = arrange(figures, width, limit - above_height, cap, grid, t)
    if rows is None:                     # never: one figure a row always fits a page
        return above + text
    room = planner.room() - above_height
    if rows.height > room and planner.page.bands:
        smaller = arrange(figures, width, room, cap, grid, t) if room > 60 else None
        if smaller is None or smaller.area < rows.area * MIN_SHRINK ** 2:
            planner.new_page()
            room = planner.room() - above_height
            rows = arrange(figures, width, min(room, limit - above_height), cap, grid, t) or rows
        else:
            rows = smaller
    if above:
        planner.text(above)
    height = rows.height
    columns: list[list[Block]] = []
    rest: list[Block] = []
    if text:
        columns, rest, heights = fill(text, 1, grid.column, max(height, planner.room()), t)
        height = max(height, max(heights, default=0.0))
    side = "right" if planner.side % 2 == 0 else "left"
    planner.side += 1
    ink = rows.area + sum(b.height(grid.column) for c in columns for b in c) * grid.column
    planner.add(Band("row", height, columns=[c for c in columns if c],
                     column_width=grid.column, side=side if columns else "center",
                     ink=ink, figures=rows.rows, text_height=height))
    return rest
