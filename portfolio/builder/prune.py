"""The content cache's PDFs and page strips -> the ones the dossiers' current inputs name, plus a
few recent ones per dossier; the others are deleted.

Every edit in the preview lays out a new PDF (about 18 MB for a dossier near its budget) and
draws its page strip: without pruning the cache grew by half a gigabyte in an afternoon. Each
build of the class records, per dossier folder, the keys of its last :data:`KEEP` PDFs (newest
first) in ``pdf/recent.json``; a PDF or page strip whose key no dossier lists is deleted. The
recent ones stay because the preview shows the previous PDF while the new one is laid out, and
``controler --rendre`` lays out the same dossier with other options (another key).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from ..util.files import atomic_write

__all__ = ["KEEP", "prune_pdfs"]

log = logging.getLogger(__name__)

KEEP = 4                    # PDFs kept per dossier: the current one and three before it
RECENT = "recent.json"
_KEY = re.compile(r"[0-9a-f]{64}")


def _recent(path: Path) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(name): [k for k in keys if isinstance(k, str) and _KEY.fullmatch(k)]
            for name, keys in data.items() if isinstance(keys, list)}


def prune_pdfs(cache_dir: Path, keys: Mapping[str, str | None]) -> int:
    """Record ``keys`` (dossier folder name -> its PDF's current key; empty or None: none, the
    dossier failed before its PDF) and delete the PDFs and page strips no dossier lists.
    Returns how many entries were deleted. Dossiers not in ``keys`` (``controler ana`` builds
    one) keep theirs.
    """
    folder = cache_dir / "pdf"
    if not folder.is_dir():
        return 0
    recent = _recent(folder / RECENT)
    for name, key in keys.items():
        if key:
            recent[name] = [key, *(k for k in recent.get(name, []) if k != key)][:KEEP]
    try:
        atomic_write(folder / RECENT, json.dumps(recent, indent=0))
    except OSError:
        return 0                              # a read-only cache: left as it is
    kept = {k for listed in recent.values() for k in listed}
    removed = 0
    for path in folder.iterdir():
        key = path.name.split(".", 1)[0]
        if _KEY.fullmatch(key) and key not in kept:
            path.unlink(missing_ok=True)
            removed += 1
    strips = cache_dir / "vignettes"
    for path in strips.iterdir() if strips.is_dir() else ():
        key = path.name.rsplit("-", 1)[0]
        if _KEY.fullmatch(key) and key not in kept:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    if removed:
        log.debug("cache: %d PDF entries and page strips deleted", removed)
    return removed
