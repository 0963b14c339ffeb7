"""The cover read back from the PDF (issue 25, defect 1): the photo printed whole, in
proportion (equal x and y resolution, as ``pdfimages -list`` reads them), inside the sheet and
clear of its edges, for landscape, portrait and square photos on each page format; a cover
without a photo is set too."""

from __future__ import annotations

import subprocess

import pytest
from helpers import DOSSIER_YML, page_texts
from pagefill import placed_images
from photos import framed_photo
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.images import ImageCache
from portfolio.pdf.draw.placing import cover_area_mm, cover_photo
from portfolio.pdf.page.geometry import COVER_INSET_MM

pytestmark = pytest.mark.slow      # PDFs laid out and read back

FORMATS = {"A3-paysage": (420, 297), "A3-portrait": (297, 420), "A4-paysage": (297, 210),
           "A4-portrait": (210, 297)}


def cover_dossier(tmp_path, make_dossier, page_format: str, size, images) -> object:
    yml = DOSSIER_YML.format(prenom="Ana", nom="Dupont", numero="01234567890",
                             titre="Pendentif Lune", voie="scolaire", brouillon="false",
                             format=page_format)
    if size:
        yml += "couverture: images/couverture.jpg\n"
    root = make_dossier(tmp_path / "students", "ana", yml=yml)
    if size:
        framed_photo(root / "images" / "couverture.jpg", size)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"), ImageCache(images))
    assert build.error is None, build.error
    return build


def pdfimages_ppi(pdf) -> list[tuple[int, int, int]]:
    """``(page, x-ppi, y-ppi)`` of each image, as poppler's ``pdfimages -list`` reads them."""
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    return [(int(row.split()[0]), int(row.split()[12]), int(row.split()[13])) for row in listed]


@pytest.mark.parametrize("page_format", list(FORMATS))
@pytest.mark.parametrize("size", [(4000, 3000), (3000, 4000), (3000, 3000), (6000, 2000),
                                  (1200, 4000)],
                         ids=["paysage", "portrait", "carre", "panorama", "bande-haute"])
def test_the_cover_photo_prints_whole_and_in_proportion(tmp_path, make_dossier, page_format,
                                                        size, shared_images):
    build = cover_dossier(tmp_path, make_dossier, page_format, size, shared_images)
    ppi = [row for row in pdfimages_ppi(build.pdf_path) if row[0] == 1]
    assert len(ppi) == 1
    _, x_ppi, y_ppi = ppi[0]
    assert abs(x_ppi - y_ppi) <= 1, ppi            # pdfimages rounds each to a whole ppi
    reader = PdfReader(str(build.pdf_path))
    page_w, page_h = FORMATS[page_format]
    [(x, y, w, h, ratio)] = placed_images(reader, reader.pages[0])
    assert w / h == pytest.approx(size[0] / size[1], rel=0.005)
    inset = COVER_INSET_MM - 0.1                    # never flush with the sheet's edges
    assert x >= inset and y >= inset and x + w <= page_w - inset and y + h <= page_h - inset
    # Fitted to its area: as large as the area allows one way or the other.
    _, _, area_w, area_h = cover_area_mm(FORMATS[page_format])
    assert w == pytest.approx(area_w, abs=0.5) or h == pytest.approx(area_h, abs=0.5)
    # The cover's text is all there (nothing under the photo).
    first = page_texts(build.pdf)[0]
    assert "Pendentif" in first and "Ana Dupont" in first


@pytest.mark.parametrize("page_format", ["A3-paysage", "A3-portrait"])
def test_a_cover_without_a_photo(tmp_path, make_dossier, page_format, shared_images):
    build = cover_dossier(tmp_path, make_dossier, page_format, None, shared_images)
    reader = PdfReader(str(build.pdf_path))
    assert placed_images(reader, reader.pages[0]) == []
    first = page_texts(build.pdf)[0]
    assert "Pendentif" in first and "Ana Dupont" in first


@pytest.mark.parametrize(("size", "page", "box"), [
    ((4000, 3000), (420, 297), (146, 51.75, 258, 193.5)),      # landscape: full width, centred
    ((3000, 4000), (420, 297), (175.625, 16, 198.75, 265)),    # portrait: full height
    ((3000, 3000), (420, 297), (146, 19.5, 258, 258)),
    ((4000, 3000), (297, 420), (16, 30.425, 265, 198.75)),       # photo above the text
    ((0, 0), (420, 297), (146, 16, 258, 265)),                 # unknown size: the whole area
])
def test_cover_photo_box(size, page, box):
    photo = cover_photo("x.jpg", size, page)
    assert (photo.left, photo.top, photo.width, photo.height) == pytest.approx(box, abs=0.01)


LONG_TITLE = "Recherches plastiques, historiques et techniques autour de la feuille, partie {}"


@pytest.mark.parametrize(("page_format", "sections", "on_cover"), [
    ("A3-paysage", 8, True), ("A3-portrait", 8, True),
    ("A3-paysage", 16, False),             # too long for the panel: a contents page
])
def test_the_contents_go_on_the_cover_when_they_fit(tmp_path, make_dossier, page_format,
                                                    sections, on_cover, shared_images):
    """The contents on the cover's panel give the student a page back; too many entries keep
    a contents page. Either way the entries carry the real page numbers."""
    yml = DOSSIER_YML.format(prenom="Ana", nom="Dupont", numero="01234567890",
                             titre="Pendentif Lune", voie="scolaire", brouillon="false",
                             format=page_format) + "couverture: images/couverture.jpg\n"
    texts = {f"{i:02d}-partie-{i}.md":
             f"---\ntitre: {LONG_TITLE.format(i)}\nsaut_de_page: oui\n---\n\nTexte {i}.\n"
             for i in range(1, sections + 1)}
    root = make_dossier(tmp_path / "students", "ana", texts, yml=yml)
    framed_photo(root / "images" / "couverture.jpg", (4000, 3000))
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"),
                          ImageCache(shared_images))
    assert build.error is None, build.error
    front = 1 if on_cover else 2
    assert build.count.front_pages == front
    assert build.count.parts["principal"] == front + sections
    texts = [" ".join(t.split()) for t in page_texts(build.pdf)]
    contents = " ".join(texts[:front])
    assert "Ana Dupont" in texts[0] and "Lycée des métiers" in texts[0]   # nothing pushed off
    assert ("SOMMAIRE" in texts[0]) is on_cover
    assert on_cover or texts[1].startswith("Sommaire")
    assert "partie 1" in contents and f"partie {sections}" in contents
    assert all(str(front + i) in contents for i in range(1, sections + 1))
