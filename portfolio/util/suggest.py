"""A name that matches nothing (a file, a dossier) -> the names it was probably meant to be.

Names are compared the way people mistype them: case, accents, ``_`` for ``-`` or a space, a
missing or different extension, then by similarity (``meduse-muse.jpg`` -> ``meduse-mue.jpg``).
The hints are French, ready to follow a message.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path

__all__ = ["close_names", "did_you_mean", "file_hint", "name_key", "unknown_dossier"]

SIMILAR = 0.75           # difflib ratio from which two names are "close"
MOST_FILES = 5000        # files of a dossier looked at for a suggestion (bounded walk)
_SEPARATORS = re.compile(r"[\s_]+")


def name_key(name: str) -> str:
    """``Méduse_Mue.JPG`` -> ``meduse-mue.jpg``: what two spellings of one name share."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _SEPARATORS.sub("-", plain.casefold().strip())


def _stem(key: str) -> str:
    stem, dot, _ = key.rpartition(".")
    return stem if dot and stem else key


def _small_change(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by a typo, not by a word: once their common start and
    end are set aside, what is left is short (``meduse-muse`` / ``meduse-mue``: ``s``), not a
    different name (``attestation-roux`` / ``attestation-durand``: ``roux`` / ``durand``)."""
    start = len(os.path.commonprefix([a, b]))
    end = len(os.path.commonprefix([a[start:][::-1], b[start:][::-1]]))
    left = max(len(a), len(b)) - start - end
    return left <= max(2, min(len(a), len(b)) // 4)


def close_names(wanted: str, names: Iterable[str], most: int = 3) -> list[str]:
    """The ``names`` that ``wanted`` was probably meant to be, the likeliest first."""
    names = sorted(set(names))
    keys = {name: name_key(name) for name in names}
    key = name_key(wanted)
    same = [n for n in names if keys[n] == key]                       # case, accents, _ or -
    if same:
        return same[:most]
    stem = _stem(key)
    other_suffix = [n for n in names if _stem(keys[n]) == stem]       # missing/other extension
    if other_suffix:
        return other_suffix[:most]
    by_key: dict[str, list[str]] = {}
    for name, name_k in keys.items():
        by_key.setdefault(name_k, []).append(name)
    close = [k for k in difflib.get_close_matches(key, list(by_key), n=most, cutoff=SIMILAR)
             if _small_change(key, k)]
    if not close:        # the stems alone (``etape-scie`` for ``etape_scie.png``)
        stems = {}
        for name_k in by_key:
            stems.setdefault(_stem(name_k), name_k)
        close = [stems[s] for s in difflib.get_close_matches(stem, list(stems), n=most,
                                                             cutoff=SIMILAR)
                 if _small_change(stem, s)]
    return [name for k in close for name in by_key[k]][:most]


def did_you_mean(names: list[str]) -> str:
    """``Vouliez-vous dire « a » ou « b » ?`` (empty for no name)."""
    if not names:
        return ""
    quoted = [f"« {n} »" for n in names]
    text = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]
    return f"Vouliez-vous dire {text} ?"


def _files(root: Path) -> list[Path]:
    """Every visible file under ``root`` (bounded), in a stable order."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if not f.startswith(".")]
        if len(found) > MOST_FILES:
            break
    return found


def file_hint(written: str, base_dir: Path, root: Path, taken: Collection[Path] = ()) -> str:
    """What to write instead of ``written``, a path to a missing file (relative to
    ``base_dir``, inside the dossier ``root``): the close names of that folder, else files of
    the same name elsewhere in the dossier, never one of the files ``taken`` by another
    reference (another placement's attestation). Empty when nothing is close."""
    taken = {Path(t).resolve() for t in taken}
    folder_part, _, name = written.replace("\\", "/").rpartition("/")
    if not name:
        return ""
    folder = base_dir / folder_part if folder_part else base_dir
    if folder.is_dir():
        try:
            entries = [e for e in os.listdir(folder) if (folder / e).is_file()
                       and (folder / e).resolve() not in taken]
        except OSError:
            entries = []
        close = close_names(name, entries)
        if close:
            prefix = f"{folder_part}/" if folder_part else ""
            hint = did_you_mean([prefix + c for c in close])
            if all(c.casefold() == name.casefold() for c in close):
                hint += " Les majuscules comptent."
            return hint
    files = [f for f in _files(root.resolve()) if f.resolve() not in taken]   # elsewhere
    close = close_names(name, [f.name for f in files])
    paths = [f for c in close for f in files if f.name == c][:3]
    base = base_dir.resolve().as_posix()
    return did_you_mean([posixpath.relpath(p.as_posix(), base) for p in paths])


def unknown_dossier(slug: str, names: list[str]) -> str:
    """The French message for a dossier name typed after a command that names none of
    ``names`` (the dossiers of students/): the close ones, then every one (a few)."""
    text = f"aucun dossier « {slug} » dans students/."
    if not names:
        return (f"{text} Créez-en un : python3 build.py nouveau \"Prénom Nom\"")
    close = did_you_mean(close_names(slug, names))
    listed = ", ".join(names[:20]) + (f" (et {len(names) - 20} autres)" if len(names) > 20
                                      else "")
    return " ".join(part for part in (text, close, f"Dossiers : {listed}.") if part)
