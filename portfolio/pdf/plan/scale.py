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

from ...dossier.model import Section
from ...images.decode import header
from ...util.errors import Problem
from ...util.templates import start_tag
from ..page.grid import SAFETY_MM, grid_for
from ..page.measure import PT, Style
from ..page.placement import line_of
from .blocks import TextBlock, Typeset
from .html_tree import Node, parse

__all__ = ["SCALED", "at_scale", "drawn_size_mm", "stated_scale"]

SCALED = "a-l-echelle"            # the class of a figure printed at its stated scale
# "échelle 4:1", "Échelle : 1/2", "éch. 2:1", "à l'échelle 1:1"
_SCALE = re.compile(r"\b[ée]ch(?:elle|\.)\s*:?\s*(?:de\s+)?(\d+(?:[.,]\d+)?)\s*[:/]\s*"
                    r"(\d+(?:[.,]\d+)?)(?!\d)", re.I)
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6}
_LENGTH = re.compile(r"^\s*([\d.]+)\s*(mm|cm|in|pt|pc)\s*$")
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


def _scaled_figures(node: Node, top: bool):
    """``(figure, top level)`` for each figure under ``node`` whose caption states a scale."""
    if node.tag == "figure":
        caption = node.find("figcaption")
        if caption is not None and node.find("img") is not None and not node.attr("class") \
                and stated_scale(caption.text()):          # not a media's poster
            yield node, top
        return
    for child in node.elements():
        yield from _scaled_figures(child, False)


def _cannot(source: Path, scale: str, where: dict, why: str, hint: str) -> Problem:
    return Problem(f"« {source.name} » est légendée « échelle {scale} » mais {why} : elle "
                   "n'est pas imprimée à l'échelle.", **where, hint=hint)


def at_scale(html: str, section: Section, placed: dict[str, Path],
             page_size_mm: tuple[float, float], copy_for) -> tuple[str, list[Problem]]:
    """``html`` (a section's print HTML) with each figure whose caption states a scale marked
    to print at its file's size, and the warnings for those that cannot.

    ``placed`` maps each image URL to the student's file; ``copy_for(file, width_mm)`` gives
    the URL of a print copy for that width. A figure inside a board or two columns is laid
    out by its block: the student is told it is not at its scale.
    """
    grid = grid_for(page_size_mm)
    problems: list[Problem] = []
    out, last = [], 0
    found = [f for node in parse(html) if isinstance(node, Node)
             for f in _scaled_figures(node, True)]
    for figure, top in found:
        img = figure.find("img")
        scale = stated_scale(figure.find("figcaption").text())
        source = placed.get(img.attr("src") or "")
        if source is None:
            continue
        where = {"path": section.path, "line": line_of(section, source.name)}
        if not top:
            problems.append(_cannot(
                source, scale, where, "elle est dans une planche ou sur deux colonnes",
                "Sortez-la du bloc « !!! » pour qu'elle soit imprimée seule, à l'échelle."))
            continue
        size = drawn_size_mm(source)
        if size is None:
            problems.append(_cannot(
                source, scale, where, "le fichier n'indique pas sa taille réelle (sa "
                "résolution)", "Numérisez le dessin (le scanner enregistre sa résolution) ou "
                "exportez-le de votre logiciel à l'échelle (PNG avec sa résolution, ou SVG en "
                "mm), ou retirez l'échelle de la légende."))
            continue
        width, height = size
        room = grid.height - SAFETY_MM - _caption_mm(figure, html, grid.width) - TYPE.figure_mm
        if width > grid.width + 0.5 or height > room + 0.5:
            problems.append(_cannot(
                source, scale, where, f"à cette échelle elle mesure {width:.0f} × "
                f"{height:.0f} mm, et la page n'offre que {grid.width:.0f} × {room:.0f} mm",
                "Choisissez une échelle plus petite (redessinez ou exportez le plan à cette "
                "échelle), découpez-le en vues, ou retirez l'échelle de la légende. Sa taille "
                "vient de la résolution enregistrée dans le fichier."))
            continue
        printed = copy_for(source, width)
        placed[printed] = source
        attrs = dict(img.attrs)
        attrs.update(src=printed, style=f"width: {width:.2f}mm; height: {height:.2f}mm",
                     **{"data-echelle": scale})
        figure_attrs = [(k, v) for k, v in figure.attrs if k != "class"]
        out += [html[last:figure.start], str(start_tag("figure", [("class", SCALED),
                                                                   *figure_attrs])),
                html[figure.start_end:img.start], str(start_tag("img", list(attrs.items()))),
                html[img.start_end:figure.end]]
        last = figure.end
    out.append(html[last:])
    return "".join(out), problems
