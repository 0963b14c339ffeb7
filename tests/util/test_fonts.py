"""The shipped fonts set French accents over their letters, in the PDF and in Chromium (site).

Each accented letter is drawn at a fixed place and its base letter right under it at the same
x; the accent is what the first has and the second has not. It must sit above the letter
(the cedilla below), centred on it (the slant of an italic taken into account), and a
circumflex must be a hat over its lowercase letter, not a tick (Cormorant Garamond's, a third
of the width of "o" and "u", read as standing beside the letter in "coûts" and "Contrôle").
"""

from __future__ import annotations

import base64
import io
import math
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from helpers import CHROMIUM
from pdfpages import page_image
from PIL import Image, ImageChops, ImageFilter

from portfolio.site.fonts import web_font_css, web_fonts
from portfolio.util.fonts import BODY_FAMILY, DISPLAY_FAMILY, FONTS, print_font_css

LETTERS = "âêîôûàèùéëïüÿÂÊÎÔÛÀÈÙÉËÏÜçÇ"
SYMMETRIC = "\u0302\u0308"          # circumflex, diaeresis: centred; acute/grave lean
CELL, SIZE, TOP, ROW = 96, 64, 24, 120    # CSS px: cell width, font size, first row, row step
# (family, weight, style): the weights the print and site stylesheets use.
FACES = [(DISPLAY_FAMILY, 500, "normal"), (DISPLAY_FAMILY, 600, "normal"),
         (DISPLAY_FAMILY, 400, "italic"), (BODY_FAMILY, 400, "normal"),
         (BODY_FAMILY, 600, "normal"), (BODY_FAMILY, 400, "italic")]


def sample_html(family: str, weight: int, style: str, font_css: str) -> str:
    cells = []
    for index, letter in enumerate(LETTERS):
        base = unicodedata.normalize("NFD", letter)[0].replace("i", "\u0131")   # no dot
        for row, char in enumerate((letter, base)):
            cells.append(f'<div style="position:absolute;left:{16 + index * CELL}px;'
                         f'top:{TOP + row * ROW}px">{char}</div>')
    width = 32 + len(LETTERS) * CELL
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>{font_css}'
            f"@page {{ size: {width}px {2 * ROW + 2 * TOP}px; margin: 0 }}"
            f"html, body {{ margin: 0; background: white }}"
            f"body {{ font: {style} {weight} {SIZE}px/1 '{family}'; }}</style></head>"
            f"<body>{''.join(cells)}</body></html>")


def _ink(image: Image.Image) -> Image.Image:
    return image.convert("L").point(lambda v: 255 if v < 140 else 0)


def _centroid(mask: Image.Image) -> tuple[float, float, int]:
    xs = ys = count = 0
    width = mask.size[0]
    for index, value in enumerate(mask.tobytes()):
        if value:
            xs += index % width
            ys += index // width
            count += 1
    return (xs / count, ys / count, count) if count else (0, 0, 0)


def accents(image: Image.Image, slant_deg: float = 0.0) -> dict[str, tuple[float, float, int]]:
    """Per letter: (horizontal offset of the accent from the letter's centre of ink, in letter
    widths;
    vertical gap in px, > 0 when the accent is clear of the letter; accent width, in letter
    widths)."""
    ink = _ink(image)
    found = {}
    for index, letter in enumerate(LETTERS):
        left = 16 + index * CELL - 8
        box = (left, TOP - 20, left + CELL, TOP + ROW - 20)
        accented = ink.crop(box)
        base = ink.crop((box[0], box[1] + ROW, box[2], box[3] + ROW))
        accent = ImageChops.subtract(accented, base.filter(ImageFilter.MaxFilter(3)))
        letter_box, accent_box = base.getbbox(), accent.getbbox()
        assert letter_box and accent_box, f"{letter!r}: nothing drawn"
        ax, ay, _ = _centroid(accent)
        lx, ly, _ = _centroid(base)
        # An italic's centre line leans: at the accent's height it is further right.
        centre = lx + (ly - ay) * math.tan(
            math.radians(slant_deg))
        below = unicodedata.normalize("NFD", letter)[1] == "\u0327"
        gap = (accent_box[1] - letter_box[3]) if below else (letter_box[1] - accent_box[3])
        width = letter_box[2] - letter_box[0]
        found[letter] = ((ax - centre) / width, gap, (accent_box[2] - accent_box[0]) / width)
    return found


def slant(family: str, style: str) -> float:
    """The italic angle of ``family``'s ``style`` file (degrees, positive leans right)."""
    font = next(f for f in FONTS if f.family == family and f.style == style)
    return -TTFont(font.path)["post"].italicAngle


def misplaced(found: dict[str, tuple[float, float, int]]) -> list[str]:
    bad = []
    for letter, (offset, gap, _) in found.items():
        mark = unicodedata.normalize("NFD", letter)[1]
        limit = 0.15 if mark in SYMMETRIC else 0.3
        if abs(offset) > limit or gap < -2:
            bad.append(f"{letter} (décalage {offset:+.2f}, écart {gap})")
    return bad


def pdf_image(html: str, tmp_path: Path) -> Image.Image:
    import weasyprint

    return page_image(weasyprint.HTML(string=html).write_pdf(), dpi=96)


PRINT_CSS = print_font_css()


@pytest.mark.parametrize(("family", "weight", "style"), FACES)
def test_pdf_sets_accents_over_their_letters(family, weight, style, tmp_path):
    found = accents(pdf_image(sample_html(family, weight, style, PRINT_CSS), tmp_path),
                    slant(family, style))
    assert misplaced(found) == []


@pytest.mark.parametrize(("family", "weight"), [(DISPLAY_FAMILY, 500), (DISPLAY_FAMILY, 600),
                                                (BODY_FAMILY, 400)])
def test_pdf_circumflex_covers_its_letter(family, weight, tmp_path):
    """A lowercase circumflex spans at least 38 % of its letter (measured: EB Garamond 44 % and
    more, Inter 61 %; Cormorant Garamond 32 % over "o" and "u", the defect seen)."""
    found = accents(pdf_image(sample_html(family, weight, "normal", PRINT_CSS), tmp_path))
    narrow = [f"{letter} ({found[letter][2]:.2f})" for letter in "âêôû"
              if found[letter][2] < 0.38]
    assert narrow == []


def test_the_check_catches_a_misplaced_accent(tmp_path):
    """The measure is not blind: an accent moved by a third of a letter is reported."""
    html = sample_html(BODY_FAMILY, 400, "normal", PRINT_CSS).replace(
        ">â</div>", '>a<span style="position:relative;left:-22px;top:0">\u0302</span></div>')
    found = accents(pdf_image(html, tmp_path))
    assert [entry[:1] for entry in misplaced(found)] == ["â"]


def _data_url(path: Path) -> str:
    return "data:font/woff2;base64," + base64.b64encode(path.read_bytes()).decode()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium absent")
@pytest.mark.parametrize(("family", "weight", "style"), FACES)
def test_site_sets_accents_over_their_letters(family, weight, style, browser,
                                               tmp_path_factory):
    """The site's fonts as it serves them (WOFF2 subsets, weight ranges) in Chromium."""
    site_css = web_font_css(web_fonts(tmp_path_factory.getbasetemp() / "polices"),
                            lambda web: _data_url(web.path))
    page = browser.new_page(viewport={"width": 32 + len(LETTERS) * CELL,
                                      "height": 2 * ROW + 2 * TOP})
    try:
        page.set_content(sample_html(family, weight, style, site_css))
        page.evaluate("document.fonts.ready")
        assert page.evaluate(f"document.fonts.check('{style} {weight} 64px \"{family}\"')")
        image = Image.open(io.BytesIO(page.screenshot()))
    finally:
        page.close()
    assert misplaced(accents(image, slant(family, style))) == []
