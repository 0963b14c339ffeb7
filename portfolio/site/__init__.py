"""Built dossiers -> the web pages of the portfolio (HTML fragments, media, PDFs), engine-agnostic.

The MkDocs plugin asks :func:`plan_site` which pages and files exist, lets MkDocs give each page
its URL, then asks :func:`render_page` for each page's HTML. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..builder.addresses import annex_pdf_site_path, media_site_path, published_stem
from ..builder.anonymity import mask_names
from ..builder.results import DossierBuild
from ..costing.block import section_blocks
from ..dossier.model import Section
from ..images import ImageCache, Variant
from ..images.media import clean_media
from ..markdown import dossier_budget, fill_figure_refs, render_section
from ..pdf.output.annexes import clean_copy
from ..pdf.page.placement import img_attributes
from ..rules import load_rules
from ..util.limits import TimeBudget
from ..util.templates import Markup, render
from ..util.text import french_spacing_html

__all__ = ["PART_LABELS", "PagePlan", "SitePlan", "plan_site", "relative_url",
           "render_dossier_pages", "render_page"]


@dataclass
class PagePlan:
    src_uri: str                      # e.g. "lea-moreau/objectifs.md"
    title: str
    kind: str                         # "home" | "dossier" | "section"
    build: DossierBuild | None = None
    section: Section | None = None


# Rendered width of an image in Material's content column (sidebars shown from 76.25em).
CONTENT_SIZES = "(min-width: 76.25em) 740px, 100vw"
CARD_SIZES = "(min-width: 45em) 360px, 100vw"


@dataclass
class SitePlan:
    pages: list[PagePlan]
    builds: list[DossierBuild]
    files: dict[str, bytes | Path] = field(default_factory=dict)   # dest uri -> content
    carried: list[dict] = field(default_factory=list)              # previous publications kept
    images: ImageCache | None = None
    _media: dict[tuple[Path, str], tuple[str, Variant]] = field(default_factory=dict)
    _roots: dict[Path, object] = field(default_factory=dict)        # dossier folder -> Dossier

    def media(self, source: Path, purpose: str = "web") -> tuple[str, Variant]:
        """Site path of ``source``'s variant for ``purpose`` (registered as a file to publish)."""
        key = (source, purpose)
        if key not in self._media:
            self._media[key] = self._publish(self.images.variant(source, purpose))
        return self._media[key]

    def _publish(self, variant: Variant) -> tuple[str, Variant]:
        source = variant.source
        # The dossier whose folder holds the image (looked up by folder: a class of 100
        # dossiers made this a scan of every dossier for each image and each of its widths).
        if not self._roots:
            self._roots = {b.dossier.root: b.dossier for b in self.builds if b.dossier}
        owner = next(self._roots[folder] for folder in source.parents if folder in self._roots)
        digest = hashlib.sha256(str(variant.path.name).encode()).hexdigest()[:8]
        stem = published_stem(source, owner, "image")
        width = "" if variant.vector else f"-{variant.width}w"
        dest = f"{owner.slug}/media/{stem}{width}-{digest}{variant.suffix}"
        self.files[dest] = variant.path
        return dest, variant

    def img_attrs(self, source: Path, page_url: str, sizes: str = CONTENT_SIZES,
                  purpose: str = "web", lazy: bool = True) -> dict[str, object]:
        """``src``, ``srcset``/``sizes`` (WebP widths), ``width``/``height`` of an ``<img>``."""
        dest, main = self.media(source, purpose)
        attrs: dict[str, object] = {"loading": "lazy"} if lazy else {}
        attrs.update(decoding="async", width=main.width, height=main.height,
                     src=relative_url(dest, page_url))
        variants = [] if main.vector else self.images.web_variants(source)
        if len(variants) > 1:
            attrs["srcset"] = ", ".join(
                f"{relative_url(self._publish(v)[0], page_url)} {v.width}w" for v in variants)
            attrs["sizes"] = sizes
        return attrs


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
        for section in dossier.web_sections():      # part 2, annexes, part 1 written here
            plan.pages.append(PagePlan(dossier.site_uri(section), section.title, "section",
                                       build, section))
        plan.files[f"{dossier.slug}/{dossier.pdf_name}"] = build.pdf_path
        for path in dossier.annex_pdfs:
            plan.files[annex_pdf_site_path(dossier, path)] = clean_copy(path)
    return plan


_IMG = re.compile(r"<img\b[^>]*>", re.I)
_IMG_OWN = {"src", "srcset", "sizes", "width", "height", "loading", "decoding"}
MODEL_VIEWER = "assets/portfolio/vendor/model-viewer-umd.min.js"


def render_page(plan: SitePlan, page: PagePlan, urls: dict[str, str]) -> tuple[str, list]:
    """HTML and toc tokens of a home or dossier page (sections: :func:`render_dossier_pages`)."""
    page_url = urls[page.src_uri]
    if page.kind == "home":
        return french_spacing_html(_home_html(plan, urls, page_url)), []
    return french_spacing_html(_dossier_html(plan, page.build, urls, page_url)), []


def render_dossier_pages(plan: SitePlan, build: DossierBuild, urls: dict[str, str]
                         ) -> dict[str, tuple[str, list]]:
    """HTML and toc tokens of every page of one dossier, figures numbered across sections."""
    pages = [p for p in plan.pages if p.build is build]
    result: dict[str, tuple[str, list]] = {}
    figures: dict[str, int] = {}
    budget = dossier_budget()        # this pass's conversion time, shared by the sections
    for page in pages:
        if page.kind == "dossier":
            result[page.src_uri] = render_page(plan, page, urls)
            continue
        html, toc, numbered = _section_html(plan, page, urls, urls[page.src_uri], len(figures),
                                            budget)
        figures.update({fid: number for fid, number, _ in numbered})
        result[page.src_uri] = (html, toc)
    return {uri: (fill_figure_refs(html, figures), toc) for uri, (html, toc) in result.items()}


def _section_html(plan: SitePlan, page: PagePlan, urls: dict[str, str], page_url: str,
                  figure_start: int, budget: TimeBudget) -> tuple[str, list, list]:
    build, section = page.build, page.section
    dossier = build.dossier
    by_path = {s.path.resolve(): s for s in dossier.web_sections()}
    shown: dict[str, Path] = {}       # URL written in the HTML -> the student's image

    def link(kind: str, target, fragment: str) -> str | None:
        if kind == "image":
            dest, _ = plan.media(target)
            url = relative_url(dest, page_url)
            shown[url] = target
            return url
        if kind == "media":           # published without its metadata (media.py)
            dest = media_site_path(dossier, target, plan.images.hashes)
            plan.files[dest] = clean_media(target, plan.images.dir.parent)
            return relative_url(dest, page_url)
        if kind == "section":
            url = relative_url(urls[dossier.site_uri(target)], page_url)
            return f"{url}#{fragment}" if fragment else url
        if kind == "external":
            return fragment
        return None

    rendered = render_section(section, by_path, dossier.root, link, section_blocks(dossier),
                              figure_start=figure_start, budget=budget)

    def add_size(match: re.Match) -> str:
        attrs = img_attributes(match.group(0))
        source = shown.get(attrs.get("src", ""))
        if source is None:
            return match.group(0)
        kept = {k: v for k, v in attrs.items() if k not in _IMG_OWN}
        return render("site/templates/img.html",
                      attrs={**plan.img_attrs(source, page_url), **kept})

    # Anonymous: the candidate's and the tutors' names masked (anonymity.py), as in the PDF.
    html = mask_names(_IMG.sub(add_size, rendered.html), dossier.hidden_names)
    page = render("site/templates/section.html", candidate=dossier.candidate.full_name,
                  title=dossier.title, pages=_page_range(build, section), body=Markup(html),
                  model_viewer=relative_url(MODEL_VIEWER, page_url)
                  if "<model-viewer" in html else "")   # the 3D viewer ships with the theme
    toc = _masked_toc(rendered.toc_tokens, dossier.hidden_names)
    return french_spacing_html(page), toc, rendered.figures


def _masked_toc(tokens: list[dict], names: tuple[str, ...]) -> list[dict]:
    """The headings of the page's table of contents, names masked (an anonymous build)."""
    return [{**token, "name": mask_names(token.get("name", ""), names),
             "children": _masked_toc(token.get("children", []), names)}
            for token in tokens] if names else tokens


def _page_range(build: DossierBuild, section: Section) -> str:
    """Where the section is in the PDF: ``p. 3-5``, ``annexes, p. 2``, ``1re partie, p. 1``."""
    for pages in build.count.sections:
        if pages.slug == section.slug and pages.part == section.part:
            return PART_PREFIX[section.part] + pages.span
    return ""


def _facts(build: DossierBuild) -> list[tuple[str, str]]:
    rules = load_rules()
    dossier = build.dossier
    return [("Option", rules.options[dossier.option]), ("Session", dossier.session),
            ("Voie", rules.voies[dossier.voie].label)]


def _dossier_html(plan: SitePlan, build: DossierBuild, urls: dict[str, str], page_url: str
                  ) -> str:
    dossier = build.dossier
    facts = [("Candidat·e", f"{dossier.candidate.full_name} (n° {dossier.candidate.number})"),
             *_facts(build)]
    if dossier.candidate.school:
        facts.append(("Établissement", dossier.candidate.school))
    size = build.pdf_path.stat().st_size
    size_text = (f"{size / 1_000_000:.1f} Mo" if size >= 1_000_000
                 else f"{max(size // 1000, 1)} ko").replace(".", ",")
    width, height = dossier.page_size_mm
    pdf = {"href": relative_url(f"{dossier.slug}/{dossier.pdf_name}", page_url),
           "info": f"{dossier.page_format.replace('-', ' ')} ({width:g} x {height:g} mm), "
                   f"{build.count.total} pages, {size_text}"}
    contents = []
    web = {(s.part, s.slug): s for s in dossier.web_sections()}
    for heading, part in CONTENTS:
        entries = []
        for entry in (s for s in build.count.sections if s.part == part):
            href = None                 # part 1's scans: in the PDF only (not on the site)
            if entry.pdf and part == "annexes":
                target = annex_pdf_site_path(dossier, dossier.root / "annexes" / entry.pdf)
                href = relative_url(target, page_url)
            elif (part, entry.slug) in web:
                href = relative_url(urls[dossier.site_uri(web[part, entry.slug])], page_url)
            title = web[part, entry.slug].title if (part, entry.slug) in web else entry.title
            entries.append({"href": href, "title": title, "pages": entry.span})
        contents.append((heading, slug_id(heading), entries))
    cover = plan.img_attrs(dossier.cover, page_url, lazy=False) if dossier.cover else None
    return render("site/templates/dossier.html", title=dossier.title, cover=cover,
                  theme=dossier.theme, facts=facts, pdf=pdf, uses=build.verdict.shown,
                  contents=contents)


# The dossier's parts, named for the jury; its home lists them in the regulation's order.
PART_LABELS = {"partie1": "1re partie : milieu professionnel", "principal": "2e partie : projet"}
CONTENTS = ((PART_LABELS["partie1"], "partie1"), (PART_LABELS["principal"], "principal"),
            ("Annexes", "annexes"))
PART_PREFIX = {"principal": "", "annexes": "annexes, ", "partie1": "1re partie, "}


def slug_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _card(href: str, title: str, lines: list[str], img: dict | None, session: str,
          option: str) -> dict:
    return {"href": href, "title": title, "lines": lines, "img": img, "session": session,
            "option": option}


def _home_html(plan: SitePlan, urls: dict[str, str], page_url: str) -> str:
    rules = load_rules()
    cards = []
    for build in plan.builds:
        dossier = build.dossier
        img = None
        if dossier.cover:
            img = plan.img_attrs(dossier.cover, page_url, CARD_SIZES, purpose="thumb")
        href = relative_url(urls[f"{dossier.slug}/index.md"], page_url)
        option = rules.options[dossier.option]
        cards.append(_card(href, dossier.title, [
            dossier.candidate.full_name, option, f"Session {dossier.session}"], img,
            dossier.session, option))
    for entry in plan.carried:
        img = ({"src": relative_url(entry["thumb"], page_url), "width": entry["thumb_w"],
                "height": entry["thumb_h"], "loading": "lazy", "decoding": "async"}
               if entry.get("thumb") else None)
        cards.append(_card(relative_url(f"{entry['slug']}/", page_url), entry["title"],
                           [entry["candidate"], entry["option"], f"Session {entry['session']}"],
                           img, str(entry["session"]), entry["option"]))
    # Session and option filters (shown by portfolio.js; without script every card shows).
    filters = [("session", "Session", sorted({c["session"] for c in cards}, reverse=True)),
               ("option", "Option", sorted({c["option"] for c in cards}))]
    return render("site/templates/home.html", cards=cards, filters=filters)
