"""MkDocs plugin: the portfolio pipeline wired into MkDocs' build (the only module using MkDocs).

``on_files`` builds every dossier (PDF rendered and counted, budget judged) before MkDocs writes
anything, and adds only the publishable ones to the site; ``on_page_content`` hands MkDocs the
sanitised HTML the core rendered. :func:`build_site` and :func:`serve_site` are what ``build.py``
calls.
"""

from __future__ import annotations

import json
import logging
import os
from html import escape
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .errors import DossierError, set_display_root
from .fonts import FONTS, font_face_css
from .images import ImageCache
from .load import find_dossiers
from .pipeline import (
    BuildOptions,
    DossierBuild,
    build_dossier,
    build_dossiers,
    refuse_same_address,
)
from .rerender import Rerenderer, touch_signal
from .review import load_notes
from .rules import RULES_FILE, load_rules
from .site import PagePlan, SitePlan, plan_site, render_dossier_pages, render_page
from .site.incremental import (
    RenderedDossier,
    RenderedPages,
    dossier_snapshot,
    merge_search_index,
    page_digest,
    write_stamp,
)
from .site.preview import DASHBOARD, PreviewState, dashboard_html, meter_html

__all__ = ["PortfolioConfig", "PortfolioPlugin", "build_site", "serve_site"]

log = logging.getLogger("mkdocs.plugins.portfolio")

MANIFEST = "portfolio.json"
ASSETS = "assets/portfolio"


class PortfolioConfig(base.Config):
    students_dir = c.Type(str, default="students")
    """Folder with one sub-folder per candidate, relative to ``mkdocs.yml``."""
    drafts = c.Type(bool, default=False)
    """Publish dossiers marked ``brouillon: true`` too (teacher's preview, never the jury's)."""
    cache_dir = c.Type(str, default=".cache/portfolio")
    """Where image variants and rendered PDFs are cached (safe to delete)."""
    previous_site = c.Optional(c.Type(str))
    """A previously published site: a refused dossier keeps its last published version."""
    anonymous = c.Type(bool, default=False)
    """Show candidates by their number only, everywhere (anonymous jury)."""
    preview = c.Type(bool, default=False)
    """Teacher's and student's preview: drafts, review notes, page meter, class dashboard."""


class _LinkedFile(File):
    """A file of the content cache, published as a hard link (a copy on another file system).

    Cache files are never changed in place (new contents are written aside and renamed over),
    so the site's link keeps the bytes it was published with.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        output = self.abs_dest_path
        try:
            os.makedirs(os.path.dirname(output), exist_ok=True)
            if os.path.lexists(output):
                os.unlink(output)
            os.link(self.abs_src_path, output)
        except OSError:
            super().copy_file(dirty)


class PortfolioPlugin(BasePlugin[PortfolioConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.builds: list[DossierBuild] = []
        self.plan: SitePlan | None = None
        self.pages: dict[str, PagePlan] = {}
        self.urls: dict[str, str] = {}
        self.rendered: dict[str, tuple[str, list]] = {}
        self.preview_state = PreviewState()
        self.session: _PreviewSession | None = None
        self._files: Files | None = None

    # -- helpers ---------------------------------------------------------------------------

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    @property
    def published(self) -> list[DossierBuild]:
        if self.config.preview:     # the preview shows every dossier it could count
            return [b for b in self.builds if b.dossier is not None and b.count is not None]
        return [b for b in self.builds if b.publishable
                and (self.config.drafts or not b.dossier.draft)]

    def _preview_builds(self, config: MkDocsConfig, roots: list[Path], options: BuildOptions,
                        images: ImageCache) -> list[DossierBuild]:
        """Builds for the preview: a changed PDF is rendered in the background meanwhile."""
        session = self.session = _preview_session(config)
        builds = []
        # Dossiers never counted in this session (the first build): their PDFs now, in parallel.
        first = {b.root: b for b in build_dossiers(
            [r for r in roots if r not in session.previous], options, images)}
        for root in roots:
            previous = session.previous.get(root)
            snapshot = dossier_snapshot(root, [*options.print_css, RULES_FILE])
            if (root not in first and previous is not None and previous.error is None
                    and not previous.pdf_writing and session.snapshots.get(root) == snapshot):
                builds.append(previous)      # not a file of it changed: nothing to redo
                continue
            build = first.get(root) or build_dossier(root, options, images, render=False,
                                                     previous=previous)
            if build.pending or build.pdf_writing or build.error is not None:
                session.snapshots.pop(root, None)
            else:                            # complete: reused while its files stay the same
                session.snapshots[root] = snapshot
            if build.pending:
                session.rerenderer.submit(root, options)
                session.state.stale.add(build.dossier.slug)
            else:
                if build.pdf_writing:    # counted; its worker is writing the file (or died)
                    session.rerenderer.submit(root, options)
                if build.dossier is not None:
                    session.state.stale.discard(build.dossier.slug)
                if build.count is not None:
                    session.previous[root] = build
            if build.dossier is not None:
                slug = build.dossier.slug
                try:
                    session.state.notes[slug] = load_notes(build.dossier)
                except DossierError as exc:
                    session.state.notes[slug] = []
                    build.warnings.append(exc.problem)
                session.state.changed[slug] = max((ns for _, _, ns in snapshot[0]),
                                                  default=0) / 1e9
            builds.append(build)
        refuse_same_address(builds)
        self.preview_state = session.state
        return builds

    def _published_url(self, config: MkDocsConfig) -> str:
        """The site's public address (the PDF's links); not the preview server's own."""
        if self.config.preview:
            return _PUBLISHED_URLS.get(_config_key(config.config_file_path),
                                       config.site_url or "")
        return config.site_url or ""

    @property
    def refused(self) -> list[DossierBuild]:
        return [b for b in self.builds if not b.publishable]

    # -- MkDocs events ---------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        set_display_root(Path(config.config_file_path).parent)
        for css in (f"{ASSETS}/fonts.css", f"{ASSETS}/portfolio.css", f"{ASSETS}/couts.css"):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if f"{ASSETS}/portfolio.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(f"{ASSETS}/portfolio.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        options = BuildOptions(cache_dir=self._path(config, self.config.cache_dir),
                               site_url=self._published_url(config),
                               mode="preview" if self.config.preview else "publish",
                               anonymous=self.config.anonymous)
        images = ImageCache(options.cache_dir)
        students = self._path(config, self.config.students_dir)
        roots = find_dossiers(students)
        self._files = files
        if self.config.preview:
            self.builds = self._preview_builds(config, roots, options, images)
        else:
            self.builds = build_dossiers(roots, options, images)
        for build in self.refused:     # a refusal is an error, not a warning (issue 14)
            for problem in build.problems:
                log.error("dossier refusé : %s", problem)
        for build in self.builds:
            for problem in build.warnings:
                log.warning("%s", problem)
        while True:   # a dossier whose web pages fail to render is refused, the rest go on
            published = self.published
            self.plan = plan_site(published, images)
            if self.config.preview:
                self.plan.pages.append(PagePlan(DASHBOARD, "Tableau de bord", "dashboard"))
            self.plan.carried = self._carried(config)
            self.pages = {p.src_uri: p for p in self.plan.pages}
            generated = {src_uri: File.generated(config, src_uri, content="")
                         for src_uri in self.pages}
            if self.session is not None:   # preview: each page's source is its stamp file
                generated = {src_uri: File.generated(config, src_uri, abs_src_path=str(
                    self.session.stamps / src_uri)) for src_uri in self.pages}
            self.urls = {src_uri: file.url for src_uri, file in generated.items()}
            failed = self._render_all()
            if failed is None:
                break
            for problem in failed.error.problems:
                log.error("dossier refusé : %s", problem)
        for src_uri, file in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(file)
        self._add_assets(files, config)
        for carried in self.plan.carried:
            previous = Path(carried["_root"])
            for path in sorted(previous.rglob("*")):
                if path.is_file():
                    rel = path.relative_to(previous.parent).as_posix()
                    files.append(File.generated(config, rel, abs_src_path=str(path)))
        config.nav = self._nav(config, files, published)
        if self.session is not None:
            self._incremental(config, files)
        return files

    def _incremental(self, config: MkDocsConfig, files: Files) -> None:
        """Preview: stamp the pages whose HTML changed, forget files whose source changed."""
        session = self.session
        config_file = Path(config.config_file_path)
        overrides = config_file.parent / "themes" / "overrides"
        theme = sorted((str(p), p.stat().st_mtime_ns) for p in overrides.rglob("*")
                       if p.is_file()) if overrides.is_dir() else []
        site = page_digest(json.dumps(config.nav, ensure_ascii=False, default=str),
                           str(config_file.stat().st_mtime_ns), json.dumps(theme))
        written = 0
        for src_uri, (html, toc) in self.rendered.items():
            written += write_stamp(session.stamps / src_uri,
                                   page_digest(site, src_uri, html, repr(toc)))
        site_dir = Path(config.site_dir)
        for file in files:
            source = file.abs_src_path
            before = session.sources.get(file.dest_uri)
            if source and before is not None and before != source:
                (site_dir / file.dest_uri).unlink(missing_ok=True)   # copied again below
            if source:
                session.sources[file.dest_uri] = source
        log.debug("Aperçu : %d pages à refaire, %d dossiers déjà rendus", written,
                  session.rendered.hits)

    def _render_all(self) -> DossierBuild | None:
        """Render every page now (so media are known before MkDocs copies files)."""
        self.rendered = {}
        session_cache = self.session.rendered if self.session is not None else None
        for build in self.plan.builds:
            cache = session_cache if build.key else None
            # The dossier's home page shows the PDF's pages and size: they are in the key too.
            key = f"{build.key}|{build.pdf_path}|{build.count!r}"
            hit = cache.get(build.root, key) if cache is not None else None
            if hit is not None:    # preview: this dossier did not change since the last rebuild
                self.rendered.update(hit.pages)
                self.plan.files.update(hit.files)
                continue
            before = set(self.plan.files)
            try:
                pages = render_dossier_pages(self.plan, build, self.urls)
            except DossierError as exc:
                build.error = exc
                return build
            self.rendered.update(pages)
            if cache is not None:
                cache.put(build.root, RenderedDossier(key, pages, {
                    dest: src for dest, src in self.plan.files.items() if dest not in before}))
        home = self.pages["index.md"]
        self.rendered[home.src_uri] = render_page(self.plan, home, self.urls)
        if self.config.preview:
            self._add_meters()
        return None

    def _add_meters(self) -> None:
        """Preview only: the page meter on every dossier page, and the class dashboard."""
        state = self.preview_state
        for src_uri, page in self.pages.items():
            if page.kind in ("dossier", "section"):
                html, toc = self.rendered[src_uri]
                meter = meter_html(page.build, page.section, state, self.urls,
                                   self.urls[src_uri])
                title, _, rest = html.partition("</h1>") if html.startswith("<h1>") else \
                    ("", "", html)
                self.rendered[src_uri] = (f"{title}</h1>{meter}{rest}" if title
                                          else meter + html, toc)
        self.rendered[DASHBOARD] = (dashboard_html(self.builds, state, self.urls,
                                                   self.urls[DASHBOARD]), [])

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        themes = Path(__file__).resolve().parent.parent / "themes"
        for dest, source in (("portfolio.css", themes / "site" / "portfolio.css"),
                             ("couts.css", themes / "common" / "couts.css"),
                             ("vendor/model-viewer-umd.min.js",
                              themes / "site" / "vendor" / "model-viewer-umd.min.js"),
                             ("vendor/iframe-worker-shim.js",
                              themes / "site" / "vendor" / "iframe-worker-shim.js"),
                             ("portfolio.js", themes / "site" / "portfolio.js")):
            if source.is_file():
                files.append(File.generated(config, f"{ASSETS}/{dest}",
                                            abs_src_path=str(source)))
        for font in FONTS:
            files.append(File.generated(config, f"{ASSETS}/fonts/{font.web_name}",
                                        abs_src_path=str(font.path)))
        css = font_face_css(lambda font: f"fonts/{font.web_name}")
        files.append(File.generated(config, f"{ASSETS}/fonts.css", content=css))
        cache = self._path(config, self.config.cache_dir)
        for dest, content in self.plan.files.items():
            if isinstance(content, Path):
                kind = _LinkedFile if content.is_relative_to(cache) else File
                files.append(kind.generated(config, dest, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, dest, content=content))

    def _carried(self, config: MkDocsConfig) -> list[dict]:
        """Manifest entries of refused dossiers whose previous publication stays online."""
        if not self.config.previous_site:
            return []
        previous = self._path(config, self.config.previous_site)
        try:
            entries = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))["dossiers"]
        except (OSError, ValueError, KeyError, TypeError):
            return []
        try:
            previous_anonymous = bool(json.loads((previous / MANIFEST).read_text(
                encoding="utf-8")).get("anonymous", False))
        except (OSError, ValueError, AttributeError):
            previous_anonymous = False
        if previous_anonymous != self.config.anonymous:
            return []     # never carry a named dossier into an anonymous site (or back)
        refused = {b.dossier.slug if b.dossier else b.root.name for b in self.refused}
        carried = []
        for entry in entries:
            root = previous / str(entry.get("slug", ""))
            if entry.get("slug") in refused and root.is_dir() and root.parent == previous:
                carried.append({**entry, "_root": str(root)})
                log.warning("« %s » : la version publiée précédente reste en ligne tant que "
                            "le dossier est refusé.", entry["slug"])
        return carried

    def _nav(self, config: MkDocsConfig, files: Files, published: list[DossierBuild]) -> list:
        nav: list = [{"Accueil": "index.md"}]
        if self.config.preview:
            nav.append({"Tableau de bord": DASHBOARD})
        for build in published:
            dossier = build.dossier
            children = [{"Présentation": f"{dossier.slug}/index.md"}]
            # Nav titles reach Material's templates unescaped (nav, <title>, <h1>): escape them.
            children += [{escape(s.title): f"{dossier.slug}/{s.slug}.md"}
                         for s in dossier.sections]
            children += [{f"Annexe : {escape(s.title)}": f"{dossier.slug}/{s.slug}.md"}
                         for s in dossier.annexes]
            nav.append({f"{escape(dossier.candidate.full_name)} — {escape(dossier.title)}":
                        children})
        ours = set(self.pages)
        for file in files.documentation_pages():
            if file.src_uri not in ours:
                nav.append(file.src_uri)
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Compiled templates are kept in the cache (Material's take 0.4 s to compile)."""
        folder = self._path(config, self.config.cache_dir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is None:
            return html
        content, toc_tokens = rendered
        page.toc = get_toc(toc_tokens)
        return content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        rules = load_rules()
        entries = []
        for build in self.published:
            dossier = build.dossier
            entry = {"slug": dossier.slug, "title": dossier.title,
                     "candidate": dossier.candidate.full_name,
                     "option": rules.options[dossier.option], "session": dossier.session,
                     "pdf": f"{dossier.slug}/{dossier.pdf_name}", "pages": build.count.parts}
            if dossier.cover:
                dest, variant = self.plan.media(dossier.cover, "thumb")
                entry.update(thumb=dest, thumb_w=variant.width, thumb_h=variant.height)
            entries.append(entry)
        entries += [{k: v for k, v in e.items() if not k.startswith("_")}
                    for e in self.plan.carried]
        if self.session is not None:    # dirty rebuild: the index has the rebuilt pages only
            self.session.search = merge_search_index(
                Path(config.site_dir) / "search" / "search_index.json", self.session.search,
                {file.url for file in self._files.documentation_pages()})
        manifest = Path(config.site_dir) / MANIFEST
        manifest.write_text(json.dumps({"anonymous": self.config.anonymous,
                                        "dossiers": entries}, ensure_ascii=False, indent=1),
                            encoding="utf-8")


# -- preview sessions (``mkdocs serve`` makes new plugin instances on every rebuild) ---------

class _PreviewSession:
    """What the preview keeps between rebuilds (MkDocs makes a new plugin for each)."""

    def __init__(self, trigger: Path) -> None:
        self.trigger = trigger
        self.previous: dict[Path, DossierBuild] = {}
        self.state = PreviewState()
        self.rerenderer = Rerenderer(self._rendered, signal=trigger)
        self.stamps = trigger.parent.parent / "pages"       # one stamp per page (not watched)
        self.rendered = RenderedPages()                     # web pages of unchanged dossiers
        self.sources: dict[str, str] = {}                   # site file -> its source last time
        self.search: dict[str, list[str]] = {}              # page URL -> its search entries
        self.snapshots: dict[Path, tuple] = {}              # dossier -> its files' stamps

    def _rendered(self, root: Path) -> None:
        """A background render finished: touch the watched trigger so the server rebuilds."""
        touch_signal(self.trigger, root)


_SESSIONS: dict[str, _PreviewSession] = {}
_PUBLISHED_URLS: dict[str, str] = {}    # mkdocs.yml -> its site_url (serve replaces it)


def _config_key(config_file: str | Path) -> str:
    return str(Path(config_file).resolve())


def preview_trigger(config_file: Path, cache_dir: str = ".cache/portfolio") -> Path:
    return (Path(config_file).parent / cache_dir / "preview" / "rendu-termine").resolve()


def _preview_session(config: MkDocsConfig) -> _PreviewSession:
    key = _config_key(config.config_file_path)
    if key not in _SESSIONS:
        plugin = config.plugins["portfolio"]
        _SESSIONS[key] = _PreviewSession(
            preview_trigger(Path(config.config_file_path), plugin.config.cache_dir))
    return _SESSIONS[key]


# -- entry points for build.py -------------------------------------------------------------

def build_site(config_file: Path, site_dir: Path, *, drafts: bool = False,
               previous_site: Path | None = None, anonymous: bool = False,
               offline: bool = False) -> PortfolioPlugin:
    """Run a full MkDocs build into ``site_dir``; returns the plugin (builds, refusals).

    ``offline`` builds the copy that opens from a folder (``file://``): file URLs instead of
    directory URLs and Material's offline plugin (search index inlined).
    """
    overrides: dict = {"site_dir": str(site_dir)}
    if offline:
        overrides["use_directory_urls"] = False
    config = load_config(str(config_file), **overrides)
    if offline:
        from material.plugins.offline.plugin import OfflinePlugin

        # Our copy of the iframe-worker shim, so Material adds no CDN address.
        config.extra["polyfills"] = [f"{ASSETS}/vendor/iframe-worker-shim.js"]
        offline_plugin = OfflinePlugin()
        offline_plugin.load_config({"enabled": True})
        config.plugins["material/offline"] = offline_plugin
    plugin = config.plugins["portfolio"]
    plugin.config.drafts = drafts or plugin.config.drafts
    plugin.config.anonymous = anonymous or plugin.config.anonymous
    if previous_site is not None:
        plugin.config.previous_site = str(previous_site)
    mkdocs_build(config)
    return plugin


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build; the preview makes them safe (stamps, search merge)."""
    return "'dirty' build" not in record.getMessage()


def serve_site(config_file: Path, host: str, port: int) -> None:
    """MkDocs' live-reload server over the whole class, drafts included."""

    from mkdocs.commands.serve import serve

    os.environ["PORTFOLIO_DRAFTS"] = "true"   # read by mkdocs.yml (!ENV)
    os.environ["PORTFOLIO_PREVIEW"] = "true"
    # The preview's PDFs are the published ones: same links, same cache entries as build.py.
    _PUBLISHED_URLS[_config_key(config_file)] = load_config(
        str(config_file)).site_url or ""
    trigger = preview_trigger(config_file)
    trigger.parent.mkdir(parents=True, exist_ok=True)
    trigger.touch()
    project = Path(config_file).parent
    watch = [str(p) for p in (project / "students", project / "themes") if p.is_dir()]
    # Dirty builds: MkDocs rewrites only the pages whose stamp changed (site/incremental.py).
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
    try:
        serve(str(config_file), dev_addr=f"{host}:{port}", livereload=True, build_type="dirty",
              watch=[*watch, str(trigger.parent)])
    finally:
        for session in _SESSIONS.values():
            session.rerenderer.shutdown()
