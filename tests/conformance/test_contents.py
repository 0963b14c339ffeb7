"""Required contents of part 2: a conforming dossier per voie, then one content missing at once."""

from __future__ import annotations

import datetime as dt

import pytest
from dossiers import COSTS_TABLE, PROJET, PROSE, VOIES, conforming, section

from portfolio import load_dossier
from portfolio.conformance import assess
from portfolio.rules import RULES_FILE, load_rules

TODAY = dt.date(2027, 4, 1)


def judge(root, mode="rendre", **kwargs):
    return assess(load_dossier(root), mode, today=TODAY, **kwargs)


@pytest.mark.parametrize("voie", list(VOIES))
def test_a_complete_dossier_of_each_voie_conforms(project, make_dossier, voie):
    result = judge(conforming(make_dossier, project / "students", voie))
    assert result.errors == [] and result.warnings == []
    assert all(c.present for c in result.contents)
    assert result.placements.duration_ok in (True, None)
    assert result.deadline.days_left == 14


MISSING = [  # file removed from PROJET -> label of the content that goes missing, roles
    ("01-objectifs.md", "objectifs du projet", "« role: objectifs » rédigée (au moins 20 mots)"),
    ("02-plastiques.md", "recherches documentaires plastiques",
     "« role: recherches-plastiques » rédigée (au moins 20 mots)"),
    ("03-historiques.md", "recherches documentaires historiques",
     "« role: recherches-historiques » rédigée (au moins 20 mots)"),
    ("04-techniques.md", "recherches documentaires techniques",
     "« role: recherches-techniques » rédigée (au moins 20 mots)"),
    ("05-croquis.md", "croquis", "« role: croquis » avec au moins une image"),
    ("07-couts.md", "étude des coûts de réalisation et de production",
     "« role: couts » contenant le bloc ```couts``` (ou un tableau chiffré en € du coût d'une "
     "pièce et de sa production en série)"),
]


@pytest.mark.parametrize("name, label, wanted", MISSING)
def test_each_missing_content_is_named_with_what_to_add(project, make_dossier, name, label,
                                                        wanted):
    sections = {k: v for k, v in PROJET.items() if k != name}
    result = judge(conforming(make_dossier, project / "students", sections=sections))
    assert [str(e) for e in result.errors] == [
        f"students/ana/sections : contenu obligatoire manquant : {label}. "
        f"Ajoutez une section avec {wanted}."]
    assert [c.content.id for c in result.missing] == [
        c.id for c in load_rules().voies["scolaire"].contents if c.label == label]


def test_missing_stages_also_lose_their_comments(project, make_dossier):
    sections = {k: v for k, v in PROJET.items() if k != "06-etapes.md"}
    result = judge(conforming(make_dossier, project / "students", sections=sections))
    assert [str(e) for e in result.errors] == [
        "students/ana/sections : contenu obligatoire manquant : étapes de présentation "
        "esthétique et de réalisation technique. Ajoutez une section avec « role: etapes » "
        "avec au moins une image et rédigée (au moins 20 mots).",
        "students/ana/sections : contenu obligatoire manquant : remarques et commentaires "
        "étayant les principales étapes. Ajoutez une section avec « role: commentaires » "
        "(ou « role: etapes ») rédigée (au moins 20 mots)."]


def test_a_separate_comments_section_backs_stages_shown_in_pictures(project, make_dossier):
    pictures = section("Étapes", "etapes", "![Fonte](../images/etape.jpg)")
    sections = {**PROJET, "06-etapes.md": pictures,
                "08-commentaires.md": section("Commentaires", "commentaires", PROSE)}
    result = judge(conforming(make_dossier, project / "students", sections=sections))
    # The comments are there; the stages section itself still lacks its text.
    assert [c.content.id for c in result.missing] == ["etapes"]
    assert "contenu obligatoire incomplet : étapes de présentation esthétique et de " \
        "réalisation technique (moins de 20 mots de texte dans « Étapes »)" in str(result.errors[0])


def test_croquis_without_an_image_is_incomplete(project, make_dossier):
    sections = {**PROJET, "05-croquis.md": section("Croquis", "croquis", PROSE)}
    result = judge(conforming(make_dossier, project / "students", sections=sections))
    assert [str(e) for e in result.errors] == [
        "students/ana/sections/05-croquis.md : contenu obligatoire incomplet : croquis "
        "(aucune image dans « Croquis »). Complétez cette section : il lui faut au moins "
        "une image."]


@pytest.mark.parametrize("body, ok", [
    ("```couts\n```\n", True),                                    # the cost study block
    ("~~~couts\nmarge: 30\n~~~\n", True),
    (COSTS_TABLE, True),                                          # a table with amounts
    ("| Poste | Prix (€) |\n|---|---|\n| Pièce | 12,50 |\n| Série de 10 | 9 |\n", True),
    ("| Poste | Prix (€) |\n|---|---|\n| Argent | 12,50 |\n", False),   # no production
    ("| Coût | 45 € |\n|---|---|\n", False),                       # one amount alone
    ("```couts\nmain_oeuvre:\n  - operation: Fonte\n    heures: 2\ntaux_horaire: 25\n"
     "frais_generaux: 30\nmarge: 30\nseries: [1]\n```\n", False),     # no production run
    ("```couts\nmain_oeuvre:\n  - operation: Fonte\n    heures: 2\ntaux_horaire: 25\n"
     "frais_generaux: 30\nmarge: 30\nseries: [1, 10]\n```\n", True),
    ("| Poste | Temps |\n|---|---|\n| Fonte | 2 h |\n", False),   # a table, no amount
    ("Le bijou coûte 80 € environ, sans détail.", False),        # no table, no block
    ("<!--\n```couts\n```\n-->\n", False),                        # commented out
    ("```python\ncouts = 3\n```\n", False),
])
def test_a_cost_section_needs_the_couts_block_or_a_table_of_amounts(project, make_dossier,
                                                                    body, ok):
    sections = {**PROJET, "07-couts.md": section("Étude des coûts", "couts", body)}
    result = judge(conforming(make_dossier, project / "students", sections=sections))
    assert result.ok is ok
    if not ok:
        assert "ni coût de réalisation et de production" in str(result.errors[0])


def test_a_required_content_may_sit_in_the_annexes(project, make_dossier):
    sections = {k: v for k, v in PROJET.items() if k != "04-techniques.md"}
    root = conforming(make_dossier, project / "students", sections=sections)
    (root / "annexes").mkdir()
    (root / "annexes" / "01-techniques.md").write_text(
        section("Fiche technique", "recherches-techniques", PROSE), encoding="utf-8")
    assert judge(root).ok


def test_template_instructions_in_comments_do_not_count_as_text(project, make_dossier):
    hidden = f"<!-- {PROSE} -->\n\nÀ écrire."
    sections = {**PROJET, "01-objectifs.md": section("Objectifs", "objectifs", hidden)}
    result = judge(conforming(make_dossier, project / "students", sections=sections))
    assert "moins de 20 mots de texte dans « Objectifs »" in str(result.errors[0])


def test_perfectionnement_needs_its_own_contents(project, make_dossier):
    # A scolaire project (croquis, étapes...) lacks schemas, gouachés, gestion for this voie.
    result = judge(conforming(make_dossier, project / "students", "perfectionnement",
                              sections=PROJET))
    assert [c.content.id for c in result.missing] == ["schemas", "gouaches", "gestion"]
    assert "contenu obligatoire manquant : gouachés et/ou maquettes de présentation. " \
        "Ajoutez une section avec « role: gouaches » avec au moins une image." in \
        " ".join(str(e) for e in result.errors)


@pytest.mark.parametrize("mode, is_error", [("preview", False), ("publish", False),
                                             ("check", False), ("rendre", True)])
def test_a_missing_content_blocks_only_the_hand_in_by_default(project, make_dossier, mode,
                                                            is_error):
    sections = {k: v for k, v in PROJET.items() if k != "07-couts.md"}
    result = judge(conforming(make_dossier, project / "students", sections=sections), mode)
    assert len(result.errors if is_error else result.warnings) == 1
    assert len(result.warnings if is_error else result.errors) == 0


def test_strictness_is_data_a_school_can_make_build_refuse(project, make_dossier, tmp_path):
    rules_file = tmp_path / "voies.yml"
    rules_file.write_text(RULES_FILE.read_text(encoding="utf-8").replace(
        "  publish: {contenus: avertissement,", "  publish: {contenus: erreur,"),
        encoding="utf-8")
    sections = {k: v for k, v in PROJET.items() if k != "07-couts.md"}
    root = conforming(make_dossier, project / "students", sections=sections)
    result = judge(root, "publish", rules=load_rules(rules_file))
    assert "contenu obligatoire manquant : étude des coûts" in str(result.errors[0])
