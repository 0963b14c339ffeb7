"""A dossier's page format and Markdown -> where its images sit on the page, and print warnings.

The widths are the print grid's (:mod:`portfolio.pdf.page.grid`, from the stylesheet's numbers in
:mod:`portfolio.pdf.page.geometry`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from pathlib import Path

from ...dossier.model import Dossier, Section
from ...dossier.paths import resolve_ref
from ...images.cache import Variant
from ...images.decode import IMAGE_SUFFIXES
from ...images.variants import PRINT_DPI
from ...util.errors import DossierError, Problem
from .grid import MIN_DPI, grid_for

__all__ = ["MIN_DPI", "column_width_mm", "content_width_mm", "line_of", "low_resolution",
           "missing_alt", "print_problems", "referenced_images"]

CSS_PX_PER_INCH = 96


def content_width_mm(page_size_mm: tuple[float, float]) -> float:
    """Width between the page's side margins."""
    return grid_for(page_size_mm).width


def column_width_mm(page_size_mm: tuple[float, float]) -> float:
    """Width of a text column of the print grid (three on A3 landscape, one on A4 portrait)."""
    return grid_for(page_size_mm).column


def low_resolution(variant: Variant, placed_mm: float, *, fills: bool = False,
                   label: str = "") -> Problem | None:
    """A warning when ``variant`` prints under :data:`MIN_DPI` in a ``placed_mm`` wide box.

    An image narrower than the box is printed at its own size (96 px per inch, as WeasyPrint
    lays it out), so the size given is the one really printed; unless it ``fills`` the box
    (stretched to it, like the cover photo). ``label`` starts the message.
    """
    if variant.vector or variant.width <= 0:
        return None
    shown_mm = placed_mm if fills else min(placed_mm, variant.width * 25.4 / CSS_PX_PER_INCH)
    dpi = variant.width / (shown_mm / 25.4)
    if dpi >= MIN_DPI:
        return None
    hint = (f"Choisissez une photo d'au moins {round(shown_mm / 25.4 * MIN_DPI)} pixels de "
            "large." if fills else "Utilisez une photo plus grande.")
    return Problem(f"{label}résolution insuffisante pour l'impression ({dpi:.0f} dpi à "
                   f"{shown_mm:.0f} mm de large ; visez {PRINT_DPI} dpi).", variant.source,
                   hint=hint)


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def img_attributes(tag: str) -> dict[str, str]:
    """Attributes of one ``<img ...>`` tag, unescaped."""
    return {m.group(1).lower(): unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(tag)}


def line_of(section: Section, needle: str) -> int | None:
    """The line of ``section``'s file where ``needle`` (an image's name) is first written."""
    index = section.body.find(needle) if needle else -1
    return section.body_line + section.body[:index].count("\n") if index >= 0 else None


def missing_alt(section: Section, html: str, sources: Mapping[str, Path]) -> list[Problem]:
    """Warnings for the images of ``section``'s rendered ``html`` that have no alt text.

    ``sources`` maps each ``src`` written in ``html`` to the student's file (names the image).
    """
    problems = []
    for match in _IMG_TAG.finditer(html):
        attrs = img_attributes(match.group(0))
        if attrs.get("alt", "").strip():
            continue
        source = sources.get(attrs.get("src", ""))
        name = source.name if source else attrs.get("src", "")[:60]
        problems.append(Problem(
            f"image sans texte alternatif « {name} » : une personne aveugle ne saura pas ce "
            "qu'elle montre.", section.path, line_of(section, name),
            hint="Décrivez-la entre les crochets : ![ce que montre l'image](../images/"
                 f"{name})."))
    return problems


_REFS = re.compile(r"""!\[[^\]]*\]\(\s*<([^>]+)>|!\[[^\]]*\]\(\s*([^)\s]+)"""
                   r"""|\b(?:src|poster)\s*=\s*["']([^"']+)["']"""
                   r"""|^[ ]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?""", re.I | re.M)


def referenced_images(dossier: Dossier) -> list[Path]:
    """The image files the dossier's Markdown (and cover) refers to, found cheaply.

    References that do not resolve are skipped: rendering the Markdown reports them.
    """
    found: dict[Path, None] = {}
    if dossier.cover:
        found[dossier.cover] = None
    for section in [*dossier.all_sections(), *dossier.part1_sections]:
        for match in _REFS.finditer(section.body):
            ref = next(g for g in match.groups() if g)
            if Path(ref.split("#")[0].split("?")[0]).suffix.lower() not in IMAGE_SUFFIXES:
                continue
            try:
                path = resolve_ref(ref, section.path.parent, dossier.root)
            except DossierError:
                continue
            found[path] = None
    return list(found)


def print_problems(variant: Variant, placed_mm: float, fills: bool = False) -> list[Problem]:
    """What to tell the author about an image printed ``placed_mm`` wide (resolution, SVG);
    ``fills``: stretched to that width whatever its pixels (a full-page figure)."""
    problems = [p for p in [low_resolution(variant, placed_mm, fills=fills)] if p]
    if variant.notes:
        problems.append(Problem(
            f"dessin SVG nettoyé avant publication ({', '.join(variant.notes)} retiré).",
            variant.source, hint="Le reste du dessin est publié tel quel ; exportez-le en "
            "« SVG simple » pour ne plus voir ce message."))
    return problems
