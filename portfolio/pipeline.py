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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from html import unescape
from pathlib import Path

import segno

from . import __version__
from .anonymity import anonymize
from .budget import Verdict, evaluate
from .conformance import Conformance, assess  # issue 5: conformance to the regulation
from .errors import AssetError, DossierError, Problem
from .fonts import FONTS, font_face_css
from .hashes import FileHashes
from .images import ImageCache, column_width_mm, missing_alt, print_problems, referenced_images
from .load import load_dossier, title_from_name
from .markdown import fill_figure_refs, render_section
from .model import Dossier, Section, slugify
from .pdf.annexes import read_annex
from .pdf.document import annex_html, main_html
from .pdf.render import PageCount, SectionPages, render_pdf
from .rules import RULES_FILE
from .yamlfile import parse_yaml

__all__ = ["BuildOptions", "DossierBuild", "annex_pdf_site_path", "build_dossier",
           "media_site_path", "section_blocks"]

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

    @property
    def print_css(self) -> list[Path]:
        return [self.themes_dir / "print" / "print.css",
                self.themes_dir / "common" / "couts.css"]


@dataclass
class DossierBuild:
    root: Path
    dossier: Dossier | None = None
    pdf: bytes | None = None
    count: PageCount | None = None
    verdict: Verdict | None = None
    error: DossierError | None = None
    warnings: list[Problem] = field(default_factory=list)
    pdf_cached: bool = False
    pending: bool = False          # PDF not rendered yet (preview): count is the previous one
    key: str = ""                  # fingerprint of the inputs of the PDF
    conformance: Conformance | None = None

    @property
    def publishable(self) -> bool:
        return self.error is None and self.verdict is not None and self.verdict.ok

    @property
    def problems(self) -> list[Problem]:
        """What keeps this dossier from being published (French)."""
        if self.error is not None:
            return [self.error.problem]
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


_MEDIA_URL = re.compile(r'<p class="media-url">([^<]*)<a href="([^"]*)"([^>]*)></a></p>')


def _media_links(html: str, site_url: str) -> str:
    """Print: give each media link its URL as text and a QR code leading to it."""

    def fill(match: re.Match) -> str:
        url = match.group(2)
        if not url:
            return ('<p class="media-url">À voir sur le site publié du dossier '
                    "(adresse non configurée).</p>")
        qr = segno.make(unescape(url), error="m").svg_inline(scale=1, border=2, omitsize=True)
        return (f'<div class="media-qr">{qr}</div><p class="media-url">{match.group(1)}'
                f'<a href="{url}"{match.group(3)}>{url}</a></p>')

    return _MEDIA_URL.sub(fill, html)


def _fingerprint(dossier: Dossier, options: BuildOptions) -> str:
    """Hash of every input that shapes the PDF: the dossier's files, theme, rules, code version."""
    digest = hashlib.sha256(
        f"{__version__}|{options.site_url}|{options.anonymous}".encode())
    files = sorted(p for p in dossier.root.rglob("*") if p.is_file())
    files += [p for p in options.print_css if p.is_file()] + [RULES_FILE] + sorted(
        Path(__file__).parent.rglob("*.py"))
    hashes = FileHashes.for_cache(options.cache_dir)
    for path in files:
        digest.update(os.fsencode(path))
        digest.update(hashes.sha256(path).encode())
    hashes.save()
    return digest.hexdigest()


def _load_cached(cache: Path, key: str) -> tuple[bytes, PageCount, list[Problem]] | None:
    """The PDF, its page count and its print warnings from an earlier identical render."""
    try:
        meta = json.loads((cache / f"{key}.json").read_text())
        pdf = (cache / f"{key}.pdf").read_bytes()
        if not pdf.startswith(b"%PDF") or b"%%EOF" not in pdf[-1024:]:
            return None     # a truncated or foreign file: render again
        count = PageCount(
            parts=meta["parts"], sections=[SectionPages(**s) for s in meta["sections"]],
            page_sizes_mm=[tuple(s) for s in meta["page_sizes_mm"]],
            front_pages=meta["front_pages"], refused_urls=meta["refused_urls"])
        warnings = [Problem(w["message"], Path(w["path"]) if w["path"] else None, w["line"],
                            w["hint"]) for w in meta.get("warnings", [])]
        return pdf, count, warnings
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store_cached(cache: Path, key: str, pdf: bytes, count: PageCount,
                  warnings: list[Problem]) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    meta = asdict(count)
    meta["warnings"] = [{"message": w.message, "path": str(w.path) if w.path else None,
                         "line": w.line, "hint": w.hint} for w in warnings]
    for name, data in ((f"{key}.pdf", pdf), (f"{key}.json", json.dumps(meta).encode())):
        tmp = cache / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, cache / name)


def render_print(dossier: Dossier, options: BuildOptions, images: ImageCache
                 ) -> tuple[bytes, PageCount, list[Problem]]:
    """Render the dossier's PDF (one layout per part) and count its pages."""
    warnings: list[Problem] = []
    by_path = {s.path.resolve(): s for s in dossier.all_sections()}
    blocks = section_blocks(dossier)
    column = column_width_mm(dossier.page_size_mm)        # a figure's width in a text column
    cover_mm = dossier.page_size_mm[0]
    images.prepare(referenced_images(dossier), placed_mm=column,   # both cores, errors later
                   requests=[(dossier.cover, "print", cover_mm)] if dossier.cover else ())
    placed: dict[str, Path] = {}                           # print URL -> student's image

    def link(kind: str, target, fragment: str) -> str | None:
        if kind == "image":
            variant = images.variant(target, "print", placed_mm=column)
            url = variant.path.as_uri()
            if url not in placed:
                warnings.extend(print_problems(variant, column))
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

    main = [render(s) for s in dossier.sections]
    annexes = [render(s) for s in dossier.annexes]
    main = [(a, t, _media_links(fill_figure_refs(h, figures), options.site_url))
            for a, t, h in main]
    annexes = [(a, t, _media_links(fill_figure_refs(h, figures), options.site_url))
               for a, t, h in annexes]
    css = [p.as_uri() for p in options.print_css if p.is_file()]
    fonts = font_face_css(lambda font: font.path.as_uri(), weight_ranges=False)
    cover = (images.variant(dossier.cover, "print", placed_mm=cover_mm).path.as_uri()
             if dossier.cover else None)
    roots = [dossier.root, options.themes_dir, images.dir, *{f.path.parent for f in FONTS}]
    annex_pdfs = [read_annex(path, annex_pdf_slug(path), title_from_name(path.stem))
                  for path in dossier.annex_pdfs]
    pdf, count = render_pdf(
        lambda labels: main_html(dossier, main, css, fonts, cover, labels),
        annex_html(dossier, annexes, css, fonts) if annexes else None, annexes, main,
        base_url=dossier.root.as_uri() + "/", roots=roots,
        metadata={"title": dossier.title, "author": dossier.candidate.full_name},
        annex_pdfs=annex_pdfs)
    for url in count.refused_urls:
        warnings.append(Problem(f"ressource refusée lors de l'impression : {url[:120]}",
                                dossier.yml))
    return pdf, count, warnings


def build_dossier(root: Path, options: BuildOptions, images: ImageCache | None = None, *,
                  render: bool = True, previous: DossierBuild | None = None) -> DossierBuild:
    """Load, render and judge one dossier; a person's mistake ends up in ``result.error``.

    With ``render=False`` a PDF that is not in the cache is not rendered: the result is
    ``pending`` and, when ``previous`` (an earlier build of the same dossier) is given, reuses
    its PDF and page count until the new render is done (the preview's stale meter).
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
            result.pdf, result.count, warnings = cached
            result.warnings.extend(warnings)
            result.pdf_cached = True
        elif not render:
            result.pending = True
            if previous is None or previous.count is None:
                return result
            result.pdf, result.count = previous.pdf, previous.count
        else:
            log.info("Impression de %s", dossier.slug)
            try:
                result.pdf, result.count, warnings = render_print(dossier, options, images)
            except DossierError:
                raise
            except Exception as exc:   # a layout engine bug must not stop the other dossiers
                log.debug("WeasyPrint failure for %s", dossier.slug, exc_info=True)
                raise DossierError(
                    f"la mise en page du PDF a échoué (erreur interne : {type(exc).__name__}).",
                    dossier.yml, hint="Signalez-le à votre enseignant ; en attendant, essayez "
                    "de déplacer ou de simplifier le dernier bloc ajouté.") from None
            result.warnings.extend(warnings)
            _store_cached(pdf_cache, key, result.pdf, result.count, warnings)
        result.verdict = evaluate(dossier, result.count)
        # Issue 5: conformance errors (in options.mode) refuse the dossier like budget errors.
        result.conformance = assess(dossier, options.mode)
        result.verdict.errors.extend(result.conformance.errors)
        result.warnings.extend(result.conformance.summary)
    except DossierError as exc:
        result.error = exc
    return result
