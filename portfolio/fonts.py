"""Fonts shipped with the project (PyPI fontpkg-* packages) -> @font-face rules for site and PDF."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FONTS", "Font", "font_face_css"]


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
    Font("Cormorant Garamond", "fontpkg_cormorant_garamond", "CormorantGaramond[wght].ttf",
         "normal", "300 700"),
    Font("Cormorant Garamond", "fontpkg_cormorant_garamond",
         "CormorantGaramond-Italic[wght].ttf", "italic", "300 700"),
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
