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

from .blocks import Block, Figure, Heading, Opaque, Typeset
from .grid import MIN_DPI, PANORAMA, Grid

__all__ = ["ROW_GAP", "Rows", "arrange", "grouped"]

ROW_MAX = 4            # figures in one row at most
GROUP_MAX = 6          # figures in one group (two rows of three)
TEXT_MM = 110.0        # a run of figures whose own text takes less than this in a text
#                        column (after the first figure's introduction) is set as a board
ROW_GAP = 5.0          # between two rows of figures, mm


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
    it takes the page's width) whose text is short made one ``("row", figures, text)`` item: ``text`` is the
    figures' own text in reading order (the first one's introduction, then the rest)."""
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
