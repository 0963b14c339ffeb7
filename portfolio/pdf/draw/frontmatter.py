"""A dossier's cover data -> whether its contents fit on the cover's text panel.

The contents (sections and annexes with their pages) go on the cover's panel, under the title
and the theme, when they fit there: the page that held them alone (about 7 % of it used) is
given back to the student's 15 (issue 25). Whether they fit is estimated with the fonts'
metrics (:mod:`.measure`) on the sizes of ``themes/print/print.css`` (``.cover-*``), with a
margin; a dossier whose contents are too long keeps a contents page.
"""

from __future__ import annotations

from ...dossier.model import Dossier
from ..page.measure import PT, Style, break_lines, words

__all__ = ["contents_fit_on_cover", "front_pages"]

PANEL_MM = 100                   # .cover-text width (landscape page)
PANEL_TOP_MM, PANEL_BOTTOM_MM = 26, 22
PORTRAIT_TEXT = 0.36             # body.fmt-portrait .cover-text: height
PORTRAIT_SIDE_MM = 20            # ...left and right
PORTRAIT_TOC = 0.46              # .cover-toc: its share of the width on a portrait page
SAFETY_MM = 10                   # the estimate's margin
FACT_LABEL_MM = 33               # .cover-facts: the labels' column and its gap


def _lines(text: str, style: Style, width_mm: float) -> int:
    return max(1, len(break_lines(words([(text, style)]), width_mm)))


def _identity_mm(dossier: Dossier, facts: list[str], width: float) -> float:
    """Kicker, title, theme and facts of the cover, stacked ``width`` mm wide."""
    height = 12 * PT + 10                                        # .cover-kicker
    height += _lines(dossier.title, Style(50, display=True), width) * 52 * PT + 6
    if dossier.theme:
        height += _lines(dossier.theme, Style(16, display=True, italic=True), width) \
            * 21 * PT + 8
    height += 5 + sum(_lines(fact, Style(9.5), width - FACT_LABEL_MM) * 13 * PT + 1.5
                      for fact in facts)                         # .cover-facts
    return height


def _contents_mm(toc: list[str], groups: list[list[str]], width: float) -> float:
    """The contents' title and entries ``width`` mm wide (number and page beside each), then
    each group of entries under its heading (annexes, part 1)."""
    height = 10 * PT + 1.5                                       # .cover-toc-title
    height += sum(_lines(title, Style(11, display=True), width - 20) * 13.5 * PT + 1.4
                  for title in toc)
    for group in (g for g in groups if g):
        height += 13.5 * PT + 1.4 + sum(
            _lines(title, Style(10, display=True), width - 20) * 13.5 * PT + 0.6
            for title in group)
    return height


def contents_fit_on_cover(dossier: Dossier, facts: list[str], toc: list[str],
                          annexes: list[str], part1: list[str] = ()) -> bool:
    """Whether the contents (``toc``: the sections' titles, ``annexes``: the annexes',
    ``part1``: part 1's pieces) fit on the cover's panel beside (landscape) or under
    (portrait) the photo, with the title, the theme and the ``facts`` (the values of the
    cover's facts)."""
    width, height = dossier.page_size_mm
    groups = [list(annexes), list(part1)]
    if width > height:
        room = height - PANEL_TOP_MM - PANEL_BOTTOM_MM - SAFETY_MM
        return _identity_mm(dossier, facts, PANEL_MM) + _contents_mm(toc, groups, PANEL_MM) \
            <= room
    inner = width - 2 * PORTRAIT_SIDE_MM
    room = height * PORTRAIT_TEXT - SAFETY_MM
    return (_contents_mm(toc, groups, inner * PORTRAIT_TOC) <= room
            and _identity_mm(dossier, facts, inner * (1 - PORTRAIT_TOC) - 12) <= room)


def front_pages(on_cover: bool) -> int:
    """The pages before the first section: the cover, and the contents' page if they have one."""
    return 1 if on_cover else 2
