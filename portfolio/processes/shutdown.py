"""SIGTERM -> the same clean stop as Ctrl+C (the preview's workers ended, its files removed).

A preview server stopped by ``kill``, a closed terminal or a service manager gets SIGTERM,
whose default ends Python at once: no ``on_shutdown``, MkDocs' temporary site folder left
behind. Turned into :class:`KeyboardInterrupt`, it takes the path Ctrl+C takes.
"""

from __future__ import annotations

import signal
import threading

__all__ = ["stop_on_sigterm"]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop_on_sigterm() -> None:
    """From now on SIGTERM interrupts the main thread like Ctrl+C (when nobody else set a
    handler for it, and only from the main thread, where Python allows it)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None, _interrupt):
        signal.signal(signal.SIGTERM, _interrupt)
