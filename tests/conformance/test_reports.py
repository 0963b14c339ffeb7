"""What the regulation asks each part 1 piece written in the tool to say (rules/rapports.yml):
rows of Markdown in, messages out, boundaries included; then the same rules through a dossier
on disk (verdict per mode, file and line), the activity coverage and the signed bilan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dossiers import STAGES, conforming

from portfolio import ConfigError, load_dossier
from portfolio.conformance import assess
from portfolio.conformance.reports import coverage, piece_problems
from portfolio.dossier.model import Section
from portfolio.rules.reports import load_report_rules

RULES = load_report_rules()
TODAY = dt.date(2027, 1, 10)
PATH = Path("students/ana/partie1/rapport.md")
WHO = "rapport de stage (stage chez « Atelier Durand »)"


def words(n: int) -> str:
    """``n`` words a reader sees (none of them one of the rules' words)."""
    return " ".join(["joli"] * n)


def prose(*extra: str) -> str:
    return words(RULES.min_words) + " " + " ".join(extra)


DEVIS = """\
```devis
objet: Mise à taille
lignes:
  - {designation: Main-d'œuvre, montant: 25}
tva: 20
prix_marche: 40
source: trois bijouteries du quartier
```
"""

STAGE = {      # a stage report that says all the regulation asks, part by part
    "cadre": f"## Le cadre\n\n{prose()}\n",
    "activites": f"## Les travaux significatifs\n\n{prose()}\n",
    "autonomie": f"## Mon autonomie\n\n{prose()}\n",
    "collectif": f"## Le travail en équipe\n\n{prose()}\n",
    "devis": f"## Un devis\n\n{prose('comparé au prix du marché')}\n\n{DEVIS}",
}
BILAN = {
    "competences": f"## Compétences du contrat\n\n{prose()}\n",
    "connaissances": f"## Connaissances acquises\n\n{prose()}\n",
    "taches": f"## Tâches confiées\n\n{prose('toutes pertinentes')}\n",
    "points-faibles": f"## Points faibles\n\n{prose('il est proposé de reprendre')}\n",
}
ACTIVITE = {
    "structure": f"## L'atelier et son domaine\n\n{prose()}\n",
    "situations": f"## Trois situations\n\n{prose()}\n",
    "autonomie": f"## Mon autonomie\n\n{prose()}\n",
    "implication": f"## Mon implication\n\n{prose()}\n",
    "clientele": f"## La clientèle\n\n{prose()}\n",
    "economie": f"## Les aspects économiques\n\n{prose()}\n",
}
PLANS = {"stage": STAGE, "bilan": BILAN, "activite": ACTIVITE}


def section(body: str) -> Section:
    # The body starts on line 4 of the file (after a front matter of three lines).
    return Section(path=PATH, slug="rapport", title="Rapport", role="autre", body=body,
                   body_line=4, part1=True)


def messages(kind: str, body: str) -> list[str]:
    return [str(p) for p in piece_problems(kind, section(body), WHO, RULES)]


def without(kind: str, element: str, replacement: str = "") -> str:
    return "\n".join(replacement if key == element else text
                     for key, text in PLANS[kind].items())


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_a_piece_that_says_everything_passes(kind):
    assert messages(kind, without(kind, "")) == []


AIDE = {(k, e.id): e for k, elements in RULES.elements.items() for e in elements}


@pytest.mark.parametrize(("kind", "element"), sorted(AIDE))
def test_each_element_missing_is_named_with_the_heading_to_add(kind, element):
    wanted = AIDE[kind, element]
    assert messages(kind, without(kind, element)) == [
        f"{PATH}:4 : {WHO} : {wanted.label} à aborder (aucun titre n'en parle). Ajoutez une "
        f"partie « ## {wanted.title} » : {wanted.help}"]


# (kind, element, the element's part as written, expected messages): boundaries of the words
# under a heading, the words a heading is known by, what its text must also say. Each part of a
# plan takes four lines from line 4: the k-th part's heading is on line 4 + 4k.
SHORT = RULES.min_words - 1
ROWS = [
    # a report missing autonomy: its heading is there but under the minimum of words
    ("stage", "autonomie", f"## Mon autonomie\n\n{words(SHORT)}\n",
     [f"{PATH}:12 : {WHO} : « Mon autonomie » est à compléter ({SHORT} mots, "
      f"{RULES.min_words} au moins). Écrivez-y {AIDE['stage', 'autonomie'].help}"]),
    ("stage", "autonomie", f"## Mon autonomie\n\n{words(RULES.min_words)}\n", []),
    ("stage", "autonomie", "## Autonomie\n\n<!-- une note -->\n",
     [f"{PATH}:12 : {WHO} : « Autonomie » est à compléter (0 mot, {RULES.min_words} au "
      f"moins). Écrivez-y {AIDE['stage', 'autonomie'].help}"]),
    # a heading is known by its word, accents and case aside, at any level, in any order
    ("stage", "autonomie", f"### CE QUE J'AI FAIT EN AUTONOMIE\n\n{prose()}\n", []),
    ("stage", "collectif", f"## Ma place dans l'équipe\n\n{prose()}\n", []),
    ("stage", "collectif", f"## Le travail collectif\n\n{prose()}\n", []),
    # a word inside another one is not the word ("autonomie" is not in "hétéronomie")
    ("stage", "autonomie", f"## Hétéronomie\n\n{prose()}\n",
     [f"{PATH}:4 : {WHO} : le niveau d'autonomie à aborder (aucun titre n'en parle). Ajoutez "
      f"une partie « ## Mon niveau d'autonomie » : {AIDE['stage', 'autonomie'].help}"]),
    # a heading inside a code block is not a heading
    ("stage", "autonomie", f"```\n## Mon autonomie\n```\n\n{prose()}\n",
     [f"{PATH}:4 : {WHO} : le niveau d'autonomie à aborder (aucun titre n'en parle). Ajoutez "
      f"une partie « ## Mon niveau d'autonomie » : {AIDE['stage', 'autonomie'].help}"]),
    # the devis: against the market price, in words or in the block
    ("stage", "devis", f"## Un devis\n\n{prose()}\n",
     [f"{PATH}:20 : {WHO} : le devis n'est pas comparé au prix du marché. "
      + AIDE["stage", "devis"].required_help]),
    ("stage", "devis", f"## Un devis\n\n{prose('prix du marché : 40 €')}\n", []),
    ("stage", "devis", f"## Un devis\n\n{prose()}\n\n{DEVIS}", []),
    ("stage", "devis", f"## Un devis\n\n<!-- prix du marché -->\n{prose()}\n",
     [f"{PATH}:20 : {WHO} : le devis n'est pas comparé au prix du marché. "
      + AIDE["stage", "devis"].required_help]),
    # a devis block without market price, or without its source
    ("stage", "devis", f"## Un devis\n\n{prose('prix du marché')}\n\n"
     + DEVIS.replace("prix_marche: 40\n", ""),
     [f"{PATH}:24 : {WHO} : le devis « Mise à taille » n'est pas comparé au prix du marché. "
      "Ajoutez « prix_marche: » (le prix d'un travail semblable, TTC si le devis a une TVA) "
      "et « source: » (où vous l'avez relevé) : le règlement demande de prendre « pour "
      "référence le prix du marché »."]),
    ("stage", "devis", f"## Un devis\n\n{prose('prix du marché')}\n\n"
     + DEVIS.replace("source: trois bijouteries du quartier\n", ""),
     [f"{PATH}:24 : {WHO} : le prix du marché du devis « Mise à taille » n'a pas de source. "
      "Ajoutez « source: » : où et quand ce prix a été relevé (catalogue, trois bijouteries "
      "du quartier, site d'un fabricant...)."]),
    # a bilan: the tasks' relevance to the contract, remedies to the weak points
    ("bilan", "taches", f"## Tâches confiées\n\n{prose()}\n",
     [f"{PATH}:12 : {WHO} : la pertinence des tâches par rapport au contrat n'est pas "
      "évaluée. " + AIDE["bilan", "taches"].required_help]),
    ("bilan", "points-faibles", f"## Points faibles\n\n{prose()}\n",
     [f"{PATH}:16 : {WHO} : aucune proposition pour remédier aux points faibles. "
      + AIDE["bilan", "points-faibles"].required_help]),
    ("bilan", "points-faibles", f"## Points faibles et remédiation\n\n{prose()}\n",
     [f"{PATH}:16 : {WHO} : aucune proposition pour remédier aux points faibles. "
      + AIDE["bilan", "points-faibles"].required_help]),
    ("bilan", "points-faibles", f"## Difficultés\n\n{prose('à remédier en atelier')}\n", []),
    # the activity report: customers and economics
    ("activite", "clientele", f"## Mes clients\n\n{prose()}\n", []),
    ("activite", "economie", "## Les aspects économiques\n\n",
     [f"{PATH}:24 : {WHO} : « Les aspects économiques » est à compléter (0 mot, "
      f"{RULES.min_words} au moins). Écrivez-y {AIDE['activite', 'economie'].help}"]),
]


@pytest.mark.parametrize(("kind", "element", "part", "expected"), ROWS)
def test_rules_of_the_pieces(kind, element, part, expected):
    assert messages(kind, without(kind, element, part)) == expected


def test_the_regulations_activities_covered_by_the_reports():
    reports = [section("## Cadre\n\nJ'ai conseillé une cliente et fait l'inventaire du "
                       "stock.\n"),
               section("<!-- conseil, contrôle -->\nJ'ai contrôlé la conformité.\n")]
    table = {activity.label: found for activity, found in coverage(reports, RULES)}
    assert table["conseiller"] == [reports[0]]
    assert table["apporter toutes informations sur l'évolution des stocks"] == [reports[0]]
    assert table["contrôler la conformité"] == [reports[1]]    # not from the comment
    assert table["étudier la faisabilité"] == []
    assert len(table) == 13


# -- through a dossier on disk -----------------------------------------------------------------

STAGES_MD = STAGES.replace(       # the first stage's report and bilan written in the tool
    "      rapport: partie1/rapport-durand.pdf\n      bilan: partie1/bilan-durand.pdf\n",
    "      rapport: partie1/rapport-durand.md\n      bilan: partie1/bilan-durand.md\n"
    "      bilan_signe: partie1/bilan-durand.pdf\n")
ALL_ACTIVITIES = ("J'ai pris en charge un projet, étudié la faisabilité, recherché des "
                  "informations, proposé une solution, choisi une méthode, sélectionné les "
                  "moyens, réalisé la pièce, fait la finition, contrôlé, informé, "
                  "conseillé, "
                  "tenu les délais et fait l'inventaire du stock.")


def written(make_dossier, project, report: str, bilan: str = without("bilan", ""),
            partie1: str = STAGES_MD) -> Path:
    root = conforming(make_dossier, project / "students", partie1=partie1)
    head = "---\ntitre: Rapport\n---\n"
    (root / "partie1" / "rapport-durand.md").write_text(head + report, encoding="utf-8")
    (root / "partie1" / "bilan-durand.md").write_text(head + bilan, encoding="utf-8")
    (root / "partie1" / "bilan-durand.pdf").write_bytes(
        (root / "partie1" / "bilan-roux.pdf").read_bytes())
    return root


def test_a_report_missing_autonomy_is_to_complete_then_refused_at_the_hand_in(project,
                                                                               make_dossier):
    root = written(make_dossier, project, without("stage", "autonomie") + ALL_ACTIVITIES)
    message = ("students/ana/partie1/rapport-durand.md:4 : rapport de stage (stage chez "
               "« Atelier Durand ») : le niveau d'autonomie à aborder (aucun titre n'en parle). "
               "Ajoutez une partie « ## Mon niveau d'autonomie » : "
               + AIDE["stage", "autonomie"].help)
    checked = assess(load_dossier(root), "check", today=TODAY)
    assert [str(p) for p in checked.pending] == [message]
    assert checked.errors == []                      # "à compléter", not refused
    handed = assess(load_dossier(root), "rendre", today=TODAY)
    assert [str(p) for p in handed.errors] == [message]


def test_a_complete_report_and_bilan_pass(project, make_dossier):
    root = written(make_dossier, project, without("stage", "") + ALL_ACTIVITIES)
    result = assess(load_dossier(root), "rendre", today=TODAY)
    assert result.errors == [] and result.warnings == []
    assert all(found for _, found in result.placements.coverage)


def test_activities_no_report_mentions_are_one_warning(project, make_dossier):
    root = written(make_dossier, project, without("stage", ""))
    result = assess(load_dossier(root), "rendre", today=TODAY)
    assert result.errors == []
    [warning] = [str(p) for p in result.warnings]
    assert warning.startswith("students/ana/dossier.yml:14 : activités du règlement qu'aucun "
                              "rapport de stage n'aborde : prendre en charge un projet, "
                              "étudier la faisabilité, ")
    assert "« doit notamment porter sur »" in warning


def test_a_bilan_written_here_asks_for_its_signed_scan(project, make_dossier):
    partie1 = STAGES_MD.replace("      bilan_signe: partie1/bilan-durand.pdf\n", "")
    root = written(make_dossier, project, without("stage", "") + ALL_ACTIVITIES,
                   partie1=partie1)
    result = assess(load_dossier(root), "rendre", today=TODAY)
    assert [str(p) for p in result.errors] == [
        "students/ana/dossier.yml:22 : bilan (stage chez « Atelier Durand ») : le scan du bilan "
        "signé n'est pas joint (clé « bilan_signe »). Le bilan est « établi conjointement "
        "par "
        "le tuteur, l'équipe pédagogique et le candidat » : imprimez-le, faites-le signer, "
        "numérisez-le et ajoutez « bilan_signe: partie1/bilan-signe.pdf »."]


def test_a_signed_scan_not_found_is_named(project, make_dossier):
    root = written(make_dossier, project, without("stage", "") + ALL_ACTIVITIES)
    (root / "partie1" / "bilan-durand.pdf").unlink()
    result = assess(load_dossier(root), "check", today=TODAY)
    assert [str(p) for p in result.errors] == [
        "students/ana/dossier.yml:23 : bilan signé introuvable « partie1/bilan-durand.pdf ». "
        "Vouliez-vous dire « partie1/bilan-durand.md » ?"]


def test_a_placement_without_its_report_is_named(project, make_dossier):
    partie1 = STAGES_MD.replace("      rapport: partie1/rapport-durand.md\n", "")
    root = written(make_dossier, project, "", partie1=partie1)
    result = assess(load_dossier(root), "check", today=TODAY)
    assert [str(p) for p in result.errors] == [
        "students/ana/dossier.yml:16 : stage chez « Atelier Durand » : rapport de stage non "
        "déclaré (clé « rapport »). Ajoutez « rapport: partie1/mon-fichier.pdf ». Sans ces "
        "pièces, la partie de l'épreuve E1 évaluant la formation en milieu professionnel ne "
        "pourra pas être validée."]


def test_a_report_declared_but_not_written_yet_is_named(project, make_dossier):
    root = written(make_dossier, project, "")
    (root / "partie1" / "rapport-durand.md").unlink()
    result = assess(load_dossier(root), "check", today=TODAY)
    assert [str(p) for p in result.errors] == [
        "students/ana/dossier.yml:21 : rapport de stage introuvable « partie1/rapport-durand.md "
        "». Vérifiez le nom et l'emplacement du fichier (majuscules, accents, extension)."]


def test_a_label_split_by_a_comma_in_the_rules_is_refused(tmp_path):
    text = (Path(__file__).resolve().parents[2] / "portfolio" / "rules" / "rapports.yml"
            ).read_text(encoding="utf-8")
    broken = tmp_path / "rapports.yml"
    broken.write_text(text.replace('"le cadre du stage (l\'entreprise, l\'atelier, son '
                                   'activité)"', "le cadre (l'entreprise, l'atelier)"),
                      encoding="utf-8")
    assert text != broken.read_text(encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_report_rules(broken)
    assert "clé inconnue « l'atelier) » dans l'élément « cadre »" in str(caught.value)
    assert all(a.label.endswith(")") or "(" not in a.label for a in RULES.activities)
