"""The shipped fonts (:data:`portfolio.util.fonts.FONTS`) -> WOFF2 subsets for French, and CSS.

The site served the whole variable TTF files (3.7 MB for four fonts on a first visit). Each font
is published instead as a WOFF2 holding the characters French text and the site's own
typography need (:data:`CHARACTERS`), with its variation axes (weights) and the OpenType
features the pages use; ``unicode-range`` tells the browser that anything else comes from the
next font of the stack. Whatever fonts :data:`FONTS` lists are subset the same way.

Subsetting takes a second or two per font, so subsets live in the content cache
(``<cache>/fonts/``), keyed by the font file's bytes, the character set and :data:`VERSION`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..processes.progress import advance
from ..util.files import replacing
from ..util.fonts import FONTS, Font

__all__ = ["CHARACTERS", "WebFont", "unicode_ranges", "web_font_css", "web_fonts"]

log = logging.getLogger(__name__)

VERSION = "3"    # bump when the subsetting changes: cached subsets are made again


def _span(first: int, last: int) -> set[int]:
    return set(range(first, last + 1))


CHARACTERS = frozenset(
    _span(0x20, 0x7E)                 # ASCII
    | _span(0xA0, 0xFF)               # Latin-1: accented letters, « », °, ·, ×, NBSP
    | _span(0x100, 0x17F)             # Latin Extended-A: Œ œ Ÿ, and names (Łucja, Ştefan, Aydın)
    | {0x2009, 0x202F}                # thin and narrow no-break spaces (French typography)
    | _span(0x2010, 0x2014)           # hyphens, dashes
    | _span(0x2018, 0x201E)           # quotes and apostrophes
    | {0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2032, 0x2033, 0x2039, 0x203A}  # † ‡ • … ‰ ′ ″ ‹ ›
    | {0x20AC, 0x2122, 0x2212, 0x2248, 0x2264, 0x2265}  # € ™ − ≈ ≤ ≥
    | _span(0x2190, 0x2193)           # arrows
)
# OpenType features kept besides fontTools' defaults (kerning, ligatures, marks...): figures
# as the cost tables set them (tabular, lining), fractions, superscripts, ordinals.
FEATURES = ["tnum", "lnum", "onum", "pnum", "case", "frac", "sups", "subs", "ordn", "zero"]


@dataclass(frozen=True)
class WebFont:
    font: Font
    path: Path                # the WOFF2 subset in the cache
    name: str                 # file name on the site (a hash of the subset in it)
    codepoints: frozenset[int]


def _key(font: Font) -> str:
    sha = hashlib.sha256(f"{VERSION}|{sorted(CHARACTERS)}|{FEATURES}".encode())
    sha.update(font.path.read_bytes())
    return sha.hexdigest()


def _subset(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = [*options.layout_features, *FEATURES]
    options.hinting = False            # browsers ignore TrueType hints on most screens
    options.notdef_outline = True
    options.name_IDs = ["*"]           # the licence and names stay with the font
    font = TTFont(str(source))
    _stand_in_spaces(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=CHARACTERS)
    subsetter.subset(font)
    font.flavor = "woff2"
    with replacing(target) as partial:
        font.save(str(partial))


# A space French typography needs -> the font's own space that stands in when it lacks it.
# EB Garamond has no narrow no-break space (U+202F, before ; ! ? and inside « »): its thin
# space (U+2009) is drawn instead of a fallback font's.
STAND_IN = {0x202F: 0x2009}


def _stand_in_spaces(font) -> None:
    """Map each character of :data:`STAND_IN` the font lacks to the glyph of its stand-in."""
    cmap = font.getBestCmap()
    for missing, stand_in in STAND_IN.items():
        if missing in cmap or stand_in not in cmap:
            continue
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[missing] = cmap[stand_in]


def _codepoints(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


def _made(target: Path) -> bool:
    return target.is_file() and target.stat().st_size > 0


def web_fonts(cache_dir: Path, fonts: Iterable[Font] = FONTS) -> list[WebFont]:
    """The WOFF2 subset of each of ``fonts``, made once and kept in ``cache_dir / "fonts"``."""
    folder = cache_dir / "fonts"
    result = []
    fonts = list(fonts)
    missing = [f for f in fonts if not _made(folder / f"{_key(f)}.woff2")]
    for font in fonts:
        key = _key(font)
        target = folder / f"{key}.woff2"
        if font in missing:
            log.info("Police %s (%s) : sous-ensemble WOFF2 pour le site", font.family,
                     font.style)
            folder.mkdir(parents=True, exist_ok=True)
            _subset(font.path, target)
            advance("polices du site", missing.index(font) + 1, len(missing),
                    f"{font.family} {font.style}")
        stem = font.family.lower().replace(" ", "-") + ("-italic" if font.style == "italic"
                                                        else "")
        result.append(WebFont(font, target, f"{stem}-{key[:10]}.woff2", _codepoints(target)))
    return result


def unicode_ranges(codepoints: Iterable[int]) -> str:
    """``U+20-7E, U+A0-FF, U+152-153`` for the CSS ``unicode-range`` of a font."""
    spans: list[list[int]] = []
    for point in sorted(set(codepoints)):
        if spans and point == spans[-1][1] + 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


def web_font_css(fonts: list[WebFont], url: Callable[[WebFont], str]) -> str:
    """``@font-face`` rules for the site; ``url(web_font)`` gives where each file is served."""
    rules = []
    for web in fonts:
        font = web.font
        rules.append(
            "@font-face {"
            f" font-family: '{font.family}'; font-style: {font.style};"
            f" font-weight: {font.weight}; font-display: swap;"
            f" src: url('{url(web)}') format('woff2');"
            f" unicode-range: {unicode_ranges(web.codepoints & CHARACTERS)}; }}")
    return "\n".join(rules) + "\n"
