"""Drawings at a stated scale (issue 25, defect 5): a figure whose caption says "échelle 4:1"
prints at the size its file records (its resolution, an SVG's mm), read back from the PDF; or
the student is told, in French with the file and line, why it cannot."""

from __future__ import annotations

import pytest
from pagefill import placed_images
from PIL import Image, ImageDraw
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.pdf.plan.scale import drawn_size_mm, stated_scale


@pytest.mark.parametrize(("caption", "scale"), [
    ("Plan technique à l’échelle 4:1 (cotes en millimètres)", "4:1"),
    ("Échelle : 1/2", "1:2"),
    ("Vue de face, éch. 2:1", "2:1"),
    ("Plan à l'échelle 1,5:1", "1,5:1"),
    ("ECHELLE 10:1", "10:1"),
    ("Gouaché : vue de dessus (4:1) et perspective", None),    # no scale stated
    ("Une dureté de 9 sur l’échelle de Mohs", None),
    ("Rendez-vous à 14:30", None),
])
def test_the_scale_a_caption_states(caption, scale):
    assert stated_scale(caption) == scale


def drawing(path, size, dpi=None) -> None:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] - 1, size[1] - 1), outline=0, width=4)
    draw.ellipse((size[0] * 0.3, size[1] * 0.2, size[0] * 0.7, size[1] * 0.8), outline=0, width=3)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, **({"dpi": (dpi, dpi)} if dpi else {}))


@pytest.mark.parametrize(("name", "content", "size"), [
    ("a.png", (1000, 500, 254), (100, 50)),          # 254 dpi: 10 px a mm
    ("b.png", (1000, 500, None), None),              # no resolution recorded
    ("c.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="2cm"/>', (50, 20)),
    ("d.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="200"/>', None),
])
def test_the_size_a_file_records(tmp_path, name, content, size):
    path = tmp_path / name
    if name.endswith(".svg"):
        path.write_text(content, encoding="utf-8")
    else:
        drawing(path, content[:2], content[2])
    found = drawn_size_mm(path)
    assert found == (pytest.approx(size) if size else None)


SECTION = """\
---
titre: Recherches techniques
role: recherches-techniques
---

## Le plan

Le plan est dessiné à l'échelle pour vérifier les proportions de la bague.

![Plan coté de la bague](../images/{name} "Plan de la bague à l'échelle 2:1")

Le texte qui suit le plan.
"""


@pytest.mark.slow
@pytest.mark.parametrize("page_format", ["A3-paysage", "A4-portrait"])
def test_a_drawing_prints_at_its_stated_scale(tmp_path, make_dossier, page_format):
    root = make_dossier(tmp_path / "students", "ana",
                        {"02-plan.md": SECTION.format(name="plan.png")}, page_format=page_format)
    drawing(root / "images" / "plan.png", (1200, 600), 254)     # 120 x 60 mm on paper
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    reader = PdfReader(str(build.pdf_path))
    [(x, y, w, h, _)] = [box for page in reader.pages[1:] for box in placed_images(reader, page)]
    assert (w, h) == (pytest.approx(120, abs=0.2), pytest.approx(60, abs=0.2))
    assert [p for p in build.warnings if "échelle" in p.message] == []


@pytest.mark.slow
@pytest.mark.parametrize(("size", "dpi", "said"), [
    ((1200, 600), None, "n'indique pas sa taille réelle"),
    ((6000, 3000), 100, "mesure 1524 × 762 mm"),
])
def test_a_drawing_that_cannot_print_at_its_scale_is_said(tmp_path, make_dossier, size, dpi,
                                                          said):
    root = make_dossier(tmp_path / "students", "ana",
                        {"02-plan.md": SECTION.format(name="plan.png")})
    drawing(root / "images" / "plan.png", size, dpi)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    [problem] = [p for p in build.warnings if "échelle 2:1" in p.message]
    assert said in problem.message and "plan.png" in problem.message
    assert problem.path == root / "sections" / "02-plan.md" and problem.line == 10
    assert problem.hint


@pytest.mark.slow
def test_the_example_plan_prints_at_4_to_1(jury_project):
    """Captioned "échelle 4:1", drawn at 26 px per mm of the ring (6.5 px per mm of paper,
    recorded in the file as 165.1 dpi): its 2400 px print 369.2 mm wide (the ring's Ø 20.4 mm
    measures 81.6 mm on paper)."""
    pdf = jury_project / "site" / "lea-moreau" / "dossier-lea-moreau.pdf"
    reader = PdfReader(str(pdf))
    widths = [w for page in reader.pages for _, _, w, _, ratio in placed_images(reader, page)
              if ratio == pytest.approx(2400 / 1500)]
    assert widths == [pytest.approx(2400 / 6.5, abs=0.3)]


@pytest.mark.slow
def test_a_drawing_at_scale_inside_a_board_is_said(tmp_path, make_dossier):
    board = ("---\ntitre: Recherches techniques\nrole: recherches-techniques\n---\n\n"
             '!!! planche "Plans"\n'
             '    ![Plan](../images/plan.png "Plan à l\'échelle 2:1")\n'
             '    ![Vue](../images/vue.png "Vue de détail")\n')
    root = make_dossier(tmp_path / "students", "ana", {"02-plan.md": board})
    drawing(root / "images" / "plan.png", (1200, 600), 254)
    drawing(root / "images" / "vue.png", (800, 600), 254)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    [problem] = [p for p in build.warnings if "échelle 2:1" in p.message]
    assert "planche" in problem.message and problem.line == 7
