"""MkDocs plugin: the portfolio pipeline wired into MkDocs' build (with ``preview``, its server).

``on_files`` builds every dossier (PDF rendered and counted, budget judged) before MkDocs writes
anything, and adds only the publishable ones to the site; ``on_page_content`` hands MkDocs the
sanitised HTML the core rendered. Under ``mkdocs serve`` the plugin is the preview: MkDocs keeps
it across rebuilds (it defines ``on_startup``), so it holds the session from ``on_startup`` to
``on_shutdown`` and ``on_serve`` adds the students' folders to the watched files.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..builder.addresses import site_url_notice
from ..builder.options import BuildOptions
from ..builder.pipeline import build_dossiers
from ..builder.results import DossierBuild
from ..dossier.load import find_dossiers
from ..images import ImageCache
from ..processes.shutdown import stop_on_sigterm
from ..site import PagePlan, SitePlan, plan_site, render_dossier_pages, render_page
from ..site.manifest import carried_entries, write_manifest
from ..site.preview import DASHBOARD
from ..util.errors import DossierError, SecurityError, internal_error, set_display_root
from ..util.templates import THEMES_DIR
from .config import PortfolioConfig
from .hosts import check_hosts
from .incremental import RenderedDossier
from .jury import JurySite
from .overlays import decorate, finish_preview, keep_serving, problem_pages
from .preview import PreviewSession, published_site_url

__all__ = ["ASSETS", "PortfolioPlugin"]

log = logging.getLogger("mkdocs.plugins.portfolio")

ASSETS = "assets/portfolio"


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build; the preview makes them safe (stamps, search merge)."""
    return "'dirty' build" not in record.getMessage()


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
        self.command = "build"                       # from on_startup: "build" | "serve" | ...
        self.session: PreviewSession | None = None   # the preview's memory between rebuilds
        self.site_url = ""
        self._reset()

    def _reset(self) -> None:
        """Forget the previous build (MkDocs may run several with one plugin instance)."""
        self.builds: list[DossierBuild] = []
        self.plan: SitePlan | None = None
        self.pages: dict[str, PagePlan] = {}
        self.urls: dict[str, str] = {}
        self.rendered: dict[str, tuple[str, list]] = {}
        self._files: Files | None = None
        self.unrendered: set[Path] = set()           # dossiers whose web pages failed

    # -- helpers ---------------------------------------------------------------------------

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    @property
    def previewing(self) -> bool:
        """Preview mode: ``preview`` as set in mkdocs.yml, else on under ``mkdocs serve``."""
        if self.config.preview is not None:
            return self.config.preview
        return self.command == "serve"

    @property
    def published(self) -> list[DossierBuild]:
        if self.previewing:     # the preview shows every dossier it could count (overlays.py)
            return [b for b in self.builds if b.dossier is not None and b.count is not None
                    and b.error is None and b.root not in self.unrendered]
        return [b for b in self.builds if b.publishable
                and (self.config.drafts or not b.dossier.draft)]

    def _session(self, config: MkDocsConfig) -> PreviewSession:
        """The preview session of this mkdocs.yml (a new one if another file is served)."""
        config_file = Path(config.config_file_path).resolve()
        if self.session is None or self.session.config_file != config_file:
            if self.session is not None:
                self.session.shutdown()
            self.session = PreviewSession(config_file,
                                          self._path(config, self.config.cache_dir))
        return self.session

    @property
    def refused(self) -> list[DossierBuild]:
        return [b for b in self.builds if not b.publishable]

    # -- MkDocs events ---------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command == "serve":      # plain ``mkdocs serve`` too: SIGTERM stops it as Ctrl+C
            stop_on_sigterm()       # does (the preview's workers ended, on_shutdown run)
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_quiet_dirty_warning)
        if self.session is not None:
            self.session.shutdown()
            self.session = None

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Rebuild when a student's file, the theme or a background render changes; answer
        only requests addressed to this server (DNS rebinding: ``hosts``)."""
        check_hosts(server)
        watched = [self._path(config, self.config.students_dir), THEMES_DIR]
        if self.session is not None:
            watched.append(self.session.trigger.parent)
        for path in watched:
            if path.is_dir():
                server.watch(str(path))
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        set_display_root(Path(config.config_file_path).parent)
        # The PDF's links are the published site's (serve replaces site_url with its own).
        self.site_url = (published_site_url(config) if self.command == "serve"
                         else config.site_url or "")
        if self.previewing:
            self._session(config)
        elif self.session is not None:
            self.session.shutdown()
            self.session = None
        for css in (f"{ASSETS}/fonts.css", f"{ASSETS}/portfolio.css", f"{ASSETS}/couts.css"):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if f"{ASSETS}/portfolio.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(f"{ASSETS}/portfolio.js")
        self.jury = JurySite(config, self._path(config, self.config.cache_dir))
        return config

    @keep_serving      # preview: a failure here must not stop the server (overlays.py)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        options = BuildOptions(cache_dir=self._path(config, self.config.cache_dir),
                               site_url=self.site_url,
                               mode="preview" if self.previewing else "publish",
                               anonymous=self.config.anonymous,
                               workers=self.config.workers)
        images = ImageCache(options.cache_dir, options.workers)
        roots = find_dossiers(self._path(config, self.config.students_dir))
        self._files = files
        if self.session is not None:
            self.builds = self.session.builds(roots, options, images)
        else:
            self.builds = build_dossiers(roots, options, images)
        if self.session is None:      # the preview says each problem once (session.report)
            for build in self.refused:     # a refusal is an error, not a warning (issue 14)
                for problem in build.problems:
                    log.error("dossier refusé : %s", problem)
            for build in self.builds:
                for problem in build.warnings:
                    log.warning("%s", problem)
        while True:   # a dossier whose web pages fail to render is refused, the rest go on
            published = self.published
            generated = self._plan(config, published, images)
            failed = self._render_all()
            if failed is None:
                break
            self.unrendered.add(failed.root)     # left out next time round: the loop ends
            if self.session is None:
                for problem in failed.error.problems:
                    log.error("dossier refusé : %s", problem)
        if self.session is not None:
            self.session.report(self.builds)
        elif notice := site_url_notice(self.site_url, self.plan.files, config.config_file_path):
            log.warning("%s", notice)          # the teacher's setting: said once, at publier
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
        config.nav = self.jury.navigation(files, published, set(self.pages),
                                          dashboard=self.session is not None)
        if self.session is not None:
            finish_preview(config, self.pages)      # nav of the dossiers to fix, CSS
            self.session.stamp_pages(config, files, self.rendered)
        return files

    def _plan(self, config: MkDocsConfig, published: list[DossierBuild], images: ImageCache
              ) -> dict[str, File]:
        """Plan the site's pages and give each its URL; returns their MkDocs files."""
        self.plan = plan_site(published, images)
        if self.session is not None:
            self.plan.pages.append(PagePlan(DASHBOARD, "Tableau de bord", "dashboard"))
            self.plan.pages += problem_pages(self.session, self.builds, published)
        self.plan.carried = self._carried(config)
        self.pages = {p.src_uri: p for p in self.plan.pages}
        if self.session is not None:   # preview: each page's source is its stamp file
            generated = {src_uri: File.generated(config, src_uri, abs_src_path=str(
                self.session.stamps / src_uri)) for src_uri in self.pages}
        else:
            generated = {src_uri: File.generated(config, src_uri, content="")
                         for src_uri in self.pages}
        self.urls = {src_uri: file.url for src_uri, file in generated.items()}
        return generated

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
            except Exception as exc:     # a bug met on this dossier's pages: the rest go on
                log.debug("Internal error on %s", build.root, exc_info=True)
                build.error = internal_error(exc, build.root)
                return build
            self.rendered.update(pages)
            if cache is not None:
                cache.put(build.root, RenderedDossier(key, pages, {
                    dest: src for dest, src in self.plan.files.items() if dest not in before},
                    build))
        home = self.pages["index.md"]
        self.rendered[home.src_uri] = render_page(self.plan, home, self.urls)
        if self.session is not None:
            decorate(self)          # meters, page strips, overlays, dashboard (overlays.py)
        return None

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        themes = THEMES_DIR
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
        for file in self.jury.files(config):     # search worker, fonts (mkdocs/jury.py)
            files.append(file)
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
        # A dossier refused for a security reason (a link leading outside it) is withdrawn:
        # its previous publication may hold what leaked.
        withdrawn = {b.root.name for b in self.refused if isinstance(b.error, SecurityError)}
        refused = {b.dossier.slug if b.dossier else b.root.name for b in self.refused
                   if b.root.name not in withdrawn}
        previous = self._path(config, self.config.previous_site)
        for entry in carried_entries(previous, withdrawn, self.config.anonymous):
            log.warning("Dossier refusé « %s » pour raison de sécurité : sa version publiée "
                        "précédente est retirée.", entry["slug"])
        carried = carried_entries(previous, refused, self.config.anonymous)
        for entry in carried:
            log.warning("« %s » : la version publiée précédente reste en ligne tant que le "
                        "dossier est refusé.", entry["slug"])
        return carried

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.jury.scope_navigation(nav, self.pages)      # one navigation per dossier

    @event_priority(50)     # before Material's search plugin: it indexes what jury.py gives it
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        return self.jury.page_context(context, page, self.pages.get(page.file.src_uri))

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        return self.jury.template_context(context)

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

    @keep_serving
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.plan.images.hashes.save()            # media hashed while rendering the pages
        if self.session is not None:    # dirty rebuild: the index has the rebuilt pages only
            self.session.merge_search(Path(config.site_dir),
                                      {file.url for file in self._files.documentation_pages()})
        write_manifest(Path(config.site_dir), self.published, self.plan, self.config.anonymous)
