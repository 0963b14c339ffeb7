"""A dossier's inputs -> a fingerprint; a rendered PDF, its page count and warnings kept under it.

Keys hash every input that shapes the PDF (the dossier's files a render may read, the print
theme, the rules, the code, the fonts, WeasyPrint's version, the options). A truncated or
unreadable entry is simply rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from ..dossier.model import Dossier
from ..dossier.review import REVIEW_FILE
from ..pdf.output.count import PageCount, SectionPages
from ..rules import RULES_FILE
from ..util.errors import Problem
from ..util.files import atomic_write
from ..util.fonts import FONTS
from ..util.hashes import FileHashes
from ..version import __version__
from .options import BuildOptions

__all__ = ["fingerprint", "load_cached", "load_counted", "read_by_pdf", "shared_digest",
           "store_cached", "store_counted"]

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LEFTOVERS = {"__pycache__", "Thumbs.db", "desktop.ini"}


def fingerprint(dossier: Dossier, options: BuildOptions) -> str:
    """Hash of every input that shapes the PDF: the dossier's files, theme, rules, code version."""
    digest = hashlib.sha256(
        f"{options.site_url}|{options.anonymous}|{options.pdf.key()}|"
        f"{dossier.root.name}|{shared_digest(options)}".encode())   # folder: the QR addresses
    hashes = FileHashes.for_cache(options.cache_dir)
    for path in sorted(read_by_pdf(dossier.root)):
        # Names relative to the dossier: a class moved or copied to another folder keeps its
        # PDFs (their contents are hashed all the same).
        digest.update(os.fsencode(path.relative_to(dossier.root)) + b"\0")
        digest.update(hashes.sha256(path).encode())
    hashes.save()
    return digest.hexdigest()


def _never_read(name: str) -> bool:
    """Names no render reads: hidden files and folders (``.~lock.x#`` of LibreOffice, ``.x.swp``
    of Vim, ``.#x`` of Emacs, ``.DS_Store``, ``._x`` of macOS), Word's ``~$x``, backups
    ending in ``~``, and the system's leftovers (the loader reads none of them either:
    ``sections.markdown_files``)."""
    return name.startswith((".", "~")) or name.endswith("~") or name in LEFTOVERS


def read_by_pdf(root: Path) -> Iterator[Path]:
    """The files of the dossier folder ``root`` that a render may read: every file but the
    teacher's review notes (``revue.yml``: the preview shows them, never the PDF) and the
    names :func:`_never_read` gives. A teacher's note, or a student opening a file in an
    editor, then does not lay the PDF out again."""
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if (path.is_file() and rel != Path(REVIEW_FILE)
                and not any(_never_read(part) for part in rel.parts)):
            yield path


def shared_digest(options: BuildOptions) -> str:
    """Hash of what shapes every dossier's PDF alike: the code, the print theme, the rules,
    the fonts and the layout engine's version."""
    digest = hashlib.sha256(f"{__version__}|{version('weasyprint')}".encode())
    hashes = FileHashes.for_cache(options.cache_dir)
    named = [(p.relative_to(options.themes_dir), p) for p in options.print_theme]
    named += [(Path("fonts") / font.path.name, font.path) for font in FONTS]
    named += [(p.relative_to(PACKAGE_DIR), p)
              for p in [RULES_FILE.resolve(), *PACKAGE_DIR.rglob("*.py")]]
    for name, path in sorted(named):
        digest.update(os.fsencode(name) + b"\0")       # relative: the project may move
        digest.update(hashes.sha256(path).encode())
    return digest.hexdigest()


def _complete_pdf(path: Path) -> bool:
    """Whether ``path`` looks like a whole PDF (not truncated by a killed build)."""
    try:
        with path.open("rb") as file:
            head = file.read(5)
            file.seek(max(0, path.stat().st_size - 1024))
            tail = file.read()
    except OSError:
        return False
    return head.startswith(b"%PDF") and b"%%EOF" in tail


def _read_meta(path: Path, key: str = "warnings") -> tuple[PageCount, list[Problem]]:
    """A kept count and the problems under ``key`` (``warnings``, or a refused render's
    ``problems``)."""
    meta = json.loads(path.read_text())
    count = PageCount(
        parts=meta["parts"], sections=[SectionPages(**s) for s in meta["sections"]],
        page_sizes_mm=[tuple(s) for s in meta["page_sizes_mm"]],
        front_pages=meta["front_pages"], refused_urls=meta["refused_urls"],
        page_fill=meta.get("page_fill", []))
    return count, [Problem(w["message"], Path(w["path"]) if w["path"] else None, w["line"],
                           w["hint"]) for w in meta.get(key, [])]


def load_cached(cache: Path, key: str) -> tuple[Path, PageCount, list[Problem]] | None:
    """The PDF's path, its page count and its print warnings from an earlier identical render."""
    try:
        pdf = cache / f"{key}.pdf"
        if not _complete_pdf(pdf):
            return None     # a truncated or foreign file: render again
        return pdf, *_read_meta(cache / f"{key}.json")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load_counted(cache: Path, key: str) -> tuple[PageCount, list[Problem]] | None:
    """The page count of a render whose layout is done and whose PDF is still being written."""
    try:
        return _read_meta(cache / f"{key}.count.json")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _meta_json(count: PageCount, warnings: list[Problem], **more: list[Problem]) -> bytes:
    """A count and its warnings (and ``more`` lists of problems, by name) as JSON."""
    meta = asdict(count)
    for key, problems in {"warnings": warnings, **more}.items():
        meta[key] = [{"message": p.message, "path": str(p.path) if p.path else None,
                      "line": p.line, "hint": p.hint} for p in problems]
    return json.dumps(meta).encode()


def store_counted(cache: Path, key: str, count: PageCount, warnings: list[Problem]) -> None:
    """Keep the page count of a render whose PDF file is still to be written."""
    atomic_write(cache / f"{key}.count.json", _meta_json(count, warnings))


def store_refused(cache: Path, key: str, count: PageCount, warnings: list[Problem],
                  problems: list[Problem]) -> None:
    """Keep what a render laid out with stand-ins found (missing images, oversized annex
    pages): its count, warnings and problems, never a PDF. A worker's refused dossier is then
    judged in the command from these, not laid out again (the key changes with any file)."""
    atomic_write(cache / f"{key}.refused.json", _meta_json(count, warnings, problems=problems))


def load_refused(cache: Path, key: str
                 ) -> tuple[PageCount, list[Problem], list[Problem]] | None:
    """A refused render's count, warnings and problems (:func:`store_refused`), if kept."""
    path = cache / f"{key}.refused.json"
    try:
        count, warnings = _read_meta(path)
        problems = _read_meta(path, "problems")[1]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return count, warnings, problems


def store_cached(cache: Path, key: str, pdf: bytes, count: PageCount,
                 warnings: list[Problem]) -> Path:
    atomic_write(cache / f"{key}.pdf", pdf)
    atomic_write(cache / f"{key}.json", _meta_json(count, warnings))
    (cache / f"{key}.count.json").unlink(missing_ok=True)
    return cache / f"{key}.pdf"
