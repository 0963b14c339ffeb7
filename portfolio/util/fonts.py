"""Fonts shipped with the project (PyPI fontpkg-* packages) -> @font-face rules for site and PDF."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BODY_FAMILY", "DISPLAY_FAMILY", "FONTS", "Font", "font_face_css", "print_font_css"]

# The display face (titles, figure numbers, quotations) is EB Garamond, not Cormorant Garamond.
# Cormorant Garamond 4.001 (fontpkg) draws its lowercase circumflex narrow and tall, set high: a
# third of the width of "o" and "u" (0.32-0.33 measured, EB Garamond 0.44-0.58), so at title
# sizes the circumflex of "coûts" or "Contrôle" reads as a tick standing beside the letter. The
# font's drawing is at fault, not WeasyPrint or HarfBuzz: "û" is a precomposed glyph (no mark
# positioning), and a fontTools static instance drawn by FreeType shows the same.
# tests/util/test_fonts.py renders the accented letters of both faces in the PDF and in Chromium.
DISPLAY_FAMILY = "EB Garamond"
BODY_FAMILY = "Inter"


@dataclass(frozen=True)
class Font:
    family: str
    package: str
    file: str
    style: str
    weight: str

    @property
    def web_name(self) -> str:
        """A plain file name for the site (``inter-italic.ttf``)."""
        name = self.family.lower().replace(" ", "-")
        return f"{name}-italic.ttf" if self.style == "italic" else f"{name}.ttf"

    @property
    def path(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        if spec is None or spec.origin is None:  # pragma: no cover - pinned dependency
            raise RuntimeError(f"font package {self.package} is not installed")
        return Path(spec.origin).parent / "files" / self.file


FONTS = (
    Font("Inter", "fontpkg_inter", "Inter[opsz,wght].ttf", "normal", "100 900"),
    Font("Inter", "fontpkg_inter", "Inter-Italic[opsz,wght].ttf", "italic", "100 900"),
    Font("EB Garamond", "fontpkg_eb_garamond", "EBGaramond[wght].ttf", "normal", "400 800"),
    Font("EB Garamond", "fontpkg_eb_garamond", "EBGaramond-Italic[wght].ttf", "italic",
         "400 800"),
)


def font_face_css(url: Callable[[Font], str], weight_ranges: bool = True) -> str:
    """``@font-face`` rules; ``url(font)`` gives where each file is served from.

    Browsers want the variable fonts' weight range; WeasyPrint rejects ranges and finds the
    weights in the font itself, so print passes ``weight_ranges=False``.
    """
    rules = []
    for font in FONTS:
        weight = f" font-weight: {font.weight};" if weight_ranges else ""
        rules.append(
            "@font-face {"
            f" font-family: '{font.family}'; font-style: {font.style};{weight}"
            f" font-display: swap; src: url('{url(font)}') format('truetype'); }}")
    return "\n".join(rules) + "\n"


def print_font_css() -> str:
    """The ``@font-face`` rules of a document WeasyPrint lays out: the font files themselves
    (``file:`` URLs), no weight ranges."""
    return font_face_css(lambda font: font.path.as_uri(), weight_ranges=False)
