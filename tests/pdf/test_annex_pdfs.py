"""Annex PDFs: appended in order, counted in the annex budget, listed, checked against A3."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from portfolio import AssetError
from portfolio.cli.main import main

MM = 72 / 25.4


def write_pdf(path: Path, sizes_mm: list[tuple[float, float]], author: str = "") -> Path:
    writer = PdfWriter()
    for width, height in sizes_mm:
        writer.add_blank_page(width * MM, height * MM)
    if author:
        writer.add_metadata({"/Author": author})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.slow
def test_annex_pdf_pages_are_appended_counted_and_listed(project, make_dossier, build):
    root = make_dossier(project / "students", "ana",
                        annexes={"01-fiche.md": "# Fiche technique\n\nAlliage : or 750.\n"})
    write_pdf(root / "annexes" / "02-plan-cao.pdf", [(420, 297), (297, 420)],
              author="Ana Dupont sur le poste 12")
    result = build(root)
    assert result.error is None, result.error
    assert result.count.parts == {"principal": 2, "annexes": 3}   # contents on the cover
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 5
    assert [s.title for s in result.count.sections if s.part == "annexes"] == [
        "Fiche technique", "Plan cao"]
    assert [(s.first, s.last) for s in result.count.sections if s.part == "annexes"] == [
        (1, 1), (2, 3)]
    contents = reader.pages[0].extract_text()
    assert "Plan cao" in contents and "A2" in contents
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Annexe : Plan cao" in titles
    assert "poste 12" not in str(reader.metadata)


@pytest.mark.slow
def test_annex_pdf_pages_count_in_the_budget(project, make_dossier, build):
    root = make_dossier(project / "students", "ana")
    write_pdf(root / "annexes" / "scans.pdf", [(297, 420)] * 11)
    result = build(root)
    assert result.count.parts["annexes"] == 11
    assert "annexes (2e partie) : 11 pages pour 10 autorisées" in str(result.verdict.errors[0])


def test_an_a2_annex_is_refused_naming_file_and_page(project, make_dossier, build):
    root = make_dossier(project / "students", "ana")
    write_pdf(root / "annexes" / "plan.pdf", [(297, 420), (420, 594)])
    result = build(root)
    assert isinstance(result.error, AssetError)
    assert str(result.error).startswith(
        "students/ana/annexes/plan.pdf : page 2 au format 420 x 594 mm : plus grande que le "
        "format A3 autorisé")


def test_a_broken_annex_pdf_gets_a_message(project, make_dossier, build):
    root = make_dossier(project / "students", "ana")
    (root / "annexes").mkdir()
    (root / "annexes" / "scan.pdf").write_bytes(b"%PDF-1.4 pas vraiment un PDF")
    result = build(root)
    assert "students/ana/annexes/scan.pdf : PDF illisible ou abîmé." in str(result.error)


@pytest.mark.slow
def test_the_site_links_a_clean_copy_of_the_annex(project, make_dossier):
    root = make_dossier(project / "students", "ana")
    write_pdf(root / "annexes" / "plan.pdf", [(297, 420)], author="Ana Dupont, chez elle")
    assert main(["--project", str(project), "build"]) == 0
    home = (project / "site" / "ana" / "index.html").read_text()
    assert 'href="annexes/annexe-plan.pdf"' in home
    published = (project / "site" / "ana" / "annexes" / "annexe-plan.pdf").read_bytes()
    assert "chez elle" not in str(PdfReader(io.BytesIO(published)).metadata)
