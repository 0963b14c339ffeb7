"""Bytes -> a file written all at once (temporary file beside it, then renamed over it); a
file -> the stamp that tells when it changed.

A reader never sees half a file and a killed build leaves the previous one: every cache entry,
stamp, index and archive the package writes goes through here.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write", "read_json_object", "replacing", "stamp"]


@contextmanager
def replacing(path: Path, suffix: str = "") -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed over ``path`` if the block succeeds,
    removed whatever happens. ``suffix`` ends its name, for writers that choose the format by
    the extension (ffmpeg)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp{suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def stamp(path: Path) -> tuple[int, int, int, int]:
    """Size, modification and change times, inode: what changes when a file is written or
    replaced, read without opening it (``OSError`` if it is gone)."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def atomic_write(path: Path, data: bytes | str) -> None:
    """Make ``path`` hold ``data`` (text is written as UTF-8)."""
    with replacing(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def read_json_object(path: Path) -> dict | None:
    """The JSON object stored in ``path``; None when it is missing, unreadable or not an
    object (a cache file that fails to load is rebuilt, never an error)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
