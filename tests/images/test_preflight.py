"""Print warnings: resolution at the placed size, missing alt text; images found in the Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from imagegen import photo

from portfolio import load_dossier
from portfolio.dossier.model import Section
from portfolio.images import Variant
from portfolio.pdf.page.placement import low_resolution, missing_alt, referenced_images


@pytest.mark.parametrize(("width", "placed", "expected"), [
    (800, 184, "110 dpi à 184 mm de large"),       # stretched over the column
    (400, 184, "96 dpi à 106 mm de large"),        # printed at its own size, still too coarse
    (1000, 122.5, None),                           # 207 dpi: fine
    (2173, 184, None),
])
def test_low_resolution_names_the_file_the_dpi_and_the_size(width, placed, expected):
    source = Path("students/ana/images/x.jpg")
    problem = low_resolution(Variant(Path("v.jpg"), width, width * 3 // 4, source), placed)
    if expected is None:
        assert problem is None
        return
    assert str(problem) == (f"students/ana/images/x.jpg : résolution insuffisante pour "
                            f"l'impression ({expected} ; visez 300 dpi). Utilisez une photo "
                            "plus grande.")


def test_vector_drawings_never_lack_resolution():
    assert low_resolution(Variant(Path("v.svg"), 40, 30, Path("x.svg"), vector=True), 184) is None


def test_missing_alt_text_is_reported_with_the_line():
    section = Section(path=Path("students/ana/sections/02-croquis.md"), slug="croquis",
                      title="Croquis", role="croquis",
                      body="Texte.\n\n![Bague](../images/a.jpg)\n\n![](../images/b.jpg)\n",
                      body_line=5)
    html = ('<p><img alt="Bague" src="file:///c/1.jpg"></p>'
            '<p><img alt="" src="file:///c/2.jpg"></p><p><img src="file:///c/3.jpg"></p>')
    sources = {"file:///c/1.jpg": Path("a.jpg"), "file:///c/2.jpg": Path("b.jpg")}
    problems = [str(p) for p in missing_alt(section, html, sources)]
    assert len(problems) == 2
    assert problems[0].startswith("students/ana/sections/02-croquis.md:9 : image sans texte "
                                  "alternatif « b.jpg »")
    assert "![ce que montre l'image](../images/b.jpg)" in problems[0]


def test_referenced_images_are_found_cheaply(project, make_dossier):
    root = make_dossier(project / "students", "ana", {"01-a.md": """\
        ---
        titre: A
        ---

        ![Une](../images/a.jpg "Titre") et <img src="../images/b.jpg" alt="b">
        ![Réf][c] et ![manque](../images/absent.jpg) et [pdf](../annexes/x.pdf)

        ```
        code ![pas une image](../images/a.jpg)
        ```

        [c]: ../images/c.jpg
        """})
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        photo(root / "images" / name, (200, 100))
    found = referenced_images(load_dossier(root))
    assert [p.name for p in found] == ["a.jpg", "b.jpg", "c.jpg"]
