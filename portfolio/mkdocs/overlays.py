"""The preview's additions to the site's pages: meters, page strip, error overlays, dashboard.

A dossier the preview cannot show (a mistake in a file, its first PDF being rendered) keeps
its pages: the last version that could be shown, with the list of problems on top
(:mod:`portfolio.site.overlay`), or that list alone when there is none yet; it is in the
navigation, on the home page and on the dashboard. A dossier that can be shown has its page
meter on every page and the thumbnails of its PDF's pages on its home page. Each dossier's
additions are made apart: a failure on one never takes the others' pages down. Nothing here
imports MkDocs.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from ..builder.results import DossierBuild
from ..dossier.model import Dossier, slugify
from ..dossier.sections import guess_sections, natural_key
from ..site import PagePlan, relative_url
from ..site.overlay import StripPage, overlay_html, strip_html, strip_pages
from ..site.preview import DASHBOARD, dashboard_html, meter_html, with_meter
from ..util.errors import Problem
from ..util.templates import THEMES_DIR, Markup, render
from .incremental import RenderedDossier

__all__ = ["PREVIEW_CSS", "add_problem_nav", "decorate", "finish_preview", "keep_serving",
           "problem_pages"]

log = logging.getLogger("mkdocs.plugins.portfolio")

PROBLEMS = "problems"       # PagePlan.kind of a page shown with the overlay
PREVIEW_CSS = "assets/portfolio/preview.css"       # overlay, strip, dashboard reasons


def _slug(build: DossierBuild) -> str:
    return build.dossier.slug if build.dossier is not None else slugify(build.root.name,
                                                                        "candidat")


def problem_pages(session, builds: list[DossierBuild], published: list[DossierBuild]
                  ) -> list[PagePlan]:
    """The pages of the dossiers the preview cannot show: those of their last good version,
    else their home page and one page per section file (never a 404 for a dossier refused)."""
    shown = {b.root for b in published}
    taken = {b.dossier.slug for b in published}
    pages: list[PagePlan] = []
    for build in builds:
        slug = _slug(build)
        if build.root in shown or slug in taken:
            continue
        taken.add(slug)
        good = session.rendered.by_root.get(build.root)
        dossier = good.build.dossier if good is not None and good.build else build.dossier
        pages.append(PagePlan(f"{slug}/index.md", dossier.title if dossier else build.root.name,
                              PROBLEMS, build))
        try:
            if dossier is not None:
                pages += [PagePlan(f"{slug}/{s.slug}.md", s.title, PROBLEMS, build, s)
                          for s in dossier.all_sections()]
            else:
                pages += [PagePlan(f"{slug}/{section}.md", title, PROBLEMS, build)
                          for section, title in guess_sections(build.root)]
        except Exception:         # a folder gone meanwhile...: its home page is enough
            log.debug("Preview pages of %s", build.root, exc_info=True)
    return pages


def keep_serving(hook: Callable) -> Callable:
    """A plugin hook that, in the preview, never raises: MkDocs' server answers no page until
    a rebuild succeeds, so one failure would hang every student's page. The failure is said in
    French; the pages stay those of the last rebuild."""

    @functools.wraps(hook)
    def guarded(plugin, *args, **kwargs):
        if plugin.session is None:
            return hook(plugin, *args, **kwargs)
        try:
            return hook(plugin, *args, **kwargs)
        except Exception:
            log.debug("Preview hook %s failed", hook.__name__, exc_info=True)
            log.error("l'aperçu n'a pas pu être mis à jour (erreur interne) : les pages restent "
                      "celles d'avant. Signalez-le à votre enseignant avec ce message.")
            return args[0] if args else kwargs.get("files")

    return guarded


def finish_preview(config, pages: dict[str, PagePlan]) -> None:
    """The preview's style sheet and the dossiers to fix in the navigation (after the others)."""
    if PREVIEW_CSS not in config.extra_css:
        config.extra_css.append(PREVIEW_CSS)
    add_problem_nav(config.nav, pages)


def _home_of(entry: object) -> str | None:
    """``ana/index.md`` for a dossier's entry of the navigation, None for anything else."""
    if isinstance(entry, dict) and len(entry) == 1:
        children = next(iter(entry.values()))
        if isinstance(children, list) and children and isinstance(children[0], dict):
            first = next(iter(children[0].values()))
            if isinstance(first, str) and first.endswith("/index.md"):
                return first
    return None


def add_problem_nav(nav: list, pages: dict[str, PagePlan]) -> None:
    """The dossiers shown with their problems in the navigation, in their place among the
    others (the order of the students' folders)."""
    by_build: dict[int, list[PagePlan]] = {}
    for page in pages.values():
        if page.kind == PROBLEMS:
            by_build.setdefault(id(page.build), []).append(page)
    for group in by_build.values():
        home, sections = group[0], group[1:]
        title = f"{home.title} (à corriger)" if home.build.error else f"{home.title} (calcul)"
        entry = {_plain(title): [{"Présentation": home.src_uri}]
                 + [{_plain(p.title): p.src_uri} for p in sections]}
        homes = [(index, _home_of(item)) for index, item in enumerate(nav)]
        homes = [(index, uri) for index, uri in homes if uri is not None]
        after = [index for index, uri in homes if _natural(uri) < _natural(home.src_uri)]
        first = next((i for i, item in enumerate(nav) if not (
            isinstance(item, dict) and set(item) & {"Accueil", "Tableau de bord"})), len(nav))
        where = (after[-1] + 1 if after else homes[0][0]) if homes else first
        nav.insert(where, entry)


def _natural(uri: str) -> list:
    return natural_key(Path(uri.split("/", 1)[0]))


def _plain(text: str) -> str:
    from ..markdown.safe import plain_title

    return plain_title(text)


def _section_link(dossier: Dossier | None, urls: dict[str, str], page_url: str):
    """A problem's file -> its section's title and page URL (seen from ``page_url``)."""
    by_path: dict[Path, tuple[str, str]] = {}
    if dossier is not None:
        for section in dossier.web_sections():
            uri = dossier.site_uri(section)
            if uri in urls:
                link = (section.title, relative_url(urls[uri], page_url))
                by_path[section.path] = link
                if "```couts" in section.body:      # couts.yml: the section with its table
                    by_path.setdefault(dossier.root / "couts.yml", link)

    def link(path: Path | None) -> tuple[str, str] | None:
        return by_path.get(path) if path is not None else None

    return link


def _overlay_page(session, page: PagePlan, rendered: dict, urls: dict[str, str],
                  files: dict) -> str:
    build = page.build
    good: RenderedDossier | None = session.rendered.by_root.get(build.root)
    dossier = build.dossier or (good.build.dossier if good and good.build else None)
    page_url = urls[page.src_uri]
    problems: list[Problem] = build.problems
    pending = build.error is None and not problems
    overlay = overlay_html(problems, _section_link(dossier, urls, page_url),
                           last_good=good is not None and page.src_uri in good.pages,
                           pending=pending)
    if good is None or page.src_uri not in good.pages:
        return overlay
    files.update(good.files)             # the media the last good version shows
    if good.build is not None and good.build.pdf_path is not None:
        files[f"{good.build.dossier.slug}/{good.build.dossier.pdf_name}"] = good.build.pdf_path
    html, _ = good.pages[page.src_uri]
    return render("site/templates/with-overlay.html", overlay=Markup(overlay),
                  page=Markup(html))


def _strip(session, build: DossierBuild, urls: dict[str, str], page_url: str,
           files: dict) -> str:
    """The page strip of a dossier's home page; its thumbnails published as site files."""
    dossier = build.dossier
    pages = strip_pages(build.count, build.verdict.uses if build.verdict else [])
    thumbs = None if build.pdf_writing else session.thumbnailer.thumbs(build.pdf_path)
    images = None
    if thumbs is not None:
        images = []
        for number, thumb in enumerate(thumbs, start=1):
            dest = f"{dossier.slug}/pages-a3/{build.pdf_path.stem[:16]}-{number:03d}.webp"
            files[dest] = thumb.path
            images.append({"src": relative_url(dest, page_url), "width": thumb.width,
                           "height": thumb.height})

    def href(page: StripPage) -> str | None:
        section = page.section
        if section is None or section.pdf:       # an annex PDF, a scan: not a page
            return None
        written = {(s.part, s.slug): s for s in dossier.web_sections()}
        if (section.part, section.slug) not in written:
            return None
        uri = dossier.site_uri(written[section.part, section.slug])
        return relative_url(urls[uri], page_url) if uri in urls else None

    return strip_html(pages, images, href, stale=build.pending or build.pdf_writing)


def decorate(plugin) -> None:
    """Meters and strips on the dossiers' pages, overlays on the others', the dashboard, and
    the list of dossiers to fix on the home page, into the ``plugin``'s rendered pages; the
    site files they show are added to its plan's files."""
    session, rendered, pages, urls = plugin.session, plugin.rendered, plugin.pages, plugin.urls
    builds, files, state = plugin.builds, plugin.plan.files, plugin.session.state
    files[PREVIEW_CSS] = THEMES_DIR / "site" / "preview.css"
    for src_uri, page in pages.items():
        try:
            if page.kind == PROBLEMS:
                rendered[src_uri] = (_overlay_page(session, page, rendered, urls, files), [])
            elif page.kind in ("dossier", "section"):
                html, toc = rendered[src_uri]
                meter = meter_html(page.build, page.section, state, urls, urls[src_uri])
                if page.kind == "dossier":
                    meter += _strip(session, page.build, urls, urls[src_uri], files)
                rendered[src_uri] = (with_meter(html, meter), toc)
        except Exception:        # a bug on one dossier's page: it is shown without additions
            log.debug("Preview additions failed on %s", src_uri, exc_info=True)
            rendered.setdefault(src_uri, ("", []))
    rendered[DASHBOARD] = (dashboard_html(builds, state, urls, urls[DASHBOARD]), [])
    if "index.md" in rendered:
        _list_on_home(rendered, pages, urls)


def _list_on_home(rendered: dict, pages: dict[str, PagePlan], urls: dict[str, str]) -> None:
    """The dossiers shown with their problems, listed on top of the preview's home page."""
    failing = [p for p in pages.values()
               if p.kind == PROBLEMS and p.src_uri.endswith("/index.md")]
    if not failing:
        return
    items = [{"title": p.title, "href": relative_url(urls[p.src_uri], urls["index.md"]),
              "name": p.build.root.name, "problems": len(p.build.problems)} for p in failing]
    html, toc = rendered["index.md"]
    rendered["index.md"] = (render("site/templates/to-fix.html", items=items) + html, toc)
