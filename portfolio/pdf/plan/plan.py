"""The composer's data: sections in, planned pages of bands out, and what a plan is worth.

A :class:`Band` is a strip of a page: a section title, text in columns, a figure with its
text beside it (*visual*), figures set together in rows with their text beside them
(*row*, :mod:`.rows`), a board or a full-page figure (*page*), a block across the page
(*wide*). A :class:`Plan` is one way of setting a group of sections on pages; the composer
(:mod:`.compose`) keeps the one worth most (:meth:`Plan.value`, :meth:`Plan.rank`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..page.grid import Grid
from .blocks import Block, Figure

__all__ = ["GAP", "LOW_COST", "LOW_FILL", "MIN_SHRINK", "PAGE_COST", "TITLE_KEEP", "Band", "Page",
           "Plan", "SectionInput"]

GAP = 6.0              # between two bands, mm
MIN_SHRINK = 0.72      # a figure is not shrunk under this share of its size to fit a page
TITLE_KEEP = 45.0      # a section title needs this much below it on its page, mm

LOW_FILL = 0.30        # a page under this share used is "mostly empty"
PAGE_COST = 0.5        # in the figures' utility (sum of log widths): what a page must buy
LOW_COST = 3.0         # and a page mostly empty


@dataclass
class SectionInput:
    anchor: str
    title: str
    blocks: list[Block]
    follows: bool                    # starts on the page where the previous section ends
    annex: bool = False
    may_follow: bool = False         # its break not said: follows when room is left (compose)


@dataclass
class Band:
    kind: str                         # title | text | visual | row | page | wide
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
    figures: list = field(default_factory=list)   # row bands: [[(figure, width), ...], ...]

    def placed(self) -> list[tuple[Figure, float]]:
        """Its figures and their widths (a visual band's one, a row band's several)."""
        if self.kind == "visual" and isinstance(self.visual, Figure):
            return [(self.visual, self.visual_width)]
        return [(f, w) for row in self.figures for f, w in row if isinstance(f, Figure)] \
            if self.kind == "row" else []


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
        return sum(w * f.image_height(w) for p in self.pages for b in p.bands
                   for f, w in b.placed())

    @property
    def utility(self) -> float:
        """What its figures' sizes are worth: the sum of the logarithms of their widths, so
        that a figure enlarged from small to medium counts more than one from large to huge
        (pages go where figures are smallest)."""
        return sum(math.log(max(w, 1.0)) for p in self.pages for b in p.bands
                   for _, w in b.placed())

    def value(self, grid: Grid) -> float:
        """Its figures' sizes, less what its pages cost: a page more must make the figures
        larger by a fifth each, three of them; a page mostly empty costs more."""
        return self.utility - PAGE_COST * len(self.pages) - LOW_COST * self.low(grid)

    def rank(self, grid: Grid) -> tuple:
        """Among plans of as many pages: none mostly empty, then the largest figures and the
        most of the pages used."""
        return (self.low(grid), -round(self.utility + 2 * sum(self.fills(grid)), 2))
