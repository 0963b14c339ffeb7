"""A conforming dossier -> a dated, read-only snapshot under ``rendus/`` with a SHA-256 manifest.

``rendus/<slug>/<YYYY-MM-DDTHHMMSS>/`` holds ``sources/`` (a copy of ``students/<slug>/``), the
PDF, ``RENDU.json`` (who, when, the conformance verdict) and ``MANIFEST.sha256`` (``sha256sum``
format: ``sha256sum -c MANIFEST.sha256`` run inside the snapshot checks it too). Every file and
folder of a snapshot is made read-only; :func:`verify` re-hashes a snapshot and names any file
changed, missing or added since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from ..errors import Problem
from ..model import Dossier
from ..paths import within
from .assess import Conformance
from .report import conformance_json

__all__ = ["HANDIN_DIR", "MANIFEST", "freeze", "latest_handin", "snapshots", "verify"]

HANDIN_DIR = "rendus"
MANIFEST = "MANIFEST.sha256"
STAMP = "%Y-%m-%dT%H%M%S"
_STAMP_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}(-\d+)?$")
CHUNK = 1 << 20


def _sha256(path: Path) -> str:
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


def _files(folder: Path) -> list[str]:
    """Every regular file of ``folder`` (relative, ``/``), its own manifest excepted."""
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink())
    return sorted(name for name in names if name != MANIFEST)


def _write_manifest(folder: Path) -> int:
    lines = []
    files = _files(folder)
    for name in files:
        prefix, shown = _escape(name)
        lines.append(f"{prefix}{_sha256(folder / name)}  {shown}\n")
    (folder / MANIFEST).write_text("".join(lines), encoding="utf-8")
    return len(files)


def _read_manifest(folder: Path) -> dict[str, str]:
    entries = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        escaped = line.startswith("\\")
        digest, _, name = line.lstrip("\\").partition("  ")
        entries[_unescape(name) if escaped else name] = digest
    return entries


def _make_read_only(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: -len(p.parts)):
        if not path.is_symlink():
            path.chmod(0o555 if path.is_dir() else 0o444)
    folder.chmod(0o555)


def freeze(project: Path, dossier: Dossier, pdf: bytes, conformance: Conformance,
           now: dt.datetime | None = None) -> Path:
    """Copy the dossier's sources and its PDF into a new read-only snapshot; returns its path."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    base = project / HANDIN_DIR / dossier.slug
    base.mkdir(parents=True, exist_ok=True)
    name, n = now.strftime(STAMP), 2
    while (base / name).exists():
        name, n = f"{now.strftime(STAMP)}-{n}", n + 1
    tmp = base / f".{name}.tmp-{os.getpid()}"

    def outside(folder: str, names: list[str]) -> set[str]:
        # Links leading out of the student's folder are not part of the dossier.
        return {n for n in names if (Path(folder) / n).is_symlink()
                and not within(Path(folder) / n, dossier.root)}

    try:
        shutil.copytree(dossier.root, tmp / "sources", ignore=outside)
        (tmp / dossier.pdf_name).write_bytes(pdf)
        info = {"dossier": dossier.slug, "candidat": dossier.candidate.full_name,
                "numero": dossier.candidate.numero, "session": dossier.session,
                "voie": dossier.voie, "titre": dossier.title, "rendu_le": now.isoformat(),
                "pdf": dossier.pdf_name, "conformite": conformance_json(conformance)}
        (tmp / "RENDU.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
        _write_manifest(tmp)
        final = base / name
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _make_read_only(final)
    return final


def snapshots(project: Path, slug: str | None = None) -> list[Path]:
    """Handed-in snapshots, oldest first (of one dossier, or of all)."""
    root = project / HANDIN_DIR
    folders = [root / slug] if slug else sorted(p for p in root.glob("*") if p.is_dir())
    return [p for folder in folders if folder.is_dir()
            for p in sorted(folder.iterdir()) if p.is_dir() and _STAMP_NAME.match(p.name)]


def latest_handin(project: Path, slug: str) -> Path | None:
    """The most recent snapshot handed in for ``slug`` (what the jury received), or None."""
    found = snapshots(project, slug)
    return found[-1] if found else None


def verify(snapshot: Path) -> list[Problem]:
    """Re-hash ``snapshot``: one French problem per file changed, missing or added."""
    manifest = snapshot / MANIFEST
    if not manifest.is_file():
        return [Problem("manifeste MANIFEST.sha256 absent : impossible de vérifier ce rendu.",
                        snapshot)]
    try:
        expected = _read_manifest(snapshot)
    except (OSError, UnicodeDecodeError):
        return [Problem("manifeste MANIFEST.sha256 illisible.", manifest)]
    problems = []
    for name, digest in expected.items():
        path = snapshot / name
        if not path.is_file():
            problems.append(Problem(f"fichier manquant : {name}", snapshot))
        elif _sha256(path) != digest:
            problems.append(Problem(f"fichier modifié depuis la remise : {name}", snapshot))
    for name in _files(snapshot):
        if name not in expected:
            problems.append(Problem(f"fichier ajouté depuis la remise : {name}", snapshot))
    for path in snapshot.rglob("*"):
        if path.is_symlink():
            problems.append(Problem("lien ajouté depuis la remise : "
                                    f"{path.relative_to(snapshot).as_posix()}", snapshot))
    return problems

