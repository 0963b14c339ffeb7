"""A dossier whose PDF inputs changed -> its PDF rendered again in a worker process (preview).

One dossier is rendered at a time, in a separate process (the preview server keeps answering);
a dossier already being rendered is not queued twice: when its render finishes, ``on_done`` is
called and the caller rebuilds, which re-checks the fingerprint (so edits made meanwhile are
picked up by the next render: a natural debounce).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .pipeline import build_dossier
from .results import BuildOptions
from .workers import orphan_guard

__all__ = ["Rerenderer", "touch_signal"]

log = logging.getLogger(__name__)


def touch_signal(signal: Path, root: Path) -> None:
    """Write ``signal`` (a watched file): the preview server rebuilds."""
    signal.parent.mkdir(parents=True, exist_ok=True)
    signal.write_text(f"{root.name} {time.time()}\n", encoding="utf-8")


def _render(root: Path, options: BuildOptions, signal: Path | None
            ) -> tuple[str, bool, str]:
    """Worker: render into the content cache; ``signal`` is touched once the pages are counted."""
    result = build_dossier(root, options, on_counted=(lambda: touch_signal(signal, root))
                           if signal is not None else None)
    return result.key, result.error is None, str(result.error or "")


class Rerenderer:
    def __init__(self, on_done: Callable[[Path], None], signal: Path | None = None) -> None:
        self.on_done = on_done
        self.signal = signal        # a file the worker touches when the new count is known
        self.running: dict[Path, Future] = {}
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context,
                                             **orphan_guard())
        return self._pool

    def submit(self, root: Path, options: BuildOptions) -> None:
        with self._lock:
            if root in self.running:
                return
            future = self._executor().submit(_render, root, options, self.signal)
            self.running[root] = future
        future.add_done_callback(lambda f, root=root: self._finished(root, f))

    def _finished(self, root: Path, future: Future) -> None:
        with self._lock:
            self.running.pop(root, None)
        try:
            future.result()
        except Exception:     # a crash in the worker: the next rebuild renders in-process
            log.warning("Le rendu du PDF de %s a échoué en arrière-plan.", root.name,
                        exc_info=log.isEnabledFor(logging.DEBUG))
        self.on_done(root)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


