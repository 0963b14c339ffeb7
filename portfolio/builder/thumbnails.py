"""A dossier's PDF -> small images of its pages (the preview's page strip), cached by that PDF.

PDFium (``pypdfium2``) draws each page at :data:`HEIGHT` pixels high into WebP images kept in the
content cache, in a folder named after the PDF's file (its content key): the same PDF never
has its pages drawn twice, and a new PDF gets new images (new names, no stale browser cache).
:class:`Thumbnailer` draws them in a worker process of low priority, one PDF at a time, the PDF
asked for last first, so the pages the preview serves stay fast.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..processes.workers import OneWorker
from ..util.files import atomic_write, replacing

__all__ = ["HEIGHT", "Thumb", "Thumbnailer", "cached_thumbs", "draw_thumbs"]

log = logging.getLogger(__name__)

HEIGHT = 240            # pixels: shown 120 px high, sharp on a high-density screen
VERSION = "1"           # bump when the drawing changes: images are drawn again
MOST_PAGES = 200        # a PDF longer than that shows its first pages only


@dataclass(frozen=True)
class Thumb:
    path: Path
    width: int
    height: int


def _folder(cache_dir: Path, pdf: Path) -> Path:
    return cache_dir / "vignettes" / f"{pdf.stem}-{VERSION}"


def cached_thumbs(cache_dir: Path, pdf: Path) -> list[Thumb] | None:
    """The images of ``pdf``'s pages if they were drawn, else None."""
    folder = _folder(cache_dir, pdf)
    try:
        pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
        thumbs = [Thumb(folder / name, int(width), int(height)) for name, width, height in pages]
    except (OSError, ValueError, TypeError):
        return None
    return thumbs if all(t.path.is_file() for t in thumbs) else None


def draw_thumbs(cache_dir: Path, pdf: Path) -> int:
    """Draw every page of ``pdf`` into the cache (the list written last); returns the count."""
    import pypdfium2

    folder = _folder(cache_dir, pdf)
    folder.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    try:
        for index in range(min(len(document), MOST_PAGES)):
            page = document[index]
            try:
                width, height = page.get_size()
                image = page.render(scale=HEIGHT / height).to_pil()
            finally:
                page.close()
            name = f"page-{index + 1:03d}.webp"
            with replacing(folder / name) as tmp:
                image.save(tmp, "WEBP", quality=70, method=4)
            pages.append((name, image.width, image.height))
    finally:
        document.close()
    atomic_write(folder / "pages.json", json.dumps(pages))
    return len(pages)


class Thumbnailer:
    """Draws the pages of the PDFs asked for, in the background; ``on_done()`` once none is
    left to draw (the preview then rebuilds: every open page reloads, so once per batch)."""

    def __init__(self, cache_dir: Path, on_done: Callable[[], None]) -> None:
        self.cache_dir = cache_dir
        self.on_done = on_done
        self._wanted: dict[Path, int] = {}       # PDF -> order of the last request
        self._asked = 0
        self._failed: set[Path] = set()
        self._found: dict[Path, list[Thumb]] = {}
        self._running: Path | None = None
        self._worker = OneWorker(low_priority=True)
        self._lock = threading.Lock()

    def thumbs(self, pdf: Path | None) -> list[Thumb] | None:
        """The images of ``pdf``'s pages, or None while they are drawn (asked for here)."""
        if pdf is None:
            return None
        found = self._found.get(pdf) or cached_thumbs(self.cache_dir, pdf)
        if found is not None:
            self._found[pdf] = found
        if found is None and pdf not in self._failed:
            with self._lock:
                if pdf != self._running:
                    self._asked += 1
                    self._wanted[pdf] = self._asked
            self._next()
        return found

    def _next(self) -> None:
        with self._lock:
            if self._running is not None or not self._wanted:
                return
            pdf = max(self._wanted, key=self._wanted.__getitem__)    # the last asked first
            del self._wanted[pdf]
            future = self._worker.submit(draw_thumbs, self.cache_dir, pdf)
            if future is None:           # shut down
                return
            self._running = pdf
        future.add_done_callback(lambda f, pdf=pdf: self._finished(pdf, f))

    def _finished(self, pdf: Path, future: Future) -> None:
        with self._lock:
            self._running = None
        if self._worker.closed:
            return
        try:
            future.result()
        except Exception as exc:   # an unreadable PDF: the strip shows numbered pages only
            log.debug("Thumbnails of %s failed", pdf, exc_info=True)
            self._failed.add(pdf)
            if isinstance(exc, BrokenProcessPool):
                self._worker.restart()              # a new worker next time
        with self._lock:
            idle = not self._wanted
        if idle:             # one rebuild for a batch (the class at start), not one per PDF
            self.on_done()
        self._next()

    def shutdown(self) -> None:
        self._worker.shutdown()
