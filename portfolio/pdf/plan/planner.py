"""A group of sections' items -> bands placed on pages, for one choice of figure sizes: down the
page, a title kept with what follows, text in balanced columns, a figure in the grid box its
shape deserves with its text beside it (or above it), boards on their own page. A figure shrinks
to the room left rather than leave it; room left at a page's foot goes back to its figures."""

from __future__ import annotations

from collections import deque

from ..page.grid import (
    GROWTH,
    PANORAMA,
    PLAN,
    SAFETY_MM,
    Grid,
    figure_units,
    figure_width,
    image_cap,
    smallest_figure,
)
from ..page.measure import PT, Style, break_lines, words
from .blocks import Block, Figure, Opaque, Typeset
from .columns import balance, fill, text_columns
from .plan import GAP, MIN_SHRINK, TITLE_KEEP, Band, Page, SectionInput
from .rows import place

__all__ = ["Planner", "sets_in_a_column", "take_text", "visual_units"]

SAFETY = SAFETY_MM     # planned page height = real height minus this (estimates err by lines)
FIT_MIN = 0.6          # nor under this share to end level with the text beside it
SNAP = 1.15            # a figure this much wider than a box is narrowed to it (text beside)


def visual_units(block: Block, grid: Grid, level: int) -> int:
    """How many units of the grid a visual spans (its width class), by its shape."""
    if isinstance(block, Figure):
        return figure_units(block.aspect, block.drawing, grid, level)
    wanted = {"media": 2, "table": 4}.get(block.kind, grid.units)
    wanted = min(wanted, grid.units)
    return grid.units if grid.units - wanted < 2 else wanted


class Planner:
    """Places the bands of one group of sections on pages (one try of sizes)."""

    def __init__(self, grid: Grid, t: Typeset, level: int, scale: float, title_pt: float,
                 cuts: dict[int, float] | None = None):
        self.grid, self.t, self.level, self.scale = grid, t, level, scale
        self.full = grid.height - SAFETY
        self.cuts = cuts or {}               # page index -> height left blank at its foot
        self.title_pt = title_pt
        self.pages: list[Page] = [Page()]
        self.side = 0

    # pages

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def height(self) -> float:
        """The height planned for the current page."""
        return self.full - self.cuts.get(len(self.pages) - 1, 0.0)

    def room(self) -> float:
        return self.height - self.page.used - (GAP if self.page.bands else 0.0)

    def new_page(self, carry: bool = True) -> None:
        """The next page; a section title, and the headings (``carry``), left at the foot of
        this one go with it."""
        if not self.page.bands:
            return
        headings = self._trailing_headings() if carry else []
        moved = []
        while self.page.bands and self.page.bands[-1].kind == "title":
            band = self.page.bands.pop()
            self.page.used -= band.height + (GAP if self.page.bands else 0.0)
            moved.insert(0, band)
        if self.page.bands:
            self.close_page()
            self.pages.append(Page())
        for band in moved:
            if band.follows:                  # now at a page's top: no rule above it
                band.height -= 5.3
                band.follows = False
            self.add(band)
        if headings:
            self.text(headings)

    def close_page(self) -> None:
        """Room left at the page's foot goes to its figures: the last ones grow first (up
        to their box, a taller cap, and 150 dpi), the text beside them unchanged."""
        left = self.height - self.page.used
        for band in reversed(self.page.bands):
            if left < 3:
                break
            block = band.visual
            if band.kind != "visual" or not isinstance(block, Figure) or \
                    band.grow_to <= band.visual_width + 0.5:
                continue
            image = block.image_height(band.visual_width)
            width = min(band.grow_to, band.visual_width * (image + left) / image)
            while width > band.visual_width and \
                    max(block.height(width), band.text_height) - band.height > left:
                width -= 1.0
            if width <= band.visual_width:
                continue
            height = max(block.height(width), band.text_height)
            band.ink += width * block.image_height(width) - \
                band.visual_width * image
            left -= height - band.height
            self.page.used += height - band.height
            band.height, band.visual_width = height, width

    def add(self, band: Band) -> None:
        self.page.used += (GAP if self.page.bands else 0.0) + band.height
        self.page.bands.append(band)

    # bands

    def title(self, section: SectionInput) -> None:
        style = Style(self.title_pt, display=True)
        lines = len(break_lines(words([(section.title, style)]), self.grid.width)) or 1
        height = lines * self.title_pt * 1.125 * PT + 2.5
        follows = section.follows and bool(self.page.bands)
        if follows:
            height += 5.3                               # the rule above it
        if self.room() < height + min(TITLE_KEEP, self._short(section.blocks)):
            self.new_page()
            height -= 5.3 if follows else 0.0
            follows = False
        self.add(Band("title", height, anchor=section.anchor, title=section.title,
                      follows=follows,
                      ink=self.grid.width * height * 0.6))

    def _short(self, blocks: list[Block]) -> float:
        """The height of a section of a few lines of text alone, balanced in the page's
        columns (a title keeps that much below it); ``TITLE_KEEP`` for any other."""
        if any(b.visual or getattr(b, "kind", "") in ("page", "wide", "couts")
               for b in blocks) or sum(b.height(self.grid.column) for b in blocks) > \
                TITLE_KEEP * self.grid.columns:
            return TITLE_KEEP
        return balance(blocks, self.grid.columns, self.grid.column, self.t)[1]

    def text(self, blocks: list[Block], count: int | None = None, width: float | None = None
             ) -> None:
        count = count or self.grid.columns
        width = width or self.grid.column
        blocks = list(blocks)
        while blocks:
            room = self.room()
            if room < 3 * self.t.line_mm + 2:
                self.new_page()
                continue
            columns, height = balance(blocks, count, width, self.t)
            if height <= room:
                self._text_band(columns, width, height)
                return
            columns, rest, heights = fill(blocks, count, width, room, self.t)
            if not any(columns) or rest == blocks:
                if not self.page.bands:           # nothing fits an empty page: force it
                    columns, rest, heights = fill(blocks, count, width, 10 * self.height,
                                                  self.t)
                    self._text_band(columns, width, max(heights))
                    blocks = rest
                self.new_page()
                continue
            self._text_band(columns, width, max(heights))
            blocks = rest
            self.new_page()

    def _text_band(self, columns, width, height) -> None:
        ink = sum(sum(b.height(width) for b in c) for c in columns) * width
        self.add(Band("text", height, columns=[c for c in columns if c] or [[]],
                      column_width=width, ink=ink))

    def visual(self, block: Block, beside: list[Block], following: deque, before: int = 0
               ) -> list[Block]:
        """Place ``block`` with ``beside`` (its text) next to it; returns the text left over.

        ``before`` is how many blocks of ``beside`` come before the figure in the text: set
        above it when it takes the page's width.
        ``following`` (the next items of the section) lends text: to a figure with no text of
        its own, and to the columns beside a figure taller than its text (the text wraps
        around it, as in a magazine). The figure then ends level with its text if it can
        (down to ``FIT_MIN`` of its size) and takes the narrowest box of the grid it fits.
        """
        grid, t = self.grid, self.t
        units = visual_units(block, grid, self.level)
        if isinstance(block, Figure) and all(b.keep_with_next for b in beside) \
                and following and following[0][0] == "visual" and sets_in_a_column(following[0][1]):
            # A figure with no text but its heading, then a table of a few columns: the table
            # (with its heading and the text after it) is set beside the figure, in a column.
            _, table, text, ahead = following.popleft()
            beside = beside + text[:ahead] + [table] + text[ahead:]
        if not beside and units < grid.units:
            beside = take_text(following)
        elif beside and all(b.keep_with_next for b in beside):
            beside = beside + take_text(following)   # never a heading alone beside it
        if beside and all(b.keep_with_next for b in beside):   # no text: above its figure
            self.text(beside)
            beside = []
        alone = not beside and isinstance(block, Figure)
        if alone:
            units = grid.units               # nothing to set beside it: the whole width
        cap = image_cap(grid) * (GROWTH if self.level == 2 else 1.0)

        def sized(units: int, scale: float) -> tuple[float, float]:
            if isinstance(block, Figure):
                width = figure_width(block.aspect, block.pixels, grid.unit_span(units), cap,
                                     scale)
                return width, block.height(width)
            return grid.unit_span(units), block.height(grid.unit_span(units))

        def narrowest(units: int, width: float) -> tuple[int, float]:
            """The smallest box the figure fits, or a box a little narrower than it (the
            figure then takes the box's width and the text gains a column)."""
            if alone or not isinstance(block, Figure) or wide:
                return units, width
            fits = [u for u in range(2, units + 1) if grid.units - u != 1
                    and width <= grid.unit_span(u) * SNAP + 0.5]
            best = min(fits, default=units)
            return best, min(width, grid.unit_span(best))

        if grid.units - units < 2 and before and not alone:
            self.text(beside[:before])            # the page's width: its intro above it
            beside = beside[before:]
        wide = isinstance(block, Figure) and (block.aspect >= PANORAMA or (
            block.drawing and block.aspect >= PLAN))       # plates and plans keep their width
        width, height = sized(units, self.scale)
        floor = smallest_figure(block.aspect, grid) if isinstance(block, Figure) else 0.0
        if isinstance(block, Figure) and width < floor:
            width, height = floor, block.height(floor)
        units, width = narrowest(units, width)
        height = block.height(width)
        count, col_width = text_columns(grid, grid.units - units)
        if count and following and following[0][0] == "text" and \
                balance(beside, count, col_width, t)[1] < height:
            beside = beside + following.popleft()[1]
        if count and beside and isinstance(block, Figure) and not wide:
            _, text_height = balance(beside, count, col_width, t)
            image = block.image_height(width)
            if text_height < height:             # no tall image beside a short text
                target = max(text_height - (height - image), image * FIT_MIN)
                width = max(floor, width * target / image)
                units, width = narrowest(units, width)
                height = block.height(width)
                count, col_width = text_columns(grid, grid.units - units)
        room = self.room()
        if height > room and self.page.bands:
            fitted = block.fit_width(width, room) if isinstance(block, Figure) else None
            # Nothing after it in its section (never alone on a page), or a third of the page
            # left empty else: it may shrink more.
            least = 0.0 if not following else \
                0.5 if room > 0.35 * self.height else MIN_SHRINK
            if fitted is not None and room > 70 and fitted >= max(floor, least * width):
                width, height = fitted, block.height(fitted)   # takes the room left
            elif beside and room >= 4 * t.line_mm + 10:
                beside = self._trailing_headings() + beside    # its heading, set above
                room = self.room()
                columns, rest, heights = fill(beside, grid.columns, grid.column,
                                              room, t)
                alone = not rest and not (following and following[0][0] == "text")
                if any(columns) and not alone:         # the text comes first on this page
                    self._text_band(columns, grid.column, max(heights))
                    beside = rest or take_text(following, borrow=False)
                self.new_page()
            else:                        # headings ending the page go with their figure
                carried = self._trailing_headings()
                self.new_page()
                self.text(carried)
        if height > self.room():                       # taller than a page
            fitted = block.fit_width(width, self.room()) if isinstance(block, Figure) \
                else None
            if fitted is not None:
                width, height = fitted, block.height(fitted)
        if count:
            columns, rest, heights = fill(beside, count, col_width, height, t, force=False)
            if not rest:
                columns, text_height = balance(beside, count, col_width, t)
                heights = [text_height]
        else:
            columns, rest, heights = [], beside, [0.0]
        band_height = max(height, max(heights, default=0.0))

        side = "right" if self.side % 2 == 0 else "left"
        self.side += 1
        ink = width * height + sum(sum(b.height(col_width) for b in c) for c in columns) \
            * col_width
        grow_to = figure_width(block.aspect, block.pixels, grid.unit_span(units),
                               image_cap(grid) * GROWTH) if isinstance(block, Figure) else 0.0
        self.add(Band("visual", band_height, columns=[c for c in columns if c],
                      column_width=col_width, visual=block, visual_width=width,
                      visual_units=units, side=side if count else "center", ink=ink,
                      grow_to=grow_to, text_height=max(heights, default=0.0)))
        return rest

    def row(self, figures: list[Block], text: list[Block]) -> list[Block]:
        """Figures set together in rows with their text (:func:`.rows.place`); returns the
        text left over."""
        cap = image_cap(self.grid) * self.scale * (GROWTH if self.level == 2 else 1.0)
        return place(self, figures, text, cap)

    def whole_page(self, block: Block) -> None:
        """A board or a full-page figure: a page of its own, under its section's title when
        it opens the section (the board's images are sized for that, print.css)."""
        if [b.kind for b in self.page.bands] != ["title"]:
            # The heading that introduces it goes with it, but not with a section title too:
            # the board's images are sized for its section's title only (print.css).
            bands = self.page.bands
            self.new_page(carry=len(bands) < 2 or bands[-2].kind != "title")
        self.add(Band("page", self.room(), visual=block,
                      ink=self.grid.width * self.room() * 0.7))
        self.new_page()

    def _trailing_headings(self) -> list[Block]:
        """The headings that end this page's last text band, taken out of it: they introduce
        what goes on the next page."""
        bands = self.page.bands
        if not bands or bands[-1].kind != "text" or not bands[-1].columns or \
                not bands[-1].columns[-1]:
            return []
        column = bands[-1].columns[-1]
        taken: list[Block] = []
        while column and column[-1].keep_with_next:
            taken.insert(0, column.pop())
        if not any(bands[-1].columns):
            band = bands.pop()
            self.page.used -= band.height + (GAP if bands else 0.0)
        elif not column:
            bands[-1].columns.pop()
        return taken

    def wide(self, block: Block) -> None:
        height = block.height(self.grid.width)
        if height > self.room():
            self.new_page()
        self.add(Band("wide", height, visual=block, ink=self.grid.width * height * 0.8))


def sets_in_a_column(block: Block) -> bool:
    """A table of three columns at most: set in a text column when it goes with a figure."""
    if not isinstance(block, Opaque) or block.kind != "table" or block.table is None:
        return False
    row = block.table.find("tr")
    return row is not None and len(row.elements()) <= 3


def take_text(following: deque, borrow: bool = True) -> list[Block]:
    """The text at the head of ``following`` (a visual with none of its own borrows it: the
    next text, or, when ``borrow``, the text of the next figure, which borrows in turn)."""
    if following and following[0][0] == "text":
        return following.popleft()[1]
    if borrow and following and following[0][0] == "visual" and following[0][2]:
        kind, block, text, _ = following[0]
        following[0] = (kind, block, [], 0)
        return list(text)
    return []
