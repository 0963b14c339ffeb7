"""A conforming dossier -> a dated, read-only, signed snapshot in ``rendus/``, checked later.

``rendus/<slug>/<YYYY-MM-DDTHHMMSS>/`` holds ``sources/`` (a copy of ``students/<slug>/`` without
the teacher's ``revue.yml``, hidden files and caches), the PDF (PDF/A), ``RENDU.json`` (who,
when, verdict, pages per part, warnings, hashes of the PDF and of the rules, tool version, late
hand-in), ``MANIFEST.sha256`` (``sha256sum`` format: ``sha256sum -c MANIFEST.sha256`` run inside
the snapshot checks it too) and, when the school has a key, ``SIGNATURE.json``
(:mod:`.signing`). Every file and folder of a snapshot is made read-only;
:func:`check_snapshot` re-hashes a snapshot, checks its signature and names any file changed,
missing or added since.

The manifest and the names that may enter it: :mod:`.manifest`. When the school has a key, an
unsigned snapshot fails; a snapshot filed under another dossier's folder, or two dossiers with
one candidate number, fail too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..builder.report import conformance_json
from ..conformance.assess import Conformance
from ..dossier.model import Dossier
from ..dossier.paths import within
from ..rules import RULES_FILE
from ..util.errors import Problem, ProblemsError
from ..version import __version__
from . import signing
from .locations import strip_locations
from .manifest import (
    MANIFEST,
    SIGNATURE,
    frozen,
    manifest_text,
    parse_manifest,
    sha256,
    snapshot_files,
    unsafe_names,
)

__all__ = ["HANDIN_DIR", "MANIFEST", "RECORD", "SIGNATURE", "Handin", "Late", "Verification",
           "check_snapshot", "days_late", "freeze", "latest_handin", "read_record",
           "shared_numbers", "snapshots", "unsafe_names", "verify"]

HANDIN_DIR = "rendus"
RECORD = "RENDU.json"
STAMP = "%Y-%m-%dT%H%M%S"
_STAMP_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}(-\d+)?$")


@dataclass(frozen=True)
class Late:
    """A hand-in after the session's date, accepted by the teacher for ``reason``."""

    remise: dt.date
    days: int
    reason: str


@dataclass
class Handin:
    """What ``rendre`` records beside the sources: the render, the verdict, the hand-in terms."""

    pdf: bytes
    conformance: Conformance
    verdict: str = "conforme"                                    # verdict.judge's state
    pages: dict[str, int] = field(default_factory=dict)          # per part, as counted
    limits: list[dict] = field(default_factory=list)             # {limite, pages, max}
    warnings: list[str] = field(default_factory=list)
    pdfa: dict = field(default_factory=dict)                     # declared variant, problems
    late: Late | None = None
    key: Ed25519PrivateKey | None = None


@dataclass
class Verification:
    """A snapshot checked: its problems, and what its signature says."""

    snapshot: Path
    problems: list[Problem] = field(default_factory=list)
    signed: bool = False              # SIGNATURE.json present
    key: str | None = None            # fingerprint recorded in it
    checked: bool = False             # signature verified with the public key given
    owner: str | None = None          # the other dossier whose hand-in this is a copy of

    @property
    def ok(self) -> bool:
        return not self.problems


def days_late(remise: dt.date | None, now: dt.datetime) -> int:
    """Days past the hand-in date (0 on the day itself, or when the date is unknown)."""
    return max((now.date() - remise).days, 0) if remise else 0


def _make_read_only(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: -len(p.parts)):
        if not path.is_symlink():
            path.chmod(0o555 if path.is_dir() else 0o444)
    folder.chmod(0o555)


def _record(dossier: Dossier, handin: Handin, now: dt.datetime) -> dict:
    conf = handin.conformance
    return {
        "dossier": dossier.slug, "candidat": dossier.candidate.full_name,
        "numero": dossier.candidate.number,
        "etablissement": dossier.candidate.school, "session": dossier.session,
        "voie": dossier.voie,
        "titre": dossier.title, "rendu_le": now.isoformat(),
        "verdict": handin.verdict,
        "pages": handin.pages, "limites": handin.limits,
        "avertissements": handin.warnings,
        "pdf": {"fichier": dossier.pdf_name,
                "sha256": hashlib.sha256(handin.pdf).hexdigest(), **handin.pdfa},
        "outil": {"nom": "portfolio", "version": __version__},
        "regles": {"fichier": RULES_FILE.name, "sha256": sha256(RULES_FILE)},
        "hors_delai": None if handin.late is None else {
            "raison": handin.late.reason, "remise": handin.late.remise.isoformat(),
            "jours_de_retard": handin.late.days},
        "signature": None if handin.key is None else {
            "algorithme": signing.ALGORITHM,
            "cle": signing.fingerprint(handin.key.public_key())},
        "conformite": conformance_json(conf),
    }


def freeze(project: Path, dossier: Dossier, handin: Handin,
           now: dt.datetime | None = None) -> Path:
    """Copy the dossier's sources and its PDF into a new read-only snapshot; returns its path."""
    if problems := unsafe_names(dossier.root, dossier.slug):
        raise ProblemsError(problems)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    base = project / HANDIN_DIR / dossier.slug
    base.mkdir(parents=True, exist_ok=True)
    _remove_stale(base)
    name, n = now.strftime(STAMP), 2
    while (base / name).exists():
        name, n = f"{now.strftime(STAMP)}-{n}", n + 1
    tmp = base / f".{name}.tmp-{os.getpid()}"

    def left_out(folder: str, names: list[str]) -> set[str]:
        # Links leading out of the student's folder are not part of the dossier.
        return {n for n in names if not frozen(n) or (Path(folder) / n).is_symlink()
                and not within(Path(folder) / n, dossier.root)}

    try:
        shutil.copytree(dossier.root, tmp / "sources", ignore=left_out)
        if problems := unsafe_names(tmp, dossier.slug):     # renamed while being copied
            raise ProblemsError(problems)
        strip_locations(tmp / "sources")          # photos keep their date, not their place
        (tmp / dossier.pdf_name).write_bytes(handin.pdf)
        record = json.dumps(_record(dossier, handin, now), ensure_ascii=False, indent=1)
        (tmp / RECORD).write_text(record + "\n", encoding="utf-8")
        manifest = manifest_text(tmp)
        (tmp / MANIFEST).write_text(manifest, encoding="utf-8")
        if handin.key is not None:
            (tmp / SIGNATURE).write_text(_signature(handin.key, tmp), encoding="utf-8")
        final = base / name
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _make_read_only(final)
    return final


def _remove_stale(base: Path) -> None:
    """Remove the half-made snapshots of a ``rendre`` that was killed (its process is gone)."""
    from ..util.publish import process_alive

    for stale in base.glob(".*.tmp-*"):
        pid = stale.name.rpartition("-")[2]
        if pid.isascii() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _signature(key: Ed25519PrivateKey, folder: Path) -> str:
    manifest = (folder / MANIFEST).read_bytes()
    data = {"algorithme": signing.ALGORITHM, "cle": signing.fingerprint(key.public_key()),
            "signatures": {MANIFEST: signing.sign(key, manifest),
                           RECORD: signing.sign(key, (folder / RECORD).read_bytes())},
            "manifeste": manifest.decode("utf-8")}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


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


def read_record(snapshot: Path) -> dict | None:
    """The snapshot's RENDU.json, or None when it is missing or unreadable."""
    try:
        data = json.loads((snapshot / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _compare(snapshot: Path, expected: dict[str, str]) -> list[Problem]:
    problems = []
    for name, digest in expected.items():
        path = snapshot / name
        if not path.is_file():
            problems.append(Problem(f"fichier manquant : {name}", snapshot))
        elif sha256(path) != digest:
            problems.append(Problem(f"fichier modifié depuis la remise : {name}", snapshot))
    for name in snapshot_files(snapshot):
        if name not in expected:
            problems.append(Problem(f"fichier ajouté depuis la remise : {name}", snapshot))
    for path in snapshot.rglob("*"):
        if path.is_symlink():
            problems.append(Problem("lien ajouté depuis la remise : "
                                    f"{path.relative_to(snapshot).as_posix()}", snapshot))
    return problems


def _signed_manifest(snapshot: Path, public: Ed25519PublicKey | None,
                     result: Verification) -> str | None:
    """The manifest as signed, when ``SIGNATURE.json`` checks out with ``public``."""
    try:
        data = json.loads((snapshot / SIGNATURE).read_text(encoding="utf-8"))
        signed, signatures = data["manifeste"], data["signatures"]
        result.key = str(data.get("cle"))
        if not isinstance(signed, str) or not isinstance(signatures, dict):
            raise TypeError(SIGNATURE)       # a rule, not an assert: python -O keeps it
    except (OSError, ValueError, KeyError, TypeError):
        result.problems.append(Problem(f"{SIGNATURE} illisible : signature inutilisable.",
                                       snapshot))
        return None
    if public is None:
        result.problems.append(Problem(
            f"rendu signé (clé {result.key}) mais signature non vérifiée : clé publique "
            "introuvable.", snapshot, hint="Donnez-la avec --cle-publique FICHIER.pub.pem."))
        return None
    own = signing.fingerprint(public)
    if not signing.signature_ok(public, signed.encode("utf-8"), str(signatures.get(MANIFEST))):
        other = (f" : ce rendu a été signé avec une autre clé ({result.key})"
                 if result.key != own else " : la copie signée du manifeste a été modifiée")
        result.problems.append(Problem(f"signature invalide pour la clé {own}{other}.",
                                       snapshot))
        return None
    result.checked = True
    record = snapshot / RECORD
    if record.is_file() and not signing.signature_ok(public, record.read_bytes(),
                                                     str(signatures.get(RECORD))):
        result.problems.append(Problem(f"{RECORD} modifié après la signature.", snapshot))
    return signed


def check_snapshot(snapshot: Path, public: Ed25519PublicKey | None = None,
                   require_signature: bool | None = None) -> Verification:
    """Re-hash ``snapshot`` and check its signature with ``public`` (French problems).

    A signed snapshot is compared with the manifest *as signed*: a file edited together with
    its line of ``MANIFEST.sha256`` is still named. ``require_signature`` (by default: whenever
    a public key is given): an unsigned snapshot is a problem, since anyone can strip a
    signature and rewrite the manifest. A snapshot whose RENDU.json names another dossier than
    its folder in ``rendus/`` (a hand-in copied under another name) fails.
    """
    if require_signature is None:
        require_signature = public is not None
    result = Verification(snapshot)
    manifest = snapshot / MANIFEST
    if not manifest.is_file():
        result.problems.append(Problem(
            "manifeste MANIFEST.sha256 absent : impossible de vérifier ce rendu.", snapshot))
        return result
    try:
        current = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        result.problems.append(Problem("manifeste MANIFEST.sha256 illisible.", manifest))
        return result
    record = read_record(snapshot) or {}
    result.signed = (snapshot / SIGNATURE).exists()
    expected = parse_manifest(current)
    if result.signed:
        signed = _signed_manifest(snapshot, public, result)
        if signed is not None and signed != current:
            original = parse_manifest(signed)
            changed = sorted(n for n in original.keys() | expected.keys()
                             if original.get(n) != expected.get(n))
            result.problems.append(Problem(
                "MANIFEST.sha256 modifié après la signature (lignes de : "
                + ", ".join(changed) + ").", snapshot))
        expected = parse_manifest(signed) if signed is not None else expected
    elif record.get("signature"):
        result.problems.append(Problem(
            f"{SIGNATURE} supprimé : ce rendu avait été signé "
            f"(clé {record['signature'].get('cle')}).", snapshot))
    elif require_signature:
        result.problems.append(Problem(
            "non signé : ce rendu ne porte aucune signature alors que l'établissement a une clé "
            "(signature retirée, ou rendu fait avant la clé).", snapshot,
            hint="S'il est authentique, rendez-le à nouveau pour qu'il soit signé : "
            f"python3 build.py rendre {snapshot.parent.name}"))
    owner = record.get("dossier")
    if record and owner != snapshot.parent.name:
        result.owner = str(owner)
        result.problems.append(Problem(
            f"ce rendu est celui du dossier « {owner} » (RENDU.json), rangé dans "
            f"{HANDIN_DIR}/{snapshot.parent.name}/ : copie du rendu d'un autre candidat.",
            snapshot, hint=f"Retirez cette copie ; le dossier {snapshot.parent.name} doit être "
            f"rendu par : python3 build.py rendre {snapshot.parent.name}"))
    result.problems.extend(_compare(snapshot, expected))
    return result


def shared_numbers(project: Path) -> dict[str, list[str]]:
    """Dossier -> the other dossiers whose latest hand-in bears the same candidate number."""
    numbers: dict[str, list[str]] = {}
    for slug in sorted({p.parent.name for p in snapshots(project)}):
        record = read_record(latest_handin(project, slug)) or {}
        if record.get("numero"):
            numbers.setdefault(str(record["numero"]), []).append(slug)
    return {slug: [o for o in slugs if o != slug]
            for slugs in numbers.values() if len(slugs) > 1 for slug in slugs}


def verify(snapshot: Path, public: Ed25519PublicKey | None = None) -> list[Problem]:
    """Re-hash ``snapshot``: one French problem per file changed, missing or added."""
    return check_snapshot(snapshot, public).problems
