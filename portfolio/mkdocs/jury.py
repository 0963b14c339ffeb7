"""The jury's reading of the site in MkDocs: a navigation per dossier, titles that name the
dossier, pages indexed as text with their dossier, the search worker and fonts published.

- Navigation: MkDocs builds one navigation of the whole class; every page of a dossier gets
  instead the home, the other common pages and that dossier's own sections (30 dossiers made
  every page list ~330 entries, and rendering them made the build grow faster than the class).
  Previous / next links stay inside the dossier; the home gallery and the dossier home's
  "dossier précédent / suivant" lead from one dossier to another.
- Search: a dossier's page is given to Material's search index by this module (and excluded
  from the search plugin's own pass): its tables as lines of text (``site/search.py``), and
  its main entry carrying the dossier's label, which the search worker shows under each result.
- Assets: the search worker (``themes/site/recherche-worker.js`` before Material's), fonts as
  WOFF2 subsets (``site/fonts.py``).
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..builder.results import DossierBuild
from ..markdown.safe import plain_line, plain_title
from ..site import PART_LABELS, PagePlan
from ..site.fonts import web_font_css, web_fonts
from ..site.preview import DASHBOARD
from ..site.search import index_html
from ..site.titles import DOSSIER_HOME, dossier_label, page_title, section_label
from ..util.templates import THEMES_DIR

__all__ = ["FONTS_DIR", "JurySite"]

FONTS_DIR = "assets/portfolio/fonts"
WORKERS = "assets/javascripts/workers"
WORKER_PRELUDE = THEMES_DIR / "site" / "recherche-worker.js"


def _pages(item) -> list[Page]:
    if isinstance(item, Page):
        return [item]
    if isinstance(item, Section):
        return [page for child in item.children for page in _pages(child)]
    return []


class JurySite:
    """One per build: made in ``on_config``, told the navigation in ``on_nav``."""

    def __init__(self, config: MkDocsConfig, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.site_name = config.site_name
        self.search = next((plugin for plugin in config.plugins.values()
                            if type(plugin).__name__ == "SearchPlugin"
                            and getattr(plugin.config, "enabled", True)), None)
        self.worker = self._worker(config)
        if self.worker is not None:     # themes/overrides/main.html points Material at it
            config.extra["portfolio_search_worker"] = {"material": self.worker[0],
                                                       "portfolio": self.worker[1]}
        self.navs: dict[str | None, Navigation] = {}
        self.scope: dict[str, str | None] = {}       # src_uri -> dossier slug (None: common)
        self.homes: list[tuple[str, Page, str]] = []   # (slug, dossier home, label), nav order

    # -- assets ------------------------------------------------------------------------------

    @staticmethod
    def _worker(config: MkDocsConfig) -> tuple[str, str, str] | None:
        """Material's search worker, ours (prelude + Material's) and our worker's text."""
        for folder in config.theme.dirs:
            found = sorted((Path(folder) / WORKERS).glob("search.*.min.js"))
            if found:
                text = WORKER_PRELUDE.read_text(encoding="utf-8") + "\n" + found[0].read_text(
                    encoding="utf-8")
                digest = hashlib.sha256(text.encode()).hexdigest()[:8]
                return (f"{WORKERS}/{found[0].name}", f"{WORKERS}/recherche.{digest}.min.js",
                        text)
        return None

    def files(self, config: MkDocsConfig) -> list[File]:
        """The search worker, the fonts' WOFF2 subsets and their CSS, to publish."""
        files = []
        if self.worker is not None:
            files.append(File.generated(config, self.worker[1], content=self.worker[2]))
        fonts = web_fonts(self.cache_dir)
        for web in fonts:
            files.append(File.generated(config, f"{FONTS_DIR}/{web.name}",
                                        abs_src_path=str(web.path)))
        css = web_font_css(fonts, lambda web: f"fonts/{web.name}")
        files.append(File.generated(config, "assets/portfolio/fonts.css", content=css))
        return files

    # -- navigation --------------------------------------------------------------------------

    def navigation(self, files: Files, published: list[DossierBuild], ours: set[str],
                   dashboard: bool) -> list:
        """The class's navigation as mkdocs.yml's ``nav`` (scoped per dossier in on_nav)."""
        nav: list = [{"Accueil": "index.md"}]
        if dashboard:
            nav.append({"Tableau de bord": DASHBOARD})
        for build in published:
            dossier = build.dossier
            children = [{DOSSIER_HOME: f"{dossier.slug}/index.md"}]
            # Nav titles reach Material's templates unescaped (nav, <h1>) and through striptags
            # (<title>): plain text with no < or > even once unescaped (markdown/safe.py).
            part2 = [{plain_title(section_label(s.title, s.annex)): dossier.site_uri(s)}
                     for s in dossier.all_sections()]
            part1 = [{plain_title(s.title): dossier.site_uri(s)}
                     for s in dossier.web_sections() if s.part1]
            if part1:       # two groups: the dossier's parts, in the regulation's order
                children += [{PART_LABELS["partie1"]: part1}, {PART_LABELS["principal"]: part2}]
            else:
                children += part2
            nav.append({plain_title(dossier_label(dossier)): children})
        for file in files.documentation_pages():
            if file.src_uri not in ours:
                title = _heading(file)
                nav.append({title: file.src_uri} if title else file.src_uri)
        return nav

    def scope_navigation(self, nav: Navigation, plans: dict[str, PagePlan]) -> None:
        """One navigation per dossier (and one for the common pages); previous / next links
        only between pages of the same dossier."""
        def dossier_of(item) -> str | None:
            for page in _pages(item):
                plan = plans.get(page.file.src_uri)
                if plan is not None and plan.build is not None:
                    # The folder of its pages: a dossier the preview cannot read has no
                    # Dossier, only its pages of problems (mkdocs/overlays.py).
                    return page.file.src_uri.partition("/")[0]
            return None

        owners = {id(item): dossier_of(item) for item in nav.items}
        for slug in {None, *owners.values()}:
            items = [item for item in nav.items if owners[id(item)] in (None, slug)]
            pages = [page for item in items for page in _pages(item)]
            self.navs[slug] = Navigation(items, pages)
        for item in nav.items:
            for page in _pages(item):
                self.scope[page.file.src_uri] = owners[id(item)]
                plan = plans.get(page.file.src_uri)
                if plan is not None and plan.kind == "dossier":
                    self.homes.append((plan.build.dossier.slug, page,
                                       plain_line(dossier_label(plan.build.dossier))))
        for page in nav.pages:
            here = self.scope.get(page.file.src_uri)
            if page.previous_page and self.scope.get(page.previous_page.file.src_uri) != here:
                page.previous_page = None
            if page.next_page and self.scope.get(page.next_page.file.src_uri) != here:
                page.next_page = None

    def template_context(self, context: dict) -> dict:
        """Theme pages (404): the common navigation."""
        if None in self.navs:
            context["nav"] = self.navs[None]
        return context

    # -- pages -------------------------------------------------------------------------------

    def page_context(self, context: dict, page: Page, plan: PagePlan | None) -> dict:
        """The page's navigation and ``<title>``; a dossier's page indexed for the search."""
        scope = self.scope.get(page.file.src_uri)
        if scope in self.navs:
            context["nav"] = self.navs[scope]
        if plan is None:
            return context
        dossier = plan.build.dossier if plan.build is not None else None
        # Navigation titles are escaped for the theme; the <title> is plain text, escaped by
        # main.html, with no < or > at all (look-alikes, as in the navigation: safe.py).
        title = html.unescape(page.title or plan.title)
        context["portfolio_title"] = plain_line(page_title(plan.kind, title, dossier,
                                                           self.site_name) or "") or None
        if self.search is not None and dossier is not None:
            self._index(page, dossier_label(dossier))
        if plan.kind == "dossier":
            context["portfolio_neighbours"] = self._neighbours(dossier.slug)
        return context

    def _neighbours(self, slug: str) -> list[dict]:
        """The previous and next dossiers of the class, for the dossier's home (main.html)."""
        index = next((i for i, (other, _, _) in enumerate(self.homes) if other == slug), None)
        if index is None:
            return []
        found = []
        for rel, direction, other in (("prev", "Dossier précédent", index - 1),
                                      ("next", "Dossier suivant", index + 1)):
            if 0 <= other < len(self.homes):
                _, page, label = self.homes[other]
                found.append({"rel": rel, "direction": direction, "url": page.url,
                              "label": label})
        return found

    def _index(self, page: Page, label: str) -> None:
        index = self.search.search_index
        start = len(index.entries)
        view = SimpleNamespace(meta={}, content=index_html(page.content or ""), toc=page.toc,
                               url=page.url, title=page.title)
        index.add_entry_from_context(view)
        for entry in index.entries[start:]:
            if "#" not in entry["location"]:
                entry["dossier"] = plain_title(label)     # shown as HTML by the worker
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}


def _heading(file: File) -> str | None:
    """The title of a page of the theme (``# À propos``): named in the navigation, because
    a dirty rebuild of the preview does not read again the pages that did not change (their
    title would show as "None")."""
    try:
        lines = Path(file.abs_src_path).read_text(encoding="utf-8").splitlines()
    except (OSError, TypeError, UnicodeDecodeError):
        return None
    return next((line[2:].strip() for line in lines[:20] if line.startswith("# ")), None)
