"""tests/pdfpages.py renders pages as pdftoppm did: size, place and colour of what is drawn."""

from __future__ import annotations

import pytest
from pdfgen import weasy
from pdfpages import page_image, page_images

# Two A5 pages (420 x 595 pt); the second has a black 72 pt square 72 pt from the top left.
HTML = ("<style>@page { size: A5; margin: 0 } body { margin: 0 } p { margin: 0 }"
        "section { padding: 1in; break-before: page } div { width: 1in; height: 1in;"
        " background: #000 }</style><p>Bague</p><section><div></div></section>")


@pytest.mark.parametrize(("dpi", "size", "square"), [
    (72, (420, 596), (72, 72, 144, 144)),      # A5 is 419.53 x 595.28 pt: rounded up
    (40, (234, 331), (40, 40, 80, 80)),        # pdftoppm: the same sizes and squares
    (25, (146, 207), (25, 25, 50, 50)),
])
def test_pages_render_at_their_size_with_their_content(tmp_path, dpi, size, square):
    pdf = tmp_path / "bague.pdf"
    pdf.write_bytes(weasy(None, HTML))
    first, second = page_images(pdf, dpi)
    assert first.mode == second.mode == "RGB" and first.size == second.size == size
    left, top, right, bottom = second.convert("L").point(lambda v: v < 128 and 255).getbbox()
    # PDFium also inks the pixel a rectangle's far edge falls on (pdftoppm does not)
    assert (left, top) == square[:2] and (right - 1, bottom - 1) == square[2:]
    assert page_image(pdf.read_bytes(), 1, dpi).tobytes() == second.tobytes()
    assert first.getpixel((size[0] - 1, size[1] - 1)) == (255, 255, 255)
