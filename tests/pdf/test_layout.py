"""The A3 layout read back from the PDF: pages used, page budget, tagged PDF, media links, French
typesetting, the print document's template (issue 16)."""

from __future__ import annotations

import io
import shutil
import statistics
import sys
from pathlib import Path

import pytest
from conftest import REPO, pdf_text, write_image
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.cli import main
from portfolio.pdf.grid import figure_placement
from portfolio.pdf.typography import french_spacing, french_text

sys.path.insert(0, str(Path(__file__).parent))
from pagefill import pdf_fills  # noqa: E402

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("example")
    root = shutil.copytree(REPO / "students" / "lea-moreau", tmp / "students" / "lea-moreau")
    build = build_dossier(root, BuildOptions(cache_dir=tmp / "cache"))
    assert build.error is None
    return build


def test_example_stays_in_budget_and_uses_its_pages_better(example):
    """Issue 16 measured median 44 % of the content area used on 16 pages (14 + 2)."""
    fills = pdf_fills(example.pdf_path)
    assert example.count.parts["principal"] <= 14
    assert statistics.median(fills) > 0.44
    # The layout's own measure (``check``) is there for every rendered page.
    assert len(example.count.page_fill) == len(fills)


@pytest.mark.xfail(strict=True, reason="p. 13 (end of the cost study, 27 %) and the second "
                   "annex page (glossary overflow, 9 %) are still under 30 %")
def test_no_example_page_but_the_contents_is_mostly_empty(example):
    fills = pdf_fills(example.pdf_path)
    empty = [number for number, share in enumerate(fills, start=1)
             if number != 2 and share < 0.30]
    assert empty == []


LOREM = ("La feuille de ginkgo est dessinée d'après nature, puis simplifiée : contour adouci, "
         "nervures réduites à quelques traits tendus. ")


def test_short_sections_share_pages_and_plates_span_the_page(make_dossier, tmp_path):
    """Five short sections following one another (saut_de_page: non) and landscape plates:
    no page mostly empty, the panorama across the full width."""
    sections = {}
    for index in range(1, 6):
        follow = "saut_de_page: non\n" if index > 1 else ""
        sections[f"0{index}-partie-{index}.md"] = (
            f"---\ntitre: Partie {index}\n{follow}---\n\n## Observer\n\n{LOREM * 6}\n\n"
            f'![Une planche](../images/planche-{index}.png "Planche {index}")\n\n'
            f"## Conclure\n\n{LOREM * 4}\n")
    images = {f"planche-{i}.png": (3000, 1300) for i in range(1, 6)}
    root = make_dossier(tmp_path / "students", "ana", sections, images=images)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    fills = pdf_fills(build.pdf_path)
    assert [n for n, share in enumerate(fills, start=1) if n > 2 and share < 0.30] == []
    ranges = [(s.first, s.last) for s in build.count.sections]
    assert any(nxt[0] == prev[1] for prev, nxt in zip(ranges, ranges[1:], strict=False))
    # A 2.3:1 plate of 3000 px is printed across the full 380 mm (197 dpi).
    assert figure_placement(3000, 1300, (420, 297)).kind == "full"


@pytest.mark.parametrize(("size", "page", "kind"), [
    ((1500, 2000), (420, 297), "col"),      # portrait: a column
    ((2000, 1414), (420, 297), "col"),      # 1.41 photo: a column (118.7 mm)
    ((3000, 1300), (420, 297), "full"),     # panorama
    ((900, 400), (420, 297), "col"),        # a panorama without pixels for 380 mm (60 dpi)
    ((3000, 1300), (210, 297), "col"),      # A4 portrait: one column
])
def test_figure_placement(size, page, kind):
    assert figure_placement(*size, page).kind == kind


def test_portrait_print_copy_is_sized_for_its_capped_height():
    """A portrait capped in height is narrower than its column: its copy is made for that."""
    placement = figure_placement(1500, 2000, (420, 297))
    assert placement.width_mm == pytest.approx(263 * 0.46 * 0.75, abs=0.2)   # 90.7 mm


def test_pdf_is_tagged_with_its_language(example):
    reader = PdfReader(io.BytesIO(example.pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"] is True


@pytest.mark.parametrize(("text", "expected"), [
    ("Contrôle : oui", f"Contrôle{NBSP}: oui"),
    ("Pourquoi ? Parce que !", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
    ("« or jaune »", f"«{NBSP}or{NBSP}jaune{NBSP}»"),
    ("Je polis", f"Je{NBSP}polis"),
    ("4,5 g d'or", f"4,5{NBSP}g{NBSP}d'or"),
    ("https://exemple.fr/a:b", "https://exemple.fr/a:b"),
])
def test_french_spaces(text, expected):
    assert french_text(text) == expected


def test_french_spaces_leave_tags_and_code_alone():
    html = '<p title="a : b">x : y <code>k : v</code></p>'
    assert french_spacing(html) == f'<p title="a : b">x{NBSP}: y{NBSP}<code>k : v</code></p>'


def test_media_qr_leads_to_the_page_with_the_player(make_dossier, tmp_path):
    root = make_dossier(tmp_path / "students", "ana", {
        "01-objectifs.md": "---\ntitre: Objectifs\n---\n\nLa pièce en volume.\n\n"
                           '![La bague](../medias/bague.glb "La bague en 3D")\n'})
    (root / "medias").mkdir()
    (root / "medias" / "bague.glb").write_bytes(b"glTF" + b"\0" * 64)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache",
                                             site_url="https://ecole.fr/dossiers/"))
    assert build.error is None, build.error
    text = pdf_text(build.pdf).replace("\n", "")
    assert "https://ecole.fr/dossiers/ana/objectifs/#fig-1" in text
    assert ".glb" not in text
    assert "Modèle 3D" in text             # the drawn placeholder says what it is


def test_check_reports_the_use_of_each_page(project, make_dossier, capsys):
    make_dossier(project / "students", "ana")
    assert main(["--project", str(project), "check", "ana"]) == 0
    out = capsys.readouterr().out
    assert "p. 1 : " in out and "% de la page utilisée" in out


@pytest.mark.parametrize(("value", "ok"), [("non", True), ("oui", True), ("peut-être", False)])
def test_saut_de_page_values(make_dossier, tmp_path, value, ok):
    root = make_dossier(tmp_path / "students", "ana", {
        "01-a.md": "---\ntitre: A\n---\n\nTexte.\n",
        "02-b.md": f"---\ntitre: B\nsaut_de_page: {value}\n---\n\nTexte.\n"})
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    if ok:
        assert build.error is None
    else:
        assert "saut_de_page" in str(build.error) and "02-b.md:3" in str(build.error)


def test_template_escapes_the_students_text(make_dossier, tmp_path):
    yml = None
    root = make_dossier(tmp_path / "students", "ana", titre="<b>Lune</b> & « Soleil »", yml=yml)
    write_image(root / "images" / "x.png")
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None
    text = pdf_text(build.pdf).replace("\n", "")
    assert "<b>Lune</b> &" in text                       # printed as text, not markup
