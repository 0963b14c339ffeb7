"""Words of the print document -> their widths and line breaks in mm, from the shipped fonts.

The composer (:mod:`.compose`) plans every page before WeasyPrint lays it out: it needs the
number of lines a paragraph takes in a column, and where each line starts, to fill and balance
columns itself (WeasyPrint's column balancing lays the content out again and again: tens of
seconds for a dossier). Widths come from the same font files WeasyPrint uses, read with Pillow;
lines are broken greedily at spaces (no-break spaces glue words). Measured against WeasyPrint on
the example's 60 longest paragraphs at 118.7 and 86 mm: 269 lines for 268, never more than one
line off a paragraph (WeasyPrint's hyphenation sometimes saves one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from ...util.fonts import BODY_FAMILY, DISPLAY_FAMILY, FONTS

__all__ = ["ATTACH", "BREAK", "PT", "Style", "Word", "break_lines", "text_width", "words"]

PT = 25.4 / 72                 # mm per point
_REF = 200                     # the size fonts are loaded at (widths scale linearly)
_SPACE = re.compile(r"[ \t\n\r\f]+")     # breakable spaces (never the no-break ones)


@dataclass(frozen=True)
class Style:
    """The type a run of text is set in."""

    size_pt: float
    display: bool = False      # EB Garamond (titles) rather than Inter (text)
    bold: bool = False
    italic: bool = False

    def but(self, **changes) -> Style:
        return Style(**{**self.__dict__, **changes})


@lru_cache(maxsize=16)
def _font(display: bool, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    family = DISPLAY_FAMILY if display else BODY_FAMILY
    style = "italic" if italic else "normal"
    font = next(f for f in FONTS if f.family == family and f.style == style)
    face = ImageFont.truetype(str(font.path), _REF)
    axes = {axis["name"]: axis["default"] for axis in face.get_variation_axes()}
    axes[b"Weight"] = 600 if bold else (500 if display else 400)
    face.set_variation_by_axes(list(axes.values()))
    return face


@lru_cache(maxsize=65536)
def _width(text: str, display: bool, bold: bool, italic: bool) -> float:
    font = _font(display, bold, italic)
    try:
        return font.getlength(text)
    except (RuntimeError, ValueError, OSError):   # text shaping refuses odd code points
        printable = "".join(c for c in text if unicodedata.category(c)[0] not in "CZ" or
                            c == " ")
        try:
            return font.getlength(printable)
        except (RuntimeError, ValueError, OSError):
            return len(text) * 0.55 * _REF                # about an average letter


def text_width(text: str, style: Style) -> float:
    """Width of ``text`` in mm (no line break)."""
    return _width(text, style.display, style.bold, style.italic) * style.size_pt / _REF * PT


BREAK = "\x00"                 # a run of this text is a forced line break (``<br>``)
ATTACH = "\x01"                # a run starting with this widens the word before it (an address
#                                 printed after a link: not a word of the HTML, cut anywhere)


@dataclass
class Word:
    width: float       # mm
    space: float       # width of the space before it (mm), 0 for the first word
    forced: bool = False   # starts a new line (after a ``<br>``)


def words(runs: list[tuple[str, Style]]) -> list[Word]:
    """The words of ``runs`` (text, style), a word possibly spanning runs ("<b>mot</b>,")."""
    out: list[Word] = []
    pending_space = 0.0
    open_word = False
    forced = False
    for text, style in runs:
        if text == BREAK:
            forced, open_word = True, False
            continue
        if text.startswith(ATTACH):
            if out:
                out[-1].width += text_width(text[1:], style)
            continue
        parts = _SPACE.split(text)
        for index, part in enumerate(parts):
            if index > 0:                               # a space came before this part
                pending_space = text_width(" ", style)
                open_word = False
            if not part:
                continue
            width = text_width(part, style)
            if open_word:
                out[-1].width += width
            else:
                out.append(Word(width, pending_space if out else 0.0, forced))
                open_word, forced = True, False
    return out


def break_lines(items: list[Word], width_mm: float) -> list[int]:
    """Index of the first word of each line when ``items`` are set greedily ``width_mm`` wide.

    A word wider than the line (an address) takes the lines it needs: its index repeats.
    """
    starts = [0] if items else []
    used = 0.0
    for index, word in enumerate(items):
        if index > 0 and not word.forced and used + word.space + word.width <= width_mm:
            used += word.space + word.width
            continue
        if index > 0:
            starts.append(index)
        used = word.width
        while used > width_mm > 0:          # broken anywhere (word-break: break-all)
            starts.append(index)
            used -= width_mm
    return starts
