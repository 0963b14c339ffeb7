"""A file -> the SHA-256 of its bytes, memoised by (size, mtime, inode) in a small JSON index.

Warm builds and the preview's rebuilds then re-read only the files that changed. The index
lives in the cache folder; a missing or corrupt index is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

__all__ = ["FileHashes"]


class FileHashes:
    _instances: dict[Path, FileHashes] = {}
    _lock = threading.Lock()

    def __init__(self, index: Path) -> None:
        self.index = index
        self.dirty = False
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
            if key not in cls._instances:
                cls._instances[key] = cls(key / "hashes.json")
            return cls._instances[key]

    def sha256(self, path: Path) -> str:
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        name = os.fsdecode(path)
        entry = self.entries.get(name)
        if isinstance(entry, list) and entry[:3] == stamp and len(entry) == 4:
            return entry[3]
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        self.entries[name] = [*stamp, digest.hexdigest()]
        self.dirty = True
        return digest.hexdigest()

    def save(self) -> None:
        if not self.dirty:
            return
        self.index.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.index.with_name(f".{self.index.name}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps(self.entries))
        os.replace(tmp, self.index)
        self.dirty = False
