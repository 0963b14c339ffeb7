"""Command line of the hand-in (cle, rendre, verifier, bordereau) -> handin/ calls.

:func:`add_commands` adds the four sub-commands to the CLI's parser (``verifier`` in
:mod:`portfolio.cli.verify`); each ``cmd_*`` returns the exit code (0 done, 1 a person's
mistake, refused hand-in or failed verification).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..builder.report import judge_build
from ..conformance import CONFORMING
from ..conformance import durations as d
from ..dossier.load import find_dossiers
from ..dossier.model import slugify
from ..handin import signing
from ..handin.snapshot import (
    Handin,
    Late,
    days_late,
    freeze,
    latest_handin,
    read_record,
    snapshots,
    unsafe_names,
)
from ..processes.shutdown import stop_on_sigterm
from ..util.errors import DossierError, display_path
from ..util.suggest import unknown_dossier
from .verify import cmd_verifier, key_path, public_key

__all__ = ["add_commands", "cmd_bordereau", "cmd_cle", "cmd_rendre", "cmd_verifier"]

_now = dt.datetime.now        # the hand-in clock (tests move it past the hand-in date)


def cmd_cle(args: argparse.Namespace) -> int:
    pair = signing.make_key_pair(key_path(args), args.project)
    print(f"Clé de signature créée : {pair.private}")
    print("  Clé privée : lisible par votre seul compte. Sauvegardez-la (clé USB rangée) et ne "
          "la donnez à personne : qui l'a peut signer des rendus.")
    print(f"  Clé publique : {pair.public}")
    print("  À remettre au centre d'examen : elle sert à vérifier les rendus "
          "(python3 build.py verifier --cle-publique FICHIER).")
    print(f"  Empreinte : {pair.fingerprint}")
    print("Les prochains « rendre » signeront les copies.")
    return 0


def _signing_key(args: argparse.Namespace):
    """The private key to sign with, or None when there is none (an explicit --cle must exist)."""
    path = key_path(args)
    if not path.exists():
        if args.cle is not None:
            raise signing.SigningError("clé de signature introuvable.", path,
                                       hint="Créez-la avec : python3 build.py cle --cle "
                                       f"{args.cle}")
        return None, path
    return signing.load_private_key(path, args.project), path


def _remise(root: Path) -> dt.date | None:
    """The hand-in date of the dossier's session (None: unknown, or the dossier does not load:
    the build then says why)."""
    from ..dossier.load import load_dossier
    from ..dossier.sessions import sessions_for

    try:
        session = sessions_for(root).get(load_dossier(root).session)
    except DossierError:
        return None
    return session.remise if session else None


def _late(args: argparse.Namespace, slug: str, remise: dt.date | None,
          now: dt.datetime) -> tuple[bool, Late | None]:
    """(refused, late record): a late hand-in needs the teacher's ``--hors-delai "raison"``."""
    days = days_late(remise, now)
    reason = (args.hors_delai or "").strip()
    if args.hors_delai is not None and not reason:
        print("erreur : --hors-delai demande la raison entre guillemets, par exemple "
              "--hors-delai \"hospitalisation, accord du centre d'examen\".", file=sys.stderr)
        return True, None
    if not days:
        if reason:
            print(f"  attention : --hors-delai ignoré, le dossier est rendu dans les délais "
                  f"(remise le {d.french_date(remise) if remise else 'date inconnue'}).")
        return False, None
    if not reason:
        print(f"Dossier « {slug} » non rendu : la date de remise était le "
              f"{d.french_date(remise)} (il y a {days} jour{'s' if days > 1 else ''}).")
        print("  Seul l'enseignant peut accepter un rendu hors délai, en donnant la raison : "
              f"python3 build.py rendre {slug} --hors-delai \"raison\"")
        return True, None
    return False, Late(remise, days, reason)


def _handed_in_already(args: argparse.Namespace) -> bool:
    """A second hand-in of a dossier must be asked for (``--remplacer``): the bordereau and
    the exam office take the last one. True when it is refused (said why)."""
    from ..handin.snapshot import latest_handin, read_record

    previous = latest_handin(args.project, args.slug)
    if previous is None or args.remplacer:
        if previous is not None:
            print(f"  Ce rendu remplace le précédent ({display_path(previous)}/, gardé tel "
                  "quel) : le bordereau prendra le nouveau.")
        return False
    record = read_record(previous) or {}
    when = record.get("rendu_le", "")
    try:
        when = dt.datetime.fromisoformat(when).strftime(" le %d/%m/%Y à %H:%M")
    except (TypeError, ValueError):
        when = ""
    print(f"Dossier « {args.slug} » non rendu : il a déjà été rendu{when} "
          f"({display_path(previous)}/).")
    print("  Un nouveau rendu remplacerait celui-ci pour le centre d'examen (le bordereau prend "
          "le dernier). Si c'est voulu : python3 build.py rendre "
          f"{args.slug} --remplacer")
    return True


def _open_notes(dossier) -> None:
    """Say the teacher's review notes still open (revue.yml): the hand-in does not wait for
    them, but they may be forgotten."""
    from ..dossier.review import load_notes

    try:
        notes = [n for n in load_notes(dossier) if n.open]
    except DossierError:
        return
    if notes:
        print(f"  attention : {len(notes)} remarque{'s' if len(notes) > 1 else ''} de "
              "l'enseignant encore ouverte" + ("s" if len(notes) > 1 else "")
              + " (revue.yml, non remise au jury) :")
        for note in notes:
            print(f"    - {note.text}" + (f" ({note.section})" if note.section else ""))


def _page_source(build):
    """Page ``n`` of the dossier's PDF -> where it comes from (an annex PDF is named)."""
    principal = build.count.parts.get("principal", 0)

    def name(number: int) -> str:
        local = number - principal
        for part in build.count.sections:
            if part.pdf and part.first <= local <= part.last:
                where = display_path(build.dossier.root / "annexes" / part.pdf)
                return f"{where}, page {local - part.first + 1}"
        return f"page {number}" if local <= 0 else f"page A{local} des annexes"

    return name


def _number_taken(project: Path, root: Path) -> str | None:
    """Another dossier whose latest hand-in bears this dossier's candidate number (issue 28:
    an anonymous address, and the exam centre's list, go by the number)."""
    from ..dossier.load import load_dossier

    try:
        number = load_dossier(root).candidate.number
    except DossierError:
        return None                      # the build says why
    for snapshot in snapshots(project):
        record = read_record(snapshot) or {}
        if snapshot.parent.name != root.name and str(record.get("numero")) == number and \
                snapshot == latest_handin(project, snapshot.parent.name):
            return snapshot.parent.name
    return None


def cmd_rendre(args: argparse.Namespace) -> int:
    from ..builder.options import BuildOptions
    from ..builder.pipeline import build_dossier
    from ..pdf.output.archive import inspect_pdf
    from ..pdf.output.options import HANDIN

    root = args.project / "students" / args.slug
    roots = find_dossiers(args.project / "students")
    if root not in roots:
        print(f"erreur : {unknown_dossier(args.slug, [r.name for r in roots])}", file=sys.stderr)
        return 1
    same = [r for r in roots if r != root and slugify(r.name) == slugify(root.name)]
    if same:     # its snapshot would land in the other's rendus/ folder
        print(f"Dossier « {args.slug} » non rendu : les dossiers "
              + " et ".join(display_path(r) for r in [root, *same])
              + f" auraient le même dossier de rendu (rendus/{slugify(root.name)}/). Renommez "
              "ou retirez celui qui n'est pas le bon dans students/.")
        return 1
    if other := _number_taken(args.project, root):
        print(f"Dossier « {args.slug} » non rendu : son numéro de candidat est déjà celui du "
              f"dossier rendu « {other} ». Deux candidats n'ont jamais le même numéro : "
              f"corrigez « numero » dans {display_path(root / 'dossier.yml')} (ou retirez le "
              "dossier en double s'il s'agit du même candidat).")
        return 1
    key, key_path = _signing_key(args)         # a broken key stops before any work
    stop_on_sigterm()      # a SIGTERM takes Ctrl+C's path: the half-made snapshot is removed
    if unsafe := unsafe_names(root, args.slug):   # before the render: nothing to wait for
        print(f"Dossier « {args.slug} » non rendu : des noms de fichiers ne peuvent pas entrer "
              "dans le manifeste signé.")
        for problem in unsafe:
            print(f"  ✗ {problem}")
        return 1
    now = _now()
    refused, late = _late(args, args.slug, _remise(root), now)
    if refused or _handed_in_already(args):     # before the render: nothing to wait for
        return 1
    options = BuildOptions(cache_dir=args.project / ".cache" / "portfolio", mode="rendre",
                           pdf=HANDIN, workers=args.processus,
                           today=now.date())       # judged on the hand-in's own clock
    build = build_dossier(root, options)
    if late is not None and build.conformance is not None:     # accepted by the teacher
        if build.verdict is not None and build.conformance.late in build.verdict.errors:
            build.verdict.errors.remove(build.conformance.late)
        build.conformance.accept_late()
    judgement = judge_build(build)
    if judgement.state != CONFORMING:
        print(f"Dossier « {args.slug} » non rendu : il n'est pas conforme au règlement.")
        for problem in judgement.reasons:
            print(f"  ✗ {problem}")
        print(f"Corrigez ces points puis relancez : python3 build.py rendre {args.slug}")
        return 1
    summary = build.conformance.summary
    warnings = [p for p in build.warnings if p not in summary] + build.conformance.warnings
    pdf = build.pdf
    archive = inspect_pdf(pdf)
    pdfa_problems = archive.all_problems(_page_source(build))
    if pdfa_problems:
        warnings.append(f"le PDF se déclare {archive.declared or 'PDF/A'} mais ne l'est pas : "
                        + " ; ".join(pdfa_problems) + ". Réexportez ces annexes en PDF/A "
                        "(polices incorporées, couleurs RVB) puis rendez à nouveau.")
    for problem in warnings:
        print(f"  attention : {problem}")
    _open_notes(build.dossier)
    pages = dict(build.count.parts)
    handin = Handin(
        pdf=pdf, conformance=build.conformance, verdict=judgement.state, pages=pages,
        limits=[{"limite": u.limit.label, "pages": u.used, "max": u.limit.max}
                for u in build.verdict.uses],
        warnings=[str(w) for w in warnings],
        pdfa={"pdfa": archive.declared, "pdfa_conforme": archive.ok,
              "pdfa_problemes": pdfa_problems},
        late=late, key=key)
    snapshot = freeze(args.project, build.dossier, handin, now)
    print(f"Dossier rendu et figé (lecture seule) : {display_path(snapshot)}/")
    print(f"  sources, {build.dossier.pdf_name} ({archive.declared or 'PDF'}), RENDU.json et "
          "empreintes dans MANIFEST.sha256")
    if late is not None:
        print(f"  rendu hors délai ({late.days} jour{'s' if late.days > 1 else ''} après le "
              f"{d.french_date(late.remise)}), accepté : « {late.reason} » (noté dans "
              "RENDU.json)")
    if key is not None:
        print(f"  signé par l'établissement (clé {signing.fingerprint(key.public_key())})")
    else:
        print(f"  attention : copie NON signée, aucune clé de signature ({key_path}). Rien ne "
              "prouvera qu'elle n'a pas été réécrite avec son manifeste. Créez la clé une "
              "fois : python3 build.py cle")
    print(f"  Vérifier plus tard qu'il n'a pas changé : python3 build.py verifier {args.slug}")
    print("  Pour le centre d'examen, une fois la classe rendue : python3 build.py bordereau "
          "(le bordereau à signer et l'archive zip de la classe, à envoyer telle quelle)")
    return 0


def cmd_bordereau(args: argparse.Namespace) -> int:
    from ..handin.receipt import receipt_rows, write_receipt

    public = public_key(args)
    rows = receipt_rows(args.project, public, args.anonyme, args.session)
    handed = {r.slug for r in rows}
    missing = [_candidate_name(r) for r in find_dossiers(args.project / "students")
               if r.name not in handed]
    missing = [f"{len(missing)} dossier(s)"] if args.anonyme and missing else missing
    folder = (args.sortie or args.project / "rendus").resolve()
    pdf, table = write_receipt(rows, folder, missing, args.anonyme)
    print(f"Bordereau de {len(rows)} dossier(s) rendu(s) : {display_path(pdf)}")
    print(f"  tableau : {display_path(table)}")
    archive = _bundle(args, rows, pdf, table)
    print(f"  À envoyer au centre d'examen, tel quel : {display_path(archive)} (le bordereau et "
          "le dernier rendu de chaque candidat : PDF/A, sources, RENDU.json, empreintes)")
    for row in rows:
        pages = ", ".join(f"{p} {n}" for p, n in row.pages.items() if n is not None)
        print(f"  {row.number} {row.name or ''} : {pages}, remis le {row.date} à {row.time}, "
              f"signé : {row.signature}" + ("" if row.intact else ", NON INTACT (voir "
                                              "python3 build.py verifier)")
              + (f", {row.note}" if row.note else ""))
    if missing:
        print("  sans rendu : " + ", ".join(missing))
    return 1 if any(r.alert for r in rows) else 0


def _bundle(args: argparse.Namespace, rows, pdf: Path, table: Path) -> Path:
    """The class's archive (zip) beside the bordereau: what the exam office receives."""
    from ..handin.bundle import write_bundle
    from ..handin.snapshot import latest_handin

    handins = [(row, latest_handin(args.project, row.slug)) for row in rows]
    target = pdf.with_name("remise-" + pdf.stem.removeprefix("bordereau-") + ".zip")
    return write_bundle(target, [(r, s) for r, s in handins if s is not None], [pdf, table],
                        args.anonyme, _now().strftime("%d/%m/%Y à %H:%M"))


def _candidate_name(root: Path) -> str:
    """A candidate without a hand-in, as the exam office knows them: name and number (the
    folder when dossier.yml cannot say)."""
    from ..util.yamlfile import load_yaml

    try:
        who = load_yaml(root / "dossier.yml").data["candidat"]
        name = f"{who['prenom']} {who['nom']}".strip()
        number = str(who.get("numero") or "").strip()
    except (DossierError, KeyError, TypeError, AttributeError):
        return f"students/{root.name}/"
    return f"{name} (n° {number})" if number else name


def _key_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cle", type=Path, metavar="FICHIER", help=(
        "clé privée de l'établissement (par défaut "
        f"${signing.KEY_ENV} ou ~/.config/portfolio/{signing.KEY_NAME})"))


def add_commands(sub) -> None:
    """Add cle, rendre, verifier and bordereau to the CLI's sub-command parser ``sub``."""
    k = sub.add_parser("cle", help="créer une fois la clé qui signe les dossiers rendus")
    _key_option(k)
    k.set_defaults(func=cmd_cle)
    r = sub.add_parser("rendre", help="rendre un dossier conforme : copie datée, figée, PDF/A, "
                       "signée si l'établissement a une clé (voir « cle »)")
    r.add_argument("slug", metavar="dossier", help="nom du dossier dans students/")
    r.add_argument("--remplacer", action="store_true", help=(
        "rendre de nouveau un dossier déjà rendu : le nouveau rendu remplace le précédent "
        "pour le bordereau (le précédent reste dans rendus/)"))
    r.add_argument("--hors-delai", metavar="RAISON", help=(
        "enseignant : accepter un rendu après la date de remise, pour cette raison "
        "(notée dans RENDU.json)"))
    _key_option(r)
    r.set_defaults(func=cmd_rendre)
    v = sub.add_parser("verifier", help="vérifier que les dossiers rendus n'ont pas changé "
                       "et que leur signature est valide")
    v.add_argument("slug", nargs="?", metavar="dossier",
                   help="un seul dossier (nom du dossier dans students/)")
    _key_option(v)
    v.add_argument("--cle-publique", type=Path, metavar="FICHIER", help=(
        "clé publique fournie par le centre d'examen (.pub.pem) ; tout rendu doit alors "
        "être signé avec elle"))
    v.set_defaults(func=cmd_verifier)
    b = sub.add_parser("bordereau", help="bordereau de remise de la classe (PDF et CSV) "
                       "pour le centre d'examen")
    b.add_argument("--anonyme", action="store_true", help="candidats désignés par leur numéro")
    b.add_argument("--session", metavar="ANNÉE", help="une seule session (ex. 2027)")
    b.add_argument("--sortie", type=Path, metavar="DOSSIER",
                   help="où écrire le bordereau (par défaut rendus/)")
    _key_option(b)
    b.add_argument("--cle-publique", type=Path, metavar="FICHIER",
                   help="clé publique pour vérifier les signatures")
    b.set_defaults(func=cmd_bordereau)
