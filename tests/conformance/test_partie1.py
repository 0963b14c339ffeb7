"""Part 1 pieces and durations (12 weeks; 6 months full / 1 year part time), and the deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from dossiers import APPRENTISSAGE, CERTIFICATS, STAGES, conforming

from portfolio import ConfigError, load_dossier
from portfolio.conformance import assess
from portfolio.conformance import durations as d

TODAY = dt.date(2027, 1, 10)
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


# -- voie scolaire: 12 weeks, first and last day included --------------------------------------

@pytest.mark.parametrize("debut, fin, ok", [
    ("2026-01-05", "2026-03-29", True),     # exactly 12 weeks: 84 days
    ("2026-01-05", "2026-03-28", False),    # 11 weeks and 6 days
    ("2028-02-01", "2028-04-24", True),     # across 29 February 2028: 29 + 31 + 24 = 84
    ("2027-02-01", "2027-04-24", False),    # same dates, no 29 February: 83
])
def test_twelve_weeks_at_the_edges(project, make_dossier, debut, fin, ok):
    root = conforming(make_dossier, project / "students", partie1=one_stage(debut, fin))
    result = judge(root)
    assert result.placements.days == (84 if ok else 83)
    assert result.placements.duration_ok is ok
    if not ok:
        assert errors(result) == [
            "students/ana/dossier.yml:14 : formation en milieu professionnel trop courte : "
            "83 jours (11 semaines et 6 jours) déclarés pour 84 jours (12 semaines) exigés. "
            "Le premier et le dernier jour de chaque stage comptent. " + E1]


def test_several_stages_add_up_and_overlaps_count_once(project, make_dossier):
    overlapping = STAGES.replace("2026-01-05", "2025-07-01").replace("2026-02-17", "2025-08-13")
    result = judge(conforming(make_dossier, project / "students", partie1=overlapping))
    # 2 June - 11 July and 1 July - 13 August: 2 June - 13 August = 73 days.
    assert result.placements.days == 73 and not result.ok


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


def test_a_stage_outside_the_jewellery_sector(project, make_dossier):
    partie1 = one_stage("2026-01-05", "2026-03-29", secteur="garage automobile")
    result = judge(conforming(make_dossier, project / "students", partie1=partie1))
    assert errors(result)[0] == (
        "students/ana/dossier.yml:17 : stage chez « Atelier Durand » : le secteur « garage "
        "automobile » ne relève pas de la bijouterie. Seules les activités du secteur de la "
        "bijouterie (bijouterie, joaillerie, sertissage, polissage) comptent.")
    assert result.placements.days == 0          # and its days do not count


def test_end_before_start(project, make_dossier):
    result = judge(conforming(make_dossier, project / "students",
                              partie1=one_stage("2026-03-29", "2026-01-05")))
    assert "la fin (05/01/2026) est avant le début (29/03/2026)" in errors(result)[0]


def test_dates_may_be_written_the_french_way_and_bad_ones_are_refused(project, make_dossier):
    root = conforming(make_dossier, project / "students",
                      partie1=one_stage("05/01/2026", "29/03/2026"))
    assert judge(root).placements.days == 84
    yml = root / "dossier.yml"
    yml.write_text(yml.read_text().replace("29/03/2026", "31/02/2026"))
    with pytest.raises(ConfigError) as caught:
        load_dossier(root)
    assert str(caught.value) == ("students/ana/dossier.yml:19 : date invalide « 31/02/2026 ». "
                                 "Écrivez la date sous la forme 2026-05-31 (ou 31/05/2026).")


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
        "(voir le modèle de « build.py new »). Sans ces pièces, la partie de l'épreuve E1 "
        "évaluant la formation en milieu professionnel ne pourra pas être validée."]


@pytest.mark.parametrize("mode, is_error", [("publish", False), ("check", True),
                                             ("rendre", True)])
def test_a_declared_but_short_placement_fails_check_and_hand_in(project, make_dossier, mode,
                                                                is_error):
    partie1 = one_stage("2026-01-05", "2026-03-28")
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

@pytest.mark.parametrize("debut, fin, temps, ok", [
    ("2026-09-01", "2027-02-28", "plein", True),      # exactly 6 calendar months
    ("2026-09-01", "2027-02-27", "plein", False),     # one day short
    ("2026-10-15", "2027-04-14", "plein", True),      # ends the day before the exam
    ("2026-10-15", "2027-04-13", "plein", False),     # 5 months and 30 days
    ("2025-09-01", "2026-02-28", "plein", False),     # 6 months, but before the last year
    ("2025-05-01", "2026-04-30", "partiel", True),    # a year part time, across two years
    ("2025-05-01", "2026-04-29", "partiel", False),
    ("2025-03-01", "2026-02-28", "partiel", False),   # starts before the two-year window
    ("2026-09-01", "2027-02-28", "partiel", False),   # 6 months part time are not enough
])
def test_work_certificates_at_the_edges(project, make_dossier, debut, fin, temps, ok):
    root = conforming(make_dossier, project / "students", "perfectionnement",
                      partie1=one_job(debut, fin, temps))
    result = judge(root)
    assert result.placements.duration_ok is ok
    assert result.ok is ok


def test_a_short_job_gets_the_whole_rule_in_its_message(project, make_dossier):
    root = conforming(make_dossier, project / "students", "experience",
                      partie1=one_job("2026-09-01", "2027-02-27"))
    assert errors(judge(root)) == [
        "students/ana/dossier.yml:14 : durée d'activité dans la bijouterie insuffisante : "
        "5 mois et 27 jours à temps plein du 15/04/2026 au 14/04/2027 (6 mois exigés) ; ou "
        "5 mois et 27 jours à temps plein ou partiel du 15/04/2025 au 14/04/2027 (12 mois "
        "exigés). Comptés avant l'examen du 15/04/2027, premier et dernier jour compris. "
        "Joignez les certificats de travail qui couvrent cette durée."]


def test_part_time_periods_in_two_years_add_up(project, make_dossier):
    two = CERTIFICATS.replace("temps: plein", "temps: partiel").replace(
        "2026-09-01", "2025-06-01").replace("2027-02-28", "2025-11-30") + """\
    - employeur: Atelier Vidal
      secteur: polissage
      debut: 2026-03-01
      fin: 2026-08-31
      temps: partiel
      fichier: partie1/certificat-vidal.pdf
"""
    result = judge(conforming(make_dossier, project / "students", "perfectionnement",
                              partie1=two))
    assert result.placements.part_time == (12, 0) and result.ok


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
    assert "durée d'activité non vérifiable : la session 2031 n'a pas de date" in \
        errors(result)[0]
    assert "session 2031 inconnue des règles" in str(result.warnings[0])
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
        "15/04/2027 (il y a 1 jour). Le recteur fixe cette date : voyez avec votre "
        "établissement."] if warned else [])


# -- the arithmetic itself -------------------------------------------------------------------

def test_calendar_months_and_windows_across_leap_years():
    assert d.months([(dt.date(2028, 2, 1), dt.date(2028, 2, 29))]) == (1, 0)
    assert d.months([(dt.date(2027, 9, 1), dt.date(2028, 2, 29))]) == (6, 0)
    assert d.months([(dt.date(2027, 9, 1), dt.date(2028, 2, 28))]) == (5, 28)
    assert d.window(dt.date(2028, 2, 29), 12) == (dt.date(2027, 2, 28), dt.date(2028, 2, 28))
    assert d.window(dt.date(2029, 3, 1), 24) == (dt.date(2027, 3, 1), dt.date(2029, 2, 28))
    assert d.days([(dt.date(2028, 2, 28), dt.date(2028, 3, 1))]) == 3
    assert d.format_days(83) == "83 jours (11 semaines et 6 jours)"
    assert d.format_months((12, 0)) == "12 mois"
