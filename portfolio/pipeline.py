"""A dossier folder -> DossierBuild: loaded dossier, PDF bytes, pages counted, budget verdict.

This is the one place that chains load -> Markdown -> images -> print HTML -> WeasyPrint ->
budget. Errors a person can cause are captured in the result, never raised, so that one broken
dossier never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import __version__
from .anonymity import anonymize
from .budget import Verdict, evaluate
from .conformance import Conformance, assess  # issue 5: conformance to the regulation
from .errors import AssetError, DossierError, Problem, display_path, gather
from .fonts import FONTS, font_face_css
from .hashes import FileHashes
from .images import (
    WORKERS,
    ImageCache,
    missing_alt,
    pool_context,
    print_problems,
    referenced_images,
)
from .load import load_dossier, title_from_name
from .markdown import fill_figure_refs, render_section
from .model import Dossier, Section, slugify
from .paths import resolve_ref
from .pdf.annexes import page_count, read_annex
from .pdf.count import PageCount, SectionPages
from .pdf.document import annex_html, main_html
from .pdf.options import TAGGED, PdfOptions
from .pdf.placing import (
    PrintCopies,
    cover_placed_mm,
    cover_problems,
    media_links,
    placed_image,
    print_request_mm,
    section_page_url,
)
from .rules import RULES_FILE, load_rules
from .yamlfile import parse_yaml

__all__ = ["BuildOptions", "DossierBuild", "annex_pdf_site_path", "build_dossier",
           "build_dossiers", "image_requests", "media_site_path", "refuse_same_address",
           "section_blocks"]

log = logging.getLogger(__name__)

PROJECT_DIR = Path(__file__).resolve().parent.parent
THEMES_DIR = PROJECT_DIR / "themes"


@dataclass
class BuildOptions:
    cache_dir: Path
    themes_dir: Path = THEMES_DIR
    site_url: str = ""
    mode: str = "publish"    # conformance strictness: preview | publish | check | rendre
    anonymous: bool = False  # candidates by number only (anonymity.py)
    pdf: PdfOptions = TAGGED   # a tagged PDF/UA; pdf.options.HANDIN for rendre (PDF/A)

    @property
    def print_css(self) -> list[Path]:
        return [self.themes_dir / "print" / "print.css",
                self.themes_dir / "common" / "couts.css"]


@dataclass
class DossierBuild:
    root: Path
    dossier: Dossier | None = None
    pdf_path: Path | None = None   # the rendered PDF, in the content cache (never held in memory)
    count: PageCount | None = None
    verdict: Verdict | None = None
    error: DossierError | None = None
    warnings: list[Problem] = field(default_factory=list)
    pdf_cached: bool = False
    pending: bool = False          # PDF not rendered yet (preview): count is the previous one
    pdf_writing: bool = False      # pages counted, PDF file still being written (preview)
    key: str = ""                  # fingerprint of the inputs of the PDF
    conformance: Conformance | None = None

    @property
    def pdf(self) -> bytes | None:
        """The PDF's bytes, read from the cache file."""
        return self.pdf_path.read_bytes() if self.pdf_path is not None else None

    @property
    def publishable(self) -> bool:
        return self.error is None and self.verdict is not None and self.verdict.ok

    @property
    def problems(self) -> list[Problem]:
        """What keeps this dossier from being published (French)."""
        if self.error is not None:
            return self.error.problems
        return list(self.verdict.errors) if self.verdict else []


def section_blocks(dossier: Dossier) -> dict[str, Callable[[str, int, Section], str]]:
    """Fenced blocks the dossier's Markdown may use, computed from data (``couts``)."""

    def costs(text: str, line: int, section: Section) -> str:
        from .costing import load_costs, parse_costs, render_costs_html

        if text.strip():
            # Inline YAML: pad with newlines so that messages give the Markdown file's lines.
            doc = parse_yaml("\n" * line + text, section.path)
            return render_costs_html(parse_costs(doc))
        path = dossier.root / "couts.yml"
        if not path.is_file():
            raise DossierError("le bloc « couts » demande un fichier couts.yml, absent.",
                               dossier.root / "couts.yml",
                               hint="Créez couts.yml à la racine de votre dossier "
                               "(voir le modèle de « build.py new »).")
        return render_costs_html(load_costs(path))

    return {"couts": costs}


MEDIA_MAX_BYTES = 200_000_000


def annex_pdf_slug(path: Path) -> str:
    return f"annexe-{slugify(path.stem, 'pdf')}"


def annex_pdf_site_path(dossier: Dossier, path: Path) -> str:
    """Where an annex PDF of the dossier is published (site-relative)."""
    index = dossier.annex_pdfs.index(path) + 1
    name = f"annexe-{index}" if dossier.anonymous else annex_pdf_slug(path)
    return f"{dossier.slug}/annexes/{name}.pdf"


def media_site_path(dossier: Dossier, path: Path) -> str:
    """Where a video, sound or 3D file of the dossier is published (site-relative)."""
    size = path.stat().st_size
    if size > MEDIA_MAX_BYTES:
        raise AssetError(f"fichier trop lourd ({size // 1_000_000} Mo) pour être publié.", path,
                         hint="Réduisez la vidéo (720p, 2 à 3 minutes) avant de l'ajouter.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    stem = ("media" if dossier.anonymous else
            re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")[:40] or "media")
    return f"{dossier.slug}/media/{stem}-{digest}{path.suffix.lower()}"


def _fingerprint(dossier: Dossier, options: BuildOptions) -> str:
    """Hash of every input that shapes the PDF: the dossier's files, theme, rules, code version."""
    digest = hashlib.sha256(
        f"{__version__}|{options.site_url}|{options.anonymous}".encode()
        + f"|{options.pdf.key()}".encode())
    files = sorted(p for p in dossier.root.rglob("*") if p.is_file())
    files += [p for p in options.print_css if p.is_file()] + [RULES_FILE] + sorted(
        (options.themes_dir / "print").glob("*.html")) + sorted(
        Path(__file__).parent.rglob("*.py"))
    hashes = FileHashes.for_cache(options.cache_dir)
    for path in files:
        digest.update(os.fsencode(path))
        digest.update(hashes.sha256(path).encode())
    hashes.save()
    return digest.hexdigest()


def _complete_pdf(path: Path) -> bool:
    """Whether ``path`` looks like a whole PDF (not truncated by a killed build)."""
    try:
        with path.open("rb") as file:
            head = file.read(5)
            file.seek(max(0, path.stat().st_size - 1024))
            tail = file.read()
    except OSError:
        return False
    return head.startswith(b"%PDF") and b"%%EOF" in tail


def _read_meta(path: Path) -> tuple[PageCount, list[Problem]]:
    meta = json.loads(path.read_text())
    count = PageCount(
        parts=meta["parts"], sections=[SectionPages(**s) for s in meta["sections"]],
        page_sizes_mm=[tuple(s) for s in meta["page_sizes_mm"]],
        front_pages=meta["front_pages"], refused_urls=meta["refused_urls"],
        page_fill=meta.get("page_fill", []))
    warnings = [Problem(w["message"], Path(w["path"]) if w["path"] else None, w["line"],
                        w["hint"]) for w in meta.get("warnings", [])]
    return count, warnings


def _load_cached(cache: Path, key: str) -> tuple[Path, PageCount, list[Problem]] | None:
    """The PDF's path, its page count and its print warnings from an earlier identical render."""
    try:
        pdf = cache / f"{key}.pdf"
        if not _complete_pdf(pdf):
            return None     # a truncated or foreign file: render again
        return pdf, *_read_meta(cache / f"{key}.json")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _load_counted(cache: Path, key: str) -> tuple[PageCount, list[Problem]] | None:
    """The page count of a render whose layout is done and whose PDF is still being written."""
    try:
        return _read_meta(cache / f"{key}.count.json")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _meta_json(count: PageCount, warnings: list[Problem]) -> bytes:
    meta = asdict(count)
    meta["warnings"] = [{"message": w.message, "path": str(w.path) if w.path else None,
                         "line": w.line, "hint": w.hint} for w in warnings]
    return json.dumps(meta).encode()


def _store_cached(cache: Path, key: str, pdf: bytes, count: PageCount,
                  warnings: list[Problem]) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    _write_atomic(cache / f"{key}.pdf", pdf)
    _write_atomic(cache / f"{key}.json", _meta_json(count, warnings))
    (cache / f"{key}.count.json").unlink(missing_ok=True)
    return cache / f"{key}.pdf"


def image_requests(dossier: Dossier) -> list[tuple[Path, str, float | None]]:
    """Every image variant the dossier's PDF and web pages use: ``(source, purpose, mm)``."""
    page = dossier.page_size_mm
    requests = [(source, purpose, print_request_mm(source, page) if purpose == "print" else None)
                for source in referenced_images(dossier) for purpose in ("web", "print")]
    if dossier.cover:
        requests.append((dossier.cover, "print", cover_placed_mm(dossier.cover, page)))
    return requests


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
    images.prepare((), (), requests=image_requests(dossier))   # both cores, errors later
    placed: dict[str, Path] = {}                           # print URL -> student's image

    def link(kind: str, target, fragment: str) -> str | None:
        if kind == "image":      # sized for its place on the grid (pdf/placing.py)
            variant, width, url = placed_image(images, target, fragment, dossier.page_size_mm)
            if url not in placed:
                warnings.extend(print_problems(variant, width))
            placed[url] = target
            return url
        if kind == "section":
            return "#" + (f"{target.slug}--{fragment}" if fragment else target.anchor)
        if kind == "external":
            return fragment
        if kind == "media":
            path = media_site_path(dossier, target)
            return f"{options.site_url.rstrip('/')}/{path}" if options.site_url else ""
        return None  # a local file other than a section: no link in print

    figures: dict[str, int] = {}

    def render(section: Section) -> tuple[str, str, str]:
        rendered = render_section(section, by_path, dossier.root, link, blocks,
                                  id_prefix=f"{section.slug}--", figure_start=len(figures),
                                  target="print")
        warnings.extend(rendered.warnings)
        warnings.extend(missing_alt(section, rendered.html, placed))   # images: alt text
        if "media-url" in rendered.html and not options.site_url:
            warnings.append(Problem(
                "le PDF ne peut pas donner l'adresse des vidéos et modèles 3D : l'adresse du "
                "site publié n'est pas configurée.", section.path,
                hint="Renseignez « site_url » dans mkdocs.yml."))
        figures.update({fid: number for fid, number, _ in rendered.figures})
        return section.anchor, section.title, rendered.html

    rendered = gather(dossier.all_sections(), render)     # every section's problems at once
    main, annexes = rendered[:len(dossier.sections)], rendered[len(dossier.sections):]

    def finish(part: list[Section], rendered: list[tuple[str, str, str]]) -> list:
        """Figure references filled, media QR codes to the site's page of their section."""
        return [(a, t, media_links(fill_figure_refs(h, figures),
                                   section_page_url(dossier, s, options.site_url), f"{s.slug}--"))
                for s, (a, t, h) in zip(part, rendered, strict=True)]

    main, annexes = finish(dossier.sections, main), finish(dossier.annexes, annexes)
    css = [p.as_uri() for p in options.print_css if p.is_file()]
    fonts = font_face_css(lambda font: font.path.as_uri(), weight_ranges=False)
    cover = None
    if dossier.cover:
        variant = images.variant(dossier.cover, "print",
                                 placed_mm=cover_placed_mm(dossier.cover, dossier.page_size_mm))
        cover = variant.path.as_uri()
        warnings.extend(cover_problems(variant, dossier.page_size_mm))
    roots = [dossier.root, options.themes_dir, images.dir, *{f.path.parent for f in FONTS}]
    annex_pdfs = [read_annex(path, annex_pdf_slug(path), title_from_name(path.stem))
                  for path in dossier.annex_pdfs]
    from .pdf.render import render_pdf  # WeasyPrint: imported only when a PDF is laid out

    copies = PrintCopies(images, placed)      # each figure's copy at its composed size
    pdf, count = render_pdf(
        lambda labels: main_html(dossier, main, css, fonts, cover, labels, dossier.sections,
                                 copies, roots),
        annex_html(dossier, annexes, css, fonts, dossier.annexes, copies, roots)
        if annexes else None,
        annexes, main,
        base_url=dossier.root.as_uri() + "/", roots=roots,
        metadata={"title": dossier.title, "author": dossier.candidate.full_name},
        annex_pdfs=annex_pdfs, options=options.pdf,
        on_counted=(lambda count: on_counted(count, warnings + _refused(count, dossier)))
        if on_counted else None)
    warnings.extend(_refused(count, dossier))
    return pdf, count, warnings


def _refused(count: PageCount, dossier: Dossier) -> list[Problem]:
    return [Problem(f"ressource refusée lors de l'impression : {url[:120]}", dossier.yml)
            for url in count.refused_urls]


def _part1_pages(dossier: Dossier) -> int:
    """Pages of the part 1 pieces declared in dossier.yml (PDF pages; an image is one page).

    Counted against the limits of the voies whose part 1 has a page budget (perfectionnement:
    30 pages, 50 in all). A missing or unreadable piece counts nothing here: the conformance
    check reports it.
    """
    rules = load_rules()
    if dossier.partie1 is None or not any("partie1" in limit.parts
                                          for limit in rules.voies[dossier.voie].limits):
        return 0
    refs = [dossier.partie1.report] if dossier.partie1.report else []
    refs += [ref for period in (*dossier.partie1.stages, *dossier.partie1.certificates)
             for ref in period.pieces.values() if ref]
    pages = 0
    for ref in dict.fromkeys(refs):
        try:
            path = resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml)
            pages += page_count(path) if path.suffix.lower() == ".pdf" else 1
        except DossierError:
            continue
    return pages


def build_dossier(root: Path, options: BuildOptions, images: ImageCache | None = None, *,
                  render: bool = True, previous: DossierBuild | None = None,
                  on_counted: Callable[[], None] | None = None) -> DossierBuild:
    """Load, render and judge one dossier; a person's mistake ends up in ``result.error``.

    With ``render=False`` a PDF that is not in the cache is not rendered: the result is
    ``pending`` and, when ``previous`` (an earlier build of the same dossier) is given, reuses
    its PDF and page count until the new render is done (the preview's stale meter). If that
    render has already laid the pages out, the result has the new count and ``pdf_writing``.
    A render given ``on_counted`` stores its count as soon as the pages are laid out, then
    calls it (the preview then shows the new count while the file is being written).
    """
    images = images or ImageCache(options.cache_dir)
    result = DossierBuild(root=root)
    try:
        dossier = load_dossier(root)
        result.dossier = dossier
        result.warnings.extend(dossier.warnings)
        if options.anonymous:
            result.warnings.extend(anonymize(dossier))
        key = _fingerprint(dossier, options)
        result.key = key
        pdf_cache = options.cache_dir / "pdf"
        cached = _load_cached(pdf_cache, key)
        if cached:
            log.debug("PDF en cache : %s", dossier.slug)
            result.pdf_path, result.count, warnings = cached
            result.warnings.extend(warnings)
            result.pdf_cached = True
        elif (not render and previous is not None and previous.pdf_path is not None
              and (counted := _load_counted(pdf_cache, key)) is not None):
            result.count, warnings = counted
            result.warnings.extend(warnings)
            result.pdf_writing = True
            result.pdf_path = previous.pdf_path
        elif not render:
            result.pending = True
            if previous is None or previous.count is None:
                return result
            result.pdf_path, result.count = previous.pdf_path, previous.count
        else:
            log.info("Impression de %s", dossier.slug)
            try:
                counted = None
                if on_counted is not None:
                    def counted(count: PageCount, warnings: list[Problem]) -> None:
                        pdf_cache.mkdir(parents=True, exist_ok=True)
                        _write_atomic(pdf_cache / f"{key}.count.json",
                                      _meta_json(count, warnings))
                        on_counted()
                pdf, result.count, warnings = render_print(dossier, options, images, counted)
            except DossierError:
                raise
            except Exception as exc:   # a layout engine bug must not stop the other dossiers
                log.debug("WeasyPrint failure for %s", dossier.slug, exc_info=True)
                raise DossierError(
                    f"la mise en page du PDF a échoué (erreur interne : {type(exc).__name__}).",
                    dossier.yml, hint="Signalez-le à votre enseignant ; en attendant, essayez "
                    "de déplacer ou de simplifier le dernier bloc ajouté.") from None
            result.warnings.extend(warnings)
            result.pdf_path = _store_cached(pdf_cache, key, pdf, result.count, warnings)
        part1 = _part1_pages(dossier)
        if part1:
            result.count = replace(result.count, parts={**result.count.parts, "partie1": part1})
        result.verdict = evaluate(dossier, result.count)
        # Issue 5: conformance errors (in options.mode) refuse the dossier like budget errors.
        result.conformance = assess(dossier, options.mode)
        result.verdict.errors.extend(result.conformance.errors)
        result.warnings.extend(result.conformance.summary)
    except DossierError as exc:
        result.error = exc
    return result


def _render_to_cache(root: Path, options: BuildOptions) -> tuple[bool, float]:
    """Worker process: render one dossier's PDF into the content cache (ok, seconds)."""
    start = time.perf_counter()
    result = build_dossier(root, options)
    return result.error is None, time.perf_counter() - start


def build_dossiers(roots: list[Path], options: BuildOptions, images: ImageCache | None = None,
                   workers: int = WORKERS) -> list[DossierBuild]:
    """Build every dossier of a class; the PDFs not in the cache are rendered in parallel.

    The images of all those dossiers are prepared first (one pool over every core), then their
    PDFs are laid out ``workers`` at a time in separate processes (WeasyPrint uses one core),
    each writing into the content cache; the results are then read back here. A dossier whose
    render failed is built again in this process, which gives its error.
    """
    images = images or ImageCache(options.cache_dir)
    first = [build_dossier(root, options, images, render=False) for root in roots]
    pending = [b for b in first if b.pending]
    if pending:
        images.prepare((), (), requests=[r for b in pending for r in image_requests(b.dossier)])
    if len(pending) > 1 and workers > 1:
        log.info("%d PDF à imprimer, %d à la fois", len(pending), workers)
        try:
            count = min(workers, len(pending))
            with ProcessPoolExecutor(count, mp_context=pool_context()) as pool:
                futures = {pool.submit(_render_to_cache, b.root, options): b for b in pending}
                for future in as_completed(futures):
                    if future.exception() is None and future.result()[0]:
                        slug = futures[future].dossier.slug
                        log.info("Impression de %s", slug)
                        log.debug("PDF rendu : %s en %.2f s", slug, future.result()[1])
        except (OSError, RuntimeError):    # no worker process here: render in this process
            log.debug("PDF workers unavailable", exc_info=True)
    builds = [build_dossier(b.root, options, images) if b.pending else b for b in first]
    refuse_same_address(builds)
    return builds


def refuse_same_address(builds: list[DossierBuild]) -> None:
    """Two folders with one web address (``Ana`` and ``ana``): the second one is refused."""
    seen: dict[str, Path] = {}
    for build in builds:
        if build.dossier is None or build.error is not None:
            continue
        slug = build.dossier.slug
        if slug not in seen:
            seen[slug] = build.root
            continue
        build.error = DossierError(
            f"ce dossier aurait la même adresse sur le site (« {slug} ») que le dossier "
            f"{display_path(seen[slug])} : l'un effacerait l'autre.", build.dossier.yml,
            hint="Renommez l'un des deux dossiers dans students/ (par exemple prenom-nom).")
