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
from portfolio.budget import evaluate
from portfolio.conformance import assess, format_conformance, judge
from portfolio.errors import DossierError
from portfolio.pdf.count import PageCount
from portfolio.rules import RULES_FILE, load_rules
from portfolio.scaffold import COUTS_YML, SECTION_MD

TODAY = dt.date(2027, 1, 10)          # session 2027: hand-in (remise) on 2027-04-15
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


def rules_with_exam(tmp_path, examen: str):
    path = tmp_path / "voies.yml"
    path.write_text(RULES_FILE.read_text(encoding="utf-8").replace(
        "  2027:\n    remise: 2027-04-15\n",
        f"  2027:\n    remise: 2027-04-15\n    examen: {examen}\n"), encoding="utf-8")
    return load_rules(path)


def verdict_of(tmp_path, project, make_dossier, facts: dict, mode: str):
    """Build the dossier the row describes and judge it: (Judgement, French text)."""
    voie = facts.get("voie", "scolaire")
    sections = {**VOIES[voie][0], **(facts.get("sections") or {})}   # complete, then the row's
    for name in facts.get("remove", ()):
        del sections[name]
    root = conforming(make_dossier, project / "students", voie, sections=sections,
                      partie1=facts.get("partie1"))
    for name, content in (facts.get("files") or {}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            a_pdf(target, *content)
        else:
            target.write_text(content, encoding="utf-8")
    rules = rules_with_exam(tmp_path, facts["examen"]) if "examen" in facts else None
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
    conformance = assess(dossier, mode, today=today, rules=rules)
    budget = None
    if "pages" in facts:
        parts = facts["pages"]
        sizes = facts.get("sizes", [(420.0, 297.0)] * sum(parts.values()))
        budget = evaluate(dossier, PageCount(dict(parts), [], sizes, front_pages=2), rules)
    result = judge(None, budget, conformance)
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
    ("certificate-ends-the-day-before-the-exam", {
        "voie": "perfectionnement", "examen": "2027-06-10",
        "partie1": jobs(("2026-12-12", "2027-06-09"))}, "check", OK,
     "avant l'examen du 10/06/2027 : 180 jours (6 mois) à temps plein sur 12 mois (6 exigés)"),
    ("certificate-ends-the-day-of-the-exam", {
        "voie": "perfectionnement", "examen": "2027-06-10",
        "partie1": jobs(("2026-12-13", "2027-06-10"))}, "check", REFUSED,
     "179 jours (5 mois et 29 jours) à temps plein du 10/06/2026 au 09/06/2027 pour 6 mois "
     "(180 jours) exigés, il manque 1 jour"),
    ("no-exam-date-says-hand-in-date", {"voie": "perfectionnement", "partie1": jobs(
        ("2026-09-03", "2027-02-28"))}, "check", REFUSED,
     "Comptés avant la date de remise du 15/04/2027 (date de l'examen non renseignée dans les "
     "règles : on compte jusqu'à la remise)"),
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
    # -- dates: the hand-in date and the exam date are two things -----------------------------
    ("hand-in-date-passed", {"today": dt.date(2027, 4, 16)}, "check", OK,
     "date de remise dépassée : le dossier devait être remis le 15/04/2027 (il y a 1 jour)."),
    ("hand-in-and-exam-dates", {"examen": "2027-06-10"}, "check", OK,
     "date de remise du dossier (session 2027) : 15/04/2027, dans 95 jours\n"
     "  date de l'examen : 10/06/2027"),
    # -- front matter and files: French errors with file:line, every one at once --------------
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
    from portfolio.scaffold import scaffold
    for voie in ("scolaire", "perfectionnement"):
        root = scaffold(project / "students", f"Ana {voie}", 2027, voie)
        conformance = assess(load_dossier(root), "check", today=TODAY)
        # Every content of the voie has its section, and none is filled yet.
        assert all(c.sections and not c.present for c in conformance.contents), voie
