"""Command line (new, check, build, serve, test; cle, rendre, verifier, bordereau) -> library calls.

Exit codes: 0 everything done; 1 a person's mistake (a dossier refused, bad input); 2 a bug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conformance import REFUSED, check_json, check_lines, judge_build
from .errors import DossierError, display_path, set_display_root
from .handin_cli import add_commands as add_handin_commands
from .load import find_dossiers
from .pipeline import BuildOptions, DossierBuild, build_dossiers
from .rules import load_rules

__all__ = ["main"]

PROJECT = Path(__file__).resolve().parent.parent   # default project: this checkout
log = logging.getLogger("portfolio")


class _FrenchFormatter(logging.Formatter):
    LEVELS = {"WARNING": "attention", "ERROR": "erreur", "CRITICAL": "erreur"}

    def format(self, record: logging.LogRecord) -> str:
        label = self.LEVELS.get(record.levelname)
        text = record.getMessage()
        return f"{label} : {text}" if label else text


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_FrenchFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for noisy in ("weasyprint", "fontTools", "PIL", "mkdocs.commands", "mkdocs.structure",
                  "mkdocs.config", "mkdocs.utils", "material", "mkdocs.plugins.material"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    # The portfolio plugin's own warnings are the dossiers' warnings: keep them.
    logging.getLogger("mkdocs.plugins.portfolio").setLevel(logging.WARNING)


def _summary_line(build: DossierBuild) -> str:
    dossier = build.dossier
    name = dossier.slug if dossier else build.root.name
    if build.error is not None:
        return f"  ✗ {name} : refusé — {build.error}"
    if not build.verdict.ok:
        return f"  ✗ {name} : refusé — " + " ".join(str(p) for p in build.verdict.errors)
    pages = ", ".join(f"{u.limit.label} {u.used}/{u.limit.max}" for u in build.verdict.uses
                      if u.used or "partie1" not in u.limit.parts)
    draft = " (brouillon, non publié)" if dossier.draft else ""
    return f"  ✓ {name}{draft} : {pages}"


def _own_warnings(build: DossierBuild) -> list:
    """The build's warnings, without the conformance summary (check prints the details)."""
    summary = build.conformance.summary if build.conformance else []
    return [p for p in build.warnings if p not in summary]


def cmd_check(args: argparse.Namespace) -> int:
    students = args.project / "students"
    roots = find_dossiers(students)
    if args.slug:
        roots = [r for r in roots if r.name == args.slug]
        if not roots:
            print(f"erreur : aucun dossier « {args.slug} » dans students/.", file=sys.stderr)
            return 1
    mode = "rendre" if args.rendre else "check"
    options = BuildOptions(cache_dir=args.project / ".cache" / "portfolio", mode=mode)
    builds = build_dossiers(roots, options)
    refused = [b for b in builds if judge_build(b).state == REFUSED]
    if args.json:
        print(json.dumps([check_json(b, mode) for b in builds], ensure_ascii=False, indent=1))
        return 1 if refused else 0
    for build in builds:
        print("\n".join(check_lines(build, mode)) + "\n")
    if not builds:
        print("Aucun dossier dans students/. Créez-en un : python3 build.py new \"Prénom Nom\"")
    elif refused:
        print(f"{len(refused)} dossier(s) non conforme(s) : "
              + ", ".join(b.dossier.slug if b.dossier else b.root.name for b in refused))
    return 1 if refused else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .plugin import build_site
    from .publish import new_build_dir, swap_into_place

    site_dir = args.project / "site"
    build_dir = new_build_dir(site_dir)
    try:
        plugin = build_site(args.project / "mkdocs.yml", build_dir, drafts=args.drafts,
                            previous_site=site_dir if site_dir.is_dir() else None,
                            anonymous=args.anonyme)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    swap_into_place(build_dir, site_dir)
    print(f"Site publié dans {display_path(site_dir)}/"
          + (" (anonyme : candidats désignés par leur numéro)" if args.anonyme else ""))
    return _summary(plugin)


def _summary(plugin) -> int:
    for build in plugin.builds:
        print(_summary_line(build))
    refused = plugin.refused
    if refused:
        print(f"{len(refused)} dossier(s) refusé(s) : "
              + ", ".join(b.dossier.slug if b.dossier else b.root.name for b in refused))
        return 1
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    """A zip of the published site that opens from a folder, with no server and no network."""
    import tempfile
    import zipfile

    from .plugin import build_site

    target = (args.sortie or args.project / "dossiers-hors-ligne.zip").resolve()
    with tempfile.TemporaryDirectory(prefix="portfolio-pack-") as tmp:
        site = Path(tmp) / "site"
        plugin = build_site(args.project / "mkdocs.yml", site, anonymous=args.anonyme,
                            offline=True)
        partial = target.with_name(f".{target.name}.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    name = "dossiers/" + path.relative_to(site).as_posix()
                    archive.write(path, name)
        os.replace(partial, target)
    print(f"Copie hors ligne : {display_path(target)} (ouvrir dossiers/index.html après "
          "décompression)")
    return _summary(plugin)


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import scaffold

    session = dt.date.today().year + 1
    root = scaffold(args.project / "students", args.name, session, args.voie)
    print(f"Dossier créé : {display_path(root)}/")
    print("  1. Complétez dossier.yml (numéro de candidat, établissement, titre du projet).")
    print("  2. Écrivez dans sections/ et déposez vos images dans images/.")
    print(f"  3. Vérifiez vos pages : python3 build.py check {root.name}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .plugin import serve_site

    print(f"Aperçu (brouillons compris) : http://{args.host}:{args.port}/  (Ctrl+C pour arrêter)")
    serve_site(args.project / "mkdocs.yml", args.host, args.port)
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    command = [sys.executable, "-m", "pytest", *(args.pytest_args or ["tests"])]
    return subprocess.call(command, cwd=PROJECT)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description=(
        "Dossiers de projet de bijouterie : site web et PDF A3 vérifié page à page."))
    p.add_argument("-v", "--verbose", action="store_true", help="afficher les étapes")
    p.add_argument("--project", type=Path, default=PROJECT,
                   help="dossier du projet (mkdocs.yml, students/) ; par défaut celui-ci")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="construire le site et les PDF dans site/")
    b.add_argument("--drafts", action="store_true", help="publier aussi les brouillons")
    b.add_argument("--anonyme", action="store_true",
                   help="désigner chaque candidat par son seul numéro (jury anonyme)")
    b.set_defaults(func=cmd_build)
    k = sub.add_parser("pack", help="zip du site consultable sans serveur ni réseau (clé USB)")
    k.add_argument("--anonyme", action="store_true", help="candidats désignés par leur numéro")
    k.add_argument("--sortie", type=Path, help="fichier zip à écrire")
    k.set_defaults(func=cmd_pack)
    c = sub.add_parser("check", help="compter les pages de chaque dossier, sans publier")
    c.add_argument("slug", nargs="?", help="un seul dossier (nom du dossier dans students/)")
    c.add_argument("--json", action="store_true", help="rapport au format JSON")
    c.add_argument("--rendre", action="store_true",
                   help="juger comme à la remise (tout manque est une erreur)")
    c.set_defaults(func=cmd_check)
    add_handin_commands(sub)            # cle, rendre, verifier, bordereau (handin_cli.py)
    n = sub.add_parser("new", help="créer le dossier d'un nouveau candidat")
    n.add_argument("name", help="\"Prénom Nom\"")
    n.add_argument("--voie", default="scolaire", choices=list(load_rules().voies),
                   help="voie du candidat : les sections créées sont celles qu'elle demande "
                   "(par défaut : scolaire)")
    n.set_defaults(func=cmd_new)
    s = sub.add_parser("serve", help="aperçu en direct pour l'élève et l'enseignant")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    t = sub.add_parser("test", help="lancer les tests")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER)
    t.set_defaults(func=cmd_test)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["test"]:            # everything after "test" goes to pytest as is
        args = parser().parse_args(["test"])
        args.pytest_args = argv[1:]
    else:
        args = parser().parse_args(argv)
    args.project = args.project.resolve()
    set_display_root(args.project)
    _setup_logging(args.verbose)
    try:
        return args.func(args)
    except DossierError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrompu : rien n'a été publié.", file=sys.stderr)
        return 1
