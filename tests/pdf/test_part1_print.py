"""Part 1 in the PDF: in the contents (piece by piece, or one line when that keeps the
contents on the cover), tagged like part 2, its bookmarks after the annex PDFs'."""

from __future__ import annotations

import io
import re

import pytest
from helpers import blank_pdf
from pypdf import PdfReader

from portfolio.pdf.draw.document import _part1_line

LINES = [   # part 1's entries -> its one line in the contents
    ([("Rapport", "1re·1"), ("Bilan", "1re·2"), ("Attestation", "1re·3")],
     [("rapports, bilans et pièces jointes", "1re·1–3")]),
    ([("Rapport", "1re·1")], [("rapports, bilans et pièces jointes", "1re·1")]),
    ([("Rapport", "1re·1"), ("Vide", "")], [("rapports, bilans et pièces jointes", "1re·1")]),
]


@pytest.mark.parametrize(("entries", "line"), LINES)
def test_part_1_in_one_line(entries, line):
    assert _part1_line(entries) == line


PARTIE1 = """\
partie1:
  stages: [{entreprise: Atelier Durand, secteur: bijouterie, debut: 2026-01-05,
            fin: 2026-02-13, attestation: partie1/attestation.pdf, rapport: partie1/rapport.md}]
"""


def test_part_1_listed_tagged_and_bookmarked_after_the_annexes(project, make_dossier, build):
    root = make_dossier(project / "students", "ana")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(PARTIE1)
    (root / "partie1").mkdir()
    (root / "partie1" / "rapport.md").write_text(
        "---\ntitre: Rapport de stage\n---\n\n## Le cadre\n\nUn atelier de quatre.\n",
        encoding="utf-8")
    blank_pdf(root / "partie1" / "attestation.pdf")
    blank_pdf(root / "annexes" / "plan.pdf", 2, (842, 595))
    built = build(root)
    assert built.error is None, built.error
    reader = PdfReader(io.BytesIO(built.pdf))
    top = [(item.title, reader.get_destination_page_number(item) + 1)
           for item in reader.outline if not isinstance(item, list)]
    titles = [title for title, _ in top]
    assert titles.index("Annexe : Plan") < titles.index(next(
        t for t in titles if t.startswith("1re partie ·"))), top
    pages = [page for _, page in top]
    assert pages == sorted(pages), top                 # bookmarks in the pages' order
    cover = reader.pages[0].extract_text().replace("\xa0", " ")
    assert "Rapport de stage" in cover and "1re·1" in cover
    # Part 2 and its annexes laid out, the annex PDF (2 pages), part 1 laid out, its scan.
    tagged = "".join("T" if "/StructParents" in page else "-" for page in reader.pages)
    assert re.fullmatch(r"T+--T+-", tagged), tagged
