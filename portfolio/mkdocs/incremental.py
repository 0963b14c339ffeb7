"""The preview's incremental rebuilds: only the pages whose HTML changed are written again.

``build.py apercu`` runs MkDocs' "dirty" builds (the site folder is not emptied, and MkDocs only
rebuilds a page whose source file is newer than its HTML). Every page of the portfolio is
generated, so its "source" is a stamp file holding a hash of everything the page shows (its
HTML, the navigation): :func:`write_stamp` rewrites it only when that hash changes. A dossier's
web pages are rendered again only when its inputs changed (:class:`RenderedPages`); the search
index is merged with the entries of the pages not rebuilt (:func:`merge_search_index`).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from ..builder.results import DossierBuild
from ..util.files import atomic_write

__all__ = ["RenderedDossier", "RenderedPages", "dossier_snapshot", "merge_search_index",
           "page_digest", "write_stamp"]


def page_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def write_stamp(path: Path, digest: str) -> bool:
    """Make ``path`` hold ``digest``; touch it only if it changed. True if it was written."""
    try:
        if path.read_text(encoding="utf-8") == digest:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, digest)
    return True


@dataclass
class RenderedDossier:
    key: str                                       # the dossier's input fingerprint
    pages: dict[str, tuple[str, list]]             # src_uri -> (HTML, toc tokens)
    files: dict[str, bytes | Path]                 # media the pages registered: dest -> source
    build: DossierBuild | None = None              # the build they show (its last good one)


@dataclass
class RenderedPages:
    """A dossier's rendered web pages, kept between the preview's rebuilds."""

    by_root: dict[Path, RenderedDossier] = field(default_factory=dict)
    hits: int = 0

    def get(self, root: Path, key: str) -> RenderedDossier | None:
        entry = self.by_root.get(root)
        if entry is not None and key and entry.key == key:
            self.hits += 1
            return entry
        return None

    def put(self, root: Path, entry: RenderedDossier) -> None:
        self.by_root[root] = entry


def dossier_snapshot(root: Path, shared: list[Path]) -> tuple:
    """Name, size and date of every file of a dossier, and the dates of ``shared`` files (print
    theme, rules): equal snapshots mean an unchanged dossier, nothing to load again. A file
    that vanishes meanwhile (an editor saving by renaming) is left out, never an error."""
    files = []
    for path in sorted(root.rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        if S_ISREG(stat.st_mode):
            files.append((str(path), stat.st_size, stat.st_mtime_ns))
    dates = []
    for path in shared:
        try:
            dates.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(files), tuple(dates)


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search_index(index: Path, previous: dict[str, list[str]], pages: set[str]
                       ) -> dict[str, list[str]]:
    """Complete the index MkDocs just wrote (rebuilt pages only) with the other pages' entries.

    ``previous`` maps a page URL to its entries (JSON text) from earlier builds; ``pages`` is
    the set of page URLs of this build (entries of pages that no longer exist are dropped).
    Entries are kept encoded: the index of a whole class is written again by joining them.
    Returns the merged map, to pass as ``previous`` next time.
    """
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
        docs = data.pop("docs")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return previous
    fresh: dict[str, list[str]] = {}
    for doc in docs:
        fresh.setdefault(_page_of(str(doc.get("location", ""))), []).append(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    merged = {page: entries for page, entries in previous.items()
              if page in pages and page not in fresh}
    merged.update(fresh)
    head = json.dumps(data, ensure_ascii=False, separators=(",", ":"))[:-1]
    body = ",".join(entry for entries in merged.values() for entry in entries)
    atomic_write(index, f'{head}{"," if data else ""}"docs":[{body}]}}')
    return merged
