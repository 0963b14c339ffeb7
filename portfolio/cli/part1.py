"""Part 1's commands: ``partie1`` (the plans of the reports and bilans declared, never over a
file) and ``bilans`` (the bilan form of each stage, pre-filled, to print and sign)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..util.errors import display_path

__all__ = ["add_commands"]


def _one_dossier(args: argparse.Namespace) -> Path | None:
    """The folder of the dossier ``args.slug`` names, or None (said on stderr)."""
    from ..dossier.load import find_dossiers
    from ..util.suggest import unknown_dossier

    roots = {p.name: p for p in find_dossiers(args.project / "students")}
    if args.slug not in roots:
        print(f"erreur : {unknown_dossier(args.slug, list(roots))}", file=sys.stderr)
        return None
    return roots[args.slug]


def cmd_part1(args: argparse.Namespace) -> int:
    from ..dossier.load import load_dossier
    from ..dossier.part1_scaffold import write_missing_pieces

    if (root := _one_dossier(args)) is None:
        return 1
    written = write_missing_pieces(load_dossier(root))
    for path in written:
        print(f"Modèle créé : {display_path(path)}")
    if not written:
        print("Rien à créer : chaque rapport et bilan .md déclaré sous « partie1: » existe "
              "déjà (aucun fichier n'a été modifié).")
    return 0


def cmd_bilans(args: argparse.Namespace) -> int:
    from ..conformance.bilan_form import write_bilan_forms
    from ..dossier.load import load_dossier

    if (root := _one_dossier(args)) is None:
        return 1
    target = write_bilan_forms(load_dossier(root), args.sortie or args.project / "bilans",
                               args.format)
    print(f"Bilans à imprimer : {display_path(target)} (un par stage, à compléter à la main "
          "et à signer ; joignez ensuite le scan : « bilan_signe: »)")
    return 0


def add_commands(sub) -> None:
    """Add ``partie1`` and ``bilans`` to the command line's subcommands ``sub``."""
    r = sub.add_parser("partie1", help="créer les modèles des rapports et bilans de la "
                       "1re partie déclarés dans dossier.yml (n'écrase rien)")
    r.add_argument("slug", metavar="dossier", help="nom du dossier dans students/")
    r.set_defaults(func=cmd_part1)
    f = sub.add_parser("bilans", help="imprimer le bilan de chaque stage, pré-rempli, à "
                       "compléter et signer (PDF)")
    f.add_argument("slug", metavar="dossier", help="nom du dossier dans students/")
    f.add_argument("--format", choices=["A4", "A3"], default="A4",
                   help="format des pages (par défaut : A4)")
    f.add_argument("--sortie", type=Path, metavar="DOSSIER",
                   help="où écrire le PDF (par défaut : bilans/ dans le projet)")
    f.set_defaults(func=cmd_bilans)
