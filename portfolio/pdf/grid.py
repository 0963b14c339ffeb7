"""A page format and an image's size -> where the print layout puts it (the grid, in numbers).

The print stylesheet (``themes/print/print.css``) lays pages out on this grid; the image
pipeline sizes each print copy for the box computed here (300 dpi of its placed size), so the
two must agree: the numbers below are the ones the stylesheet uses (see themes/print/README.md).
No WeasyPrint import: the image requests are computed before any layout.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FIGURE_KINDS", "Grid", "Placement", "figure_placement", "grid_for"]

MARGINS_MM = (16, 20, 18, 20)        # top, right, bottom, left (print.css @page)
GUTTER_MM = 12
MIN_DPI = 150                         # under this an image is not enlarged to a wider kind
PANORAMA = 1.9                        # width / height from which a plate spans the full width
PLAN = 1.5                            # a drawing (PNG, SVG) this wide spans the full width
LANDSCAPE = 1.9                       # from which a photo leaves its column
# Share of the content height an image may take, per kind (print.css: .fig-col, .fig-large,
# .fig-full image max-height; the caption and the text above or below take the rest).
HEIGHT_SHARE = {"col": 0.46, "large": 0.46, "full": 0.5}
FIGURE_KINDS = tuple(HEIGHT_SHARE)


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


def grid_for(page_size_mm: tuple[float, float]) -> Grid:
    """Three columns on A3 landscape, two on A3 portrait and A4 landscape, one on A4 portrait:
    a text column of 120 to 180 mm holds 60 to 75 characters of the body type (10.5 pt)."""
    width, height = page_size_mm
    top, right, bottom, left = MARGINS_MM
    inner_w, inner_h = width - left - right, height - top - bottom
    columns = 3 if width >= 400 else 2 if width >= 260 else 1
    column = (inner_w - (columns - 1) * GUTTER_MM) / columns
    return Grid(columns, round(column, 2), GUTTER_MM, inner_w, inner_h)


@dataclass(frozen=True)
class Placement:
    kind: str            # "col" (in a text column), "large" (spans the columns: the image on
    #                      all but one, its caption on the last), "full" (the whole width)
    width_mm: float      # the image's printed width: its print copy is made for it (300 dpi)


def figure_placement(width_px: int, height_px: int, page_size_mm: tuple[float, float], *,
                     vector: bool = False, drawing: bool = False) -> Placement:
    """Where a figure of ``width_px`` x ``height_px`` goes: images lead.

    Portraits and squares stay in a text column; a landscape image spans the columns (its
    caption beside it on a three-column page), a panorama or a drawing as wide as a plan
    (``drawing``: a PNG or SVG, 1.5:1 or wider) the full width. The height
    cap of each kind can make the printed width smaller than the box. An image without the
    pixels for a wider kind (under 150 dpi there) stays in the narrower one.
    """
    grid = grid_for(page_size_mm)
    aspect = width_px / height_px if width_px > 0 and height_px > 0 else 1.0

    def fitted(kind: str, box_mm: float) -> float:
        return min(box_mm, grid.height * HEIGHT_SHARE[kind] * aspect)

    def sharp(width_mm: float) -> bool:
        return vector or width_px / (width_mm / 25.4) >= MIN_DPI

    choices = [("col", grid.span(1))]
    if grid.columns > 1 and aspect >= LANDSCAPE:
        choices.append(("large", grid.span(grid.columns - 1) if grid.columns > 2
                        else grid.width))
    if grid.columns > 1 and (aspect >= PANORAMA or (drawing or vector) and aspect >= PLAN):
        choices.append(("full", grid.width))
    for kind, box in reversed(choices):
        width = fitted(kind, box)
        if kind == "col" or sharp(width):
            return Placement(kind, round(width, 1))
    raise AssertionError("unreachable")  # pragma: no cover
