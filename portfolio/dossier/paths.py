"""A student's reference (``../images/Croquis 1.JPG``) -> a real file inside their folder.

Every file a dossier points at goes through :func:`resolve_ref`: absolute paths, URLs with a
scheme, ``..`` escaping the folder and symlinks leading out of it are refused; names are matched
whatever the Unicode normalisation (macOS writes NFD, editors type NFC).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Collection
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..util.errors import AssetError, SecurityError
from ..util.limits import bound
from ..util.suggest import file_hint

__all__ = ["is_external", "nfc", "outside_links", "resolve_ref", "within"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def within(path: Path, root: Path) -> bool:
    """True when the real ``path`` (symlinks resolved) lies inside the real ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):     # RuntimeError: a symlink loop (3.11)
        return False
    return True


def outside_links(root: Path) -> list[Path]:
    """Symlinks anywhere under ``root`` (files or folders, hidden or not) that lead outside it
    (or loop), in name order. Links are not followed; more files than the bound (limites.yml)
    raise its AssetError."""
    found = []
    most, count = bound("fichiers"), 0
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        count += len(files)
        if count > most.max:     # a folder of thousands of files is refused before the rest
            raise most.error(count, root, kind=AssetError)
        for name in sorted(dirs) + sorted(files):
            path = Path(folder) / name
            if path.is_symlink() and not within(path, root):
                found.append(path)
    return found


def is_external(ref: str) -> bool:
    """``http(s)://`` or ``mailto:`` links (allowed as links, never fetched)."""
    scheme = urlsplit(ref).scheme.lower()
    return scheme in {"http", "https", "mailto"}


def _match_component(folder: Path, name: str) -> Path | None:
    """The entry of ``folder`` called ``name``, comparing names in NFC."""
    candidate = folder / name
    if os.path.lexists(candidate):
        return candidate
    wanted = nfc(name)
    try:
        entries = os.listdir(folder)
    except OSError:
        return None
    for entry in entries:
        if nfc(entry) == wanted:
            return folder / entry
    return None


def resolve_ref(ref: str, base_dir: Path, root: Path, *, source: Path | None = None,
                line: int | None = None, what: str = "fichier",
                taken: Collection[Path] = ()) -> Path:
    """Resolve ``ref`` relative to ``base_dir`` (then to ``root``), confined to ``root``.

    Raises :class:`AssetError` with a French message naming ``source``:``line``.
    """
    raw = ref.strip()
    parts = urlsplit(raw)
    if parts.scheme and len(parts.scheme) > 1:
        if parts.scheme.lower() in {"http", "https"}:
            raise AssetError(
                f"{what} distant « {raw} » refusé : le dossier ne doit rien charger depuis "
                "Internet.", source, line,
                "Téléchargez le fichier dans votre dossier (par exemple images/) et "
                "utilisez un chemin relatif.")
        raise AssetError(f"adresse « {raw} » refusée ({parts.scheme}:).", source, line,
                         "Utilisez un chemin relatif vers un fichier de votre dossier.")
    path_text = unquote(parts.path)
    if not path_text:
        raise AssetError(f"{what} sans chemin.", source, line)
    if path_text.startswith(("/", "\\")) or (len(path_text) > 1 and path_text[1] == ":"):
        raise AssetError(
            f"chemin absolu « {raw} » refusé : seuls les fichiers de votre dossier sont "
            "utilisables.", source, line,
            "Copiez le fichier dans votre dossier et écrivez un chemin relatif "
            "(par exemple ../images/photo.jpg).")
    root = root.resolve()
    # "\\" is a Windows separator (..\images\x.jpg), unless a file's name holds it.
    spellings = [path_text.split("/")]
    if "\\" in path_text:
        spellings.append(path_text.replace("\\", "/").split("/"))
    for components in spellings:
        # Relative to the file that refers to it, then (for "images/x.jpg" written in a
        # section) relative to the dossier's folder.
        starts = [base_dir] if components[0] == ".." or base_dir == root else [base_dir, root]
        for start in starts:
            found = _walk(start, components, root, raw, source, line)
            if found is not None:
                return found
    hint = file_hint(path_text, base_dir, root, taken) or (
        "Vérifiez le nom et l'emplacement du fichier (majuscules, accents, extension).")
    raise AssetError(f"{what} introuvable « {raw} ».", source, line, hint)


def _walk(start: Path, components: list[str], root: Path, raw: str, source: Path | None,
          line: int | None) -> Path | None:
    current = start
    for comp in components:
        if comp in ("", "."):
            continue
        if comp == "..":
            current = current.parent
            if not within(current, root):
                raise AssetError(
                    f"le chemin « {raw} » sort de votre dossier.", source, line,
                    "Placez le fichier dans votre dossier (images/, annexes/...).")
            continue
        nxt = _match_component(current, comp)
        if nxt is None:
            return None
        current = nxt
    if not current.exists():
        return None
    if not within(current, root):
        raise SecurityError(
            f"« {raw} » est un lien qui mène hors de votre dossier : refusé.", source, line,
            "Copiez le fichier lui-même dans votre dossier.")
    if current.is_dir():
        return None
    return current.resolve()
