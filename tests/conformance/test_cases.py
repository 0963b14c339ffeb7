"""The regulation as schools apply it, one row per case: dossier facts in, verdict and message out.

Each row builds a small dossier (or a hand-built page count for the page budget) and judges it
as a command would: ``verdict`` is the one verdict of the dossier (conforme, à compléter, non
conforme) and ``fragment`` a piece of the French text the student reads (a reason, or a line of
the report). No PDF is rendered here except where the row needs the Markdown render (images).
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from dossiers import APPRENTISSAGE, PROSE, VOIES, conforming, image, section
from pypdf import PdfWriter

from portfolio import BuildOptions, build_dossier, load_dossier
from portfolio.builder.report import format_conformance
from portfolio.conformance import assess, judge
from portfolio.conformance.budget import evaluate
from portfolio.dossier.scaffold import COUTS_YML, SECTION_MD
from portfolio.pdf.output.count import PageCount
from portfolio.util.errors import DossierError, ProblemsError

TODAY = dt.date(2027, 4, 1)           # session 2027: hand-in (remise) on 2027-04-15
OK, TODO, REFUSED = "conforme", "à compléter", "non conforme"
MM_TO_PT = 72 / 25.4


def stages(*periods: tuple[str, str] | tuple[str, str, str] | int, voie_words: str = "") -> str:
    """A ``partie1:`` block with one stage per period: (debut, fin[, secteur]) or N weeks."""
    items = []
    for n, period in enumerate(periods, start=1):
        lines = [f"- entreprise: Atelier {n}"]
        if isinstance(period, int):
            lines += ["  secteur: bijouterie", f"  semaines: {period}"]
        else:
            debut, fin, *secteur = period
            lines += [f"  secteur: {secteur[0] if secteur else 'bijouterie'}",
                      f"  debut: {debut}", f"  fin: {fin}"]
        lines += [f"  {key}: partie1/{key}-{n}.pdf" for key in ("attestation", "rapport",
                                                                  "bilan")]
        items.append("\n".join("    " + line for line in lines))
    return "partie1:\n  stages:\n" + "\n".join(items) + "\n"


def jobs(*periods: tuple[str, str] | tuple[str, str, str], rapport: str = "rapport") -> str:
    """A ``partie1:`` block of certificats de travail: (debut, fin[, temps])."""
    items = []
    for n, (debut, fin, *temps) in enumerate(periods, start=1):
        items.append(textwrap.indent(
            f"- employeur: Maison {n}\n  secteur: bijouterie\n  debut: {debut}\n  fin: {fin}\n"
            f"  temps: {temps[0] if temps else 'plein'}\n  fichier: partie1/certificat-{n}.pdf",
            "    "))
    return (f"partie1:\n  rapport: partie1/{rapport}.pdf\n  certificats:\n"
            + "\n".join(items) + "\n")


def a_pdf(path, *sizes_mm: tuple[float, float]) -> None:
    """A real PDF whose pages have the given sizes (mm)."""
    writer = PdfWriter()
    for width, height in sizes_mm:
        writer.add_blank_page(width * MM_TO_PT, height * MM_TO_PT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer.write(handle)


def costs(source: bool = True) -> str:
    """A cost section with an inline ```couts``` study whose metal price has a source or not."""
    line = "    source: cours du négociant\n" if source else ""
    return section("Étude des coûts", "couts", (
        "```couts\nmetaux:\n  - alliage: argent-925\n    poids_g: 5\n    prix_g: 1.10\n"
        f"    date: 2026-10\n{line}main_oeuvre:\n  - operation: Fabrication\n    heures: 3\n"
        "taux_horaire: 25\nfrais_generaux: 30\nmarge: 35\n```"))


def sessions_with_exam(project, examen: str) -> None:
    """The project's sessions.yml with an exam date for the session 2027."""
    path = project / "sessions.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "2027:\n  remise: 2027-04-15\n", f"2027:\n  remise: 2027-04-15\n  examen: {examen}\n"),
        encoding="utf-8")


def verdict_of(tmp_path, project, make_dossier, facts: dict, mode: str):
    """Build the dossier the row describes and judge it: (Judgement, French text)."""
    voie = facts.get("voie", "scolaire")
    sections = {**VOIES[voie][0], **(facts.get("sections") or {})}   # complete, then the row's
    for name in facts.get("remove", ()):
        del sections[name]
    root = conforming(make_dossier, project / "students", voie, sections=sections,
                      partie1=facts.get("partie1"), session=facts.get("session", "2027"))
    for name, (old, new) in (facts.get("edit") or {}).items():     # one mistake in a file
        text = (root / name).read_text(encoding="utf-8")
        assert old in text, old
        (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    for name in facts.get("delete", ()):
        (root / name).unlink()
    for name, content in (facts.get("files") or {}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            a_pdf(target, *content)
        else:
            target.write_text(content, encoding="utf-8")
    if "examen" in facts:
        sessions_with_exam(project, facts["examen"])
    today = facts.get("today", TODAY)
    if facts.get("render"):
        build = build_dossier(root, BuildOptions(cache_dir=tmp_path / ".cache", mode=mode))
        result = judge(build.error, build.verdict, build.conformance)
        return result, "\n".join(str(p) for p in result.errors + result.pending)
    try:
        dossier = load_dossier(root)
    except DossierError as exc:
        result = judge(exc, None, None)
        return result, "\n".join(str(p) for p in result.errors)
    conformance = assess(dossier, mode, today=today)
    budget = None
    if "pages" in facts:
        parts = facts["pages"]
        sizes = facts.get("sizes", [(420.0, 297.0)] * sum(parts.values()))
        budget = evaluate(dossier, PageCount(dict(parts), [], sizes, front_pages=2))
    # Input mistakes that do not stop the load (an impossible date) refuse it, as in a build.
    result = judge(ProblemsError(dossier.errors) if dossier.errors else None, budget,
                   conformance)
    text = "\n".join([*(str(p) for p in result.errors + result.pending + result.warnings),
                      *format_conformance(conformance)])
    return result, text


SIX_WEEKS_A = ("2026-01-05", "2026-02-13")          # Monday -> Friday, 6 weeks
SIX_WEEKS_B = ("2026-05-04", "2026-06-12")          # Monday -> Friday, 6 weeks (Ascension inside)

ROWS = [
    # -- weeks, as attestations count them (voie scolaire: 12 weeks = 60 working days) --------
    ("two-six-week-placements-mon-fri", {"partie1": stages(SIX_WEEKS_A, SIX_WEEKS_B)}, "check",
     OK, "2 stages, 12 semaines pour 12 semaines exigées ✓"),
    ("59-working-days", {"partie1": stages(SIX_WEEKS_A, ("2026-05-04", "2026-06-11"))},
     "check", REFUSED, "11 semaines et 4 jours pour les 12 semaines exigées : il manque 1 jour."),
    ("60-working-days", {"partie1": stages(("2026-01-05", "2026-03-27"))}, "check", OK,
     "12 semaines pour 12 semaines exigées ✓"),
    ("11-weeks-says-what-is-missing", {"partie1": stages(("2026-01-05", "2026-03-20"))},
     "check", REFUSED, "11 semaines pour les 12 semaines exigées : il manque 1 semaine."),
    ("1-week-and-2-days-missing", {"partie1": stages(("2026-01-05", "2026-03-18"))}, "check",
     REFUSED, "il manque 1 semaine et 2 jours."),
    ("public-holidays-inside-count", {"partie1": stages(("2026-04-06", "2026-06-26"))},
     "check", OK, "12 semaines pour 12 semaines exigées ✓"),   # Easter Monday, 1 and 8 May...
    ("weekends-do-not-count", {"partie1": stages(("2026-01-03", "2026-03-22"))}, "check",
     REFUSED, "il manque 1 semaine."),   # Saturday 3 Jan -> Sunday 22 Mar: 11 weeks
    ("overlaps-count-once", {"partie1": stages(SIX_WEEKS_A, ("2026-02-02", "2026-03-13"))},
     "check", REFUSED, "10 semaines pour les 12 semaines exigées : il manque 2 semaines."),
    ("attestation-states-its-weeks", {"partie1": stages(6, 6)}, "check", OK,
     "12 semaines pour 12 semaines exigées ✓"),
    # edge 4: the same weeks written twice (dated, then stated with the same dates) count once
    ("same-weeks-dated-then-stated", {"partie1": stages(SIX_WEEKS_A, 6).replace(
        "    semaines: 6", "    semaines: 6\n      debut: 2026-01-05\n      fin: 2026-02-13")},
     "check", REFUSED, "6 semaines pour les 12 semaines exigées : il manque 6 semaines."),
    ("stated-weeks-overlapping-dated-ones-count-once", {"partie1": stages(SIX_WEEKS_A, 6)
                                                        .replace("    semaines: 6",
                                                                 "    semaines: 6\n      debut:"
                                                                 " 2026-02-02\n      fin: "
                                                                 "2026-03-13")},
     "check", REFUSED, "10 semaines pour les 12 semaines exigées : il manque 2 semaines."),
    ("stated-weeks-apart-from-dated-ones-add-up", {"partie1": stages(SIX_WEEKS_A, 6)
                                                   .replace("    semaines: 6",
                                                            "    semaines: 6\n      debut: "
                                                            "2026-05-04\n      fin: 2026-06-12")},
     "check", OK, "12 semaines pour 12 semaines exigées ✓"),
    ("stated-weeks-are-a-length", {"partie1": stages(6, 6).replace("semaines: 6", "semaines: 0",
                                                                 1)}, "check", REFUSED,
     "students/ana/dossier.yml:18 : « semaines » doit être la durée écrite sur l'attestation"),
    ("stated-weeks-win-over-dates", {"partie1": stages(SIX_WEEKS_A, 5).replace(
        "    semaines: 5", "    semaines: 5\n      debut: 2026-05-04\n      fin: 2026-06-12")},
     "check", REFUSED, "il manque 1 semaine."),
    ("short-placement-only-warns-at-build", {"partie1": stages(("2026-01-05", "2026-03-20"))},
     "publish", TODO, "il manque 1 semaine."),
    ("no-zero-day-zero-day", {"partie1": stages(("2026-01-05", "2026-03-27", "horlogerie"))},
     "check", REFUSED, "1 stage, aucun jour pour 12 semaines exigées ✗ (il manque 12 semaines)"),
    # -- sectors (data: rules/voies.yml « secteurs ») -----------------------------------------
    ("sector-bijouterie-joaillerie", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "secteur: bijouterie", "secteur: bijouterie-joaillerie")}, "check", OK, "joaillerie"),
    ("sector-orfevrerie", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "secteur: bijouterie", "secteur: Orfèvrerie")}, "check", OK, "(Orfèvrerie)"),
    ("sector-atelier-de-sertisseur", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "secteur: bijouterie", "secteur: atelier de sertisseur")}, "check", OK, "sertisseur"),
    ("sector-polissage-en-bijouterie", {"voie": "apprentissage", "partie1": APPRENTISSAGE
                                        .replace("secteur: bijouterie",
                                                 "secteur: polissage en bijouterie")},
     "check", OK, "polissage en bijouterie"),
    ("sector-polissage-automobile", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "secteur: bijouterie", "secteur: polissage automobile")}, "check", REFUSED,
     "le secteur « polissage automobile » ne dit pas qu'il relève de la bijouterie"),
    ("sector-polissage-alone", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "secteur: bijouterie", "secteur: polissage")}, "check", REFUSED,
     "par exemple « polissage en bijouterie-joaillerie »"),
    ("sector-garage", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "secteur: bijouterie", "secteur: garage automobile")}, "check", REFUSED,
     "le secteur « garage automobile » ne relève pas de la bijouterie."),
    # -- apprentices: "formation en entreprise", not "stage" ----------------------------------
    ("apprentice-words", {"voie": "apprentissage", "partie1": APPRENTISSAGE.replace(
        "      attestation: partie1/attestation-durand.pdf\n", "")}, "check", REFUSED,
     "période en entreprise chez « Atelier Durand » : attestation de formation en entreprise "
     "non déclarée (clé « attestation »)."),
    ("apprentice-report-line", {"voie": "apprentissage"}, "check", OK,
     "1re partie (formation en entreprise) : 1 période en entreprise, 43 semaines et 2 jours"),
    # -- months: 30 days a month, periods added up, the window ends the day before the exam ---
    ("six-calendar-months", {"voie": "perfectionnement", "partie1": jobs(
        ("2026-09-01", "2027-02-28"))}, "check", OK, "181 jours (6 mois et 1 jour) à temps plein"),
    ("180-days", {"voie": "perfectionnement", "partie1": jobs(("2026-09-02", "2027-02-28"))},
     "check", OK, "180 jours (6 mois) à temps plein"),
    ("179-days", {"voie": "perfectionnement", "partie1": jobs(("2026-09-03", "2027-02-28"))},
     "check", REFUSED, "179 jours (5 mois et 29 jours) à temps plein du 15/04/2026 au "
     "14/04/2027 pour 6 mois (180 jours) exigés, il manque 1 jour"),
    ("181-days-continuous", {"voie": "perfectionnement", "partie1": jobs(
        ("2026-10-01", "2027-03-30"))}, "check", OK, "181 jours (6 mois et 1 jour)"),
    ("181-days-with-a-one-day-gap", {"voie": "perfectionnement", "partie1": jobs(
        ("2026-10-01", "2026-12-31"), ("2027-01-02", "2027-03-31"))}, "check", OK,
     "181 jours (6 mois et 1 jour)"),
    ("150-days-exact-shortfall", {"voie": "perfectionnement", "partie1": jobs(
        ("2026-10-01", "2027-02-27"))}, "check", REFUSED, "il manque 30 jours"),
    ("certificate-starts-the-first-day-of-the-exam-year", {
        "voie": "perfectionnement", "examen": "2027-06-10",
        "partie1": jobs(("2026-06-10", "2026-12-06"))}, "check", OK,
     "avant l'examen du 10/06/2027 : 180 jours (6 mois) à temps plein sur 12 mois (6 exigés)"),
    ("certificate-starts-the-day-before-the-exam-year", {
        "voie": "perfectionnement", "examen": "2027-06-10",
        "partie1": jobs(("2026-06-09", "2026-12-05"))}, "check", REFUSED,
     "179 jours (5 mois et 29 jours) à temps plein du 10/06/2026 au 15/04/2027 pour 6 mois "
     "(180 jours) exigés, il manque 1 jour"),
    # -- edge 1: periods not over yet are planned; after the hand-in date, never counted ------
    ("certificate-ends-the-day-before-the-hand-in", {
        "voie": "perfectionnement", "today": dt.date(2027, 4, 15),
        "partie1": jobs(("2026-10-17", "2027-04-14"))}, "rendre", OK,
     "180 jours (6 mois) à temps plein"),
    ("certificate-after-the-hand-in-date-never-counts", {
        "voie": "perfectionnement", "examen": "2027-06-10",
        "partie1": jobs(("2026-12-12", "2027-06-09"))}, "check", REFUSED,
     "emploi chez « Maison 1 » : se termine le 09/06/2027, après la date de remise du dossier "
     "(15/04/2027) : cette période n'est pas comptée."),
    ("certificate-days-after-the-hand-in-are-not-worked-yet", {
        "voie": "perfectionnement", "partie1": jobs(("2026-09-01", "2027-05-31"))}, "check",
     REFUSED, "aucun jour à temps plein du 15/04/2026 au 14/04/2027"),
    ("certificate-not-over-yet-is-planned", {
        "voie": "perfectionnement", "today": dt.date(2026, 12, 7),
        "partie1": jobs(("2026-09-01", "2027-02-28"))}, "check", TODO,
     "durée d'activité atteinte seulement avec des certificats prévus, pas encore terminés : "
     "« Maison 1 » (fin le 28/02/2027)."),
    ("certificate-not-over-yet-at-the-hand-in", {
        "voie": "perfectionnement", "today": dt.date(2026, 12, 7),
        "partie1": jobs(("2026-09-01", "2027-02-28"))}, "rendre", REFUSED,
     "aucun jour à temps plein"),
    ("placement-declared-ahead-is-planned", {
        "today": dt.date(2026, 12, 7), "partie1": stages(
            SIX_WEEKS_A, ("2026-06-01", "2026-06-12"), ("2027-01-04", "2027-01-29"))},
     "check", TODO, "12 semaines atteintes seulement avec stages prévu(s), pas encore "
     "terminé(s) : « Atelier 3 » (fin le 29/01/2027) ; à ce jour, 8 semaines terminées."),
    ("placement-declared-ahead-shows-planned", {
        "today": dt.date(2026, 12, 7), "partie1": stages(
            SIX_WEEKS_A, ("2026-06-01", "2026-06-12"), ("2027-01-04", "2027-01-29"))},
     "check", TODO, "du 04/01/2027 au 29/01/2027 : 4 semaines (prévu : pas encore terminé, "
     "ne compte pas pour la remise)"),
    ("placement-declared-ahead-refused-at-hand-in", {
        "today": dt.date(2026, 12, 7), "partie1": stages(
            SIX_WEEKS_A, ("2026-06-01", "2026-06-12"), ("2027-01-04", "2027-01-29"))},
     "rendre", REFUSED, "8 semaines pour les 12 semaines exigées : il manque 4 semaines "
     "(stages prévu(s), pas encore terminé(s), non compté(s) pour la remise : « Atelier 3 » "
     "(fin le 29/01/2027))."),
    ("placement-ending-today-is-over", {
        "today": dt.date(2027, 1, 29), "partie1": stages(
            SIX_WEEKS_A, ("2026-06-01", "2026-06-12"), ("2027-01-04", "2027-01-29"))},
     "rendre", OK, "12 semaines pour 12 semaines exigées ✓"),
    ("placement-after-the-hand-in-date-never-counts", {"partie1": stages(
        SIX_WEEKS_A, ("2026-06-01", "2026-06-12"), ("2027-05-03", "2027-05-28"))}, "check",
     REFUSED, "8 semaines pour les 12 semaines exigées : il manque 4 semaines."),
    ("placement-after-the-hand-in-date-says-why", {"partie1": stages(
        SIX_WEEKS_A, ("2026-06-01", "2026-06-12"), ("2027-05-03", "2027-05-28"))}, "check",
     REFUSED, "du 03/05/2027 au 28/05/2027 : finit après la date de remise, non compté"),
    ("no-exam-date-says-hand-in-date", {"voie": "perfectionnement", "partie1": jobs(
        ("2026-09-03", "2027-02-28"))}, "check", REFUSED,
     "Comptés avant la date de remise du 15/04/2027 (date de l'examen non renseignée dans "
     "sessions.yml : on compte jusqu'à la remise)"),
    ("one-year-part-time", {"voie": "experience", "partie1": jobs(
        ("2025-05-01", "2026-04-25", "partiel"))}, "check", OK, "360 jours (12 mois)"),
    ("359-days-part-time", {"voie": "experience", "partie1": jobs(
        ("2025-05-01", "2026-04-24", "partiel"))}, "check", REFUSED,
     "359 jours (11 mois et 29 jours) à temps plein ou partiel du 15/04/2025 au 14/04/2027 pour "
     "12 mois (360 jours) exigés, il manque 1 jour"),
    ("six-months-but-before-the-last-year", {"voie": "perfectionnement", "partie1": jobs(
        ("2025-09-01", "2026-02-28"))}, "check", REFUSED, "aucun jour à temps plein du "
     "15/04/2026 au 14/04/2027 pour 6 mois (180 jours) exigés, il manque 180 jours"),
    ("part-time-year-starting-before-its-window", {"voie": "experience", "partie1": jobs(
        ("2025-03-01", "2026-02-28", "partiel"))}, "check", REFUSED,
     "320 jours (10 mois et 20 jours) à temps plein ou partiel du 15/04/2025"),
    ("six-months-part-time-are-not-enough", {"voie": "experience", "partie1": jobs(
        ("2026-09-01", "2027-02-28", "partiel"))}, "check", REFUSED, "il manque 179 jours"),
    ("full-time-counts-towards-the-part-time-year", {"voie": "experience", "partie1": jobs(
        ("2025-05-01", "2025-10-31", "partiel"), ("2025-11-01", "2026-04-25"))}, "check", OK,
     "11 jours à temps plein sur 12 mois (6 exigés), 360 jours (12 mois) à temps plein ou "
     "partiel sur 24 mois (12 exigés) ✓"),
    # -- part 1 pieces: every page at most A3 in area -----------------------------------------
    ("part1-a2-page", {"voie": "perfectionnement", "files": {
        "partie1/rapport-activite.pdf": ((297, 420), (297, 420), (420, 594))}}, "check",
     REFUSED, "students/ana/partie1/rapport-activite.pdf : rapport d'activité professionnelle, "
     "page 3 au format 420 x 594 mm (A2) : plus grande que le format A3 autorisé"),
    ("part1-a3-pages", {"voie": "perfectionnement", "files": {
        "partie1/rapport-activite.pdf": ((297, 420), (420, 297))}}, "check", OK, "rapport "
     "d'activité ✓"),
    ("stage-report-a2-page", {"files": {"partie1/rapport-roux.pdf": ((420, 594),)}}, "rendre",
     REFUSED, "students/ana/partie1/rapport-roux.pdf : rapport de stage, page 1 au format "
     "420 x 594 mm (A2)"),
    # -- page budget, on hand-built page counts (evaluate) ------------------------------------
    ("15-pages", {"pages": {"principal": 15, "annexes": 0}}, "check", OK, "contenus"),
    ("16-pages", {"pages": {"principal": 16, "annexes": 0}}, "check", REFUSED,
     "document principal (2e partie) : 16 pages pour 15 autorisées (voie scolaire). Il faut "
     "retirer 1 page."),
    ("10-annex-pages", {"pages": {"principal": 9, "annexes": 10}}, "check", OK, "contenus"),
    ("11-annex-pages", {"pages": {"principal": 9, "annexes": 11}}, "check", REFUSED,
     "annexes (2e partie) : 11 pages pour 10 autorisées"),
    ("perfectionnement-20-pages", {"voie": "perfectionnement",
                                   "pages": {"principal": 14, "annexes": 6, "partie1": 30}},
     "check", OK, "contenus"),
    ("perfectionnement-21-pages", {"voie": "perfectionnement",
                                   "pages": {"principal": 15, "annexes": 6, "partie1": 10}},
     "check", REFUSED, "2e partie (annexes comprises) : 21 pages pour 20 autorisées"),
    ("perfectionnement-31-part1-pages", {"voie": "perfectionnement",
                                         "pages": {"principal": 9, "partie1": 31}},
     "check", REFUSED, "1re partie : 31 pages pour 30 autorisées"),
    ("a2-page-in-part-2", {"pages": {"principal": 3}, "sizes": [(420, 297), (594, 420)]},
     "check", REFUSED, "page 2 au format 594 x 420 mm : plus grande que le format A3"),
    ("over-budget-is-never-conforme-even-when-complete", {"pages": {"principal": 19}},
     "publish", REFUSED, "19 pages pour 15 autorisées"),
    # -- contents: only what the reader sees --------------------------------------------------
    ("untouched-template-croquis", {"sections": {"05-croquis.md": SECTION_MD.format(
        title="Croquis", role="croquis", help="Vos croquis.")}}, "check", TODO,
     "croquis (aucune image dans « Croquis »)"),
    ("image-in-inline-code", {"sections": {"05-croquis.md": section(
        "Croquis", "croquis", f"Exemple : `{image('croquis.jpg')}`")}}, "check", TODO,
     "aucune image dans « Croquis »"),
    ("image-in-code-block", {"sections": {"05-croquis.md": section(
        "Croquis", "croquis", f"```\n{image('croquis.jpg')}\n```")}}, "check", TODO,
     "aucune image dans « Croquis »"),
    ("image-in-indented-code", {"sections": {"05-croquis.md": section(
        "Croquis", "croquis", f"Code :\n\n    {image('croquis.jpg')}\n")}}, "check", TODO,
     "aucune image dans « Croquis »"),
    ("image-in-html-comment", {"sections": {"05-croquis.md": section(
        "Croquis", "croquis", f"<!-- {image('croquis.jpg')} -->")}}, "check", TODO,
     "aucune image dans « Croquis »"),
    ("image-seen", {"sections": {"05-croquis.md": section(
        "Croquis", "croquis", f"Premier croquis.\n\n{image('croquis.jpg')}")}}, "check", OK,
     "✓ croquis (« Croquis »)"),
    ("prose-in-code-is-not-text", {"sections": {"01-objectifs.md": section(
        "Objectifs", "objectifs", f"```\n{PROSE}\n```")}}, "check", TODO,
     "moins de 20 mots de texte dans « Objectifs »"),
    ("template-placeholders-are-not-text", {"sections": {"01-objectifs.md": SECTION_MD.format(
        title="Objectifs", role="objectifs", help=PROSE)}}, "check", TODO,
     "moins de 20 mots de texte dans « Objectifs »"),
    ("untouched-couts-yml", {"sections": {"07-couts.md": section(
        "Étude des coûts", "couts", "```couts\n```")},
        "files": {"couts.yml": COUTS_YML.format(session_prev=2026)}}, "check", TODO,
     "il lui faut le bloc ```couts``` et son couts.yml rempli (pas le modèle de « nouveau »)"),
    ("missing-content-blocks-the-hand-in", {"remove": ["05-croquis.md"]}, "rendre", REFUSED,
     "contenu obligatoire manquant : croquis."),
    # -- roles: a section may carry several ----------------------------------------------------
    ("one-section-two-roles", {"remove": ["02-plastiques.md", "03-historiques.md"], "sections": {
        "02-recherches.md": section("Recherches", "[recherches-plastiques, "
                                    "recherches-historiques]", PROSE)}}, "rendre", OK,
     "✓ recherches documentaires historiques (« Recherches »)"),
    # -- cost study: a price without source warns, refused at the hand-in ---------------------
    ("price-without-source-at-build", {"sections": {"07-couts.md": costs(source=False)}},
     "publish", TODO, "prix sans source dans l'étude des coûts : « Argent 925 (argent "
     "massif) » (clé « source »)."),
    ("price-without-source-at-hand-in", {"sections": {"07-couts.md": costs(source=False)}},
     "rendre", REFUSED, "students/ana/sections/07-couts.md:8 : prix sans source"),
    ("price-with-source", {"sections": {"07-couts.md": costs()}}, "rendre", OK,
     "✓ étude des coûts"),
    # edge 5: the costs of making one piece and of producing it
    ("cost-study-without-production-run", {"sections": {"07-couts.md": costs().replace(
        "marge: 35\n", "marge: 35\nseries: [1]\n")}}, "rendre", REFUSED,
     "contenu obligatoire incomplet : étude des coûts de réalisation et de production (ni coût "
     "de réalisation et de production"),
    ("cost-table-of-one-amount", {"sections": {"07-couts.md": section(
        "Étude des coûts", "couts", "| Coût | 45 € |\n|---|---|\n")}}, "check", TODO,
     "ni coût de réalisation et de production"),
    ("cost-table-of-a-piece-and-a-series", {"sections": {"07-couts.md": section(
        "Étude des coûts", "couts", "| Coût | Montant |\n|---|---|\n| Une pièce | 45 € |\n"
        "| Par pièce, série de 20 | 31 € |\n")}}, "rendre", OK, "✓ étude des coûts"),
    # -- dates: the hand-in date and the exam date are two things -----------------------------
    ("hand-in-day", {"today": dt.date(2027, 4, 15)}, "rendre", OK,
     "date de remise du dossier (session 2027) : 15/04/2027, aujourd'hui"),
    ("hand-in-date-passed", {"today": dt.date(2027, 4, 16)}, "check", TODO,
     "date de remise dépassée : le dossier devait être remis le 15/04/2027 (il y a 1 jour)."),
    # edge 3: « controler --rendre » says what « rendre » does: after the date, refused
    ("hand-in-date-passed-at-hand-in", {"today": dt.date(2027, 4, 16)}, "rendre", REFUSED,
     "date de remise dépassée : le dossier devait être remis le 15/04/2027 (il y a 1 jour). "
     "Le recteur fixe cette date : seul l'enseignant peut accepter un rendu hors délai, avec "
     "sa raison (python3 build.py rendre ana --hors-delai \"raison\")."),
    ("hand-in-and-exam-dates", {"examen": "2027-06-10"}, "check", OK,
     "date de remise du dossier (session 2027) : 15/04/2027, dans 14 jours\n"
     "  date de l'examen : 10/06/2027"),
    # edge 6: a session the project does not declare cannot be handed in
    ("unknown-session-at-hand-in", {"session": "2030"}, "rendre", REFUSED,
     "students/ana/dossier.yml : session 2030 inconnue : aucune date de remise n'est déclarée "
     "pour elle, le dossier ne peut pas être rendu. Sessions déclarées : 2027 (remise le "
     "15/04/2027), 2028 (remise le 14/04/2028). Vérifiez « session: » dans dossier.yml ; "
     "l'enseignant déclare une session et sa date de remise (fixée par le recteur) dans "
     "sessions.yml, à côté de mkdocs.yml."),
    ("unknown-session-at-check", {"session": "2030"}, "check", TODO,
     "session 2030 inconnue"),
    # -- front matter and files: French errors with file:line, every one at once --------------
    # -- edge 8: YAML mistakes, each with its line and its cause -----------------------------
    ("unclosed-double-quote", {"edit": {"dossier.yml": (
        "  titre: Pendentif Lune\n  theme: Un thème de test",
        '  titre: "Pendentif Lune\n  theme: Le "croissant" de lune')}}, "check", REFUSED,
     "students/ana/dossier.yml:10 : guillemet non refermé"),
    ("unclosed-single-quote", {"edit": {"dossier.yml": (
        "  titre: Pendentif Lune\n  theme: Un thème de test",
        "  titre: 'Pendentif Lune\n  theme: L'or de la lune")}}, "check", REFUSED,
     "students/ana/dossier.yml:10 : guillemet non refermé"),
    ("key-indented-under-a-key-with-a-value", {"edit": {"dossier.yml": (
        "  theme: Un", "    theme: Un")}}, "check", REFUSED,
     "students/ana/dossier.yml:11 : la clé « theme » est plus en retrait que « titre: » "
     "(ligne 10), qui a déjà une valeur. Alignez-la sur « titre: »"),
    ("no-space-after-colon", {"edit": {"dossier.yml": (
        "  titre: Pendentif", "  titre:Pendentif")}}, "check", REFUSED,
     "students/ana/dossier.yml:10 : il manque une espace après « : »"),
    ("colon-inside-a-value", {"edit": {"dossier.yml": (
        "  titre: Pendentif Lune", "  titre: Pendentif : Lune")}}, "check", REFUSED,
     "students/ana/dossier.yml:10 : deux-points « : » inattendu. Mettez la valeur entre "
     "guillemets"),
    ("weeks-with-a-decimal", {"partie1": stages(11).replace("semaines: 11", "semaines: 11.8")},
     "check", REFUSED, "students/ana/dossier.yml:18 : « semaines » doit être un nombre entier "
     "de semaines, pas « 11.8 »."),
    ("impossible-french-date", {"partie1": stages(("31/02/2026", "2026-03-27"))}, "check",
     REFUSED, "students/ana/dossier.yml:18 : date impossible « 31/02/2026 » : ce jour n'existe "
     "pas."),
    ("impossible-iso-date", {"partie1": stages(("2026-02-30", "2026-03-27"))}, "check",
     REFUSED, "students/ana/dossier.yml:18 : date impossible « 2026-02-30 » : ce jour n'existe "
     "pas."),
    ("missing-attestation-suggests-no-other-placements", {
        "partie1": stages(SIX_WEEKS_A, SIX_WEEKS_B), "delete": ["partie1/attestation-2.pdf"]},
     "check", REFUSED, "attestation de stage introuvable « partie1/attestation-2.pdf ». "
     "Vérifiez le nom et l'emplacement du fichier (majuscules, accents, extension)."),
    ("front-matter-not-closed", {"sections": {"01-objectifs.md": f"---\ntitre: Objectifs\n"
                                              f"role: objectifs\n\n{PROSE}\n"}}, "check",
     REFUSED, "students/ana/sections/01-objectifs.md:1 : l'en-tête ouvert par « --- » n'est "
     "jamais fermé"),
    ("no-header", {"sections": {"01-theorie.md": f"{PROSE}\n"}}, "check", REFUSED,
     "students/ana/sections/01-theorie.md:1 : en-tête manquant : la section n'a pas de titre."),
    ("every-file-problem-at-once", {"sections": {
        "01-objectifs.md": "---\ntitre: Objectifs\n", "02-plastiques.md": "Texte.\n",
        "03-historiques.md": "---\ntitre: X\nrole: historique\n---\nTexte.\n"}}, "check",
     REFUSED, "students/ana/sections/01-objectifs.md:1 : l'en-tête ouvert par « --- »"
     " n'est jamais fermé : tout le fichier serait lu comme en-tête, ou l'en-tête imprimé comme "
     "texte. Ajoutez une ligne « --- » juste après la dernière clé de l'en-tête (« role: ... »),"
     " avant le texte.\nstudents/ana/sections/02-plastiques.md:1 : en-tête manquant"),
    ("two-missing-images-both-reported", {"render": True, "sections": {
        "05-croquis.md": section("Croquis", "croquis", f"{image('a.jpg')}\n\n{image('b.jpg')}"),
        "06-etapes.md": section("Étapes", "etapes", f"{PROSE}\n\n{image('c.jpg')}")}}, "check",
     REFUSED, "students/ana/sections/05-croquis.md:6 : image introuvable « ../images/a.jpg »"
     ". Vérifiez le nom et l'emplacement du fichier (majuscules, accents, extension).\n"
     "students/ana/sections/05-croquis.md:8 : image introuvable « ../images/b.jpg »"),
]


@pytest.mark.parametrize("facts, mode, verdict, fragment",
                         [pytest.param(*row[1:], id=row[0]) for row in ROWS])
def test_case(tmp_path, project, make_dossier, facts, mode, verdict, fragment):
    result, text = verdict_of(tmp_path, project, make_dossier, facts, mode)
    assert result.state == verdict, text
    assert fragment in text


def test_two_missing_images_in_two_files_come_sorted_by_file_and_line(tmp_path, project,
                                                                       make_dossier):
    facts = dict(ROWS[-1][1])
    result, _ = verdict_of(tmp_path, project, make_dossier, facts, "check")
    assert [(p.path.name, p.line) for p in result.errors] == [
        ("05-croquis.md", 6), ("05-croquis.md", 8), ("06-etapes.md", 8)]


def test_the_template_of_new_counts_for_nothing(tmp_path, project):
    from portfolio.dossier.scaffold import scaffold
    for voie in ("scolaire", "perfectionnement"):
        root = scaffold(project / "students", f"Ana {voie}", 2027, voie)
        conformance = assess(load_dossier(root), "check", today=TODAY)
        # Every content of the voie has its section, and none is filled yet.
        assert all(c.sections and not c.present for c in conformance.contents), voie


def test_the_perfectionnement_template_is_valid_once_filled(project):
    """Edge 7: the certificate example of « nouveau --voie perfectionnement », uncommented
    with its files, passes part 1 for the default session (next year's) on the day it is made."""
    from portfolio.dossier.scaffold import scaffold
    today = dt.date(2026, 12, 7)
    root = scaffold(project / "students", "Ana Perf", today.year + 1, "perfectionnement")
    yml = root / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("#   rapport: "))
    last = next(i for i, line in enumerate(lines) if "fichier: partie1/certificat" in line)
    kept = "\n".join(["partie1:", *(line[2:] for line in lines[first:last + 1])])
    yml.write_text(text + "\n" + kept + "\n", encoding="utf-8")
    for word in kept.split():       # the scans; the activity report's .md is scaffolded
        if word.startswith("partie1/") and word.endswith(".pdf"):
            (root / word).parent.mkdir(exist_ok=True)
            (root / word).write_bytes(b"%PDF-1.4\n")
    result = assess(load_dossier(root), "check", today=today)
    assert result.placements.duration_ok, format_conformance(result)
    assert not [f for f in result.findings if f.kind in ("partie1", "prevu")]


# Edge 2: an input error (an impossible date, an A2 annex, missing images) hides no other
# problem: `controler --json` lists them all, sorted by file and line (what refuses the dossier
# now, then what the hand-in would refuse). The issue's dossier: a missing bilan, sketches
# without an image, a 16th page, and then one input error or all of them. A stage whose date
# is refused is not counted short: its date is the reason. Missing images are counted as a 4:3
# photo frame (pdf/output/stand_in.py), and the report says so.
A2 = ((420, 594),)
SIXTEEN_PAGES = {f"{n:02d}-suite-{n}.md": section(f"Suite {n}", "autre", "Une page de plus.")
                 for n in range(10, 18)}     # cover, PROJET's 7 sections, these 8
ISSUE_DOSSIER = {"delete": ["partie1/bilan-roux.pdf"],
                 "sections": {"05-croquis.md": section("Croquis", "croquis", PROSE),
                              **SIXTEEN_PAGES}}
BILAN, CROQUIS = ("dossier.yml:29 : bilan de formation en milieu professionnel introuvable",
                  "sections/05-croquis.md : contenu obligatoire incomplet : croquis")
PAGE_16 = "dossier.yml : document principal (2e partie) : 16 pages pour 15 autorisées"
DATE = "dossier.yml:18 : date impossible « 2026-02-30 » : ce jour n'existe pas."
ANNEXES = ["annexes/01-plan.pdf : page 1 au format 420 x 594 mm",
           "annexes/02-plan.pdf : page 1 au format 420 x 594 mm"]
IMAGES_MISSING = ["sections/06-etapes.md:9 : image introuvable « ../images/a.jpg »",
                  "sections/06-etapes.md:11 : image introuvable « ../images/b.jpg »"]
BAD_DATE = {"partie1": stages(("2026-02-30", "2026-03-27"), SIX_WEEKS_B),
            "delete": ["partie1/bilan-2.pdf"]}
TWO_A2 = {"files": {"annexes/01-plan.pdf": A2, "annexes/02-plan.pdf": A2}}
TWO_IMAGES = {"06-etapes.md": section("Étapes", "etapes",
                                      f"{PROSE}\n\n{image('a.jpg')}\n\n{image('b.jpg')}")}
EVERY_PROBLEM = [
    ("impossible-date", {**ISSUE_DOSSIER, **BAD_DATE},
     [PAGE_16, DATE, BILAN, CROQUIS]),
    ("two-a2-annexes", {**ISSUE_DOSSIER, **TWO_A2}, [*ANNEXES, PAGE_16, BILAN, CROQUIS]),
    ("two-missing-images", {**ISSUE_DOSSIER, "sections": {
        **ISSUE_DOSSIER["sections"], **TWO_IMAGES}}, [PAGE_16, BILAN, *IMAGES_MISSING, CROQUIS]),
    ("all-three-input-errors", {**ISSUE_DOSSIER, **BAD_DATE, **TWO_A2, "sections": {
        **ISSUE_DOSSIER["sections"], **TWO_IMAGES}},
     [*ANNEXES, PAGE_16, DATE, BILAN, *IMAGES_MISSING, CROQUIS]),
]


@pytest.mark.parametrize("facts, reasons", [pytest.param(*row[1:], id=row[0])
                                            for row in EVERY_PROBLEM])
def test_every_problem_at_once_input_errors_included(tmp_path, project, make_dossier, facts,
                                                     reasons):
    from portfolio.builder.report import check_json
    verdict_of(tmp_path, project, make_dossier, facts, "check")     # writes the dossier
    for md in (project / "students" / "ana" / "sections").glob("*.md"):   # a page each,
        #                                                      lines below the first one more
        md.write_text(md.read_text(encoding="utf-8").replace(
            "---\n", "---\nsaut_de_page: oui\n", 1), encoding="utf-8")
    build = build_dossier(project / "students" / "ana",
                          BuildOptions(cache_dir=tmp_path / ".cache", mode="check"))
    report = check_json(build, "check")
    texts = [m["texte"].removeprefix("students/ana/") for m in report["motifs"]]
    assert report["verdict"] == REFUSED
    assert len(texts) == len(reasons), texts
    for text, reason in zip(texts, reasons, strict=True):
        assert text.startswith(reason), (text, reason)
    assert report["pages"]["principal"] == 16          # counted, input errors or not
    framed = [w["message"] for w in report["avertissements"] if "cadre de photo" in w["message"]]
    assert framed == (["pages comptées avec un cadre de photo (format 4:3) à la place des 2 "
                       "images qui ne peuvent pas être imprimées : le compte peut changer quand "
                       "elles seront là."] if IMAGES_MISSING[0] in reasons else [])


def test_the_frame_of_a_missing_image_is_never_named(tmp_path, project, make_dossier):
    """A missing image without alt text: its error names the student's file, and no warning
    names the frame it was counted with."""
    facts = {"sections": {"06-etapes.md": section("Étapes", "etapes",
                                                  f"{PROSE}\n\n![](../images/absente.jpg)")}}
    verdict_of(tmp_path, project, make_dossier, facts, "check")
    build = build_dossier(project / "students" / "ana",
                          BuildOptions(cache_dir=tmp_path / ".cache", mode="check"))
    assert "image introuvable « ../images/absente.jpg »" in str(build.error)
    said = "\n".join(str(w) for w in build.warnings)
    assert "cadre de photo" in said and "image-introuvable" not in said, said
