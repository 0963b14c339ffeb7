"""A loaded dossier -> its print document laid out by WeasyPrint: PDF bytes, pages, warnings.

Each section is rendered to print HTML (figures numbered across sections, images as print
variants sized for their place on the grid, media as a QR code to the site's page where they
play), composed into pages (:mod:`.document`), then laid out once per part.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..costing.block import section_blocks
from ..dossier.model import Dossier, Section
from ..dossier.sections import title_from_name
from ..images import ImageCache
from ..images.media import clean_media
from ..images.printed import unprinted
from ..markdown import dossier_budget, fill_figure_refs, render_section
from ..pdf.draw.document import annex_html, main_html, part1_html
from ..pdf.draw.placing import (
    PrintCopies,
    cover_photo,
    cover_placed_mm,
    cover_problems,
    full_page,
    media_links,
    placed_image,
    print_request_mm,
    section_page_url,
    variant_size,
)
from ..pdf.output.annexes import read_annex
from ..pdf.output.count import PageCount
from ..pdf.output.part1 import joined_pieces
from ..pdf.output.stand_in import CountedWithStandInsError, stand_in_image, stand_in_note
from ..pdf.page.placement import missing_alt, print_problems, referenced_images
from ..pdf.plan.galley import GalleyMemo
from ..pdf.plan.scale import at_scale
from ..util.errors import DossierError, Problem, ProblemsError, gather
from ..util.fonts import FONTS, print_font_css
from .addresses import annex_pdf_slug, media_site_path
from .anonymity import mask_names
from .options import BuildOptions
from .pdfcache import shared_digest

__all__ = ["image_requests", "render_print"]

def image_requests(dossier: Dossier, images: ImageCache) -> list[tuple[Path, str, float | None]]:
    """Every image variant the dossier's PDF and web pages use: ``(source, purpose, mm)``
    (``images``: the cache whose records give the images' sizes, once it has them)."""
    page = dossier.page_size_mm
    requests = [(source, purpose,
                 print_request_mm(source, page, images) if purpose == "print" else None)
                for source in referenced_images(dossier) for purpose in ("web", "print")]
    if dossier.cover:
        requests.append((dossier.cover, "print", cover_placed_mm(dossier.cover, page, images)))
    return requests


def render_print(dossier: Dossier, options: BuildOptions, images: ImageCache,
                 on_counted: Callable[[PageCount, list[Problem]], None] | None = None
                 ) -> tuple[bytes, PageCount, list[Problem]]:
    """Render the dossier's PDF (one layout per part) and count its pages.

    Images that cannot be printed and annex pages larger than A3 end it in
    :class:`.stand_in.CountedWithStandInsError` (their errors, and the pages counted with a
    frame or an A3 page in their place); any other error of the sections or annexes raises
    them all.

    ``on_counted(count, warnings)`` is called when the pages are laid out, before the PDF file
    is written.
    """
    warnings: list[Problem] = []
    written = [*dossier.all_sections(), *dossier.part1_sections]   # part 1 written here too
    by_path = {s.path.resolve(): s for s in written}
    blocks = section_blocks(dossier)
    images.prepare((), (), requests=image_requests(dossier, images))   # both cores, errors later
    placed: dict[str, Path] = {}                           # print URL -> student's image

    def link(kind: str, target, fragment: str) -> str | None:
        if kind == "image":      # sized for its place on the grid (pdf/draw/placing.py)
            variant, width, url = placed_image(images, target, fragment, dossier.page_size_mm)
            if url not in placed:
                warnings.extend(print_problems(variant, width, fills=full_page(fragment)))
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

    def copy_for(source: Path, width_mm: float) -> str:
        return images.variant(source, "print", placed_mm=width_mm).path.as_uri()

    figures: dict[str, int] = {}
    budget = dossier_budget()        # this pass's conversion time, shared by the sections
    stand_in = stand_in_image(options.cache_dir)    # for an image that cannot be printed
    stand_ins: list[DossierError] = []               # images printed as that frame
    oversized: list[DossierError] = []     # annex PDFs' pages over A3, counted as A3 pages

    def render(section: Section) -> tuple[str, str, str]:
        if budget.ran_out:           # refused already, on the file where the time ran out
            return section.anchor, section.title, ""
        rendered = render_section(section, by_path, dossier.root, link, blocks,
                                  id_prefix=f"{section.slug}--", figure_start=len(figures),
                                  target="print", budget=budget, stand_in=stand_in)
        stand_ins.extend(rendered.stand_ins)
        warnings.extend(rendered.warnings)
        warnings.extend(p for p in missing_alt(section, rendered.html, placed)  # alt text
                        if stand_in.name not in p.message)
        masked = mask_names(rendered.html, dossier.hidden_names)   # anonymous: anonymity.py
        html, problems = at_scale(masked, section, placed, dossier.page_size_mm,
                                  copy_for)                 # "échelle 4:1": at that scale
        warnings.extend(problems)
        # No site_url: the teacher's setting, said once by ``publier`` (mkdocs/plugin.py).
        figures.update({fid: number for fid, number, _ in rendered.figures})
        return section.anchor, section.title, html

    failed: list[DossierError] = []      # every section's and annex's problems at once
    try:
        rendered = gather(written, render)
    except DossierError as exc:
        failed.append(exc)
    try:
        annex_pdfs = gather(dossier.annex_pdfs, lambda path: read_annex(
            path, annex_pdf_slug(path), title_from_name(path.stem), oversized))
    except DossierError as exc:
        failed.append(exc)
    if failed:
        raise ProblemsError.of([*failed, *oversized, *stand_ins])
    if stand_ins or oversized:     # a count that is not the PDF's: never the preview's count
        on_counted = None
    parts = len(dossier.sections), len(dossier.all_sections())
    main, annexes, part1 = (rendered[:parts[0]], rendered[parts[0]:parts[1]],
                            rendered[parts[1]:])

    def finish(part: list[Section], rendered: list[tuple[str, str, str]]) -> list:
        """Figure references filled, media QR codes to the site's page of their section."""
        return [(a, t, media_links(fill_figure_refs(h, figures),
                                   section_page_url(dossier, s, options.site_url), f"{s.slug}--"))
                for s, (a, t, h) in zip(part, rendered, strict=True)]

    main, annexes = finish(dossier.sections, main), finish(dossier.annexes, annexes)
    part1 = finish(dossier.part1_sections, part1)
    css = [p.as_uri() for p in options.print_css if p.is_file()]
    fonts = print_font_css()
    cover = None
    if dossier.cover:
        variant = images.variant(dossier.cover, "print",
                                 placed_mm=cover_placed_mm(dossier.cover, dossier.page_size_mm,
                                                           images))
        cover = cover_photo(variant.path.as_uri(), variant_size(variant), dossier.page_size_mm)
        warnings.extend(cover_problems(variant, dossier.page_size_mm))
    roots = [dossier.root, options.themes_dir, images.dir, *{f.path.parent for f in FONTS}]
    from ..pdf.output.render import render_pdf  # WeasyPrint: imported only when a PDF is laid out

    joined, unjoined = joined_pieces(dossier)     # part 1's scans, after its written pieces
    warnings.extend(unjoined)

    copies = PrintCopies(images, placed)      # each figure's copy at its composed size
    shared = shared_digest(options)
    memo = {part: GalleyMemo(options.cache_dir / "galley" / f"{dossier.root.name}.{part}.json",
                             shared) for part in ("main", "annexes", "partie1")}
    if cover:
        copies.printed[cover.src] = dossier.cover
    # An image WeasyPrint cannot load or draw: a French warning on it (images/printed.py).
    with unprinted(copies.printed) as failed:
        pdf, count = render_pdf(
            lambda labels, part1_labels=(): main_html(
                dossier, main, css, fonts, cover, labels, dossier.sections, copies, roots,
                memo["main"], part1_entries=list(part1_labels)),
            annex_html(dossier, annexes, css, fonts, dossier.annexes, copies, roots,
                       memo["annexes"])
            if annexes else None, annexes, main,
            base_url=dossier.root.as_uri() + "/", roots=roots,
            metadata={"title": dossier.title, "author": dossier.candidate.full_name},
            annex_pdfs=annex_pdfs, options=options.pdf,
            part1_html=part1_html(dossier, part1, css, fonts, dossier.part1_sections, copies,
                                  roots, memo["partie1"]) if part1 else None,
            part1_entries=part1, part1_pdfs=joined,
            on_counted=(lambda count: on_counted(count, warnings + _refused(count, dossier)))
            if on_counted else None)
    warnings.extend(failed)
    warnings.extend(_refused(count, dossier))
    if stand_ins or oversized:      # the pages are counted; this PDF is not the dossier's
        note = [stand_in_note(sum(len(e.problems) for e in stand_ins), dossier.yml)]
        raise CountedWithStandInsError([*oversized, *stand_ins], count,
                                       [*warnings, *(note if stand_ins else [])])
    return pdf, count, warnings


def _refused(count: PageCount, dossier: Dossier) -> list[Problem]:
    return [Problem(f"ressource refusée lors de l'impression : {url[:120]}", dossier.yml)
            for url in count.refused_urls]
