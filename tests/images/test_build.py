"""End to end: the built site's <img> carry WebP srcsets, the PDF holds right-sized clean images."""

from __future__ import annotations

import io
import re

import pytest
from imagegen import metadata_of, photo
from PIL import Image
from pypdf import PdfReader

from portfolio.cli.main import main
from portfolio.images import print_width
from portfolio.pdf.page.placement import column_width_mm

pytestmark = pytest.mark.slow      # site and PDF images of built dossiers

SECTIONS = {
    "01-recherches.md": """\
        ---
        titre: Recherches
        role: recherches-plastiques
        ---

        ![Bague en or sur un présentoir](../images/bague.jpg "La bague")

        Texte.

        ![](../images/detail.jpg)

        ![Croquis coté de la bague](../images/croquis.svg "Croquis")
        """,
}
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120mm" height="60mm" '
       'viewBox="0 0 120 60" onload="alert(1)"><rect width="120" height="60" fill="#b8953e"/>'
       '<script>alert(2)</script></svg>')


def _dossier(project, make_dossier):
    root = make_dossier(project / "students", "ana", SECTIONS)
    photo(root / "images" / "bague.jpg", (2000, 3000), orientation=6)   # portrait
    photo(root / "images" / "detail.jpg", (400, 300))
    (root / "images" / "croquis.svg").write_text(SVG, encoding="utf-8")
    return root


def test_site_images_have_webp_srcset_and_sizes(project, make_dossier):
    _dossier(project, make_dossier)
    assert main(["--project", str(project), "build"]) == 0
    page = (project / "site" / "ana" / "recherches" / "index.html").read_text()
    [bague] = [t for t in re.findall(r"<img\b[^>]*>", page) if "Bague en or" in t]
    srcset = re.search(r'srcset="([^"]+)"', bague).group(1)
    assert [w for _, w in re.findall(r"(\S+\.webp) (\d+)w", srcset)] == [
        "480", "960", "1600", "2000"]                # never wider than the 2000 px source
    assert 'width="1600" height="2400"' in bague and 'loading="lazy"' in bague
    assert 'decoding="async"' in bague and 'sizes="' in bague
    assert re.search(r'src="\.\./media/bague-1600w-[0-9a-f]{8}\.webp"', bague)
    [croquis] = [t for t in re.findall(r"<img\b[^>]*>", page) if "Croquis" in t]
    assert ".svg" in croquis and "srcset" not in croquis
    media = project / "site" / "ana" / "media"
    svg = next(media.glob("croquis-*.svg")).read_text()
    assert "<script" not in svg and "onload" not in svg
    for path in media.iterdir():     # compressed pixels may spell "GPS": read the metadata
        if path.suffix == ".svg":
            assert "GPS" not in path.read_text(encoding="utf-8")
        else:
            assert metadata_of(path) == {"exif": {}, "info": []}, path.name
            data = path.read_bytes()
            if data[8:12] == b"WEBP":        # RIFF chunks: no EXIF or XMP block at all
                chunks, at = [], 12
                while at + 8 <= len(data):
                    chunks.append(data[at:at + 4])
                    at += 8 + (int.from_bytes(data[at + 4:at + 8], "little") + 1) // 2 * 2
                assert not {b"EXIF", b"XMP "} & set(chunks), (path.name, chunks)


def test_pdf_images_are_clean_and_sized_for_their_column(project, make_dossier, build):
    root = _dossier(project, make_dossier)
    result = build(root)
    assert result.error is None, result.error
    column = column_width_mm(result.dossier.page_size_mm)
    widest = print_width(10_000, column)                      # 1402 px for 118.67 mm
    reader = PdfReader(io.BytesIO(result.pdf))
    images = list({image.data: image for page in reader.pages for image in page.images
                   }.values())                                # pages share their resources
    assert len(images) == 2                                   # the SVG is drawn as vector
    for image in images:
        data = image.data
        with Image.open(io.BytesIO(data)) as img:
            assert max(img.size) <= widest * 1.5 and img.width <= widest
            assert not img.getexif() and b"PhoneMaker" not in data
    sizes = sorted(Image.open(io.BytesIO(i.data)).size for i in images)
    # Turned upright, never upscaled; the photo's copy is made for the width the composed
    # page gives it (pdf/plan/compose.py), so no wider than its 2000 px.
    assert sizes[0] == (400, 300) and sizes[1][1] > sizes[1][0] and sizes[1][0] <= 2000
    warnings = [str(w) for w in result.warnings]
    # A figure is never narrower than 0.7 of a text column (83 mm on A3 landscape, where its
    # 400 px give 122 dpi): the warning says the size it is really printed at.
    assert any("detail.jpg : résolution insuffisante pour l'impression (122 dpi à 83 mm de "
               "large ; visez 300 dpi). Utilisez une photo plus grande." in w for w in warnings)
    assert not any("bague.jpg : résolution" in w for w in warnings)
    assert any("01-recherches.md:10 : image sans texte alternatif « detail.jpg »" in w
               for w in warnings)
    assert any("croquis.svg : dessin SVG nettoyé" in w for w in warnings)
