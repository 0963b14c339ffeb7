"""Dossier folders -> DossierBuilds: loaded, PDF rendered (or found in the cache), pages judged.

The orchestrator: load (``load``) -> PDF (``pdf.cache``, ``pdf.assemble``: part 1 laid out and
counted with the rest) -> budget and conformance verdict. Errors a person can cause end up in
the result, never raised, so that one broken dossier never stops the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from ..conformance import assess
from ..conformance.budget import evaluate
from ..dossier.load import load_dossier
from ..dossier.model import Dossier
from ..images import ImageCache
from ..pdf.output.count import PageCount
from ..pdf.output.stand_in import CountedWithStandInsError
from ..processes.parallel import NoWorkersError, run_in_workers, workers
from ..processes.progress import advance
from ..processes.timings import emit, timed
from ..util.errors import DossierError, Problem, ProblemsError, internal_error
from . import pdfcache as pdf_cache
from .addresses import refuse_same_address
from .anonymity import anonymize
from .assemble import image_requests, render_print
from .options import BuildOptions
from .prune import prune_pdfs
from .results import DossierBuild

__all__ = ["BuildOptions", "DossierBuild", "build_dossier", "build_dossiers"]

log = logging.getLogger(__name__)
REREAD = "dossiers en erreur relus"   # a PDF step (French): their problems gathered again


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
    result = DossierBuild(root=root)
    try:
        dossier = result.dossier = load_dossier(root)
        result.warnings.extend(dossier.warnings)
        if options.anonymous:
            result.warnings.extend(anonymize(dossier))
        try:
            _pdf(result, dossier, options,
                 images or ImageCache(options.cache_dir, options.workers), render, previous,
                 on_counted)
        except DossierError as exc:     # not printed (a missing image...): judged all the same
            result.error = exc
        if result.count is None and result.error is None:
            return result                 # pending, nothing counted yet
        if result.count is not None:
            result.verdict = evaluate(dossier, result.count)
        # Conformance errors (in options.mode) refuse the dossier like budget errors.
        result.conformance = assess(dossier, options.mode, today=options.today)
        if result.verdict is not None:
            result.verdict.errors.extend(result.conformance.errors)
        result.warnings.extend(result.conformance.summary)
        if dossier.errors:                # input mistakes that did not stop the build
            result.error = ProblemsError([*dossier.errors, *(
                result.error.problems if result.error else ())])
    except DossierError as exc:
        result.error = ProblemsError.of([e for e in (result.error, exc) if e is not None])
    except Exception as exc:      # a bug met on this dossier: the others are built all the same
        log.debug("Internal error on %s", root, exc_info=True)
        result.error = internal_error(exc, root)
    return result


def _pdf(result: DossierBuild, dossier: Dossier, options: BuildOptions, images: ImageCache,
         render: bool, previous: DossierBuild | None, on_counted: Callable[[], None] | None
         ) -> None:
    """Fill ``result``'s PDF and count: from the cache, from ``previous``, or rendered now."""
    folder = options.cache_dir / "pdf"
    key = result.key = pdf_cache.fingerprint(dossier, options)
    if cached := pdf_cache.load_cached(folder, key):
        log.debug("PDF cached: %s", dossier.slug)
        result.pdf_path, result.count, warnings = cached
        result.pdf_cached = True
    elif refused := pdf_cache.load_refused(folder, key):   # laid out with stand-ins before
        result.count, warnings, problems = refused
        result.warnings.extend(warnings)
        raise ProblemsError(problems)
    elif (not render and previous is not None and previous.pdf_path is not None
          and (counted := pdf_cache.load_counted(folder, key)) is not None):
        result.count, warnings = counted
        result.pdf_writing, result.pdf_path = True, previous.pdf_path
    elif not render:
        result.pending = True
        if previous is not None and previous.count is not None:
            result.pdf_path, result.count = previous.pdf_path, previous.count
        return
    else:
        log.info("Impression de %s", dossier.slug)

        def counted(count: PageCount, warnings: list[Problem]) -> None:
            pdf_cache.store_counted(folder, key, count, warnings)
            on_counted()

        start = time.time()
        try:
            pdf, result.count, warnings = render_print(
                dossier, options, images, counted if on_counted is not None else None)
        except CountedWithStandInsError as exc:    # missing images, A2 annexes: counted
            result.count = exc.count
            result.warnings.extend(exc.warnings)
            pdf_cache.store_refused(folder, key, exc.count, exc.warnings, exc.error.problems)
            raise exc.error from None
        except DossierError:
            raise
        except Exception as exc:   # a layout engine bug must not stop the other dossiers
            log.debug("WeasyPrint failure for %s", dossier.slug, exc_info=True)
            raise DossierError(
                f"la mise en page du PDF a échoué (erreur interne : {type(exc).__name__}).",
                dossier.yml, hint="Signalez-le à votre enseignant ; en attendant, essayez "
                "de déplacer ou de simplifier le dernier bloc ajouté.") from None
        result.pdf_path = pdf_cache.store_cached(folder, key, pdf, result.count, warnings)
        emit("pdf", start, time.time(), slug=dossier.slug)
    result.warnings.extend(warnings)


def _render_to_cache(root: Path, options: BuildOptions) -> bool:
    """Worker process: render one dossier's PDF into the content cache (whether it worked).
    The render's ``pdf`` timing record is emitted in the worker."""
    return build_dossier(root, options).error is None


def build_dossiers(roots: list[Path], options: BuildOptions, images: ImageCache | None = None
                   ) -> list[DossierBuild]:
    """Build every dossier of a class; the PDFs not in the cache are rendered in parallel.

    The images of all those dossiers are prepared first (one pool over every core), then their
    PDFs are laid out ``options.workers`` at a time in separate processes (WeasyPrint uses one
    core), each writing into the content cache; the results are then read back here. A dossier
    whose render failed is built again in this process, which gives its error. The content
    cache keeps these PDFs and a few recent ones per dossier (:func:`prune_pdfs`).
    """
    start = time.time()
    images = images or ImageCache(options.cache_dir, options.workers)
    first = []
    for root in roots:
        first.append(build_dossier(root, options, images, render=False))
        advance("dossiers lus", len(first), len(roots), root.name)
    pending = [b for b in first if b.pending]
    refused: list[str] = []     # printed with errors in a worker: built again here for them
    if pending:
        images.prepare((), (), requests=[r for b in pending
                                         for r in image_requests(b.dossier, images)])
    count = options.workers or workers()
    if len(pending) > 1 and count > 1:
        log.info("%d PDF à imprimer, %d à la fois", len(pending), count)
        jobs = [(b.root, options) for b in pending]
        try:
            finished: list[str] = []

            def still_printing() -> None:     # a PDF takes tens of seconds: say so
                busy = [b.root.name for b in pending if b.root.name not in finished]
                advance("PDF imprimés", len(finished), len(jobs),
                        "en cours : " + ", ".join(busy[:count]))

            with timed("pdf-stage", dossiers=len(pending), workers=count):
                for index, ok in run_in_workers(_render_to_cache, jobs, count,
                                                tick=still_printing):
                    finished.append(pending[index].root.name)
                    advance("PDF imprimés", len(finished), len(jobs),
                            pending[index].root.name)
                    if ok:
                        log.info("Impression de %s", pending[index].dossier.slug)
                    else:
                        refused.append(pending[index].root.name)
        except NoWorkersError:
            pass                   # rendered below, in this process
    builds, printed = [], 0
    for build in first:
        if build.pending:     # read back from the cache, or printed here (one worker)
            again = build.root.name in refused     # its problems found again here: say so
            if again:
                advance(REREAD, refused.index(build.root.name), len(refused), build.root.name)
            builds.append(build_dossier(build.root, options, images))
            if again:
                advance(REREAD, refused.index(build.root.name) + 1, len(refused),
                        build.root.name)
            printed += 1
            if not (len(pending) > 1 and count > 1):
                advance("PDF imprimés", printed, len(pending), build.root.name)
        else:
            builds.append(build)
    refuse_same_address(builds)
    prune_pdfs(options.cache_dir, {b.root.name: b.key for b in builds})
    emit("dossiers", start, time.time(), dossiers=len(builds), pending=len(pending))
    return builds
