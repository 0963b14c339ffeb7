"""Command line of ``verifier`` -> every snapshot of ``rendus/`` re-hashed and its signature
checked (conformance.handin), one line each; the school's key paths for the hand-in commands.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..handin import signing
from ..handin.snapshot import check_snapshot, latest_handin, read_record, shared_numbers, snapshots
from ..util.errors import Problem, display_path

__all__ = ["cmd_verifier", "key_path", "public_key"]


def key_path(args: argparse.Namespace) -> Path:
    """The school's private key: ``--cle``, else the default place (signing.default_key_path)."""
    return (args.cle or signing.default_key_path()).expanduser().resolve()


def public_key(args: argparse.Namespace):
    """The exam centre's key when given, else the one beside the school's private key, else
    None. With a key, every hand-in must be signed with it."""
    if args.cle_publique is not None:
        return signing.load_public_key(args.cle_publique.expanduser())
    path = signing.public_path(key_path(args))
    return signing.load_public_key(path) if path.is_file() else None


def _status(result, public) -> str:
    if result.ok:
        return (f"intact, signature valide (clé {result.key})" if result.checked
                else "intact, non signé")
    if result.signed and not result.checked:
        return "signature invalide" if public is not None else "signature non vérifiée"
    if not result.signed and result.problems[0].message.startswith("non signé"):
        return "non signé"
    if result.owner is not None:
        return f"copie du rendu de « {result.owner} »"
    if any(p.message.startswith("numéro de candidat") for p in result.problems):
        return "numéro de candidat en double"
    return "modifié depuis la remise"


def _shared_number(project: Path, snapshot: Path, shared: dict[str, list[str]]
                   ) -> Problem | None:
    """The problem of a latest hand-in whose candidate number another dossier's bears too."""
    others = shared.get(snapshot.parent.name)
    if not others or latest_handin(project, snapshot.parent.name) != snapshot:
        return None
    numero = (read_record(snapshot) or {}).get("numero")
    return Problem(f"numéro de candidat {numero} en double : aussi celui du rendu de "
                   + ", ".join(f"« {o} »" for o in others) + ".", snapshot,
                   hint="Un numéro n'appartient qu'à un candidat : retirez le rendu qui n'est "
                   "pas le sien, ou corrigez son dossier.yml et rendez-le à nouveau.")


def cmd_verifier(args: argparse.Namespace) -> int:
    found = snapshots(args.project, args.slug)
    if not found:
        print("Aucun dossier rendu" + (f" pour « {args.slug} »" if args.slug else "")
              + " dans rendus/. Rendez-le avec : python3 build.py rendre <nom>")
        return 1 if args.slug else 0
    public = public_key(args)
    shared = shared_numbers(args.project)
    failed = unsigned = 0
    for snapshot in found:
        result = check_snapshot(snapshot, public)
        if duplicate := _shared_number(args.project, snapshot, shared):
            result.problems.append(duplicate)
        unsigned += not result.signed
        print(f"  {'✓' if result.ok else '✗'} {display_path(snapshot)} : "
              f"{_status(result, public)}")
        for problem in result.problems:
            print(f"      {problem.message}" + (f" {problem.hint}" if problem.hint else ""))
        failed += not result.ok
    if unsigned and public is None:
        print(f"{unsigned} rendu(s) non signé(s) : seul leur manifeste les protège, et "
              "quiconque peut le réécrire avec les fichiers. Pour signer les prochains : "
              "python3 build.py cle")
    if failed:
        print(f"{failed} rendu(s) ne passe(nt) pas la vérification (voir ci-dessus).")
    return 1 if failed else 0
