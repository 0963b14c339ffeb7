"""A full-page figure (``!!! pleine-page``) read back from the PDF (issue 25, defect 4): its
image fills the page to its foot or its width, in proportion, and the resolution warning reads
the size it is printed at (a tall strip is limited by its height, not by the page's width)."""

from __future__ import annotations

import pytest
from pagefill import placed_images
from photos import framed_photo
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.images import ImageCache
from portfolio.pdf.draw.placing import board_printed_mm
from portfolio.pdf.page.geometry import MARGINS_MM

pytestmark = pytest.mark.slow      # PDFs laid out and read back

FORMATS = {"A3-paysage": (420, 297), "A3-portrait": (297, 420)}

SECTION = """\
---
titre: Objectifs
role: objectifs
---

!!! pleine-page "{title}"
    ![Une image](../images/{name} "{caption}")
"""


def full_page(tmp_path, make_dossier, page_format, size, images, title="La tige entière"):
    root = make_dossier(tmp_path / "students", "ana", {"01-objectifs.md": SECTION.format(
        title=title, name="image.jpg", caption="De la base à la feuille, vue entière")},
        page_format=page_format)
    framed_photo(root / "images" / "image.jpg", size)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"), ImageCache(images))
    assert build.error is None, build.error
    return build


@pytest.mark.parametrize("page_format", list(FORMATS))
@pytest.mark.parametrize("size", [(1500, 6000), (3000, 4000), (4000, 3000), (6000, 1500)],
                         ids=["bande-haute", "portrait", "paysage", "panorama"])
def test_a_full_page_image_fills_its_page(tmp_path, make_dossier, page_format, size,
                                          shared_images):
    build = full_page(tmp_path, make_dossier, page_format, size, shared_images)
    reader = PdfReader(str(build.pdf_path))
    found = [(number, box) for number, page in enumerate(reader.pages, start=1)
             for box in placed_images(reader, page)]
    assert len(found) == 1
    number, (x, y, w, h, ratio) = found[0]
    assert number == 2 and build.count.parts["principal"] == 2      # the contents on the cover
    assert w / h == pytest.approx(size[0] / size[1], rel=0.005)       # in proportion
    page_w, _ = FORMATS[page_format]
    top, right, bottom, left = MARGINS_MM
    content_w = page_w - left - right
    # As large as the page allows: its whole width, or down to the caption at the page's
    # foot (two lines of caption and the figure's space: within 22 mm of the bottom margin).
    assert w == pytest.approx(content_w, abs=0.5) or y <= bottom + 22, (x, y, w, h)
    assert x >= left - 0.1 and x + w <= page_w - right + 0.1 and y >= bottom - 0.1
    tall = size[1] > size[0]
    if tall:
        assert y <= bottom + 22
    assert [p for p in build.warnings if "résolution" in p.message] == []


@pytest.mark.parametrize(("size", "warned"), [
    ((1500, 6000), None),        # 1500 px across some 60 mm: over 600 dpi
    ((150, 600), 60),            # the same shape short of pixels: read at its printed width
    ((760, 300), 380),           # a panorama short of pixels: the page's width
])
def test_full_page_resolution_is_read_at_the_printed_size(tmp_path, make_dossier, size, warned,
                                                          shared_images):
    build = full_page(tmp_path, make_dossier, "A3-paysage", size, shared_images)
    messages = [p.message for p in build.warnings if "résolution" in p.message]
    if warned is None:
        assert messages == []
    else:
        assert len(messages) == 1
        printed = float(messages[0].split(" à ")[1].split(" mm")[0])
        assert printed == pytest.approx(warned, abs=6), messages


def test_board_printed_width():
    assert board_printed_mm(380, (1500, 6000), (420, 297)) == pytest.approx((263 - 5) / 4)
    assert board_printed_mm(380, (6000, 1500), (420, 297)) == 380
    assert board_printed_mm(380, (0, 0), (420, 297)) == 380
