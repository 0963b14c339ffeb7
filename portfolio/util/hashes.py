"""A file -> the SHA-256 of its bytes, memoised by (size, mtime, ctime, inode) in a JSON index.

Warm builds and the preview's rebuilds then re-read only the files that changed (photos, videos
of up to 200 MB, the dossier's texts). One memo per cache folder and process; the index lives in
the cache folder; a missing or corrupt index is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from .files import atomic_write, stamp
from .memos import FILE_HASHES

__all__ = ["FileHashes"]

MAX_ENTRIES = 20_000        # past this, only the newest half is kept


class FileHashes:
    _lock = threading.Lock()

    def __init__(self, index: Path) -> None:
        self.index = index
        self.dirty = False
        self._entries_lock = threading.Lock()
        try:
            self.entries: dict[str, list] = json.loads(index.read_text())
            if not isinstance(self.entries, dict):
                raise ValueError
        except (OSError, ValueError):
            self.entries = {}

    @classmethod
    def for_cache(cls, cache_dir: Path) -> FileHashes:
        """One shared memo per cache folder and process."""
        key = cache_dir.resolve()
        with cls._lock:
            if key not in FILE_HASHES:
                FILE_HASHES[key] = cls(key / "hashes.json")
            return FILE_HASHES[key]

    def sha256(self, path: Path) -> str:
        """The hex SHA-256 of ``path``'s bytes (``OSError`` if it cannot be read)."""
        now = list(stamp(path))
        name = os.fsdecode(path)
        entry = self.entries.get(name)
        if isinstance(entry, list) and len(entry) == 5 and entry[:4] == now:
            return str(entry[4])
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        with self._entries_lock:
            self.entries.pop(name, None)          # re-inserted last: the newest entries win
            self.entries[name] = [*now, digest]
            self.dirty = True
        return digest

    def save(self) -> None:
        with self._entries_lock:
            if not self.dirty:
                return
            if len(self.entries) > MAX_ENTRIES:
                self.entries = dict(list(self.entries.items())[-MAX_ENTRIES // 2:])
            data = json.dumps(self.entries)
            self.dirty = False
        try:
            atomic_write(self.index, data)
        except OSError:
            pass                                  # a memo only: recomputed next time
