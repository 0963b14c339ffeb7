"""A page format and an image's size -> where the print layout puts it (the grid, in numbers).

The print stylesheet (``themes/print/print.css``) lays pages out on this grid; the image
pipeline sizes each print copy for the box computed here (300 dpi of its placed size), so the
two must agree: the numbers are the stylesheet's (:mod:`.geometry`; themes/print/README.md).
No WeasyPrint import: the image requests are computed before any layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import COLUMN_GAP_MM as GUTTER_MM
from .geometry import MARGINS_MM, ONE_COLUMN_BELOW_MM, THREE_COLUMNS_FROM_MM

__all__ = ["FIGURE_KINDS", "GROWTH", "PLACEMENT", "Grid", "Placement", "figure_placement",
           "figure_units", "figure_width", "grid_for", "image_cap", "smallest_figure"]

MIN_DPI = 150                         # an image is never printed wider than this allows
PANORAMA = 1.9                        # width / height from which a plate spans the full width
PLAN = 1.5                            # a drawing (PNG, SVG) this wide spans the full width
LANDSCAPE = 1.3                       # from which a photo spans two thirds of the page
IMAGE_SHARE = 0.68                    # of the (planned) content height an image may take
MIN_FIGURE = 0.7                      # no figure narrower than this share of a text column
#                                       (a photo short of pixels is then warned about)
SAFETY_MM = 5.0                       # pages are planned this much shorter (pdf/plan/compose.py)
GROWTH = 1.2                          # the largest figures (level 2) may be this much taller
FIGURE_KINDS = ("col", "large", "full")
PLACEMENT = "#pf-"                    # a figure's print URL ends with its kind: ``x.jpg#pf-large``


@dataclass(frozen=True)
class Grid:
    """The columns of one page format (sizes in mm)."""

    columns: int
    column: float
    gutter: float
    width: float          # content width, between the side margins
    height: float         # content height, between the top and bottom margins

    def span(self, columns: int) -> float:
        """Width of ``columns`` adjacent columns and the gutters between them."""
        columns = min(columns, self.columns)
        return columns * self.column + (columns - 1) * self.gutter

    @property
    def units(self) -> int:
        """Half columns: the finer grid figures are set on (6 on A3 landscape)."""
        return 2 * self.columns

    def unit_span(self, units: int) -> float:
        """Width of ``units`` adjacent units and the gutters between them (2 units are a
        text column; 3 on A3 landscape are half the page, 184 mm)."""
        units = max(1, min(units, self.units))
        unit = (self.width - (self.units - 1) * self.gutter) / self.units
        return round(units * unit + (units - 1) * self.gutter, 2)


def grid_for(page_size_mm: tuple[float, float]) -> Grid:
    """Three columns on A3 landscape, two on A3 portrait and A4 landscape, one on A4 portrait:
    a text column of 120 to 180 mm holds 60 to 75 characters of the body type (10.5 pt)."""
    width, height = page_size_mm
    top, right, bottom, left = MARGINS_MM
    inner_w, inner_h = width - left - right, height - top - bottom
    columns = 3 if width >= THREE_COLUMNS_FROM_MM else 2 if width >= ONE_COLUMN_BELOW_MM else 1
    column = (inner_w - (columns - 1) * GUTTER_MM) / columns
    return Grid(columns, round(column, 2), GUTTER_MM, inner_w, inner_h)


@dataclass(frozen=True)
class Placement:
    kind: str            # "col" (a text column or less), "large" (more), "full" (the width)
    width_mm: float      # the image's printed width at its usual size (level 1)
    copy_mm: float = 0.0  # the width its print copy is made for, once, before the layout


def figure_units(aspect: float, drawing: bool, grid: Grid, level: int = 1) -> int:
    """Units of the grid a figure's box spans, by its shape: a panorama (1.9:1) or a plan
    (a drawing 1.5:1 or wider) the whole width, a landscape photo two thirds, a portrait or
    a square half the page (``level`` 1); one step less at ``level`` 0, two at -1 (a text
    column: the compact layout of a dossier short of pages), one more at 2."""
    step = level + 1
    if aspect >= PANORAMA or (drawing and aspect >= PLAN):
        wanted = (4, 4, 6, 6)[step]
    elif aspect >= LANDSCAPE:
        wanted = (2, 3, 4, 6)[step]
    else:
        wanted = (2, 2, 3, 4)[step]
    units = grid.units
    wanted = min(wanted, units)
    if units - wanted == 1:              # no room for a text column beside it
        wanted = units if wanted >= 4 else wanted - 1
    return max(min(2, units), wanted)


def figure_width(aspect: float, pixels: int, box_mm: float, cap_mm: float,
                 scale: float = 1.0) -> float:
    """The width of a figure's image in a box ``box_mm`` wide: its height capped at
    ``cap_mm``, its resolution at 150 dpi (``pixels`` wide, 0 for a vector image)."""
    fitted = min(box_mm, cap_mm * aspect)
    if pixels:
        fitted = min(fitted, pixels / MIN_DPI * 25.4)
    return max(20.0, fitted * scale)


def smallest_figure(aspect: float, grid: Grid) -> float:
    """The narrowest a figure is printed, whatever its pixels: 0.7 of a text column (or as
    wide as its height cap allows)."""
    return min(MIN_FIGURE * grid.column, image_cap(grid) * aspect)


def image_cap(grid: Grid) -> float:
    """The tallest an image may be on a page (mm)."""
    return (grid.height - SAFETY_MM) * IMAGE_SHARE


def figure_placement(width_px: int, height_px: int, page_size_mm: tuple[float, float], *,
                     vector: bool = False, drawing: bool = False) -> Placement:
    """Where a figure of ``width_px`` x ``height_px`` goes at its largest: images lead.

    The composer sets it at this width unless its page asks for less (a smaller template, or
    the room left on the page) or more: the largest figures (level 2, or alone on their row)
    may grow up to the page's width and ``GROWTH`` times the usual height cap. Its print copy
    (``copy_mm``) is made for the usual width, or for the largest width divided by ``GROWTH``
    when that is more: wherever the composer sets it, the copy prints at 250 dpi at least
    (``PRINT_DPI / GROWTH``, or with all the source's pixels), so that an edit that moves
    figures never decodes a source again (issue 27).
    """
    grid = grid_for(page_size_mm)
    aspect = width_px / height_px if width_px > 0 and height_px > 0 else 1.0
    units = figure_units(aspect, drawing or vector, grid)
    pixels = 0 if vector else width_px
    width = max(figure_width(aspect, pixels, grid.unit_span(units), image_cap(grid)),
                smallest_figure(aspect, grid))
    largest = figure_width(aspect, pixels, grid.width, image_cap(grid) * GROWTH)
    kind = "full" if units == grid.units and grid.units > 2 else \
        "col" if units <= 2 else "large"
    return Placement(kind, round(width, 1), round(max(width, largest / GROWTH), 1))
