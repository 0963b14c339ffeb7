"""The class's last hand-ins + the bordereau -> one zip the exam office takes as it is.

One folder per candidate (the snapshot ``rendre`` froze: its PDF/A, ``RENDU.json``, the manifest,
the signature and the sources), the bordereau (PDF and CSV) at the top, and ``LISEZMOI.txt``
saying what is inside and how to check it. Files are stored as they were frozen (the manifests
and signatures stay valid), in a stable order, with the hand-in's dates.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from .receipt import ReceiptRow

__all__ = ["write_bundle"]

README = """\
Remise des dossiers de la classe ({count} dossier{s}), faite le {made}.

- {stem}.pdf : le bordereau à signer (un dossier par ligne : pages, date et heure de remise,
  empreinte du PDF, signature) ; {stem}.csv : le même tableau pour un tableur.
- Un dossier par candidat{named} : dossier-<nom>.pdf (le dossier imprimable, PDF/A-3b),
  RENDU.json (ce qui a été rendu et quand), MANIFEST.sha256 (empreinte de chaque fichier),
  SIGNATURE.json s'il est signé, et sources/ (les fichiers du candidat tels qu'ils ont été
  rendus).

Vérifier qu'aucun fichier n'a changé, dans le dossier d'un candidat :
  sha256sum -c MANIFEST.sha256
"""


def _folder(row: ReceiptRow, anonymous: bool) -> str:
    return row.number if anonymous and row.number else row.slug


def write_bundle(target: Path, snapshots: Sequence[tuple[ReceiptRow, Path]],
                 receipt: Sequence[Path], anonymous: bool, made: str) -> Path:
    """Write the zip at ``target`` (replaced if it exists) and return it."""
    stem = receipt[0].stem if receipt else "bordereau"
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            text = README.format(count=len(snapshots), s="s" if len(snapshots) > 1 else "",
                                 made=made, stem=stem,
                                 named=" (désigné par son numéro)" if anonymous else "")
            bundle.writestr("LISEZMOI.txt", text)
            for path in receipt:
                bundle.write(path, path.name)
            for row, snapshot in snapshots:
                top = f"{_folder(row, anonymous)}/"
                for path in sorted(snapshot.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        bundle.write(path, top + path.relative_to(snapshot).as_posix())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
