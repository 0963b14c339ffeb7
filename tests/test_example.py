"""The shipped example dossier builds within budget; its PDF read back matches the report."""

from __future__ import annotations

import io

from helpers import pdf_text
from pypdf import PdfReader

from portfolio.cli import main

PT_PER_MM = 72 / 25.4


def test_example_builds_within_budget_and_pdf_matches_report(jury_project, capsys):
    """The example as the small class published it (``publier`` said 0: tests/conftest.py)."""
    project = jury_project
    capsys.readouterr()
    assert main(["--project", str(project), "check", "lea-moreau"]) == 0
    report = capsys.readouterr().out
    pdf = (project / "site" / "lea-moreau" / "dossier-lea-moreau.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        size = sorted((float(page.mediabox.width) / PT_PER_MM,
                       float(page.mediabox.height) / PT_PER_MM))
        assert [round(v) for v in size] == [297, 420]      # A3, landscape or portrait
    assert len(reader.outline) >= 8
    assert "Léa Moreau" in pdf_text(pdf)
    main_pages = int(report.split("document principal (2e partie) : ")[1].split(" /")[0])
    annex_pages = int(report.split("annexes (2e partie) : ")[1].split(" /")[0])
    assert len(reader.pages) == main_pages + annex_pages
    assert main_pages <= 15 and annex_pages <= 10
    # The site lists the candidate on its home page and links the PDF.
    home = (project / "site" / "index.html").read_text()
    assert "Bague Ginkgo" in home and "Léa Moreau" in home
    dossier = (project / "site" / "lea-moreau" / "index.html").read_text()
    assert 'href="dossier-lea-moreau.pdf"' in dossier
    # The cost study shows the same totals in the site and the PDF.
    costs = (project / "site" / "lea-moreau" / "couts" / "index.html").read_text()
    assert "pf-couts" in costs and "€" in costs
