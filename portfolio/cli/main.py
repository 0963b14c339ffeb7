"""What a user types after ``build.py`` -> library calls, French summaries and exit codes.

Commands: publier, controler, nouveau, apercu, hors-ligne, tester; cle, rendre, verifier,
bordereau (the hand-in, :mod:`portfolio.cli.handin`). What a user types is French; the first,
English command names stay as aliases (``build``, ``check``, ``new``, ``serve``, ``pack``,
``test``), and so do ``--drafts``, ``--host``, ``--project``, ``--verbose``.

Exit codes: 0 everything done; 1 a person's mistake (a dossier refused, bad input); 2 a bug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..builder.options import BuildOptions
from ..builder.pipeline import build_dossiers
from ..builder.report import check_json, check_lines, judge_build
from ..builder.results import DossierBuild
from ..conformance import REFUSED
from ..dossier.load import find_dossiers
from ..processes import progress
from ..processes.shutdown import stop_on_sigterm
from ..rules import load_rules
from ..util.errors import DossierError, disk_full, display_path, set_display_root
from ..util.files import replacing
from ..util.suggest import unknown_dossier
from ..util.terminal import SafeStream
from .argparse_fr import FrenchParser
from .handin import add_commands as add_handin_commands
from .part1 import add_commands as add_part1_commands
from .ports import port_problem

__all__ = ["main"]

PROJECT = Path(__file__).resolve().parents[2]  # default project: this checkout
log = logging.getLogger("portfolio")


class _FrenchFormatter(logging.Formatter):
    LEVELS = {"WARNING": "attention", "ERROR": "erreur", "CRITICAL": "erreur"}

    def format(self, record: logging.LogRecord) -> str:
        label = self.LEVELS.get(record.levelname)
        text = record.getMessage()
        return f"{label} : {text}" if label else text


def _setup_logging(verbose: bool, stream=None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_FrenchFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Long jobs say what they do (dossiers, images, PDFs): bars on a terminal, else lines.
    progress.install(stream or sys.__stderr__)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for noisy in ("weasyprint", "fontTools", "PIL", "mkdocs.commands", "mkdocs.structure",
                  "mkdocs.config", "mkdocs.utils", "material", "mkdocs.plugins.material"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    # WeasyPrint speaks English about the cache's files ("Image file:///.../.cache/... has no
    # required alt description"); what it finds is said in French with the dossier's file
    # (a missing alt text, an image it cannot draw, a failed layout): shown with -v only. Its
    # records still reach the filters that turn them into French (images/printed.py).
    # So does pypdf about a damaged PDF ("EOF marker not found"), said in French with the file.
    if not verbose:
        handler.addFilter(lambda record: not record.name.startswith(("weasyprint", "pypdf")))
    # The portfolio plugin's own warnings are the dossiers' warnings: keep them.
    logging.getLogger("mkdocs.plugins.portfolio").setLevel(logging.WARNING)
    # The preview server's access log ("GET /x" code 404) is no warning: shown plain with -v.
    access = logging.getLogger("mkdocs.livereload")
    for old in [f for f in access.filters if isinstance(f, _AccessLog)]:
        access.removeFilter(old)
    access.addFilter(_AccessLog(verbose))


_REQUEST_LINE = re.compile(r'(\[[\d:]+\] )?"[A-Z]+ ')


class _AccessLog(logging.Filter):
    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        if not _REQUEST_LINE.match(str(record.msg)):       # "[12:00:00] "GET /x HTTP/1.1"..."
            return True
        record.levelno, record.levelname = logging.INFO, "INFO"
        return self.verbose


def _summary_line(build: DossierBuild) -> str:
    dossier = build.dossier
    name = dossier.slug if dossier else build.root.name
    if build.error is not None:
        return f"  ✗ {name} : refusé — {build.error}"
    if not build.verdict.ok:
        return f"  ✗ {name} : refusé — " + " ".join(str(p) for p in build.verdict.errors)
    pages = ", ".join(f"{u.limit.label} {u.used}/{u.limit.max}" for u in build.verdict.shown)
    draft = " (brouillon, non publié)" if dossier.draft else ""
    return f"  ✓ {name}{draft} : {pages}"


def cmd_check(args: argparse.Namespace) -> int:
    students = args.project / "students"
    roots = find_dossiers(students)
    if args.slug:
        names = [r.name for r in roots]
        roots = [r for r in roots if r.name == args.slug]
        if not roots:
            print(f"erreur : {unknown_dossier(args.slug, names)}", file=sys.stderr)
            return 1
    mode = "rendre" if args.rendre else "check"
    options = BuildOptions(cache_dir=args.project / ".cache" / "portfolio", mode=mode,
                           workers=args.processus)
    builds = build_dossiers(roots, options)
    refused = [b for b in builds if judge_build(b).state == REFUSED]
    if args.json:
        print(json.dumps([check_json(b, mode) for b in builds], ensure_ascii=False, indent=1))
        return 1 if refused else 0
    for build in builds:
        print("\n".join(check_lines(build, mode)) + "\n")
    if not builds:
        print("Aucun dossier dans students/. Créez-en un : python3 build.py nouveau \"Prénom Nom\"")
    elif refused:
        print(f"{len(refused)} dossier(s) non conforme(s) : "
              + ", ".join(b.dossier.slug if b.dossier else b.root.name for b in refused))
    return 1 if refused else 0


def cmd_build(args: argparse.Namespace) -> int:
    from ..mkdocs.commands import build_site
    from ..util.publish import new_build_dir, swap_into_place

    stop_on_sigterm()      # a SIGTERM takes Ctrl+C's path: the build folder is removed
    site_dir = args.project / "site"
    build_dir = new_build_dir(site_dir)
    try:
        plugin = build_site(args.project / "mkdocs.yml", build_dir, drafts=args.drafts,
                            previous_site=site_dir if site_dir.is_dir() else None,
                            anonymous=args.anonyme, workers=args.processus)
        swap_into_place(build_dir, site_dir)
    except BaseException:          # interrupted, disk full...: the previous site stays
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
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

    from ..mkdocs.commands import build_site

    target = (args.sortie or args.project / "dossiers-hors-ligne.zip").resolve()
    with tempfile.TemporaryDirectory(prefix="portfolio-pack-") as tmp:
        site = Path(tmp) / "site"
        plugin = build_site(args.project / "mkdocs.yml", site, anonymous=args.anonyme,
                            offline=True, workers=args.processus)
        with replacing(target) as partial, zipfile.ZipFile(
                partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, "dossiers/" + path.relative_to(site).as_posix())
    print(f"Copie hors ligne : {display_path(target)} (ouvrir dossiers/index.html après "
          "décompression)")
    return _summary(plugin)


def cmd_new(args: argparse.Namespace) -> int:
    from ..dossier.scaffold import scaffold

    session = dt.date.today().year + 1
    root = scaffold(args.project / "students", args.name, session, args.voie)
    print(f"Dossier créé : {display_path(root)}/")
    print("  1. Complétez dossier.yml (numéro de candidat, établissement, titre du projet).")
    print("  2. Écrivez dans sections/ et déposez vos images dans images/.")
    print("  3. Rédigez la 1re partie dans partie1/ (rapports de stage, bilans) et "
          "déclarez-la dans dossier.yml (« partie1: »).")
    print(f"  4. Vérifiez vos pages : python3 build.py controler {root.name}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ..mkdocs.commands import serve_site

    problem = port_problem(args.host, args.port)     # before a whole first build, not after
    if problem:
        print(f"erreur : {problem}", file=sys.stderr)
        return 1
    stop_on_sigterm()           # SIGTERM stops the preview as Ctrl+C does (workers ended)
    print(f"Aperçu (brouillons compris) : http://{args.host}:{args.port}/  (Ctrl+C pour arrêter)")
    try:
        serve_site(args.project / "mkdocs.yml", args.host, args.port)
    except KeyboardInterrupt:
        pass
    except OSError as exc:      # the port taken meanwhile
        problem = port_problem(args.host, args.port, exc)
        if not problem:
            raise
        print(f"erreur : {problem}", file=sys.stderr)
        return 1
    print("Aperçu arrêté.", file=sys.stderr)
    return 0


TEST_HELP = """\
utilisation : build.py tester [options de pytest]

Lance les tests du projet (pytest, dans tests/). Tout ce qui suit « tester » est passé à
pytest tel quel.

exemples :
  python3 build.py tester                         tous les tests (plusieurs minutes)
  python3 build.py tester -m "not browser and not slow"   la boucle rapide
  python3 build.py tester tests/conformance -x -q  un dossier de tests, arrêt au premier échec
  python3 build.py tester -k couts                 les tests dont le nom contient « couts »

options de pytest les plus utiles :
  -x          s'arrêter au premier échec
  -q          sortie courte
  -k MOTS     seulement les tests dont le nom correspond
  -m MARQUES  seulement les tests marqués ainsi (browser, slow)
  --pytest-help  l'aide complète de pytest (en anglais)
"""


def cmd_test(args: argparse.Namespace) -> int:
    pytest_args = list(args.pytest_args or ["tests"])
    if pytest_args in (["-h"], ["--help"], ["--aide"]):
        print(TEST_HELP, end="")
        return 0
    pytest_args = ["--help" if a == "--pytest-help" else a for a in pytest_args]
    command = [sys.executable, "-m", "pytest", *pytest_args]
    return subprocess.call(command, cwd=PROJECT)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"« {text} » : un nombre entier, 1 ou plus.")
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"« {text} » : un numéro de port, de 1 à 65535.")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = FrenchParser(prog="build.py", description=(
        "Dossiers de projet de bijouterie : site web et PDF A3 vérifié page à page."))
    p.add_argument("-v", "--details", "--verbose", dest="verbose", action="store_true",
                   help="afficher les étapes")
    p.add_argument("--projet", "--project", dest="project", type=Path, default=PROJECT,
                   metavar="DOSSIER",
                   help="dossier du projet (mkdocs.yml, students/) ; par défaut celui-ci")
    p.add_argument("--processus", type=_count, metavar="N",
                   help="processus en parallèle pour les images et les PDF "
                   "(par défaut : un par cœur de la machine)")
    sub = p.add_subparsers(dest="command", required=True, metavar="commande",
                           title="commandes")
    b = sub.add_parser("publier", aliases=["build"],
                       help="construire le site et les PDF dans site/")
    b.add_argument("--brouillons", "--drafts", dest="drafts", action="store_true",
                   help="publier aussi les brouillons")
    b.add_argument("--anonyme", action="store_true",
                   help="désigner chaque candidat par son seul numéro (jury anonyme)")
    b.set_defaults(func=cmd_build)
    k = sub.add_parser("hors-ligne", aliases=["pack"],
                       help="zip du site consultable sans serveur ni réseau (clé USB)")
    k.add_argument("--anonyme", action="store_true", help="candidats désignés par leur numéro")
    k.add_argument("--sortie", type=Path, metavar="FICHIER", help="fichier zip à écrire")
    k.set_defaults(func=cmd_pack)
    c = sub.add_parser("controler", aliases=["check"],
                       help="compter les pages de chaque dossier, sans publier")
    c.add_argument("slug", nargs="?", metavar="dossier",
                   help="un seul dossier (nom du dossier dans students/)")
    c.add_argument("--json", action="store_true", help="rapport au format JSON")
    c.add_argument("--rendre", action="store_true",
                   help="juger comme à la remise (tout manque est une erreur)")
    c.set_defaults(func=cmd_check)
    add_handin_commands(sub)            # cle, rendre, verifier, bordereau (handin_cli.py)
    n = sub.add_parser("nouveau", aliases=["new"], help="créer le dossier d'un nouveau candidat")
    n.add_argument("name", metavar="\"Prénom Nom\"", help="prénom et nom du candidat")
    n.add_argument("--voie", default="scolaire", choices=list(load_rules().voies),
                   help="voie du candidat : les sections créées sont celles qu'elle demande "
                   "(par défaut : scolaire)")
    n.set_defaults(func=cmd_new)
    add_part1_commands(sub)             # partie1, bilans (part1_cli.py)
    s = sub.add_parser("apercu", aliases=["serve"],
                       help="aperçu en direct pour l'élève et l'enseignant")
    s.add_argument("--hote", "--host", dest="host", default="127.0.0.1", metavar="ADRESSE",
                   help="adresse d'écoute (par défaut 127.0.0.1 : cette machine seulement)")
    s.add_argument("--port", type=_port, default=8000,
                   help="port d'écoute (par défaut 8000)")
    s.set_defaults(func=cmd_serve)
    t = sub.add_parser("tester", aliases=["test"], help="lancer les tests")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="options de pytest")
    t.set_defaults(func=cmd_test)
    return p


TEST_COMMANDS = ("tester", "test")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in TEST_COMMANDS:    # everything after it goes to pytest as is
        args = parser().parse_args(["tester"])
        args.pytest_args = argv[1:]
    else:
        args = parser().parse_args(argv)
    args.project = args.project.resolve()
    set_display_root(args.project)
    streams = sys.stdout, sys.stderr      # students' text may hold terminal escape sequences
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    _setup_logging(args.verbose, streams[1])
    try:
        return args.func(args)
    except DossierError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrompu : rien n'a été publié.", file=sys.stderr)
        return 1
    except BrokenPipeError:        # « controler | head » : the reader has stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, streams[0].fileno())      # nothing more to write at exit either
        return 1
    except OSError as exc:
        if (message := disk_full(exc)) is None:
            raise
        print(message, file=sys.stderr)
        return 1
    finally:
        sys.stdout, sys.stderr = streams
        progress.uninstall()                           # its stream may close after us
