"""A loaded dossier -> its print document laid out by WeasyPrint: PDF bytes, pages, warnings.

Each section is rendered to print HTML (figures numbered across sections, images as print
variants sized for their place, media as a link and a QR code), then laid out once per part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from html import unescape
from pathlib import Path

import segno

from ..addresses import annex_pdf_slug, media_site_path
from ..costing.block import section_blocks
from ..errors import Problem, gather
from ..fonts import FONTS, font_face_css
from ..images import (
    ImageCache,
    Variant,
    column_width_mm,
    content_width_mm,
    img_attributes,
    low_resolution,
    missing_alt,
    print_problems,
    referenced_images,
)
from ..images.printed import unprinted
from ..markdown import fill_figure_refs, render_section
from ..markdown.figures import PRINT_WIDTH
from ..media import clean_media
from ..model import Dossier, Section
from ..results import BuildOptions
from ..sections import title_from_name
from ..templates import Markup, render
from .annexes import read_annex
from .count import PageCount
from .document import annex_html, main_html
from .geometry import COVER_LANDSCAPE_WIDTH, COVER_PORTRAIT_HEIGHT

__all__ = ["image_requests", "render_print"]

_MEDIA_URL = re.compile(r'<p class="media-url">([^<]*)<a href="([^"]*)"([^>]*)></a></p>')


def _media_links(html: str) -> str:
    """Print: give each media link its URL as text and a QR code leading to it."""

    def fill(match: re.Match) -> str:
        url = unescape(match.group(2))
        qr = segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True) \
            if url else ""
        return render("common/templates/media-print.html", url=url, qr=Markup(qr),
                      text=unescape(match.group(1)), attrs=img_attributes(match.group(3)))

    return _MEDIA_URL.sub(fill, html)


def image_requests(dossier: Dossier) -> list[tuple[Path, str, float | None]]:
    """Every image variant the dossier's PDF and web pages use: ``(source, purpose, mm)``."""
    column = column_width_mm(dossier.page_size_mm)
    requests = [(source, purpose, column) for source in referenced_images(dossier)
                for purpose in ("web", "print")]
    if dossier.cover:
        requests.append((dossier.cover, "print", dossier.page_size_mm[0]))
    return requests


def _cover_problems(variant: Variant, page_mm: tuple[float, float]) -> list[Problem]:
    """Low resolution of the cover photo, stretched to fill its box (print.css ``.cover-image``,
    see ``pdf.geometry``) and cropped to it."""
    if variant.vector or variant.width <= 0 or variant.height <= 0:
        return []
    width, height = page_mm
    box_w, box_h = ((width * COVER_LANDSCAPE_WIDTH, height) if width > height
                    else (width, height * COVER_PORTRAIT_HEIGHT))
    shown_mm = max(box_w, box_h * variant.width / variant.height)
    problem = low_resolution(variant, shown_mm, fills=True, label="photo de couverture : ")
    return [problem] if problem else []


def render_print(dossier: Dossier, options: BuildOptions, images: ImageCache,
                 on_counted: Callable[[PageCount, list[Problem]], None] | None = None
                 ) -> tuple[bytes, PageCount, list[Problem]]:
    """Render the dossier's PDF (one layout per part) and count its pages.

    ``on_counted(count, warnings)`` is called when the pages are laid out, before the PDF file
    is written.
    """
    warnings: list[Problem] = []
    by_path = {s.path.resolve(): s for s in dossier.all_sections()}
    blocks = section_blocks(dossier)
    column = column_width_mm(dossier.page_size_mm)        # a figure's width in a text column
    cover_mm = dossier.page_size_mm[0]
    images.prepare((), (), requests=image_requests(dossier))   # both cores, errors later
    placed: dict[str, Path] = {}                           # print URL -> student's image

    content = content_width_mm(dossier.page_size_mm)

    def link(kind: str, target, fragment: str) -> str | None:
        if kind == "image":
            width = column
            if fragment.startswith(PRINT_WIDTH[1:]):     # in a board or alone on a page
                with suppress(ValueError):
                    width = max(column, content * min(float(fragment.split("=", 1)[1]), 1.0))
            variant = images.variant(target, "print", placed_mm=width)
            url = variant.path.as_uri()
            if url not in placed:
                warnings.extend(print_problems(variant, width))
            placed[url] = target
            return url
        if kind == "section":
            return "#" + (f"{target.slug}--{fragment}" if fragment else target.anchor)
        if kind == "external":
            return fragment
        if kind == "media":
            clean_media(target, options.cache_dir)    # refused here if it cannot be cleaned
            path = media_site_path(dossier, target, images.hashes)
            return f"{options.site_url.rstrip('/')}/{path}" if options.site_url else ""
        return None  # a local file other than a section: no link in print

    figures: dict[str, int] = {}

    def render(section: Section) -> tuple[str, str, str]:
        rendered = render_section(section, by_path, dossier.root, link, blocks,
                                  id_prefix=f"{section.slug}--", figure_start=len(figures),
                                  target="print")
        warnings.extend(rendered.warnings)
        warnings.extend(missing_alt(section, rendered.html, placed))   # images: alt text
        # No site_url: the teacher's setting, said once by ``publier`` (mkdocs/plugin.py).
        figures.update({fid: number for fid, number, _ in rendered.figures})
        return section.anchor, section.title, rendered.html

    rendered = gather(dossier.all_sections(), render)     # every section's problems at once
    main, annexes = rendered[:len(dossier.sections)], rendered[len(dossier.sections):]
    main = [(a, t, _media_links(fill_figure_refs(h, figures))) for a, t, h in main]
    annexes = [(a, t, _media_links(fill_figure_refs(h, figures))) for a, t, h in annexes]
    css = [p.as_uri() for p in options.print_css if p.is_file()]
    fonts = font_face_css(lambda font: font.path.as_uri(), weight_ranges=False)
    cover = None
    if dossier.cover:
        variant = images.variant(dossier.cover, "print", placed_mm=cover_mm)
        cover = variant.path.as_uri()
        warnings.extend(_cover_problems(variant, dossier.page_size_mm))
    roots = [dossier.root, options.themes_dir, images.dir, *{f.path.parent for f in FONTS}]
    annex_pdfs = [read_annex(path, annex_pdf_slug(path), title_from_name(path.stem))
                  for path in dossier.annex_pdfs]
    from .render import render_pdf  # WeasyPrint: imported only when a PDF is laid out

    # An image WeasyPrint cannot load or draw: a French warning on it (images/printed.py).
    with unprinted({**placed, **({cover: dossier.cover} if cover else {})}) as failed:
        pdf, count = render_pdf(
            lambda labels: main_html(dossier, main, css, fonts, cover, labels),
            annex_html(dossier, annexes, css, fonts) if annexes else None, annexes, main,
            base_url=dossier.root.as_uri() + "/", roots=roots,
            metadata={"title": dossier.title, "author": dossier.candidate.full_name},
            annex_pdfs=annex_pdfs, pdf_variant=options.pdf_variant,
            on_counted=(lambda count: on_counted(count, warnings + _refused(count, dossier)))
            if on_counted else None)
    warnings.extend(failed)
    warnings.extend(_refused(count, dossier))
    return pdf, count, warnings


def _refused(count: PageCount, dossier: Dossier) -> list[Problem]:
    return [Problem(f"ressource refusée lors de l'impression : {url[:120]}", dossier.yml)
            for url in count.refused_urls]
