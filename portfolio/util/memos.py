"""What a process keeps in memory from one build to the next, in one place.

Each memo is keyed by everything that shapes its values, so a stale entry is never served, and
each is bounded; emptying one only costs time. The preview (``mkdocs serve``) and the worker
processes of a class build keep them across rebuilds. No other module of the package keeps
state between builds in a module global; a test that wants a fresh process calls :func:`clear`.

==================  ==============================================  ============================
memo                key                                             bound
==================  ==============================================  ============================
``IMAGE_HEADERS``   image path + stamp (size, dates, inode)         4,096 entries, then emptied
                    -> upright size and format (images/decode.py)
``FILE_HASHES``     cache folder -> its :class:`~portfolio.util.    one per cache folder
                    hashes.FileHashes` (the index of SHA-256s)
``LAYOUTS``         a render's HTML + base URL -> its WeasyPrint    the last 3 documents
                    document, reused while every file it read is    (pdf/output/render.py,
                    unchanged                                       ``Layouts``)
==================  ==============================================  ============================

The settings of a run (where messages show paths from: ``util.errors.set_display_root``) are
not memos: the command line and the plugin set them at the start of each run.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FILE_HASHES", "IMAGE_HEADERS", "LAYOUTS", "BoundedMemo", "clear"]


class BoundedMemo(dict):
    """A dict that empties itself when a new key would take it past ``limit`` entries."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def remember(self, key: Any, value: Any) -> Any:
        if key not in self and len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


IMAGE_HEADERS: BoundedMemo = BoundedMemo(4096)
FILE_HASHES: dict = {}
LAYOUTS: list[tuple] = []   # (HTML + base URL, files read, document, refused, log), newest last


def clear() -> None:
    """Every memo emptied, as in a new process."""
    IMAGE_HEADERS.clear()
    FILE_HASHES.clear()
    LAYOUTS.clear()
