"""The PDF read back: A3 pages, outline, metadata, contents with real page numbers, links."""

from __future__ import annotations

import io

import pytest
from helpers import page_texts, pdf_text, plain_spaces
from pypdf import PdfReader

pytestmark = pytest.mark.slow      # PDFs laid out and read back

PT_PER_MM = 72 / 25.4

SECTIONS = {
    "01-objectifs.md": """\
        ---
        titre: Objectifs du projet
        role: objectifs
        ---
        ## Le bijou

        Une bague pour tous les jours. Voir [les croquis](02-croquis.md#premiers-essais)
        et [le site du musée](https://www.example.org/musee).
        """,
    "02-croquis.md": """\
        ---
        titre: Croquis
        role: croquis
        saut_de_page: oui
        ---
        ## Premiers essais

        ![Croquis au crayon](../images/croquis.png "Premier croquis")
        """,
}


def test_pdf_has_a3_pages_outline_metadata_and_contents(project, make_dossier, build):
    root = make_dossier(project / "students", "ana", SECTIONS,
                        images={"croquis.png": (1200, 900)})
    result = build(root)
    assert result.error is None, result.error
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == result.count.total == 3      # the contents on the cover
    for page in reader.pages:
        width = float(page.mediabox.width) / PT_PER_MM
        height = float(page.mediabox.height) / PT_PER_MM
        assert (round(width), round(height)) == (420, 297)
    titles = [plain_spaces(item.title) for item in reader.outline if not isinstance(item, list)]
    assert "Objectifs du projet" in titles and "Croquis" in titles
    assert reader.metadata.title == "Pendentif Lune"
    assert reader.metadata.author == "Ana Dupont"
    text = pdf_text(result.pdf)
    assert "Ana Dupont" in text and "page 2 / 3" in text
    # The contents, on the cover's panel, carry the real page numbers of the rendered document.
    contents = " ".join(page_texts(result.pdf)[0].split())
    assert "SOMMAIRE" in contents and "Objectifs du projet" in contents
    assert "2" in contents and "3" in contents
    assert [(s.title, s.first, s.last) for s in result.count.sections] == [
        ("Objectifs du projet", 2, 2), ("Croquis", 3, 3)]
    assert result.count.front_pages == 1


def test_links_between_sections_stay_inside_the_pdf(project, make_dossier, build):
    root = make_dossier(project / "students", "ana", SECTIONS,
                        images={"croquis.png": (1200, 900)})
    reader = PdfReader(io.BytesIO(build(root).pdf))
    internal, external = [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/URI"):
                external.append(action["/URI"])
            elif annot.get("/Dest") is not None or (action and action.get("/D") is not None):
                internal.append(annot)
    assert "https://www.example.org/musee" in external
    assert internal, "the link to the sketches section must be an internal PDF link"


def test_fonts_are_embedded(project, make_dossier, build):
    root = make_dossier(project / "students", "ana")
    reader = PdfReader(io.BytesIO(build(root).pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
    assert any("Inter" in f for f in fonts) and any("Garamond" in f for f in fonts)


def test_a4_portrait_is_allowed_and_counted(project, make_dossier, build):
    root = make_dossier(project / "students", "ana", page_format="A4-portrait")
    result = build(root)
    assert result.verdict.ok
    assert result.count.page_sizes_mm[0] == (210.0, 297.0)


def test_a_small_cover_photo_gets_a_resolution_warning(project, make_dossier, build):
    from helpers import DOSSIER_YML, write_image

    yml = DOSSIER_YML.format(prenom="Ana", nom="Dupont", numero="01234567890", titre="Bague",
                             voie="scolaire", brouillon="false", format="A3-paysage")
    root = make_dossier(project / "students", "ana", yml=yml + "couverture: images/couv.jpg\n")
    write_image(root / "images" / "couv.jpg", (800, 600))
    # Landscape A3: the photo is shown whole beside the cover's text, in a 258 x 265 mm box:
    # a 4:3 photo is 258 mm wide there, 800 px make 79 dpi.
    warnings = [str(w) for w in build(root).warnings if "couverture" in str(w)]
    assert len(warnings) == 1 and "79 dpi" in warnings[0] and "couv.jpg" in warnings[0]
    write_image(root / "images" / "couv.jpg", (3000, 2250))        # 192 dpi: fine
    assert not [w for w in build(root).warnings if "couverture" in str(w)]
