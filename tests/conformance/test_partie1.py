"""Part 1 pieces and durations (12 weeks; 6 months full / 1 year part time), and the deadline.

The boundaries of the durations and sectors are rows of tests/conformance/test_cases.py; this file
holds the pieces, the keys of dossier.yml, the whole messages and the arithmetic itself.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dossiers import APPRENTISSAGE, CERTIFICATS, STAGES, conforming

from portfolio import ConfigError, load_dossier
from portfolio.conformance import assess
from portfolio.conformance import durations as d

TODAY = dt.date(2027, 4, 1)          # every period of the fixtures is over
E1 = ("La partie de l'épreuve E1 évaluant la formation en milieu professionnel ne pourra pas "
      "être validée.")


def judge(root, mode="rendre", today=TODAY):
    return assess(load_dossier(root), mode, today=today)


def errors(result) -> list[str]:
    return [str(e) for e in result.errors]


def one_stage(debut: str, fin: str, secteur: str = "bijouterie") -> str:
    return APPRENTISSAGE.replace("2025-09-01", debut).replace("2026-06-30", fin).replace(
        "secteur: bijouterie", f"secteur: {secteur}")


def one_job(debut: str, fin: str, temps: str = "plein", secteur: str = "bijouterie") -> str:
    return CERTIFICATS.replace("2026-09-01", debut).replace("2027-02-28", fin).replace(
        "temps: plein", f"temps: {temps}").replace("secteur: bijouterie", f"secteur: {secteur}")


# -- voie scolaire: the pieces of each stage ---------------------------------------------------

def test_a_missing_attestation_file_is_named(project, make_dossier):
    root = conforming(make_dossier, project / "students")
    (root / "partie1" / "attestation-roux.pdf").unlink()
    assert errors(judge(root)) == [
        "students/ana/dossier.yml:27 : attestation de stage introuvable "
        "« partie1/attestation-roux.pdf ». Vérifiez le nom et l'emplacement du fichier "
        "(majuscules, accents, extension)."]


def test_a_stage_without_its_bilan(project, make_dossier):
    partie1 = STAGES.replace("      bilan: partie1/bilan-roux.pdf\n", "")
    assert errors(judge(conforming(make_dossier, project / "students", partie1=partie1))) == [
        "students/ana/dossier.yml:23 : stage chez « Maison Roux » : bilan de formation en "
        "milieu professionnel non déclaré (clé « bilan »). Ajoutez « bilan: "
        "partie1/mon-fichier.pdf ». Sans ces pièces, " + E1[0].lower() + E1[1:]]


def test_a_stage_without_its_attestation(project, make_dossier):
    partie1 = STAGES.replace("      attestation: partie1/attestation-durand.pdf\n", "")
    assert "stage chez « Atelier Durand » : attestation de stage non déclarée (clé " \
        "« attestation »)" in errors(judge(conforming(make_dossier, project / "students",
                                                      partie1=partie1)))[0]


def test_end_before_start(project, make_dossier):
    result = judge(conforming(make_dossier, project / "students",
                              partie1=one_stage("2026-03-29", "2026-01-05")))
    assert "la fin (05/01/2026) est avant le début (29/03/2026)" in errors(result)[0]


def test_dates_may_be_written_the_french_way_and_bad_ones_are_refused(project, make_dossier):
    root = conforming(make_dossier, project / "students",
                      partie1=one_stage("05/01/2026", "29/03/2026"))
    assert judge(root).placements.days == 60      # Monday 5 January -> Sunday 29 March
    yml = root / "dossier.yml"
    yml.write_text(yml.read_text().replace("29/03/2026", "31/02/2026"))
    # A date refused does not stop the load: the dossier's other problems are found with it.
    assert [str(p) for p in load_dossier(root).errors] == [
        "students/ana/dossier.yml:19 : date impossible « 31/02/2026 » : ce jour n'existe pas. "
        "Vérifiez le jour et le mois (JJ/MM/AAAA)."]
    yml.write_text(yml.read_text().replace("31/02/2026", "31-02-2026"))
    assert [str(p) for p in load_dossier(root).errors] == [
        "students/ana/dossier.yml:19 : date invalide « 31-02-2026 ». Écrivez la date sous la "
        "forme 2026-05-31 (ou 31/05/2026)."]


def test_a_misspelt_part1_key_is_refused_with_a_suggestion(project, make_dossier):
    root = conforming(make_dossier, project / "students",
                      partie1=STAGES.replace("      bilan: partie1/bilan-roux", "      bilans: x"))
    with pytest.raises(ConfigError, match="clé inconnue « bilans ».*Vouliez-vous dire « bilan »"):
        load_dossier(root)


@pytest.mark.parametrize("mode, is_error", [("publish", False), ("check", False),
                                             ("rendre", True)])
def test_undeclared_part1_is_a_warning_until_the_hand_in(project, make_dossier, mode, is_error):
    result = judge(conforming(make_dossier, project / "students", partie1=""), mode)
    problems = result.errors if is_error else result.warnings
    assert [str(p) for p in problems] == [
        "students/ana/dossier.yml : pièces de la 1re partie non déclarées : rapports de stage, "
        "bilans et attestations de stage. Déclarez-les dans un bloc « partie1: » de dossier.yml "
        "(voir le modèle de « build.py nouveau »). Sans ces pièces, la partie de l'épreuve E1 "
        "évaluant la formation en milieu professionnel ne pourra pas être validée."]


@pytest.mark.parametrize("mode, is_error", [("publish", False), ("check", True),
                                             ("rendre", True)])
def test_a_declared_but_short_placement_fails_check_and_hand_in(project, make_dossier, mode,
                                                                is_error):
    partie1 = one_stage("2026-01-05", "2026-03-26")      # 59 working days
    result = judge(conforming(make_dossier, project / "students", partie1=partie1), mode)
    assert len(result.errors if is_error else result.warnings) == 1


def test_apprenticeship_has_no_minimum_but_needs_the_same_pieces(project, make_dossier):
    short = one_stage("2026-01-05", "2026-01-30")
    assert judge(conforming(make_dossier, project / "students", "apprentissage",
                            partie1=short)).ok
    missing = short.replace("      rapport: partie1/rapport-durand.pdf\n", "")
    result = judge(conforming(make_dossier, project / "students", "apprentissage", slug="bea",
                              partie1=missing))
    assert "rapport de stage non déclaré (clé « rapport »)" in errors(result)[0]


# -- perfectionnement / expérience: 6 months full time, or 1 year part time ---------------------

def test_a_short_job_gets_the_whole_rule_in_its_message(project, make_dossier):
    root = conforming(make_dossier, project / "students", "experience",
                      partie1=one_job("2026-09-03", "2027-02-28"))
    assert errors(judge(root)) == [
        "students/ana/dossier.yml:14 : durée d'activité dans la bijouterie insuffisante : "
        "179 jours (5 mois et 29 jours) à temps plein du 15/04/2026 au 14/04/2027 pour 6 mois "
        "(180 jours) exigés, il manque 1 jour ; ou 179 jours (5 mois et 29 jours) à temps "
        "plein ou partiel du 15/04/2025 au 14/04/2027 pour 12 mois (360 jours) exigés, il "
        "manque 181 jours. Comptés avant la date de remise du 15/04/2027 (date de l'examen non "
        "renseignée dans sessions.yml : on compte jusqu'à la remise), premier et dernier jour de "
        "chaque certificat compris, 30 jours par mois. Joignez les certificats de travail qui "
        "couvrent cette durée."]


def test_part_time_periods_in_two_years_add_up(project, make_dossier):
    two = CERTIFICATS.replace("temps: plein", "temps: partiel").replace(
        "2026-09-01", "2025-06-01").replace("2027-02-28", "2025-11-30") + """\
    - employeur: Atelier Vidal
      secteur: polissage en bijouterie
      debut: 2026-03-01
      fin: 2026-08-31
      temps: partiel
      fichier: partie1/certificat-vidal.pdf
"""
    result = judge(conforming(make_dossier, project / "students", "perfectionnement",
                              partie1=two))
    assert result.placements.part_time == 183 + 184 and result.ok     # 367 days >= 360


def test_perfectionnement_needs_the_activity_report(project, make_dossier):
    partie1 = CERTIFICATS.replace("  rapport: partie1/rapport-activite.pdf\n", "")
    result = judge(conforming(make_dossier, project / "students", "perfectionnement",
                              partie1=partie1))
    assert errors(result) == [
        "students/ana/dossier.yml:14 : rapport sur l'activité professionnelle non déclaré (clé "
        "« rapport » de « partie1: »). Il relate la structure de l'atelier et son domaine "
        "d'intervention, votre autonomie, le contact avec la clientèle et les aspects "
        "économiques."]


def test_an_unknown_session_cannot_check_durations(project, make_dossier):
    root = conforming(make_dossier, project / "students", "perfectionnement", session="2031")
    result = judge(root)
    assert "session 2031 inconnue : aucune date de remise n'est déclarée pour elle" in \
        errors(result)[0]
    assert "durée d'activité non vérifiable : la session 2031 n'a pas de date de remise. " \
        "L'enseignant la déclare dans sessions.yml, à côté de mkdocs.yml." in errors(result)[1]
    assert result.deadline.remise is None


# -- the hand-in date ------------------------------------------------------------------------

@pytest.mark.parametrize("today, left, warned", [
    (dt.date(2027, 4, 14), 1, False), (dt.date(2027, 4, 15), 0, False),
    (dt.date(2027, 4, 16), -1, True)])
def test_the_deadline_counts_down_and_warns_once_passed(project, make_dossier, today, left,
                                                        warned):
    result = judge(conforming(make_dossier, project / "students"), "publish", today=today)
    assert result.deadline.days_left == left and result.ok
    assert result.summary == result.warnings               # a build prints it too
    assert [str(w) for w in result.warnings] == ([
        "students/ana/dossier.yml : date de remise dépassée : le dossier devait être remis le "
        "15/04/2027 (il y a 1 jour). Le recteur fixe cette date : seul l'enseignant peut "
        "accepter un rendu hors délai, avec sa raison (python3 build.py rendre ana --hors-delai "
        "\"raison\")."] if warned else [])


# -- the arithmetic itself -------------------------------------------------------------------

def test_working_days_calendar_days_and_windows_across_leap_years():
    assert d.workdays([(dt.date(2026, 1, 5), dt.date(2026, 1, 9))]) == 5     # Monday-Friday
    assert d.workdays([(dt.date(2026, 1, 3), dt.date(2026, 1, 4))]) == 0     # a weekend
    assert d.workdays([(dt.date(2026, 1, 5), dt.date(2026, 1, 14)),
                       (dt.date(2026, 1, 12), dt.date(2026, 1, 16))]) == 10  # overlap once
    assert d.days([(dt.date(2028, 2, 28), dt.date(2028, 3, 1))]) == 3        # 29 February
    assert d.days([(dt.date(2027, 9, 1), dt.date(2028, 2, 29))]) == 182
    assert d.window(dt.date(2028, 2, 29), 12) == (dt.date(2027, 2, 28), dt.date(2028, 2, 28))
    assert d.window(dt.date(2029, 3, 1), 24) == (dt.date(2027, 3, 1), dt.date(2029, 2, 28))


@pytest.mark.parametrize("count, weeks, months", [
    (0, "aucun jour", "aucun jour"), (1, "1 jour", "1 jour"), (5, "1 semaine", "5 jours"),
    (7, "1 semaine et 2 jours", "7 jours"), (58, "11 semaines et 3 jours", "1 mois et 28 jours"),
    (60, "12 semaines", "2 mois"), (181, "36 semaines et 1 jour", "6 mois et 1 jour")])
def test_durations_in_french_words(count, weeks, months):
    assert d.format_workdays(count) == weeks
    assert d.format_months(count) == months
