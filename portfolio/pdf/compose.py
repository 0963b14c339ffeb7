"""Blocks of the dossier's sections -> planned pages of bands: images lead, columns balanced.

The print layout is composed here, page by page, before WeasyPrint draws it:

- a section is cut into bands: a *visual band* sets a figure (or a wide table) across several
  units of the grid with the text that goes with it beside it, in columns of a readable
  measure; a *text band* sets text alone in the page's columns; boards and full-page figures
  take their page; the cost study runs in two wide columns;
- the text of a band is set in explicit columns, balanced here from the fonts' metrics
  (:mod:`.measure`): a paragraph is cut between two lines, a list between items, a table
  between rows (its header repeated);
- a figure takes the height left on its page when it would otherwise be pushed to the next
  one (down to 72 % of its size), or the text that follows it fills the page first;
- each group of sections that follow one another (``saut_de_page: non``) is planned with
  figures at two sizes and a few scales, and the plan kept is the one with the fewest pages,
  then no page more than 70 % empty, then the largest figures.

Page numbers are never estimated: they are read on WeasyPrint's layout of these plans.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from .blocks import Block, Figure, Heading, Opaque, TextBlock, Typeset
from .grid import (
    PANORAMA,
    PLAN,
    SAFETY_MM,
    Grid,
    figure_units,
    figure_width,
    image_cap,
    smallest_figure,
)
from .measure import PT, Style, break_lines, words

__all__ = ["Band", "Page", "Plan", "SectionInput", "compose"]

GAP = 6.0              # between two bands, mm
SAFETY = SAFETY_MM     # planned page height = real height minus this (estimates err by lines)
MIN_SHRINK = 0.72      # a figure is not shrunk under this share of its size to fit a page
FIT_MIN = 0.6          # nor under this share to end level with the text beside it
SNAP = 1.15            # a figure this much wider than a box is narrowed to it (text beside)
TITLE_KEEP = 45.0      # a section title needs this much below it on its page, mm
LOW_FILL = 0.30        # a page under this share used is "mostly empty"
LEVELS = (2, 1, 0, -1)  # figure sizes tried: 1 = large, 0 and -1 smaller, 2 larger, taller
GROWTH = 1.2           # at level 2 an image may be this much taller
SCALES = (1.0, 0.9, 0.8, 0.7)
TAIL_CUTS = (40.0, 80.0, 120.0)   # shorter last-but-one pages tried when the last is light
PAGE_COST = 0.5        # in the figures' utility (sum of log widths): what a page must buy
LOW_COST = 3.0         # and a page mostly empty


@dataclass
class SectionInput:
    anchor: str
    title: str
    blocks: list[Block]
    follows: bool                    # starts on the page where the previous section ends
    annex: bool = False


@dataclass
class Band:
    kind: str                         # title | text | visual | page | wide
    height: float = 0.0               # planned, mm
    columns: list[list[Block]] = field(default_factory=list)
    column_width: float = 0.0
    visual: Block | None = None
    visual_width: float = 0.0         # the figure's width (its image may be narrower)
    visual_units: int = 0
    side: str = "right"               # where the visual stands
    anchor: str = ""                  # title bands: the section's anchor and title
    title: str = ""
    follows: bool = False
    ink: float = 0.0                  # mm² of the band holding something (estimate)
    grow_to: float = 0.0              # the widest its figure may be (a page's room left)
    text_height: float = 0.0          # of the columns beside its figure


@dataclass
class Page:
    bands: list[Band] = field(default_factory=list)
    used: float = 0.0

    @property
    def ink(self) -> float:
        return sum(b.ink for b in self.bands)


@dataclass
class Plan:
    pages: list[Page]
    level: int = 1
    scale: float = 1.0
    cuts: dict = field(default_factory=dict)

    def fills(self, grid: Grid) -> list[float]:
        return [min(1.0, p.ink / (grid.width * grid.height)) for p in self.pages]

    def low(self, grid: Grid) -> int:
        """How many of its pages are mostly empty (with a margin for the estimate)."""
        return sum(f < LOW_FILL + 0.05 for f in self.fills(grid))

    @property
    def image_area(self) -> float:
        return sum(b.visual_width * b.visual.image_height(b.visual_width)
                   for p in self.pages for b in p.bands
                   if b.kind == "visual" and isinstance(b.visual, Figure))

    @property
    def utility(self) -> float:
        """What its figures' sizes are worth: the sum of the logarithms of their widths, so
        that a figure enlarged from small to medium counts more than one from large to huge
        (pages go where figures are smallest)."""
        return sum(math.log(max(b.visual_width, 1.0)) for p in self.pages for b in p.bands
                   if b.kind == "visual" and isinstance(b.visual, Figure))

    def value(self, grid: Grid) -> float:
        """Its figures' sizes, less what its pages cost: a page more must make the figures
        larger by a fifth each, three of them; a page mostly empty costs more."""
        return self.utility - PAGE_COST * len(self.pages) - LOW_COST * self.low(grid)

    def rank(self, grid: Grid) -> tuple:
        """Among plans of as many pages: none mostly empty, then the largest figures and the
        most of the pages used."""
        return (self.low(grid), -round(self.utility + 2 * sum(self.fills(grid)), 2))


# -- columns: fill and balance ----------------------------------------------------------------

def _space_above(block: Block, t: Typeset, at_top: bool) -> float:
    return 0.0 if at_top or not isinstance(block, Heading) else t.heading_above_mm


def fill(blocks: list[Block], count: int, width: float, height: float, t: Typeset,
         force: bool = True) -> tuple[list[list[Block]], list[Block], list[float]]:
    """Set ``blocks`` in ``count`` columns ``height`` high, one after the other: the columns,
    what did not fit, and each column's height. Margins collapse as in CSS: between two
    blocks the larger of the first's bottom margin and the space above the second. A block
    taller than a column is set in an empty one anyway when ``force``, else left over."""
    queue = list(blocks)
    columns: list[list[Block]] = []
    heights: list[float] = []
    for _ in range(count):
        column: list[Block] = []
        y = pending = 0.0
        while queue:
            block = queue[0]
            gap = max(pending, _space_above(block, t, False)) if column else 0.0
            need = gap + block.height(width)
            if y + need <= height + 0.01:
                if block.keep_with_next and len(queue) > 1 and column:
                    after = queue[1]
                    rest = height - (y + need + max(block.margin, 0.0))
                    if after.min_height(width) > rest + 0.01:
                        break                        # a heading never ends a column
                column.append(block)
                y += need
                pending = block.margin
                queue.pop(0)
                continue
            head, tail = block.split(width, height - y - gap)
            if head is not None and not (block.keep_with_next and column):
                column.append(head)
                y += gap + head.height(width)
                if tail is None:
                    queue.pop(0)
                else:
                    queue[0] = tail
            elif not column and head is None and force:   # taller than a column: set it
                column.append(block)
                y += need
                queue.pop(0)
            break
        if len(column) > 1 and column[-1].keep_with_next and queue:
            queue.insert(0, column.pop())            # a heading left at a column's foot
            y = _column_height(column, width, t)
        columns.append(column)
        heights.append(y)
    return columns, queue, heights


def _column_height(column: list[Block], width: float, t: Typeset) -> float:
    y = pending = 0.0
    for index, block in enumerate(column):
        y += (max(pending, _space_above(block, t, False)) if index else 0.0) + \
            block.height(width)
        pending = block.margin
    return y


def balance(blocks: list[Block], count: int, width: float, t: Typeset
            ) -> tuple[list[list[Block]], float]:
    """``blocks`` in ``count`` columns of (nearly) equal height: the columns and their
    height (the tallest)."""
    total = sum(b.height(width) + b.margin for b in blocks) + sum(
        t.heading_above_mm for b in blocks if isinstance(b, Heading))
    if count == 1 or total <= 0:
        columns, _, heights = fill(blocks, 1, width, max(total, 1.0) + 1, t)
        return columns, max(heights, default=0.0)
    low = max(total / count, max((b.min_height(width) for b in blocks), default=0.0)) - 1
    high = total + 1
    best = None
    for _ in range(14):
        middle = (low + high) / 2
        columns, rest, heights = fill(blocks, count, width, middle, t)
        if rest:
            low = middle
        else:
            high = middle
            best = (columns, max(heights, default=0.0))
        if high - low < 0.8:
            break
    if best is None:
        columns, _, heights = fill(blocks, count, width, high, t)
        best = (columns, max(heights, default=0.0))
    return best


# -- visual sizes -----------------------------------------------------------------------------

def visual_units(block: Block, grid: Grid, level: int) -> int:
    """How many units of the grid a visual spans (its width class), by its shape."""
    if isinstance(block, Figure):
        return figure_units(block.aspect, block.drawing, grid, level)
    wanted = {"media": 2, "table": 4}.get(block.kind, grid.units)
    wanted = min(wanted, grid.units)
    return grid.units if grid.units - wanted < 2 else wanted


# -- the planner ------------------------------------------------------------------------------

class _Planner:
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

    def new_page(self) -> None:
        """The next page; a section title left at the foot of this one goes with it."""
        if not self.page.bands:
            return
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
        if self.room() < height + TITLE_KEEP:
            self.new_page()
            height -= 5.3 if follows else 0.0
            follows = False
        self.add(Band("title", height, anchor=section.anchor, title=section.title,
                      follows=follows,
                      ink=self.grid.width * height * 0.6))

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
        if not beside and units < grid.units:
            beside = _take_text(following)
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
        count, col_width = _text_columns(grid, grid.units - units)
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
                count, col_width = _text_columns(grid, grid.units - units)
        room = self.room()
        if height > room and self.page.bands:
            fitted = _fit_width(block, width, room)
            # Nothing after it in its section (never alone on a page), or a third of the page
            # left empty else: it may shrink more.
            least = 0.0 if not following else \
                0.5 if room > 0.35 * self.height else MIN_SHRINK
            if fitted is not None and room > 70 and fitted >= max(floor, least * width):
                width, height = fitted, block.height(fitted)   # takes the room left
            elif beside and room >= 4 * t.line_mm + 10:
                columns, rest, heights = fill(beside, grid.columns, grid.column,
                                              room, t)
                alone = not rest and not (following and following[0][0] == "text")
                if any(columns) and not alone:         # the text comes first on this page
                    self._text_band(columns, grid.column, max(heights))
                    beside = rest or _take_text(following, borrow=False)
                self.new_page()
            else:
                self.new_page()
        if height > self.room():                       # taller than a page
            fitted = _fit_width(block, width, self.room())
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

    def whole_page(self, block: Block) -> None:
        """A board or a full-page figure: a page of its own, under its section's title when
        it opens the section (the board's images are sized for that, print.css)."""
        if [b.kind for b in self.page.bands] != ["title"]:
            self.new_page()
        self.add(Band("page", self.room(), visual=block,
                      ink=self.grid.width * self.room() * 0.7))
        self.new_page()

    def wide(self, block: Block) -> None:
        height = block.height(self.grid.width)
        if height > self.room():
            self.new_page()
        self.add(Band("wide", height, visual=block, ink=self.grid.width * height * 0.8))


def _fit_width(block: Block, width: float, room: float) -> float | None:
    """The width at which a figure's image and caption stand in ``room`` (None: not a
    figure, or no room)."""
    if not isinstance(block, Figure):
        return None
    for _ in range(3):                       # the caption may take a line more when narrower
        image = block.image_height(width)
        caption = block.caption_height(width)
        if image + caption <= room + 0.01:
            return width
        if room - caption <= 10:
            return None
        width *= (room - caption - 0.5) / image
    return width if block.height(width) <= room + 0.01 else None


def _text_columns(grid: Grid, units: int) -> tuple[int, float]:
    """Text columns in ``units`` of the grid: ``(count, width)`` (0 when no room)."""
    if units < 2:
        return 0, 0.0
    if units % 2 == 0:
        count = units // 2
        return count, grid.unit_span(2)
    span = grid.unit_span(units)
    return 2, (span - grid.gutter) / 2


def _take_text(following: deque, borrow: bool = True) -> list[Block]:
    """The text at the head of ``following`` (a visual with none of its own borrows it: the
    next text, or, when ``borrow``, the text of the next figure, which borrows in turn)."""
    if following and following[0][0] == "text":
        return following.popleft()[1]
    if borrow and following and following[0][0] == "visual" and following[0][2]:
        kind, block, text, _ = following[0]
        following[0] = (kind, block, [], 0)
        return list(text)
    return []


def _items(section: SectionInput, t: Typeset) -> list[tuple]:
    """A section's blocks -> ("text", blocks) / ("visual", block, beside) / ("page", block) /
    ("wide", block) / ("couts", parts) items, in reading order.

    The text of a subsection before its first figure and the text after each figure go beside
    that figure; a figure with no text of its own borrows the next text (see ``visual``).
    """
    items: list[list] = []
    text: list[Block] = []
    for block in section.blocks:
        kind = getattr(block, "kind", "")
        if block.visual:
            start = _subsection_start(text)
            before, own = text[:start], text[start:]
            if before:
                _add_text(items, before)
            items.append(["visual", block, own, len(own)])     # own: before, then after
            text = []
            continue
        if kind in ("page", "wide", "couts"):
            _add_text(items, text)
            text = []
            items.append([kind, block])
            continue
        if isinstance(block, Heading) and items and items[-1][0] == "visual":
            _add_text(items, text)
            text = []
        if items and items[-1][0] == "visual" and not isinstance(block, Heading) and not text:
            items[-1][2].append(block)                # text after a figure goes beside it
            continue
        text.append(block)
    _add_text(items, text)
    return [tuple(i) for i in items]


def _subsection_start(text: list[Block]) -> int:
    """Index in ``text`` of the last heading (the figure's subsection starts there)."""
    for index in range(len(text) - 1, -1, -1):
        if isinstance(text[index], Heading):
            return index
    return 0


def _add_text(items: list, blocks: list[Block]) -> None:
    if not blocks:
        return
    if items and items[-1][0] == "text":
        items[-1][1].extend(blocks)
    else:
        items.append(["text", list(blocks)])


def _plan_group(group: list[SectionInput], grid: Grid, t: Typeset, level: int, scale: float,
                title_pt: float, above: float = 0.0, cuts: dict | None = None) -> Plan:
    planner = _Planner(grid, t, level, scale, title_pt, cuts)
    planner.page.used = above
    for section in group:
        planner.title(section)
        following = deque(_items(section, t))
        while following:
            item = following.popleft()
            if item[0] == "text":
                planner.text(item[1])
            elif item[0] == "visual":
                rest = planner.visual(item[1], list(item[2]), following, item[3])
                if rest:
                    if following and following[0][0] == "text":
                        following[0] = ("text", rest + following[0][1])
                    else:
                        following.appendleft(("text", rest))
            elif item[0] == "page":
                planner.whole_page(item[1])
            elif item[0] == "wide":
                planner.wide(item[1])
            elif item[0] == "couts":
                count = 2 if grid.units >= 6 else 1
                width = grid.unit_span(grid.units // 2) if count == 2 else grid.width
                planner.text(item[1].parts, count, width)
    planner.close_page()
    pages = [p for p in planner.pages if p.bands]
    return Plan(pages, level, scale, cuts or {})


def groups_of(sections: list[SectionInput]) -> list[list[SectionInput]]:
    """Sections chained by ``saut_de_page: non`` (they share pages), planned together."""
    groups: list[list[SectionInput]] = []
    for section in sections:
        if section.follows and groups:
            groups[-1].append(section)
        else:
            groups.append([section])
    return groups


def _frontier(plans: list[Plan], grid: Grid) -> dict[int, Plan]:
    """For each page count, the best plan with that many pages: none mostly empty if it
    can, then the most of its pages used, then the largest figures."""
    best: dict[int, Plan] = {}
    for plan in plans:
        key = plan.rank(grid)
        count = len(plan.pages)
        if count not in best or key < best[count].rank(grid):
            best[count] = plan
    return best


def compose(sections: list[SectionInput], grid: Grid, t: Typeset, title_pt: float = 32.0,
            above: float = 0.0, target: int | None = None) -> list[Page]:
    """The planned pages of ``sections`` (one part of the dossier); ``above`` is the height
    taken at the top of the first page (the annexes' part title).

    Each group of sections is planned with figures at several sizes. Every group starts
    with its largest figures; while the part has more than ``target`` pages, the group
    that gives a page back for the least image area steps down to fewer pages.
    """
    groups = groups_of(sections)
    frontiers, chosen = [], []
    for index, group in enumerate(groups):
        top = above if index == 0 else 0.0
        plans = [_plan_group(group, grid, t, level, scale, title_pt, top)
                 for level in LEVELS for scale in SCALES]
        frontier = _frontier(plans, grid)
        frontiers.append(frontier)
        # As many pages as the figures take at their usual size (level 0, scale 1) at most;
        # in those pages, the largest figures with no page mostly empty.
        usual = len(next(p for p in plans if (p.level, p.scale) == (0, 1.0)).pages)
        fitting = [p for n, p in frontier.items() if n <= usual] or list(frontier.values())
        chosen.append(max(fitting, key=lambda p: (-p.low(grid), round(p.utility, 2),
                                                  -len(p.pages))))
    while target is not None and sum(len(p.pages) for p in chosen) > target:
        steps = []
        for index, (plan, frontier) in enumerate(zip(chosen, frontiers, strict=True)):
            fewer = [p for n, p in frontier.items() if n < len(plan.pages)]
            if fewer:
                step = max(fewer, key=lambda p: len(p.pages))
                loss = (plan.utility - step.utility) / (len(plan.pages) - len(step.pages))
                steps.append((loss + LOW_COST * max(0, step.low(grid) - plan.low(grid)),
                              index, step))
        if not steps:
            break
        _, index, step = min(steps, key=lambda s: s[0])
        chosen[index] = step
    pages: list[Page] = []
    for index, (group, plan) in enumerate(zip(groups, chosen, strict=True)):
        if len(plan.pages) > 1 and plan.fills(grid)[-1] < 0.45:
            # A light last page: the page before it leaves room at its foot, so that what
            # ends the group is shared between the two pages.
            before = len(plan.pages) - 2
            tries = [_plan_group(group, grid, t, plan.level, plan.scale, title_pt,
                                 above if index == 0 else 0.0, {before: cut})
                     for cut in TAIL_CUTS]
            plan = min([plan] + [p for p in tries if len(p.pages) == len(plan.pages)],
                       key=lambda p: p.rank(grid))
        pages.extend(plan.pages)
    return pages


def wanted_widths(blocks: list[Block], grid: Grid) -> list[tuple[Opaque, float]]:
    """Every (block, width) the planner may measure an opaque block at."""
    # Text beside a figure of 2, 3 or 4 units (never 1: a figure is at least 2 units wide).
    column_widths = {grid.column} | {w for u in range(2, grid.units - 1)
                                     for c, w in [_text_columns(grid, u)] if c}
    out = []
    for block in blocks:
        if not isinstance(block, Opaque):
            continue
        if block.kind == "couts":
            width = grid.unit_span(grid.units // 2) if grid.units >= 6 else grid.width
            out += [(part, width) for part in block.parts]
        elif block.visual:
            out += [(block, grid.unit_span(u)) for u in {visual_units(block, grid, lv)
                                                          for lv in (0, 1)}]
        elif block.kind in ("wide", "page"):
            out.append((block, grid.width))
        else:
            out += [(block, w) for w in column_widths]
    return out


__all__ += ["TextBlock", "fill", "balance", "groups_of", "wanted_widths"]
