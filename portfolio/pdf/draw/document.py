"""Rendered sections + dossier metadata -> the print HTML documents (main part, annexes).

The markup comes from ``themes/print/document.html`` (Jinja2, autoescaped); this module
prepares its data: each section's HTML cut into blocks (:mod:`.blocks`), composed into
planned pages of bands (:mod:`.compose`), each figure's image at the size its page gives it
(:class:`.placing.PrintCopies`), the cover and contents entries, and the ``@page`` rules that
carry the candidate's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...dossier.model import Dossier, Section
from ...rules import load_rules
from ...util.templates import Markup, render
from ..page.geometry import ONE_COLUMN_BELOW_MM, SHORT_BELOW_MM
from ..page.grid import PLACEMENT, Grid, grid_for
from ..page.measure import PT, Style
from ..plan.blocks import Figure, TextBlock, Typeset
from ..plan.compose import compose, wanted_widths
from ..plan.elements import to_blocks
from ..plan.galley import Galley, GalleyMemo
from ..plan.plan import Band, Page, SectionInput
from .frontmatter import contents_fit_on_cover, front_pages
from .placing import CoverPhoto
from .typography import french_spacing, french_text

__all__ = ["annex_html", "main_html", "part1_html"]

MAIN_TYPE = Typeset()                              # body 10.5 pt (print.css)
ANNEX_TYPE = Typeset().scaled(9.0, 12.5)           # annexes: reference material, 9 pt
TITLE_PT = {"main": 32.0, "annexes": 28.0, "partie1": 32.0}
BUDGET_PART = {"main": "principal", "annexes": "annexes", "partie1": "partie1"}   # voies.yml
FULL_PAGE_TYPE = MAIN_TYPE                         # a full page's caption (print.css figcaption)
FULL_PAGE_TITLE_PT, FULL_PAGE_TITLE_LEADING_PT = 20.0, 22.0    # .planche-title
FULL_PAGE_TITLE_GAP_MM = 4.0
FULL_PAGE_FIGURE_MM = 4.0                          # figure { margin-bottom }


def body_classes(dossier: Dossier) -> str:
    """The page format as classes of ``<body>`` for the print stylesheet.

    ``cols-N``: the columns of the grid (:func:`grid.grid_for`); ``fmt-short``: little height
    for a board's rows (A4 landscape).
    """
    width, height = dossier.page_size_mm
    classes = ["fmt-portrait" if height > width else "fmt-landscape",
               f"cols-{grid_for(dossier.page_size_mm).columns}"]
    if width < ONE_COLUMN_BELOW_MM:
        classes.append("fmt-narrow")
    if height < SHORT_BELOW_MM:
        classes.append("fmt-short")
    return " ".join(classes)




# -- the composed pages as template data ------------------------------------------------------

@dataclass
class BandView:
    """A band as the template writes it: CSS grid tracks and cells of HTML."""

    kind: str
    tracks: str = ""                       # grid-template-columns
    cells: list[tuple[str, int, Markup, float]] = ()   # (CSS class, grid column, HTML,
    #                                                    the width of a figure's box or 0)
    anchor: str = ""
    title: str = ""
    follows: bool = False
    html: Markup = Markup("")
    planned: float = 0.0                   # the height the composer planned (mm)


def _cells(columns) -> list[Markup]:
    return [Markup("".join(block.markup() for block in column)) for column in columns]


def _figure_html(block, width: float, copies) -> Markup:
    """A visual's HTML, a figure's image at a print copy made for ``width``."""
    html = block.markup()
    if isinstance(block, Figure) and copies is not None and block.src:
        html = html.replace(block.src, copies.copy(block.src, width), 1)
    return Markup(html)


def full_page_image_mm(band: Band, grid: Grid, size: tuple[int, int]
                       ) -> tuple[float, float] | None:
    """``(width, height)`` of a full-page figure's image (``!!! pleine-page``): as large as
    the room its page leaves (``band.height``, planned) once its title and caption are set,
    and the page's width allow, in proportion; None when its pixel size is unknown."""
    node = band.visual.node
    width_px, height_px = size
    if node is None or width_px <= 0 or height_px <= 0:
        return None
    taken = FULL_PAGE_FIGURE_MM
    caption = node.find("figcaption")
    if caption is not None:
        taken += FULL_PAGE_TYPE.caption_gap_mm + TextBlock(
            html="", node=caption, source=band.visual.source,
            style=Style(FULL_PAGE_TYPE.caption_pt),
            line=FULL_PAGE_TYPE.caption_leading_pt * PT).height(grid.width)
    title = next((c for c in node.elements() if "planche-title" in c.classes), None)
    if title is not None:
        taken += FULL_PAGE_TITLE_GAP_MM + TextBlock(
            html="", node=title, source=band.visual.source,
            style=Style(FULL_PAGE_TITLE_PT, display=True, bold=True),
            line=FULL_PAGE_TITLE_LEADING_PT * PT).height(grid.width)
    height = min(band.height - taken, grid.width * height_px / width_px)
    if height <= 0:
        return None
    return height * width_px / height_px, height


def _full_page_html(band: Band, grid: Grid, copies) -> Markup:
    """A full-page figure's HTML, its image sized to fill the page's height or width (the
    stylesheet's cap alone left a tall image 45 mm short of the page's foot)."""
    html = band.visual.markup()
    img = band.visual.node.find("img") if band.visual.node is not None else None
    if copies is None or img is None or "pleine-page" not in band.visual.node.classes:
        return Markup(html)
    url = img.attr("src") or ""
    src = url.split(PLACEMENT, 1)[0]
    width_px, height_px, vector = copies.size(src)
    box = full_page_image_mm(band, grid, (width_px, height_px))
    if box is None:
        return Markup(html)
    width, height = box
    printed = src if vector else copies.copy(src, width)
    style = f"width: {width:.2f}mm; height: {height:.2f}mm; max-width: none; max-height: none"
    return Markup(html.replace(f'src="{url}"', f'src="{printed}" style="{style}"', 1))


def band_view(band: Band, grid: Grid, copies) -> BandView:
    mm = lambda value: f"{value:.2f}mm"        # noqa: E731 - a unit, read where it is used
    if band.kind == "title":
        return BandView("title", anchor=band.anchor, title=french_text(band.title),
                        follows=band.follows)
    if band.kind == "page":
        return BandView(band.kind, html=_full_page_html(band, grid, copies))
    if band.kind == "wide":
        return BandView(band.kind, html=Markup(band.visual.markup()))
    if band.kind == "text":
        count = max(len(band.columns), round((grid.width + grid.gutter)
                                             / (band.column_width + grid.gutter)))
        cells = [("col", i + 1, html, 0.0) for i, html in enumerate(_cells(band.columns))]
        return BandView("text", " ".join([mm(band.column_width)] * count), cells)
    if band.kind == "row":
        return _row_view(band, grid, copies)
    box = grid.unit_span(band.visual_units)
    visual = _figure_html(band.visual, band.visual_width, copies)
    width = round(band.visual_width, 2)          # the figure's box (.vis-inner)
    text = _cells(band.columns)
    if band.side == "center" or not band.columns:
        return BandView("visual", mm(grid.width), [("vis vis-center", 1, visual, width)])
    text_width = grid.width - box - grid.gutter
    count = max(1, round((text_width + grid.gutter) / (band.column_width + grid.gutter)))
    text_tracks = [mm(band.column_width)] * count
    if band.side == "right":
        tracks = text_tracks + [mm(box)]
        cells = [("col", i + 1, html, 0.0) for i, html in enumerate(text)] + [
            ("vis vis-right", len(tracks), visual, width)]
    else:                  # the text first all the same: the order it is read in
        tracks = [mm(box)] + text_tracks
        cells = [("col", i + 2, html, 0.0) for i, html in enumerate(text)] + [
            ("vis vis-left", 1, visual, width)]
    return BandView("visual", " ".join(tracks), cells)


def _row_view(band: Band, grid: Grid, copies) -> BandView:
    """Figures set together (:mod:`.rows`): each row a grid of the figures' widths, the text
    column on the inner side; what the row leaves of the width is space beside the text
    (or on both sides of the figures when there is no text)."""
    mm = lambda value: f"{value:.2f}mm"        # noqa: E731 - a unit, read where it is used
    text = _cells(band.columns)
    rows = []
    for row in band.figures:
        widths = [round(w, 2) for _, w in row]
        taken = sum(widths) + grid.gutter * (len(widths) - 1)
        html = Markup("").join(
            Markup('<div class="vis-inner" style="grid-column: {}">{}</div>').format(
                index + 1, _figure_html(f, w, copies)) for index, (f, w) in enumerate(row))
        rows.append(Markup('<div class="row-figures" style="width: {}; '
                           'grid-template-columns: {}">{}</div>').format(
            mm(taken), " ".join(mm(w) for w in widths), html))
    figures = Markup("").join(rows)
    side = band.side if text else "center"
    if not text:
        return BandView("visual", mm(grid.width), [(f"row row-{side}", 1, figures, 0.0)])
    tracks = [mm(grid.column), "minmax(0, 1fr)"]
    if side == "right":
        return BandView("visual", " ".join(tracks),
                        [("col", 1, text[0], 0.0), (f"row row-{side}", 2, figures, 0.0)])
    return BandView("visual", " ".join(reversed(tracks)),
                    [("col", 2, text[0], 0.0), (f"row row-{side}", 1, figures, 0.0)])


def page_views(pages: list[Page], grid: Grid, copies) -> list[list[BandView]]:
    views = []
    for page in pages:
        views.append([])
        for band in page.bands:
            view = band_view(band, grid, copies)
            view.planned = round(band.height, 1)
            views[-1].append(view)
    return views


def composed(dossier: Dossier, part: str, sections: list[tuple[str, str, str]],
             sources: list[Section] | None, head_html: str, copies, roots,
             memo: GalleyMemo | None = None, front: int = 2) -> list:
    """The planned pages of one part: blocks measured (fonts, then a WeasyPrint galley for
    tables and the like, ``memo`` keeping its heights between renders), composed, written as
    template data (``front``: the main part's pages before its first section)."""
    grid = grid_for(dossier.page_size_mm)
    typeset = ANNEX_TYPE if part == "annexes" else MAIN_TYPE
    annexes = part == "annexes"
    breaks = {s.anchor: s.page_break for s in sources or []}
    image_size = copies.size if copies is not None else (lambda src: (0, 0, False))
    inputs = []
    for index, (anchor, title, html) in enumerate(sections):
        page_break = breaks.get(anchor)
        follows = index > 0 and (annexes if page_break is None else not page_break)
        inputs.append(SectionInput(anchor, title,
                                   to_blocks(french_spacing(html), typeset, image_size),
                                   follows, annexes,
                                   may_follow=part == "main" and page_break is None))
    galley = Galley(memo)
    for block, width in wanted_widths([b for s in inputs for b in s.blocks], grid):
        galley.want(block, width)
    if galley.wanted:
        from ..output.render import ConfinedFetcher  # WeasyPrint: only when a PDF is laid out

        galley.measure(head_html, f"{body_classes(dossier)} {part_class(part)}",
                       dossier.root.as_uri() + "/", ConfinedFetcher(roots))
    pages = compose(inputs, grid, typeset, TITLE_PT[part], 0.0 if part == "main" else 9.0,
                    target=page_target(dossier, part, front))
    return page_views(pages, grid, copies)


def page_target(dossier: Dossier, part: str, front: int = 2) -> int | None:
    """The pages the composer may fill for a part: its limit of the regulation, less a page
    left free for the student, less the ``front`` pages (main part: the cover, and the
    contents when they have a page of their own)."""
    limits = [limit for limit in load_rules().voies[dossier.voie].limits
              if BUDGET_PART[part] in limit.parts]
    if not limits:
        return None
    return max(1, min(limit.max for limit in limits) - 1 - (front if part == "main" else 0))


def part_class(part: str) -> str:
    """The class of a part's ``<body>`` (print.css)."""
    return {"main": "main-part", "annexes": "annex-part", "partie1": "part1-part"}[part]


def print_head(stylesheets: list[str], inline_css: str) -> str:
    """The styles of a print document (for the galley, which measures in the same context)."""
    return render("print/head.html", stylesheets=stylesheets, font_css=inline_css)


def _render(dossier: Dossier, part: str, sections: list[tuple[str, str, str]],
            sources: list[Section] | None, stylesheets: list[str], inline_css: str, copies,
            roots, memo: GalleyMemo | None, **extra) -> str:
    rules = load_rules()
    width, height = dossier.page_size_mm
    head = print_head(stylesheets, inline_css)
    toc = [(anchor, french_text(title)) for anchor, title, _ in sections]
    option_label, voie_label = rules.options[dossier.option], rules.voies[dossier.voie].label
    facts = [dossier.candidate.full_name, dossier.candidate.number, option_label, voie_label,
             str(dossier.session), dossier.candidate.school or ""]
    toc_on_cover = False
    if part == "main":      # part 1 in full on the cover, else in one line, else on a page
        full = extra.get("part1_entries") or []
        for part1 in ([full, _part1_line(full)] if full else [[]]):
            if contents_fit_on_cover(dossier, [f for f in facts if f], [t for _, t in toc],
                                     [title for title, _ in extra["annex_entries"]],
                                     [title for title, _ in part1]):
                toc_on_cover, extra["part1_entries"] = True, part1
                break
    pages = composed(dossier, part, sections, sources, head, copies, roots, memo,
                     front_pages(toc_on_cover))
    return render(
        "print/document.html", fr=french_text, part=part, dossier=dossier,
        candidate=dossier.candidate, pages=pages, toc=toc, toc_on_cover=toc_on_cover,
        option_label=option_label, voie_label=voie_label,
        head=Markup(head), page_width=width, page_height=height,
        body_class=body_classes(dossier), part_class=part_class(part), **extra)


def _part1_line(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Part 1 in the contents as one line (when its pieces one by one would take the cover's
    contents to a page of their own, out of the student's 15)."""
    labels = [label for _, label in entries if label]
    pages = f"{labels[0]}–{labels[-1].removeprefix('1re·')}" if len(labels) > 1 else \
        "".join(labels)
    return [("rapports, bilans et pièces jointes", pages)]


def main_html(dossier: Dossier, sections: list[tuple[str, str, str]], stylesheets: list[str],
              inline_css: str, cover: CoverPhoto | None, annex_entries: list[tuple[str, str]],
              sources: list[Section] | None = None, copies=None, roots=(),
              memo: GalleyMemo | None = None, part1_entries: list[tuple[str, str]] = ()
              ) -> str:
    """The main part: cover, contents, sections.

    ``sections`` is ``[(anchor, title, html)]``; ``annex_entries`` is ``[(title, page label)]``
    for the contents (the annexes are a separate document, numbered A1, A2...), and
    ``part1_entries`` part 1's (numbered apart, 1re·1, 1re·2...). ``sources``
    (the dossier's sections) tell which section starts on the page of the previous one;
    ``copies`` (:class:`.placing.PrintCopies`) gives each image's size and print copy;
    ``roots`` the folders WeasyPrint may read (for the galley), ``memo`` its earlier heights.
    """
    return _render(dossier, "main", sections, sources, stylesheets, inline_css, copies, roots,
                   memo, cover=cover, annex_entries=annex_entries,
                   part1_entries=list(part1_entries))


def annex_html(dossier: Dossier, sections: list[tuple[str, str, str]],
               stylesheets: list[str], inline_css: str,
               sources: list[Section] | None = None, copies=None, roots=(),
               memo: GalleyMemo | None = None) -> str:
    return _render(dossier, "annexes", sections, sources, stylesheets, inline_css, copies,
                   roots, memo, cover=None, annex_entries=[])


def part1_html(dossier: Dossier, sections: list[tuple[str, str, str]],
               stylesheets: list[str], inline_css: str,
               sources: list[Section] | None = None, copies=None, roots=(),
               memo: GalleyMemo | None = None) -> str:
    """Part 1's pieces written in the tool (stage reports, bilans, the activity report), a
    part of their own numbered apart."""
    return _render(dossier, "partie1", sections, sources, stylesheets, inline_css, copies,
                   roots, memo, cover=None, annex_entries=[])
