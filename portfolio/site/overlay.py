"""A dossier's problems and PDF pages -> the preview's error overlay and page strip (HTML).

Preview only (``build.py apercu``). The overlay stands on top of the student's own pages, above
the last version that could be shown (or in its place when there is none yet), listing every
problem with its file and line, a link to its section and what to do; it goes away once the
files are fixed. The page strip shows the A3 pages of the PDF as thumbnails on the dossier's
home page, each linked to its section, pages over the limit marked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..conformance.budget import LimitUse
from ..pdf.output.count import PageCount, SectionPages
from ..util.errors import Problem, display_path
from ..util.templates import render
from ..util.terminal import visible
from ..util.text import french_spacing_html

__all__ = ["OVERLAY_ID", "POINTS_ID", "StripPage", "overlay_html", "problem_items",
           "strip_html", "strip_pages"]

OVERLAY_ID = "pf-problemes"      # the overlay's anchor (the dashboard links to it)
POINTS_ID = "pf-points"          # the meter's list of points to review (the dashboard too)

# A problem's file -> (section title, URL of its page), when it is about one.
SectionLink = Callable[[Path | None], tuple[str, str] | None]


def problem_items(problems: list[Problem], link: SectionLink) -> list[dict]:
    """What the overlay shows of each problem: where, what, what to do, its section's page."""
    items = []
    for problem in problems:
        where = display_path(problem.path)
        if where and problem.line:
            where = f"{where}:{problem.line}"
        found = link(problem.path)
        items.append({"where": visible(where), "message": visible(problem.message),
                      "hint": visible(problem.hint),
                      "link": {"title": found[0], "href": found[1]} if found else None})
    return items


def overlay_html(problems: list[Problem], link: SectionLink, *, last_good: bool,
                 pending: bool = False) -> str:
    """The overlay: the problems of a dossier that cannot be shown (``pending``: none, its
    first PDF is being rendered); ``last_good`` when the last good version follows it."""
    # « » kept with their word, « : » with the word before (non-breaking spaces).
    return french_spacing_html(render("site/templates/problems.html", anchor=OVERLAY_ID,
                                      items=problem_items(problems, link),
                                      last_good=last_good, pending=pending))


@dataclass(frozen=True)
class StripPage:
    part: str                        # "principal" | "annexes" | "partie1"
    number: int                      # 1-based, within its part (as the budget counts)
    title: str                       # what is on it: a section, the cover, the contents
    section: SectionPages | None
    over: bool                       # beyond the part's limit

    @property
    def label(self) -> str:
        prefix = {"principal": "", "annexes": "A", "partie1": "1re·"}[self.part]
        return f"{prefix}{self.number}"


def strip_pages(count: PageCount, uses: list[LimitUse]) -> list[StripPage]:
    """Every page of the PDF (main part, annexes, then part 1) with what it shows."""
    over_from: dict[str, int] = {}     # part -> the last page number within its limit
    for use in uses:
        if len(use.limit.parts) == 1:
            part = use.limit.parts[0]
            uncounted = count.parts.get(part, 0) - use.used    # cover, contents not counted
            over_from[part] = use.limit.max + max(uncounted, 0)
    pages = []
    for part in ("principal", "annexes", "partie1"):
        for number in range(1, count.parts.get(part, 0) + 1):
            section = next((s for s in count.sections
                            if s.part == part and s.first <= number <= s.last), None)
            if section is not None:
                title = section.title
            elif part == "principal" and number <= count.front_pages:
                title = "Couverture" if number == 1 else "Sommaire"
            else:
                title = ""
            pages.append(StripPage(part, number, title, section,
                                   number > over_from.get(part, number)))
    return pages


def strip_html(pages: list[StripPage], images: list[dict] | None,
               href: Callable[[StripPage], str | None], *, stale: bool) -> str:
    """The page strip: ``images`` are the thumbnails' ``src``/``width``/``height`` (None while
    they are drawn: numbered pages stand in), ``href(page)`` its section's page."""
    if images is not None and len(images) != len(pages):
        images = None       # a PDF being written: its pages are drawn once it is there
    shown = [{"label": p.label, "title": p.title, "part": p.part, "over": p.over,
              "href": href(p), "img": images[i] if images else None}
             for i, p in enumerate(pages)]
    return render("site/templates/strip.html", pages=shown, total=len(pages),
                  annexes=sum(p.part == "annexes" for p in pages), stale=stale,
                  drawing=images is None,
                  over=sum(p.over for p in pages))
