"""Print HTML -> one WeasyPrint render -> the PDF bytes and the pages counted on that render.

The URL fetcher only reads files inside an allow-list of folders (the dossier's own folder, the
print theme, the image cache, the shipped fonts): no network, no other file of the machine.

A process keeps its last two layouts (:class:`Layouts`): the preview's worker renders the same
dossier after each edit, and the part the edit did not touch (same HTML, same files read) is
not laid out again.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable
from copy import copy
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ...util import memos
from ...util.files import stamp
from .annexes import AnnexPdf, append_annexes
from .count import PageCount, SectionPages
from .fill import page_fills
from .options import TAGGED, PdfOptions
from .part1 import append_part1

__all__ = ["LAYOUTS", "ConfinedFetcher", "Layouts", "PageCount", "PdfOptions", "SectionPages",
           "render_pdf"]

log = logging.getLogger(__name__)

PX_TO_MM = 25.4 / 96  # WeasyPrint page sizes are CSS pixels


class ConfinedFetcher(URLFetcher):
    """Serve ``file:`` URLs under ``roots`` only; record and refuse everything else."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"})
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []
        self.asked: list[Path] = []       # every file asked for, served or refused, in order

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file":
            self.refused.append(url)
            raise ValueError(f"refused: {url[:80]}")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        self.asked.append(path)
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            self.refused.append(url)
            raise ValueError(f"refused: {url[:80]}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    try:
        return stamp(path)
    except OSError:
        return None                   # a missing file: laid out again if it appears


class _Recorder(logging.Filter):
    """Every record WeasyPrint logs while a document is laid out (kept with the layout)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.records.append(record)
        return True


class Layouts:
    """The last documents laid out in this process, by their HTML: reused while every file
    they asked for (styles, fonts, images; one refused because missing) is unchanged. What
    WeasyPrint logged while laying one out (an image it could not load...) is logged again
    when it is reused."""

    KEEP = 3                 # a dossier's parts: main, annexes, part 1

    def __init__(self, kept: list[tuple] | None = None) -> None:
        # (html and base URL, files asked, document, refused, log), the newest last
        self.kept: list[tuple] = [] if kept is None else kept

    def render(self, html: str, base_url: str, fetcher: ConfinedFetcher) -> weasyprint.Document:
        logger = logging.getLogger("weasyprint")
        key = (html, base_url)
        for index, (known, stamps, document, refused, records) in enumerate(self.kept):
            if known == key and all(_stamp(path) == stamp for path, stamp in stamps):
                fetcher.refused.extend(refused)
                for record in records:
                    logger.handle(record)
                self.kept.append(self.kept.pop(index))           # the newest last
                return document
        asked, refused = len(fetcher.asked), len(fetcher.refused)
        recorder = _Recorder()
        logger.filters.insert(0, recorder)      # before any filter that drops a record
        try:
            document = weasyprint.HTML(string=html, base_url=base_url,
                                       url_fetcher=fetcher).render()
        finally:
            logger.removeFilter(recorder)
        stamps = [(path, _stamp(path)) for path in dict.fromkeys(fetcher.asked[asked:])]
        self.kept[:] = [*self.kept, (key, stamps, document, fetcher.refused[refused:],
                                     recorder.records)][-self.KEEP:]
        return document


LAYOUTS = Layouts(memos.LAYOUTS)      # the process's memo (util/memos.py)


def _anchor_pages(document: weasyprint.Document) -> dict[str, int]:
    """Anchor name -> 1-based page number where it first appears."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            found.setdefault(name, number)
    return found


def _ranges(document, entries: list[tuple[str, str, str]], part: str) -> list[SectionPages]:
    anchors = _anchor_pages(document)
    starts = [(anchors.get(anchor, 0), anchor, title) for anchor, title, _ in entries]
    result = []
    total = len(document.pages)
    for index, (first, anchor, title) in enumerate(starts):
        nxt = next((s[0] for s in starts[index + 1:] if s[0]), total + 1)
        last = max(first, nxt - 1) if first else 0
        slug = anchor.split("-", 1)[1]
        result.append(SectionPages(slug, title, part, first, last))
    return result


def render_pdf(main_html_for: Callable[..., str], annex_html: str | None,
               annex_entries: list[tuple[str, str, str]],
               main_entries: list[tuple[str, str, str]], base_url: str,
               roots: list[Path], metadata: dict[str, str],
               annex_pdfs: list[AnnexPdf] = (),
               on_counted: Callable[[PageCount], None] | None = None,
               options: PdfOptions = TAGGED, part1_html: str | None = None,
               part1_entries: list[tuple[str, str, str]] = (),
               part1_pdfs: list[AnnexPdf] = ()) -> tuple[bytes, PageCount]:
    """Render the annexes (if any), part 1 (if any), then the main part, then write one PDF.

    ``main_html_for(annex_labels, part1_labels)`` builds the main HTML once the annexes' and
    part 1's page labels are known (the contents lists them). Each document is laid out once
    (or reused, :class:`Layouts`); the pages of the annex PDFs follow the rendered annexes.
    ``on_counted(count)`` is called once the pages are laid out, before the file is written
    (the preview shows the new count meanwhile).
    ``options`` say how the file is written (:mod:`.options`: a tagged PDF/UA by default, a
    PDF/A for the archived hand-in copy, checked by :mod:`portfolio.pdf.output.archive`).
    ``part1_html`` (part 1's pieces written in the tool) is laid out as its own part, and
    ``part1_pdfs`` (the scans joined) follow it, after part 2 and its annexes
    (:mod:`.part1`).
    """
    fetcher = ConfinedFetcher(roots)
    annex_doc = None
    annex_labels: list[tuple[str, str]] = []
    annex_ranges: list[SectionPages] = []
    if annex_html is not None:
        annex_doc = LAYOUTS.render(annex_html, base_url, fetcher)
        annex_ranges = _ranges(annex_doc, annex_entries, "annexes")
        annex_labels = [(r.title, f"A{r.first}" if r.first else "") for r in annex_ranges]
    first = len(annex_doc.pages) + 1 if annex_doc else 1
    for annex in annex_pdfs:
        annex_ranges.append(SectionPages(annex.slug, annex.title, "annexes", first,
                                         first + annex.pages - 1, annex.path.name))
        annex_labels.append((annex.title, f"A{first}"))
        first += annex.pages
    # Part 1 laid out before the main part: the contents list its pieces with their pages.
    part1_doc = LAYOUTS.render(part1_html, base_url, fetcher) if part1_html else None
    part1_ranges = _ranges(part1_doc, part1_entries, "partie1") if part1_doc else []
    first = len(part1_doc.pages) + 1 if part1_doc else 1
    for piece in part1_pdfs:
        part1_ranges.append(SectionPages(piece.slug, piece.title, "partie1", first,
                                         first + piece.pages - 1, piece.path.name))
        first += piece.pages
    part1_labels = [(r.title, f"1re·{r.first}" if r.first else "") for r in part1_ranges]
    main_doc = LAYOUTS.render(main_html_for(annex_labels, part1_labels), base_url, fetcher)
    main_ranges = _ranges(main_doc, main_entries, "principal")
    pages = list(main_doc.pages) + (list(annex_doc.pages) if annex_doc else [])
    # One WeasyPrint document for every page laid out, part 1's after the annexes': one
    # structure tree (PDF/UA tags) for them all; the annex PDFs go in between (append_annexes).
    combined = main_doc.copy(pages + (list(part1_doc.pages) if part1_doc else []))
    combined.metadata = copy(main_doc.metadata)       # the kept layout's own stays as it was
    combined.metadata.title = metadata.get("title")
    combined.metadata.authors = [metadata["author"]] if metadata.get("author") else []
    combined.metadata.lang = "fr"
    first_section = min((r.first for r in main_ranges if r.first), default=1)
    parts = {"principal": len(main_doc.pages),
             "annexes": (len(annex_doc.pages) if annex_doc else 0)
             + sum(a.pages for a in annex_pdfs)}
    if part1_doc or part1_pdfs:
        parts["partie1"] = first - 1
    count = PageCount(
        parts=parts,
        sections=main_ranges + annex_ranges + part1_ranges,
        page_sizes_mm=[(round(p.width * PX_TO_MM, 1), round(p.height * PX_TO_MM, 1))
                       for p in pages] + [size for a in annex_pdfs for size in a.sizes_mm],
        front_pages=first_section - 1,
        refused_urls=list(fetcher.refused),
        page_fill=page_fills(pages),
    )
    if on_counted is not None:
        on_counted(count)
    pdf = append_annexes(combined.write_pdf(**options.write_options()), list(annex_pdfs),
                         archive=options.archive, position=len(pages))
    pdf = append_part1(pdf, list(part1_pdfs), archive=options.archive)
    return pdf, count
