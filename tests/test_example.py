"""The shipped example dossier builds within budget; its PDF read back matches the report."""

from __future__ import annotations

import io

from helpers import pdf_text
from pypdf import PdfReader

from portfolio.cli.main import main

PT_PER_MM = 72 / 25.4


def test_example_builds_within_budget_and_pdf_matches_report(jury_project, capsys):
    """The example as the small class published it (``publier`` said 0: tests/conftest.py)."""
    project = jury_project
    capsys.readouterr()
    assert main(["--project", str(project), "check", "lea-moreau"]) == 0
    report = capsys.readouterr().out
    pdf = (project / "site" / "lea-moreau" / "dossier-lea-moreau.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    main_pages = int(report.split("document principal (2e partie) : ")[1].split(" /")[0])
    annex_pages = int(report.split("annexes (2e partie) : ")[1].split(" /")[0])
    part1_pages = int(report.split("  1re partie : ")[1].split(" page")[0])
    assert len(reader.pages) == main_pages + annex_pages + part1_pages
    assert main_pages <= 15 and annex_pages <= 10
    for number, page in enumerate(reader.pages):
        size = sorted((float(page.mediabox.width) / PT_PER_MM,
                       float(page.mediabox.height) / PT_PER_MM))
        if number < main_pages + annex_pages:
            assert [round(v) for v in size] == [297, 420]      # A3, landscape or portrait
        else:                                                  # part 1's scans: A4 here
            assert size[0] * size[1] <= 297 * 420 + 50
    assert len(reader.outline) >= 8
    text = pdf_text(pdf).replace("\xa0", " ")
    assert "Léa Moreau" in text
    # Part 1, written in the tool, follows part 2: the reports, their quotes, the bilans.
    part1 = "".join(p.extract_text() for p in reader.pages[main_pages + annex_pages:]
                    ).replace("\xa0", " ")           # French spacing
    assert "Rapport de stage — Atelier Varenne" in part1
    assert "Prix du marché" in part1 and "Bilan de la période de formation" in part1
    # ...listed in the contents on the cover, its pages tagged (PDF/UA) as part 2's are: all
    # but the scans joined after them (attestations, signed bilans: 4 pages here).
    cover = reader.pages[0].extract_text().replace("\xa0", " ")
    assert "partie (à la suite)" in cover and "1re·1" in cover and "1re·8" in cover
    tagged = ["/StructParents" in page for page in reader.pages]
    assert tagged == [True] * (len(tagged) - 4) + [False] * 4
    # The site lists the candidate on its home page and links the PDF.
    home = (project / "site" / "index.html").read_text()
    assert "Bague Ginkgo" in home and "Léa Moreau" in home
    dossier = (project / "site" / "lea-moreau" / "index.html").read_text()
    assert 'href="dossier-lea-moreau.pdf"' in dossier
    # The cost study shows the same totals in the site and the PDF.
    costs = (project / "site" / "lea-moreau" / "couts" / "index.html").read_text()
    assert "pf-couts" in costs and "€" in costs
