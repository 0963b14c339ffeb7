"""A dossier whose PDF inputs changed -> its PDF rendered again in a worker process (preview),
then its pages drawn for the page strip (``thumbnails``).

One dossier is rendered at a time, in a separate process (the preview server keeps answering);
a dossier already being rendered is not queued twice: when its render finishes, ``on_done`` is
called and the caller rebuilds, which re-checks the fingerprint (so edits made meanwhile are
picked up by the next render: a natural debounce).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..processes.workers import OneWorker
from ..util.errors import Problem, internal_error
from .options import BuildOptions
from .pipeline import build_dossier
from .thumbnails import cached_thumbs, draw_thumbs

__all__ = ["Rerenderer", "touch_signal"]

log = logging.getLogger(__name__)


def touch_signal(signal: Path, root: Path) -> None:
    """Write ``signal`` (a watched file): the preview server rebuilds."""
    signal.parent.mkdir(parents=True, exist_ok=True)
    signal.write_text(f"{root.name} {time.time()}\n", encoding="utf-8")


def _render(root: Path, options: BuildOptions, signal: Path | None
            ) -> tuple[str, list[Problem]]:
    """Worker: render into the content cache; ``signal`` is touched once the pages are counted.
    Returns the key rendered and, if it failed, the problems that stopped it."""
    result = build_dossier(root, options, on_counted=(lambda: touch_signal(signal, root))
                           if signal is not None else None)
    if result.error is not None:
        return result.key, result.error.problems
    if result.pdf_path is not None and cached_thumbs(options.cache_dir, result.pdf_path) is None:
        try:       # the page strip's images, ready when the new PDF is shown
            draw_thumbs(options.cache_dir, result.pdf_path)
        except Exception:       # drawn later by the preview (thumbnails.Thumbnailer)
            log.debug("Thumbnails of %s failed", result.pdf_path, exc_info=True)
    return result.key, []


def _warm_up(stylesheets: list[Path]) -> None:
    """Worker: import the print modules and let WeasyPrint load the print styles and fonts
    once, so that the first edit's render does not pay for it (0.4 s on the benchmark's class)."""
    import weasyprint

    from ..pdf.draw.document import print_head
    from ..util.fonts import print_font_css
    from ..util.templates import Markup, render
    from . import assemble  # noqa: F401 - imported for the first render

    head = print_head([p.as_uri() for p in stylesheets if p.is_file()], print_font_css())
    sample = Markup("<h2>Étapes</h2><p>Serti <b>clos</b>, <i>à griffes</i>.</p>")
    weasyprint.HTML(string=render("print/galley.html", head=Markup(head), body_class="main-part",
                                  items=[(sample, 100)])).render()


class Rerenderer:
    def __init__(self, on_done: Callable[[Path], None], signal: Path | None = None) -> None:
        self.on_done = on_done
        self.signal = signal        # a file the worker touches when the new count is known
        self.running: dict[Path, Future] = {}
        # A render that failed, kept so that the same inputs are not rendered again and again.
        self.failed: dict[Path, tuple[str, list[Problem]]] = {}
        self._lock = threading.Lock()
        self._worker = OneWorker()

    def warm_up(self, options: BuildOptions) -> None:
        """Start the worker now, ready for the first edit (in the background)."""
        self._worker.submit(_warm_up, options.print_css)

    def failure(self, root: Path, key: str) -> list[Problem] | None:
        """The problems that stopped the last render of ``root`` if it had this ``key``."""
        failed = self.failed.get(root)
        return failed[1] if failed is not None and failed[0] == key else None

    def submit(self, root: Path, options: BuildOptions, key: str = "") -> None:
        """Render ``root`` (whose inputs have the fingerprint ``key``) in the background."""
        with self._lock:
            if root in self.running:
                return
            future = self._worker.submit(_render, root, options, self.signal)
            if future is None:           # shut down
                return
            self.running[root] = future
        future.add_done_callback(lambda f, root=root: self._finished(root, key, f))

    def _finished(self, root: Path, submitted: str, future: Future) -> None:
        with self._lock:
            self.running.pop(root, None)
        if self._worker.closed:
            return
        try:
            key, problems = future.result()
        except Exception as exc:     # a crash in the worker: said on the dossier's pages
            log.debug("Background render of %s failed", root, exc_info=True)
            if isinstance(exc, CancelledError):
                return
            if isinstance(exc, BrokenProcessPool):     # a new worker for the next render
                self._worker.restart()
            self.failed[root] = (submitted, [internal_error(exc, root).problem])
        else:
            if problems:
                self.failed[root] = (key, problems)
            else:
                self.failed.pop(root, None)
        self.on_done(root)

    def shutdown(self) -> None:
        """Cancel the renders waiting and end the one running (its worker process)."""
        self._worker.shutdown()


