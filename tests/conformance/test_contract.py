"""The training contract as data (contrat-formation.yml: the class's beside mkdocs.yml, a
student's in the dossier): which list each stage gets, the mistakes a teacher can make, what the
bilan's table must hold (rows in, messages out), and the same through a dossier on disk, the
bilan form and the scaffolded bilan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dossiers import STAGES, conforming

from portfolio import load_dossier
from portfolio.cli.part1 import cmd_part1
from portfolio.conformance import assess
from portfolio.conformance.bilan_form import bilan_forms
from portfolio.conformance.bilans import contract_problems
from portfolio.dossier.contract import CONTRACT_FILE, Competences, stage_competences
from portfolio.dossier.model import Section
from portfolio.util.errors import DossierError

CLASS = "competences: [Analyser, Assembler]\nstages:\n  2: [Sertir]\n"
OWN = "stages:\n  1: [Polir]\n"

RESOLVED = [   # (class file, student's file, stage) -> its competences (None: no contract)
    (None, None, 1, None),
    (CLASS, None, 1, ("Analyser", "Assembler")),
    (CLASS, None, 2, ("Sertir",)),
    (CLASS, None, 3, ("Analyser", "Assembler")),
    (CLASS, OWN, 1, ("Polir",)),                    # the student's stage 1 first
    (CLASS, OWN, 2, ("Sertir",)),                   # the class's stage 2 next
    (CLASS, "competences: [Limer]\n", 2, ("Limer",)),    # the student's every stage before
    (None, OWN, 2, None),
    ("competences:\n  - Analyser\n  - '  Analyser '\n", None, 1, ("Analyser",)),  # once
]


def _files(project: Path, own: str | None, whole: str | None) -> Path:
    root = project / "students" / "ana"
    root.mkdir(parents=True, exist_ok=True)
    for folder, text in ((project, whole), (root, own)):
        if text is not None:
            (folder / CONTRACT_FILE).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("whole", "own", "stage", "expected"), RESOLVED)
def test_each_stage_gets_the_most_specific_list(project, whole, own, stage, expected):
    found = stage_competences(_files(project, own, whole), stage)
    assert (found.names if found else None) == expected


MISTAKES = [   # (class file) -> the message, with its line
    ("competence: [A]\n", "contrat-formation.yml:1 : clé inconnue « competence »."),
    ("competences: Analyser\n", "contrat-formation.yml:1 : « competences » doit être une liste "
     "de compétences (une par ligne, commençant par « - »), pas « Analyser »."),
    ("competences:\n  - A\n  - \n", "contrat-formation.yml:3 : compétence n° 2 : un texte de 1 "
     "à 200 caractères est attendu, pas une ligne vide."),
    ("stages:\n  premier: [A]\n", "contrat-formation.yml:2 : « premier » n'est pas un numéro de "
     "stage (1, 2...) : le numéro d'un stage est sa place sous « stages: » dans dossier.yml."),
    ("- A\n- B\n", "contrat-formation.yml:1 : le contrat de formation attend les clés "
     "« competences: » et « stages: »."),
]


@pytest.mark.parametrize(("whole", "message"), MISTAKES)
def test_a_mistake_in_the_file_is_said_with_its_line(project, whole, message):
    with pytest.raises(DossierError) as info:
        stage_competences(_files(project, None, whole), 1)
    problem = info.value.problem
    assert f"{problem.path.name}:{problem.line} : {problem.message}" == message


CONTRACT = Competences(("Analyser une demande", "Contrôler la conformité"),
                       Path("contrat-formation.yml"), 2)
WHO = "bilan (stage chez « Atelier Durand »)"
HEAD = "## Compétences du contrat\n\n| Compétence | Performance |\n|---|---|\n"
ROWS = [   # (the bilan's body) -> messages (line: in the file, the front matter is 3 lines)
    (HEAD + "| Analyser une demande | acquise |\n| Contrôler la conformité | en cours |\n", []),
    (HEAD + "| analyser une DEMANDE de réparation | acquise |\n| Controler la conformite | "
     "acquise |\n| Polir | en cours |\n", []),             # wording completed, accents, extra
    (HEAD + "| Analyser une demande | acquise |\n",
     ["4 : bilan (stage chez « Atelier Durand ») : compétence du contrat de formation sans "
      "ligne dans le tableau : « Contrôler la conformité »."]),
    (HEAD + "| Analyser une demande | |\n| Contrôler la conformité | acquise |\n",
     ["8 : bilan (stage chez « Atelier Durand ») : la performance de « Analyser une demande » "
      "n'est pas écrite."]),
    ("## Compétences du contrat\n\nÀ venir.\n",
     ["4 : bilan (stage chez « Atelier Durand ») : compétences du contrat de formation sans "
      "ligne dans le tableau : « Analyser une demande », « Contrôler la conformité »."]),
    (HEAD + "<!--\n| Analyser une demande | acquise |\n-->\n| Contrôler la conformité | a |\n",
     ["4 : bilan (stage chez « Atelier Durand ») : compétence du contrat de formation sans "
      "ligne dans le tableau : « Analyser une demande »."]),     # a row in a comment is none
    ("## Connaissances\n\nBeaucoup.\n", []),     # no competences heading: reports.py says so
]


@pytest.mark.parametrize(("body", "expected"), ROWS)
def test_the_bilan_gives_each_competence_of_the_contract(body, expected):
    section = Section(Path("bilan.md"), "bilan", "Bilan", "bilan", body, body_line=4)
    assert [f"{p.line} : {p.message}" for p in contract_problems(section, CONTRACT, WHO)] \
        == expected


STAGES_MD = STAGES.replace("      bilan: partie1/bilan-durand.pdf\n",
                           "      bilan: partie1/bilan-durand.md\n"
                           "      bilan_signe: partie1/bilan-roux.pdf\n")


def test_through_a_dossier_the_form_and_the_plan(project, make_dossier):
    root = conforming(make_dossier, project / "students", partie1=STAGES_MD)
    (project / CONTRACT_FILE).write_text(CLASS, encoding="utf-8")
    (root / "partie1" / "bilan-durand.md").write_text(
        "---\ntitre: Bilan\n---\n\n" + HEAD + "| Analyser | acquise |\n", encoding="utf-8")
    dossier = load_dossier(root)
    result = assess(dossier, "check", today=dt.date(2027, 1, 10))
    assert ("students/ana/partie1/bilan-durand.md:5 : bilan de formation en milieu "
            "professionnel (stage chez « Atelier Durand ») : compétence du contrat de formation "
            "sans ligne dans le tableau : « Assembler ».") in [
        f"{p.path.relative_to(project).as_posix()}:{p.line} : {p.message}"
        for p in result.warnings]
    assert [f.competences for f in bilan_forms(dossier)] == [("Analyser", "Assembler"),
                                                             ("Sertir",)]
    (root / "partie1" / "bilan-durand.md").unlink()           # the plan: a row each
    args = type("Args", (), {"project": project, "slug": "ana"})()
    assert cmd_part1(args) == 0
    text = (root / "partie1" / "bilan-durand.md").read_text(encoding="utf-8")
    assert "| Analyser | | |\n| Assembler | | |\n" in text
