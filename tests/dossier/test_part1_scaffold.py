"""``nouveau`` and ``partie1`` write part 1's starting plans: the regulation's headings, per voie,
never over a file; a plan left as written is not content (every element is still to write)."""

from __future__ import annotations

import pytest

from portfolio.cli.main import main
from portfolio.conformance.reports import piece_problems
from portfolio.dossier.load import load_dossier
from portfolio.dossier.model import Section
from portfolio.dossier.scaffold import scaffold
from portfolio.rules.reports import load_report_rules

RULES = load_report_rules()

VOIES = [("scolaire", {"rapport-stage-1.md": "stage", "bilan-stage-1.md": "bilan"}),
         ("apprentissage", {"rapport-stage-1.md": "stage", "bilan-stage-1.md": "bilan"}),
         ("formation-continue", {"rapport-stage-1.md": "stage", "bilan-stage-1.md": "bilan"}),
         ("perfectionnement", {"rapport-activite.md": "activite"}),
         ("experience", {"rapport-activite.md": "activite"})]


@pytest.mark.parametrize(("voie", "pieces"), VOIES)
def test_nouveau_writes_the_plans_of_the_voie(tmp_path, voie, pieces):
    root = scaffold(tmp_path, "Ana Dupont", 2027, voie)
    assert sorted(p.name for p in (root / "partie1").iterdir()) == sorted(pieces)
    for name, kind in pieces.items():
        text = (root / "partie1" / name).read_text(encoding="utf-8")
        titles = [e.title for e in RULES.elements[kind]]
        assert [line[3:] for line in text.split("\n") if line.startswith("## ")] == titles
        body = text.split("---\n", 2)[2]
        section = Section(path=root / "partie1" / name, slug="x", title="x", role="autre",
                          body=body, part1=True)
        # Left as written, every element is still to write: the plan is not content.
        problems = piece_problems(kind, section, "rapport", RULES)
        assert len(problems) == len(titles)
        assert all("est à compléter (" in str(p) for p in problems)


STAGES = """\
partie1:
  stages:
    - entreprise: Atelier Durand
      secteur: bijouterie
      debut: 2026-01-05
      fin: 2026-02-13
      attestation: partie1/attestation-durand.pdf
      rapport: partie1/rapport-durand.md
      bilan: partie1/bilan-durand.md
    - entreprise: Maison Roux
      secteur: joaillerie
      debut: 2026-05-18
      fin: 2026-06-30
      rapport: partie1/rapport-roux.md
      bilan: partie1/bilan-roux.pdf
"""


def test_partie1_writes_each_declared_piece_missing_and_never_overwrites(project, capsys):
    assert main(["--project", str(project), "nouveau", "Ana Dupont"]) == 0
    root = project / "students" / "ana-dupont"
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(STAGES)
    (root / "partie1" / "rapport-durand.md").write_text("---\ntitre: Mon rapport\n---\n\nÀ moi.\n",
                                                       encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project), "partie1", "ana-dupont"]) == 0
    out = capsys.readouterr().out
    assert out.split("\n")[:2] == ["Modèle créé : students/ana-dupont/partie1/bilan-durand.md",
                                   "Modèle créé : students/ana-dupont/partie1/rapport-roux.md"]
    assert (root / "partie1" / "rapport-durand.md").read_text(encoding="utf-8").endswith(
        "À moi.\n")
    assert not (root / "partie1" / "bilan-roux.pdf").exists()      # a scan: not written
    dossier = load_dossier(root)
    assert [s.title for s in dossier.part1_sections] == [
        "Mon rapport", "Bilan de la période de formation — Atelier Durand",
        "Rapport de stage — Maison Roux"]
    assert main(["--project", str(project), "partie1", "ana-dupont"]) == 0
    assert "Rien à créer" in capsys.readouterr().out


def test_partie1_names_an_unknown_dossier(project, capsys):
    assert main(["--project", str(project), "nouveau", "Ana Dupont"]) == 0
    assert main(["--project", str(project), "partie1", "ana-dupon"]) == 1
    assert "ana-dupont" in capsys.readouterr().err
