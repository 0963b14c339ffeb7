"""Built dossiers -> the web pages of the portfolio (HTML fragments, media, PDFs), engine-agnostic.

The MkDocs plugin asks :func:`plan_site` which pages and files exist, lets MkDocs give each page
its URL, then asks :func:`render_page` for each page's HTML. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..images import ImageCache, Variant
from ..markdown import render_section
from ..model import Section
from ..pipeline import DossierBuild, section_blocks
from ..rules import load_rules

__all__ = ["PagePlan", "SitePlan", "plan_site", "relative_url", "render_page"]


@dataclass
class PagePlan:
    src_uri: str                      # e.g. "lea-moreau/objectifs.md"
    title: str
    kind: str                         # "home" | "dossier" | "section"
    build: DossierBuild | None = None
    section: Section | None = None


@dataclass
class SitePlan:
    pages: list[PagePlan]
    builds: list[DossierBuild]
    files: dict[str, bytes | Path] = field(default_factory=dict)   # dest uri -> content
    carried: list[dict] = field(default_factory=list)              # previous publications kept
    images: ImageCache | None = None
    _media: dict[Path, tuple[str, Variant]] = field(default_factory=dict)

    def media(self, source: Path, purpose: str = "web") -> tuple[str, Variant]:
        """Site path of ``source``'s web variant (registered as a file to publish)."""
        key = source if purpose == "web" else Path(f"{source}#{purpose}")
        if key not in self._media:
            variant = self.images.variant(source, purpose)
            owner = next(b.dossier.slug for b in self.builds
                         if b.dossier and source.is_relative_to(b.dossier.root))
            digest = hashlib.sha256(str(variant.path.name).encode()).hexdigest()[:8]
            stem = re.sub(r"[^a-z0-9-]+", "-", source.stem.lower()).strip("-")[:40] or "image"
            dest = f"{owner}/media/{stem}-{digest}{variant.suffix}"
            self.files[dest] = variant.path
            self._media[key] = (dest, variant)
        return self._media[key]


def relative_url(target: str, page_url: str) -> str:
    """URL of site path ``target`` as seen from the page at site URL ``page_url``."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    rel = posixpath.relpath("/" + target, "/" + base.rstrip("/")) if base else target
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def plan_site(builds: list[DossierBuild], images: ImageCache) -> SitePlan:
    """The pages and files of the site for the ``builds`` that may be published."""
    plan = SitePlan(pages=[PagePlan("index.md", "Accueil", "home")], builds=builds,
                    images=images)
    for build in builds:
        dossier = build.dossier
        plan.pages.append(PagePlan(f"{dossier.slug}/index.md", dossier.title, "dossier", build))
        for section in dossier.all_sections():
            plan.pages.append(PagePlan(f"{dossier.slug}/{section.slug}.md", section.title,
                                       "section", build, section))
        plan.files[f"{dossier.slug}/{dossier.pdf_name}"] = build.pdf
    return plan


_IMG = re.compile(r'<img src="([^"]+)"')


def render_page(plan: SitePlan, page: PagePlan, urls: dict[str, str]) -> tuple[str, list]:
    """HTML and toc tokens of ``page``; ``urls`` maps every page's src_uri to its site URL."""
    page_url = urls[page.src_uri]
    if page.kind == "home":
        return _home_html(plan, urls, page_url), []
    if page.kind == "dossier":
        return _dossier_html(plan, page.build, urls, page_url), []
    return _section_html(plan, page, urls, page_url)


def _section_html(plan: SitePlan, page: PagePlan, urls: dict[str, str], page_url: str
                  ) -> tuple[str, list]:
    build, section = page.build, page.section
    dossier = build.dossier
    by_path = {s.path.resolve(): s for s in dossier.all_sections()}
    sizes: dict[str, Variant] = {}

    def link(kind: str, target, fragment: str) -> str | None:
        if kind == "image":
            dest, variant = plan.media(target)
            url = relative_url(dest, page_url)
            sizes[url] = variant
            return url
        if kind == "section":
            url = relative_url(urls[f"{dossier.slug}/{target.slug}.md"], page_url)
            return f"{url}#{fragment}" if fragment else url
        if kind == "external":
            return fragment
        return None

    rendered = render_section(section, by_path, dossier.root, link, section_blocks(dossier))

    def add_size(match: re.Match) -> str:
        variant = sizes.get(match.group(1).replace("&amp;", "&"))
        dims = f' width="{variant.width}" height="{variant.height}"' if variant else ""
        return f'<img loading="lazy" decoding="async"{dims} src="{match.group(1)}"'

    html = _IMG.sub(add_size, rendered.html)
    pages = _page_range(build, section)
    meta = (f'<p class="pf-section-meta">{escape(dossier.candidate.full_name)} · '
            f'{escape(dossier.title)}{pages}</p>')
    return meta + html, rendered.toc_tokens


def _page_range(build: DossierBuild, section: Section) -> str:
    for pages in build.count.sections:
        if pages.slug == section.slug and pages.part == ("annexes" if section.annex
                                                         else "principal"):
            where = "annexes, " if section.annex else ""
            span = (f"p. {pages.first}" if pages.first == pages.last
                    else f"p. {pages.first} à {pages.last}")
            return f" · PDF : {where}{span}"
    return ""


def _facts(build: DossierBuild) -> list[tuple[str, str]]:
    rules = load_rules()
    dossier = build.dossier
    return [("Option", rules.options[dossier.option]), ("Session", dossier.session),
            ("Voie", rules.voies[dossier.voie].label)]


def _dossier_html(plan: SitePlan, build: DossierBuild, urls: dict[str, str], page_url: str
                  ) -> str:
    dossier = build.dossier
    parts = [f"<h1>{escape(dossier.title)}</h1>"]
    if dossier.cover:
        dest, variant = plan.media(dossier.cover)
        parts.append(
            f'<figure class="pf-cover"><img src="{escape(relative_url(dest, page_url))}" '
            f'alt="Visuel de couverture du projet « {escape(dossier.title)} »" '
            f'width="{variant.width}" height="{variant.height}"></figure>')
    if dossier.theme:
        parts.append(f'<p class="pf-theme">{escape(dossier.theme)}</p>')
    facts = [("Candidat·e", f"{dossier.candidate.full_name} (n° {dossier.candidate.numero})"),
             *_facts(build)]
    if dossier.candidate.etablissement:
        facts.append(("Établissement", dossier.candidate.etablissement))
    parts.append('<dl class="pf-facts">' + "".join(
        f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts) + "</dl>")
    pdf_url = relative_url(f"{dossier.slug}/{dossier.pdf_name}", page_url)
    size = len(build.pdf)
    size_text = (f"{size / 1_000_000:.1f} Mo" if size >= 1_000_000
                 else f"{max(size // 1000, 1)} ko").replace(".", ",")
    width, height = dossier.page_size_mm
    parts.append(
        f'<p><a class="md-button md-button--primary pf-pdf" href="{escape(pdf_url)}" download>'
        f"Télécharger le dossier PDF</a> <span class=\"pf-pdf-info\">"
        f"{dossier.page_format.replace('-', ' ')} ({width:g} x {height:g} mm), "
        f"{build.count.total} pages, {size_text}</span></p>")
    parts.append('<h2 id="budget">Pages du dossier imprimé</h2><ul class="pf-budget">')
    for use in build.verdict.uses:
        if use.used or "partie1" not in use.limit.parts:
            parts.append(f"<li>{escape(use.limit.label)} : <strong>{use.used}</strong> / "
                         f"{use.limit.max} pages</li>")
    parts.append("</ul>")
    for title, part in (("Sommaire", "principal"), ("Annexes", "annexes")):
        entries = [s for s in build.count.sections if s.part == part]
        if not entries:
            continue
        parts.append(f'<h2 id="{slug_id(title)}">{title}</h2><ol class="pf-contents">')
        for entry in entries:
            url = relative_url(urls[f"{dossier.slug}/{entry.slug}.md"], page_url)
            span = (f"p. {entry.first}" if entry.first == entry.last
                    else f"p. {entry.first}-{entry.last}")
            parts.append(f'<li><a href="{escape(url)}">{escape(entry.title)}</a> '
                         f'<span class="pf-pages">{span}</span></li>')
        parts.append("</ol>")
    return "".join(parts)


def slug_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _card(href: str, title: str, lines: list[str], img: tuple[str, int, int] | None) -> str:
    image = (f'<img src="{escape(img[0])}" alt="" width="{img[1]}" height="{img[2]}" '
             'loading="lazy">' if img else '<div class="pf-card-noimg"></div>')
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (f'<li class="pf-card"><a href="{escape(href)}">{image}'
            f'<div class="pf-card-body"><h2>{escape(title)}</h2>{body}</div></a></li>')


def _home_html(plan: SitePlan, urls: dict[str, str], page_url: str) -> str:
    rules = load_rules()
    cards = []
    for build in plan.builds:
        dossier = build.dossier
        img = None
        if dossier.cover:
            dest, variant = plan.media(dossier.cover, "thumb")
            img = (relative_url(dest, page_url), variant.width, variant.height)
        href = relative_url(urls[f"{dossier.slug}/index.md"], page_url)
        cards.append(_card(href, dossier.title, [
            dossier.candidate.full_name, rules.options[dossier.option],
            f"Session {dossier.session}"], img))
    for entry in plan.carried:
        img = ((relative_url(entry["thumb"], page_url), entry["thumb_w"], entry["thumb_h"])
               if entry.get("thumb") else None)
        cards.append(_card(relative_url(f"{entry['slug']}/", page_url), entry["title"],
                           [entry["candidate"], entry["option"], f"Session {entry['session']}"],
                           img))
    if not cards:
        return ('<p class="pf-empty">Aucun dossier publié pour le moment.</p>')
    count = len(cards)
    return (f'<p class="pf-intro">{count} dossier{"s" if count > 1 else ""} de projet, '
            "chacun avec son dossier imprimable au format A3.</p>"
            f'<ul class="pf-cards">{"".join(cards)}</ul>')
