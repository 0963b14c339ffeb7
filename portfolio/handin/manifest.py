"""A snapshot's files -> ``MANIFEST.sha256`` (``sha256sum``'s format) and back; the names that
may enter it.

The manifest is a line protocol: it is split on ``\\n`` alone (never ``str.splitlines()``,
which also breaks on U+2028, NEL, ``\\r``...), names with a backslash or a newline are escaped
as GNU ``sha256sum`` does, and a dossier with a control, separator or invisible character in a
file name is refused before it is frozen (:func:`unsafe_names`): no name can forge a line.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..dossier.review import REVIEW_FILE
from ..util.errors import Problem
from ..util.terminal import unsafe_in_name

__all__ = ["MANIFEST", "SIGNATURE", "frozen", "manifest_text", "parse_manifest", "sha256",
           "snapshot_files", "unsafe_names"]

MANIFEST = "MANIFEST.sha256"
SIGNATURE = "SIGNATURE.json"
CHUNK = 1 << 20
# Never frozen: the teacher's review notes, hidden files and folders (.cache, .git, .DS_Store),
# Python and OS leftovers, office lock files.
_NOT_FROZEN = {REVIEW_FILE, "__pycache__", "Thumbs.db", "desktop.ini"}


def frozen(name: str) -> bool:
    """Whether a file or folder named ``name`` is copied into a snapshot."""
    return not (name.startswith((".", "~$")) or name in _NOT_FROZEN)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _escape(name: str) -> tuple[str, str]:
    """GNU sha256sum's escaping of names with a backslash or a newline."""
    if "\\" in name or "\n" in name:
        return "\\", name.replace("\\", "\\\\").replace("\n", "\\n")
    return "", name


def _unescape(name: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], name)


def snapshot_files(folder: Path) -> list[str]:
    """Every regular file of ``folder`` (relative, ``/``), its manifest and signature excepted."""
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink())
    return sorted(name for name in names if name not in (MANIFEST, SIGNATURE))


def manifest_text(folder: Path) -> str:
    lines = []
    for name in snapshot_files(folder):
        prefix, shown = _escape(name)
        lines.append(f"{prefix}{sha256(folder / name)}  {shown}\n")
    return "".join(lines)


def parse_manifest(text: str) -> dict[str, str]:
    entries = {}
    for line in text.split("\n"):      # one byte ends a line: never str.splitlines()
        if not line.strip():
            continue
        escaped = line.startswith("\\")
        digest, _, name = line.lstrip("\\").partition("  ")
        entries[_unescape(name) if escaped else name] = digest
    return entries


def unsafe_names(root: Path, slug: str) -> list[Problem]:
    """One French problem per file or folder that would be frozen and whose name holds a
    control, separator or invisible character (``\\n``, ``\\r``, NEL, U+2028, U+200B...): such
    a name could forge a line of the manifest, or look like another file's."""
    problems = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if frozen(d))
        for name in sorted([*dirs, *(f for f in files if frozen(f))]):
            if chars := unsafe_in_name(name):
                problems.append(Problem(
                    "nom de fichier avec un caractère invisible ou de contrôle "
                    f"({', '.join(chars)}) : il pourrait fausser le manifeste signé du rendu, "
                    "le dossier n'est pas rendu.", Path(folder) / name,
                    hint="Renommez-le avec des lettres, chiffres, espaces et tirets puis "
                    f"relancez : python3 build.py rendre {slug}"))
    return problems
