"""Test helper: one dossier built -> the print layout's invariants checked (issue 25).

:func:`built` builds a dossier while keeping what the composer planned (its pages of bands,
the blocks it was given) and WeasyPrint's layout of the main part; :func:`problems` reads the
PDF back and lists what breaks a rule of ``themes/print/README.md`` ("Invariants"):

- every image in proportion (its placed width / height is its pixels' ratio: equal x and y
  resolution), whole (the red mark drawn in each corner of it is printed), on the sheet and,
  past the cover, inside the page's margins;
- no heading last on a page or at the foot of a column, no small table cut;
- the plan is WeasyPrint's layout: as many pages, each planned page one page, no band taller
  than planned;
- pages used against a lower bound (:func:`lower_bound`), page fill (:meth:`Report.
  fill_problems`: at most one page mostly empty, the median page half used when there is
  enough material).
"""

from __future__ import annotations

import io
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import weasyprint
from pagefill import MARGINS_MM, MM, page_fill, placed_images
from pdfpages import page_images
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.pdf.draw import document as document_module
from portfolio.pdf.output import fill
from portfolio.pdf.output import render as render_module
from portfolio.pdf.output.render import Layouts
from portfolio.pdf.page.grid import smallest_figure
from portfolio.pdf.plan.blocks import PX, SMALL_TABLE_ROWS, Figure, Heading, Opaque

FRONT = 2                 # cover and contents at most (1 when the contents are on the cover)
LOW, MEDIAN = 0.30, 0.50  # a page under LOW is mostly empty; the median page at MEDIAN at least
ENOUGH = 1.0              # material (pages' worth: :func:`material`) that must fill MEDIAN
TOLERANCE_MM = 1.5        # a band may be laid out this much taller than planned
DPI = 25


@dataclass
class Built:
    build: object
    plans: list = field(default_factory=list)      # (inputs, grid, pages) per composed part
    documents: list = field(default_factory=list)  # WeasyPrint documents laid out

    @property
    def main(self):
        """The main part's plan (the annexes' sections are marked ``annex``)."""
        return next(p for p in reversed(self.plans) if not any(s.annex for s in p[0]))


def built(root: Path, cache: Path, monkeypatch) -> Built:
    """Build ``root`` (a fresh layout), keeping the composer's plans and WeasyPrint's layout."""
    out = Built(None)
    compose, render = document_module.compose, weasyprint.HTML.render

    def keep_plan(inputs, grid, t, *args, **kwargs):
        pages = compose(inputs, grid, t, *args, **kwargs)
        out.plans.append((inputs, grid, pages))
        return pages

    def keep_layout(self, *args, **kwargs):
        document = render(self, *args, **kwargs)
        out.documents.append(document)
        return document

    with monkeypatch.context() as patch:
        patch.setattr(document_module, "compose", keep_plan)
        patch.setattr(weasyprint.HTML, "render", keep_layout)
        patch.setattr(render_module, "LAYOUTS", Layouts())
        out.build = build_dossier(root, BuildOptions(cache_dir=cache, workers=1))
    return out


# -- the lower bound of pages -----------------------------------------------------------------

def lower_bound(inputs, grid, front: int = FRONT) -> float:
    """Pages the main part needs at least: the area its figures need at their smallest
    allowed size (0.7 of a text column, grid.smallest_figure) and its text at the body's size
    in a text column, over the page's content area; boards and full pages a page each; the
    cover and contents ``front`` pages."""
    area, pages = 0.0, front
    for section in inputs:
        for block in section.blocks:
            kind = getattr(block, "kind", "")
            if kind == "page":
                pages += 1
            elif isinstance(block, Figure):
                width = smallest_figure(block.aspect, grid)
                area += width * block.height(width)
            else:
                for part in getattr(block, "parts", None) or [block]:
                    with _Measured(part, grid):
                        area += part.height(grid.column) * grid.column
    return pages + area / (grid.width * grid.height)


def material(inputs, grid) -> float:
    """The flowing material of the main part in pages' worth: :func:`lower_bound` less the
    front pages and the boards and full pages (pages of their own, the student's choice).
    A dossier with less than ``ENOUGH`` of it cannot fill its pages: its median is not held."""
    boards = sum(getattr(b, "kind", "") == "page" for s in inputs for b in s.blocks)
    return lower_bound(inputs, grid, 0) - boards


def full_pages(pages, front: int) -> set[int]:
    """Page numbers (in the PDF) of the full-page figures the student asked for (``!!!
    pleine-page``): as full as the image's shape allows (a tall strip, some 15 %)."""
    return {number for number, page in enumerate(pages, front + 1)
            if any(band.kind == "page" and band.visual.node is not None
                   and "pleine-page" in band.visual.node.classes for band in page.bands)}


class _Measured:
    """Context for a block's height at a text column (an opaque block measured elsewhere
    counts at the width it was measured at nearest a column)."""

    def __init__(self, block, grid):
        self.block, self.grid = block, grid

    def __enter__(self):
        block = self.block
        if isinstance(block, Opaque) and round(self.grid.column, 1) not in block.heights \
                and block.heights:
            width = min(block.heights, key=lambda w: abs(w - self.grid.column))
            block.heights[round(self.grid.column, 1)] = block.heights[width] * width / \
                self.grid.column
        return self

    def __exit__(self, *exc):
        return False


# -- the checks -------------------------------------------------------------------------------

def _reddish(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 140 and g < 110 and b < 110


@dataclass
class ReadBack:
    """A PDF read back once: its pages, each rendered at :data:`DPI` and the images placed on
    it (:func:`pagefill.placed_images`, pixel widths included)."""

    reader: PdfReader
    rendered: list
    placed: list[list[tuple]]

    @classmethod
    def of(cls, pdf: bytes) -> ReadBack:
        reader = PdfReader(io.BytesIO(pdf))
        return cls(reader, page_images(pdf, DPI),
                   [placed_images(reader, page, pixels=True) for page in reader.pages])


def image_problems(pdf: bytes | ReadBack) -> list[str]:
    """Images stretched, cropped (a corner mark missing), off the sheet or in the margins."""
    read = pdf if isinstance(pdf, ReadBack) else ReadBack.of(pdf)
    out = []
    top, right, bottom, left = MARGINS_MM
    px = DPI / 25.4
    for number, (page, picture, placed) in enumerate(
            zip(read.reader.pages, read.rendered, read.placed, strict=True), 1):
        sheet_w, sheet_h = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        for x, y, width, height, ratio, pixels in placed:
            where = f"p. {number} image {width:.0f} x {height:.0f} mm"
            if abs(width / height / ratio - 1) > 0.02:
                out.append(f"{where}: déformée ({width / height:.3f} pour {ratio:.3f})")
            if x < -0.5 or y < -0.5 or x + width > sheet_w + 0.5 or y + height > sheet_h + 0.5:
                out.append(f"{where}: hors de la feuille")
            elif number > 1 and (x < left - 0.5 or x + width > sheet_w - right + 0.5
                                 or y < bottom - 0.5 or y + height > sheet_h - top + 0.5):
                out.append(f"{where}: dans les marges")
            if pixels < 100 or min(width, height) < 12:
                continue                     # a QR code, an icon: no corner marks
            mark = min(width, height) / 8 / 2        # the middle of a corner mark
            top_y = sheet_h - y - height
            corners = [(x + mark, top_y + mark), (x + width - mark, top_y + mark),
                       (x + mark, top_y + height - mark),
                       (x + width - mark, top_y + height - mark)]
            seen = [_reddish(picture.getpixel((min(picture.width - 1, int(cx * px)),
                                               min(picture.height - 1, int(cy * px)))))
                    for cx, cy in corners]
            if not all(seen):
                out.append(f"{where}: rognée (coin sans sa marque)")
    return out


def plan_problems(pages) -> list[str]:
    """Headings left at a page's or a column's foot, small tables cut, in the plan. A
    heading may end a text band only when the figure it introduces follows on its page."""
    out = []
    for number, page in enumerate(pages, 1):
        if page.bands and page.bands[-1].kind == "title":
            out.append(f"page planifiée {number}: titre de section en bas de page")
        for index, band in enumerate(page.bands):
            after = page.bands[index + 1] if index + 1 < len(page.bands) else None
            above_figure = band.kind == "text" and after is not None and \
                after.kind in ("visual", "row", "wide", "page")
            for column in band.columns:
                if column and isinstance(column[-1], Heading) and not above_figure:
                    out.append(f"page planifiée {number}: intertitre seul en bas de colonne")
                for block in column:
                    if isinstance(block, Opaque) and block.table is not None and \
                            (block.first_row or block.last_row is not None):
                        rows = next(iter(block.rows.values()), (0, []))[1]
                        if len(rows) <= SMALL_TABLE_ROWS:
                            out.append(f"page planifiée {number}: petit tableau coupé "
                                       f"({len(rows)} lignes)")
    return out


def layout_problems(document, pages, front: int = FRONT) -> list[str]:
    """The plan against WeasyPrint's layout of the main part: one page per planned page
    (after the cover and the contents), no band taller than planned."""
    out = []
    if len(document.pages) != len(pages) + front:
        out.append(f"{len(document.pages)} pages mises en page pour {len(pages) + front} "
                   "planifiées")
    for number, page in enumerate(document.pages, 1):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            planned = element is not None and element.get("data-plan")
            if planned and box.element_tag in ("div", "h1") and hasattr(box, "margin_height"):
                height = box.border_height() * PX
                if height > float(planned) + TOLERANCE_MM:
                    out.append(f"p. {number}: bande de {height:.1f} mm pour "
                               f"{float(planned):.1f} planifiés")
                continue
            stack.extend(getattr(box, "children", ()))
    return out


def table_boxes(page) -> list[tuple[float, float, float, float]]:
    """``(x, y, width, height)`` in mm from the sheet's top left of each table WeasyPrint
    laid out on ``page``: the boxes ``build.py check``'s fill counts used, like images'
    (:func:`portfolio.pdf.output.fill.table_boxes`; on its ink alone a page of a 14-row
    table read 16 % used)."""
    return [tuple(v * PX for v in rect) for rect in fill.table_boxes(page)]


@dataclass
class Report:
    pages: int
    bound: float
    fills: list[float]
    problems: list[str]
    front: int = FRONT              # the cover, and the contents when on a page of their own
    full: set[int] = field(default_factory=set)     # full-page figures (:func:`full_pages`)
    material: float = 0.0                           # :func:`material`

    @property
    def ratio(self) -> float:
        return self.pages / math.ceil(self.bound)

    @property
    def counted(self) -> list[float]:
        """The fills the invariants hold: past the front pages, full-page figures aside."""
        return [f for n, f in enumerate(self.fills, 1) if n > self.front and n not in self.full]

    @property
    def median(self) -> float:
        return statistics.median(self.counted) if self.counted else 0.0

    @property
    def low(self) -> list[int]:
        return [n for n, f in enumerate(self.fills, 1)
                if n > self.front and n not in self.full and f < LOW]

    def fill_problems(self) -> list[str]:
        """At most one page mostly empty; the median page half used at least when there is
        ``ENOUGH`` material."""
        out = [f"pages presque vides : {self.low}"] if len(self.low) > 1 else []
        if self.material >= ENOUGH and self.median < MEDIAN:
            out.append(f"remplissage médian {self.median:.0%} ({self.material:.1f} pages de "
                       "matière)")
        return out


def report(done: Built) -> Report:
    build = done.build
    assert build.error is None, build.error
    pdf = Path(build.pdf_path).read_bytes()
    inputs, grid, pages = done.main
    main = build.count.parts["principal"]
    read = ReadBack.of(pdf)               # rendered and parsed once for every check
    problems = image_problems(read) + plan_problems(pages)
    main_document = next(d for d in reversed(done.documents)
                         if len(d.pages) == main)
    front = build.count.front_pages
    problems += layout_problems(main_document, pages, front)
    fills = []
    for picture, page, placed, laid in zip(read.rendered, read.reader.pages, read.placed,
                                           main_document.pages, strict=False):  # main part
        sheet_h = float(page.mediabox.height) / MM
        areas = [(x, sheet_h - y - h, w, h) for x, y, w, h, *_ in placed]
        fills.append(page_fill(picture, DPI, areas + table_boxes(laid)))
    return Report(main, lower_bound(inputs, grid, front), fills, problems, front,
                  full_pages(pages, front), material(inputs, grid))
