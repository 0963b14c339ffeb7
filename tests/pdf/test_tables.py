"""Small tables and the cost study's summaries read back from the PDF (issue 25, defect 7):
a table of 8 rows or fewer is never split across columns or pages, the cost summaries never
cut between pages; a long table still is, between rows."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pytest
import weasyprint
from invariants import built, report

from portfolio import BuildOptions, build_dossier
from portfolio.pdf.output import fill
from portfolio.pdf.plan.blocks import SMALL_TABLE_ROWS

pytestmark = pytest.mark.slow      # PDFs laid out and read back

WORDS = ("La feuille de ginkgo est dessinée d'après nature, puis simplifiée : contour adouci, "
         "nervures réduites à quelques traits tendus, galbe suivant le rayon du doigt. ")


def table(name: str, rows: int, columns: int) -> str:
    head = "| " + " | ".join(["Poste"] + [f"Colonne {c}" for c in range(2, columns + 1)]) + " |"
    rule = "|" + "---|" * columns
    body = [f"| {name}{r:02d} | " + " | ".join(["valeur courte"] * (columns - 1)) + " |"
            for r in range(1, rows + 1)]
    return "\n".join([head, rule, *body]) + "\n"


def words_at(pdf) -> dict[str, list[tuple[int, float, float]]]:
    """Each word of the PDF -> ``(page, xMin, yMin)`` where pdftotext reads it (points)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    found: dict[str, list] = defaultdict(list)
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<',
                                     page):
            found[word].append((number, float(x), float(y)))
    return found


def assert_whole(words, name: str, rows: int) -> None:
    """The first cells of ``name``'s rows: one page, one left edge, top to bottom."""
    cells = [words[f"{name}{r:02d}"] for r in range(1, rows + 1)]
    assert all(len(c) == 1 for c in cells), (name, cells)
    places = [c[0] for c in cells]
    assert len({page for page, _, _ in places}) == 1, (name, places)
    assert max(x for _, x, _ in places) - min(x for _, x, _ in places) < 3, (name, places)
    assert [y for _, _, y in places] == sorted(y for _, _, y in places), (name, places)


@pytest.mark.parametrize("lead", [20, 32, 38])
def test_small_tables_are_never_split(tmp_path, make_dossier, lead):
    """Tables of 3 and 8 rows (two columns: in the text's columns) and 4 rows (four columns:
    beside the text) after more or less text: wherever they fall, each is set whole in one
    column of one page (before the fix, the 3-row table was cut 2 + 1 after 20, 32 or 38
    paragraphs)."""
    tables = [("Alpha", 3, 2), ("Beta", 8, 2), ("Gamma", 4, 4)]
    parts = [WORDS + "\n"] * lead
    for name, rows, columns in tables:
        parts += [table(name, rows, columns)] + [WORDS + "\n"] * 3
    text = "\n".join(parts)
    root = make_dossier(tmp_path / "students", "ana", {
        "01-objectifs.md": f"---\ntitre: Objectifs\nrole: objectifs\n---\n\n{text}"})
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    words = words_at(build.pdf_path)
    for name, rows, _ in tables:
        assert rows <= SMALL_TABLE_ROWS
        assert_whole(words, name, rows)


def test_a_long_table_is_still_cut_between_rows(tmp_path, make_dossier):
    text = (WORDS * 4 + "\n\n") * 30 + "\n" + table("Epsilon", 40, 2)
    root = make_dossier(tmp_path / "students", "ana", {
        "01-objectifs.md": f"---\ntitre: Objectifs\nrole: objectifs\n---\n\n{text}"})
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    words = words_at(build.pdf_path)
    places = [words[f"Epsilon{r:02d}"][0] for r in range(1, 41)]
    assert len({(page, round(x)) for page, x, _ in places}) >= 2     # cut, every row printed


def test_the_cost_summaries_are_whole_on_the_example(jury_project):
    """The example's unit cost and series tables: each on one page, its caption and its last
    row (the price) together."""
    pdf = jury_project / "site" / "lea-moreau" / "dossier-lea-moreau.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    for caption in ("Coût de réalisation d’une pièce (pièce unique)",
                    "Coût de production et prix par pièce selon la taille de la série"):
        [page] = [p for p in pages if caption in " ".join(p.split())]
        after = " ".join(page.split()).split(caption, 1)[1]
        assert "Prix de vente TTC" in after, caption


@pytest.mark.parametrize("rows", [14, 20])
def test_a_table_page_counts_the_table_as_used(tmp_path, make_dossier, monkeypatch, rows):
    """A page holding a long table and two lines: ``check``'s fill (the layout's boxes) counts
    the table's box as used like an image's, as the invariants' pixel measure does (on its ink
    alone a page of a 14-row table read 16 %): neither reads it under 30 %, and the two
    agree within 10 points."""
    text = table("Zeta", rows, 4) + "\n" + WORDS + "\n"
    root = make_dossier(tmp_path / "students", "ana", {
        "01-objectifs.md": f"---\ntitre: Objectifs\nrole: objectifs\n---\n\n{WORDS * 6}\n",
        "02-couts.md": f"---\ntitre: Pierres\nsaut_de_page: oui\n---\n\n{text}"})
    done = built(root, tmp_path / "cache", monkeypatch)
    measured = report(done).fills
    shown = done.build.count.page_fill
    page = next(s.first for s in done.build.count.sections if "Pierres" in s.title)
    assert shown[page - 1] >= 0.30, (shown, measured)
    assert abs(shown[page - 1] - measured[page - 1]) <= 0.10, (shown, measured)


SHEET = ("<style>@page { size: A3 landscape; margin: 16mm 20mm 18mm 20mm } "
         "table { width: 100%; border-collapse: collapse } td { padding: 1.2mm 1.6mm }"
         "{rules}</style><table>{rows}</table>")


@pytest.mark.parametrize(("rows", "rules", "least", "most"), [
    (14, "", 0.30, 0.45),                                     # no rules: its box counts
    (14, "td { border-bottom: .5pt solid #d9d0c0 }", 0.30, 0.45),
    (2, "", 0.03, 0.10),                                      # a small table, a small share
])
def test_a_table_is_used_over_its_box(rows, rules, least, most):
    """``check``'s fill on a laid-out page holding only a table of sparse cells across the
    page: its whole box counts (read on its text alone, 14 rows read 4 %)."""
    cells = "<tr><td>Or</td><td>12 g</td><td>8 €</td></tr>" * rows
    document = weasyprint.HTML(string=SHEET.replace("{rules}", rules)
                               .replace("{rows}", cells)).render()
    [page] = document.pages
    assert len(fill.table_boxes(page)) == 1
    assert least <= fill.page_fill(page) <= most
