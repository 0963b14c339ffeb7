"""Figures whose caption states a scale ("échelle 4:1") -> printed at that scale, or a French
warning saying why they cannot be.

A drawing at a scale prints at its own size on paper: the size its file records. A scanner
writes the resolution it scanned at (pixels per inch), a drawing program the one it exported
at, an SVG its width and height in mm, cm or inches; the student's plan drawn at 4:1 on A3
paper and scanned at 300 dpi prints at 4:1. Such a figure is set across the page at that size
(a *wide* band of the composer, never scaled to a grid width); the student is told, with the
file and line, when its file records no size, or when that size does not fit on the page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from contextlib import suppress
from pathlib import Path

from PIL import Image

from ..errors import Problem
from ..images.decode import header
from ..images.placement import img_attributes, line_of
from ..model import Section
from ..templates import Markup
from .blocks import TextBlock, Typeset
from .grid import SAFETY_MM, grid_for
from .html_tree import Node, parse
from .measure import PT, Style

__all__ = ["SCALED", "at_scale", "drawn_size_mm", "stated_scale"]

SCALED = "a-l-echelle"            # the class of a figure printed at its stated scale
# "échelle 4:1", "Échelle : 1/2", "éch. 2:1", "à l'échelle 1:1"
_SCALE = re.compile(r"\b[ée]ch(?:elle|\.)\s*:?\s*(?:de\s+)?(\d+(?:[.,]\d+)?)\s*[:/]\s*"
                    r"(\d+(?:[.,]\d+)?)(?!\d)", re.I)
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6}
_LENGTH = re.compile(r"^\s*([\d.]+)\s*(mm|cm|in|pt|pc)\s*$")
_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.S)
TYPE = Typeset()


def stated_scale(caption: str) -> str | None:
    """The scale a caption states, as written for the jury ("4:1"), or None."""
    found = _SCALE.search(caption)
    return f"{found.group(1)}:{found.group(2)}" if found else None


def drawn_size_mm(path: Path) -> tuple[float, float] | None:
    """The size on paper an image file records (its resolution, or an SVG's units), None when
    it records none."""
    if path.suffix.lower() == ".svg":
        with suppress(etree.ParseError, OSError, ValueError):
            root = etree.parse(path).getroot()
            sizes = [_LENGTH.match(root.get(name) or "") for name in ("width", "height")]
            if all(sizes):
                return tuple(float(m.group(1)) * _UNITS_MM[m.group(2)] for m in sizes)
        return None
    with suppress(Exception):
        width, height, _ = header(path)
        with Image.open(path) as image:
            dpi = image.info.get("dpi")
        if dpi and min(float(dpi[0]), float(dpi[1])) > 1:
            return width / float(dpi[0]) * 25.4, height / float(dpi[1]) * 25.4
    return None


def _caption_mm(figure: Node, source: str, width: float) -> float:
    caption = figure.find("figcaption")
    if caption is None:
        return 0.0
    return TYPE.caption_gap_mm + TextBlock(
        html="", node=caption, source=source, style=Style(TYPE.caption_pt),
        line=TYPE.caption_leading_pt * PT).height(width)


def at_scale(html: str, section: Section, placed: dict[str, Path],
             page_size_mm: tuple[float, float], copy_for) -> tuple[str, list[Problem]]:
    """``html`` (a section's print HTML) with each figure whose caption states a scale marked
    to print at its file's size, and the warnings for those that cannot.

    ``placed`` maps each image URL to the student's file; ``copy_for(file, width_mm)`` gives
    the URL of a print copy for that width.
    """
    grid = grid_for(page_size_mm)
    problems: list[Problem] = []
    out, last = [], 0
    for match in _FIGURE.finditer(html):
        nodes = [n for n in parse(match.group(0)) if isinstance(n, Node)]
        figure = nodes[0] if nodes else None
        caption = figure.find("figcaption") if figure is not None else None
        scale = stated_scale(caption.text()) if caption is not None else None
        img = figure.find("img") if figure is not None else None
        if scale is None or img is None or figure.attr("class"):
            continue                 # no scale stated; a media's poster
        url = img.attr("src") or ""
        source = placed.get(url)
        if source is None:
            continue
        where = {"path": section.path, "line": line_of(section, source.name)}
        size = drawn_size_mm(source)
        if size is None:
            problems.append(Problem(
                f"« {source.name} » est légendée « échelle {scale} » mais le fichier "
                "n'indique pas sa taille réelle (sa résolution) : elle n'est pas imprimée "
                "à l'échelle.", **where,
                hint="Numérisez le dessin (le scanner enregistre sa résolution) ou exportez-le "
                     "de votre logiciel à l'échelle (PNG avec sa résolution, ou SVG en mm), "
                     "ou retirez l'échelle de la légende."))
            continue
        width, height = size
        room = grid.height - SAFETY_MM - _caption_mm(figure, match.group(0), grid.width) \
            - TYPE.figure_mm
        if width > grid.width + 0.5 or height > room + 0.5:
            problems.append(Problem(
                f"« {source.name} » est légendée « échelle {scale} » mais, à cette échelle, "
                f"elle mesure {width:.0f} × {height:.0f} mm : la page n'offre que "
                f"{grid.width:.0f} × {room:.0f} mm. Elle est imprimée plus petite, pas à "
                "l'échelle.", **where,
                hint="Choisissez une échelle plus petite (redessinez ou exportez le plan à "
                     "cette échelle), découpez-le en vues, ou retirez l'échelle de la "
                     "légende. Sa taille vient de sa résolution enregistrée dans le fichier."))
            continue
        printed = copy_for(source, width)
        placed[printed] = source
        start = html.find(">", match.start()) + 1
        out += [html[last:match.start()],
                str(Markup('<figure class="{}"').format(SCALED)), html[match.start() + 7:start]]
        body = html[start:match.end()]
        tag = next(m for m in re.finditer(r"<img\b[^>]*>", body))
        attrs = img_attributes(tag.group(0))
        attrs["src"] = printed
        attrs["style"] = f"width: {width:.2f}mm; height: {height:.2f}mm"
        attrs["data-echelle"] = scale
        out += [body[:tag.start()], str(Markup("<img{}>").format(Markup("").join(
            Markup(' {}="{}"').format(k, v) for k, v in attrs.items()))), body[tag.end():]]
        last = match.end()
    out.append(html[last:])
    return "".join(out), problems
