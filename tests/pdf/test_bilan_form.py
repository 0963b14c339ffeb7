"""The bilan form of each stage, pre-filled and printed for the tutor and the teacher: the
competences read from the bilan written in the tool (rows), one page per stage, A4 or A3."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import pdf_text
from pypdf import PdfReader

from portfolio.conformance.bilan_form import competences, write_bilan_forms
from portfolio.dossier.load import load_dossier
from portfolio.dossier.model import Section
from portfolio.util.errors import DossierError

TABLE = ("| Compétence | Performance |\n|---|---|\n| Souder l'or | acquise |\n"
         "| Polir | en cours |\n")

ROWS = [
    (f"## Compétences du contrat\n\n{TABLE}", ["Souder l'or", "Polir"]),
    (f"## Performances par compétence\n\nTexte.\n\n{TABLE}\n## Autre\n", ["Souder l'or", "Polir"]),
    ("## Compétences du contrat\n\n| Compétence | Performance |\n|---|---|\n| | |\n", []),
    (f"## Connaissances\n\n{TABLE}", []),                  # not under the competences
    (f"## Compétences\n\n<!--\n{TABLE}-->\n", []),          # a comment is not read
]


@pytest.mark.parametrize(("body", "expected"), ROWS)
def test_competences_read_from_the_bilan(body, expected):
    section = Section(path=Path("bilan.md"), slug="b", title="Bilan", role="autre", body=body)
    assert competences(section) == expected


PARTIE1 = """\
partie1:
  stages:
    - entreprise: Atelier Durand
      secteur: bijouterie
      tuteur: Jean Morel
      debut: 2026-01-05
      fin: 2026-02-13
      bilan: partie1/bilan.md
    - entreprise: Maison Roux
      secteur: joaillerie
      debut: 2026-05-18
      fin: 2026-06-30
"""


@pytest.mark.slow
@pytest.mark.parametrize(("page", "size_mm"), [("A4", (210, 297)), ("A3", (297, 420))])
def test_one_form_per_stage_pre_filled(project, make_dossier, tmp_path, page, size_mm):
    root = make_dossier(project / "students", "ana")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(PARTIE1)
    (root / "partie1").mkdir()
    (root / "partie1" / "bilan.md").write_text(
        f"---\ntitre: Bilan\n---\n\n## Compétences du contrat\n\n{TABLE}", encoding="utf-8")
    target = write_bilan_forms(load_dossier(root), tmp_path / "bilans", page)
    assert target == tmp_path / "bilans" / "bilans-ana.pdf"
    data = target.read_bytes()
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 2
    width, height = (round(float(v) * 25.4 / 72) for v in pages[0].mediabox[2:])
    assert (width, height) == size_mm
    first, second = (p.extract_text().replace("\xa0", " ") for p in pages)
    for text in ("Ana Dupont", "Atelier Durand", "Jean Morel", "du 05/01/2026 au 13/02/2026",
                 "Souder l'or", "Polir", "Le tuteur ou la tutrice"):
        assert text in first
    assert "Maison Roux" in second and "Souder" not in second    # blank rows to fill
    assert "bilan de la période 2" in pdf_text(data).lower()


def test_no_stage_no_form(project, make_dossier, tmp_path):
    root = make_dossier(project / "students", "ana")
    with pytest.raises(DossierError) as caught:
        write_bilan_forms(load_dossier(root), tmp_path)
    assert "aucun stage déclaré sous « partie1: »" in str(caught.value)
    assert not (tmp_path / "bilans-ana.pdf").exists()
