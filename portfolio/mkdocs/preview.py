"""What the preview (``mkdocs serve``) keeps between rebuilds -> builds, stamped pages, meters.

MkDocs keeps a plugin that defines ``on_startup`` across the server's rebuilds: the plugin holds
one :class:`PreviewSession` from ``on_startup`` to ``on_shutdown`` (like Material's optimize
plugin keeps its pool). A changed PDF is rendered in the background meanwhile (``rerender``),
whose end touches a watched file: the server rebuilds and shows the new count.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.yaml import yaml_load

from ..builder.addresses import refuse_same_address
from ..builder.options import BuildOptions
from ..builder.pipeline import build_dossier, build_dossiers
from ..builder.prune import prune_pdfs
from ..builder.rerender import Rerenderer, touch_signal
from ..builder.results import DossierBuild
from ..builder.thumbnails import Thumbnailer
from ..dossier.review import load_notes
from ..images import ImageCache
from ..rules import RULES_FILE
from ..site.preview import PreviewState
from ..util.errors import DossierError, ProblemsError, internal_error
from .incremental import (
    RenderedPages,
    dossier_snapshot,
    merge_search_index,
    page_digest,
    write_stamp,
)

__all__ = ["PreviewSession", "published_site_url"]

log = logging.getLogger("mkdocs.plugins.portfolio")


def published_site_url(config: MkDocsConfig) -> str:
    """The site's public address as mkdocs.yml writes it (``serve`` replaces ``site_url`` with
    its own): the PDF's links and cache entries are the published ones."""
    try:
        with open(config.config_file_path, encoding="utf-8") as file:
            return str(yaml_load(file).get("site_url") or "")
    except (OSError, ValueError, AttributeError):
        return config.site_url or ""


class PreviewSession:
    """The preview's memory: previous builds, notes, stamps, search entries, background renders.

    ``cache_dir`` is the plugin's cache folder: the session's files live in its ``preview/``.
    """

    def __init__(self, config_file: Path, cache_dir: Path) -> None:
        self.config_file = config_file
        self.trigger = cache_dir / "preview" / "rendu-termine"   # watched: a render finished
        self.trigger.parent.mkdir(parents=True, exist_ok=True)
        self.trigger.touch()
        self.started = False                                # the first build is done
        self.previous: dict[Path, DossierBuild] = {}
        self.failures: dict[Path, tuple[tuple, DossierBuild]] = {}   # snapshot, failed build
        self.said: dict[Path, set[str]] = {}                # problems printed, per dossier
        self.state = PreviewState()
        self.rerenderer = Rerenderer(self._rendered, signal=self.trigger)
        self.thumbnailer = Thumbnailer(cache_dir, lambda: touch_signal(self.trigger,
                                                                       self.trigger))
        self.stamps = cache_dir / "pages"                   # one stamp per page (not watched)
        self.rendered = RenderedPages()                     # web pages of unchanged dossiers
        self.sources: dict[str, str] = {}                   # site file -> its source last time
        self.search: dict[str, list[str]] = {}              # page URL -> its search entries
        self.snapshots: dict[Path, tuple] = {}              # dossier -> its files' stamps

    def _rendered(self, root: Path) -> None:
        """A background render finished: touch the watched trigger so the server rebuilds."""
        touch_signal(self.trigger, root)

    def shutdown(self) -> None:
        self.rerenderer.shutdown()
        self.thumbnailer.shutdown()

    def builds(self, roots: list[Path], options: BuildOptions, images: ImageCache
               ) -> list[DossierBuild]:
        """Builds for the preview: a changed PDF is rendered in the background meanwhile.

        Only the first build renders PDFs here (all of them, in parallel); later ones never
        wait for a PDF (the server answers no page during a rebuild). Each dossier is built
        apart: whatever goes wrong with one is its own error, the others are built."""
        first = {b.root: b for b in build_dossiers(roots, options, images)
                 } if not self.started else {}
        if not self.started:
            self.rerenderer.warm_up(options)
        self.started = True
        builds = []
        for root in roots:
            try:
                build = self._build(root, first, options, images)
            except Exception as exc:     # a bug met on this dossier: the others go on
                log.debug("Preview failure on %s", root, exc_info=True)
                build = DossierBuild(root=root, error=internal_error(exc, root))
            builds.append(build)
        refuse_same_address(builds)
        prune_pdfs(options.cache_dir, {b.root.name: b.key for b in builds})   # bounded cache
        return builds

    def _build(self, root: Path, first: dict[Path, DossierBuild], options: BuildOptions,
               images: ImageCache) -> DossierBuild:
        previous = self.previous.get(root)
        snapshot = dossier_snapshot(root, [*options.print_theme, RULES_FILE])
        if (root not in first and previous is not None and previous.error is None
                and not previous.pdf_writing and self.snapshots.get(root) == snapshot):
            return previous                  # not a file of it changed: nothing to redo
        failed = self.failures.get(root)
        if root not in first and failed is not None and failed[0] == snapshot:
            return failed[1]                 # the same mistake: nothing to redo or to say
        build = first.get(root) or build_dossier(root, options, images, render=False,
                                                 previous=previous)
        if build.pending and (problems := self.rerenderer.failure(root, build.key)):
            # Its PDF failed with these very inputs: said, not rendered again and again.
            build = DossierBuild(root=root, dossier=build.dossier, key=build.key,
                                 error=ProblemsError(problems), warnings=build.warnings)
        if build.pending or build.pdf_writing or build.error is not None:
            self.snapshots.pop(root, None)
        else:                                # complete: reused while its files stay the same
            self.snapshots[root] = snapshot
        if build.error is not None:
            self.failures[root] = (snapshot, build)
        else:
            self.failures.pop(root, None)
        slug = build.dossier.slug if build.dossier is not None else None
        if build.pending:
            self.rerenderer.submit(root, options, build.key)
            self.state.stale.add(slug)
        else:
            if build.pdf_writing:        # counted; its worker is writing the file (or died)
                self.rerenderer.submit(root, options, build.key)
            self.state.stale.discard(slug)
            if build.count is not None and build.error is None:
                self.previous[root] = build
        if build.dossier is not None:
            self._note(build, snapshot)
        return build

    def report(self, builds: list[DossierBuild]) -> None:
        """Print each dossier's problems once, when they appear (not again on every rebuild:
        a problem still there is not said twice; one that comes back is)."""
        for build in builds:
            lines = [(logging.ERROR, f"dossier refusé : {p}") for p in build.problems]
            lines += [(logging.WARNING, str(p)) for p in build.warnings]
            said = self.said.get(build.root, set())
            for level, text in lines:
                if text not in said:
                    log.log(level, "%s", text)
            now = {text for _, text in lines}
            # A dossier whose PDF is being rendered, or that failed, lacks its other warnings
            # for a while: they are not said again when they come back.
            incomplete = build.pending or build.error is not None
            self.said[build.root] = (said | now) if incomplete else now

    def _note(self, build: DossierBuild, snapshot: tuple) -> None:
        """The dossier's review notes and the date of its last change, for meter and dashboard."""
        slug = build.dossier.slug
        try:
            self.state.notes[slug] = load_notes(build.dossier)
        except DossierError as exc:
            self.state.notes[slug] = []
            build.warnings.append(exc.problem)
        self.state.changed[slug] = max((ns for _, _, ns in snapshot[0]), default=0) / 1e9

    def stamp_pages(self, config: MkDocsConfig, files: Files,
                    rendered: dict[str, tuple[str, list]]) -> None:
        """Stamp the pages whose HTML changed, forget site files whose source changed."""
        config_file = Path(config.config_file_path)
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        theme = sorted((str(p), p.stat().st_mtime_ns) for p in overrides.rglob("*")
                       if p.is_file()) if overrides and overrides.is_dir() else []
        site = page_digest(json.dumps(config.nav, ensure_ascii=False, default=str),
                           str(config_file.stat().st_mtime_ns), json.dumps(theme))
        written = 0
        for src_uri, (html, toc) in rendered.items():
            written += write_stamp(self.stamps / src_uri,
                                   page_digest(site, src_uri, html, repr(toc)))
        site_dir = Path(config.site_dir)
        for file in files:
            source = file.abs_src_path
            before = self.sources.get(file.dest_uri)
            if source and before is not None and before != source:
                (site_dir / file.dest_uri).unlink(missing_ok=True)   # copied again below
            if source:
                self.sources[file.dest_uri] = source
        log.debug("Aperçu : %d pages à refaire, %d dossiers déjà rendus", written,
                  self.rendered.hits)

    def merge_search(self, site_dir: Path, page_urls: set[str]) -> None:
        """A dirty rebuild's search index has the rebuilt pages only: add the others'."""
        self.search = merge_search_index(site_dir / "search" / "search_index.json",
                                         self.search, page_urls)

