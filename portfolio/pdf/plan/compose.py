"""Blocks of the dossier's sections -> planned pages of bands: images lead, columns balanced.

The print layout is composed here, page by page, before WeasyPrint draws it:

- a section is cut into bands: a *visual band* sets a figure (or a wide table) across several
  units of the grid with the text that goes with it beside it, in columns of a readable
  measure; figures that follow one another with little text are set together in rows, like
  a board (:mod:`.rows`); a *text band* sets text alone in the page's columns; boards and
  full-page figures take their page; the cost study runs in two wide columns;
- the text of a band is set in explicit columns, balanced here from the fonts' metrics
  (:mod:`.measure`): a paragraph is cut between two lines, a list between items, a table
  between rows (its header repeated);
- a figure takes the height left on its page when it would otherwise be pushed to the next
  one (down to 72 % of its size), or the text that follows it fills the page first;
- sections share pages when they say so (``saut_de_page: non``) or, saying nothing, when
  that spends fewer pages or 30 % of the page is left (:func:`groups_of`); each group of
  sections that share pages is planned with figures at four sizes and four scales, and the
  plan kept is the one with the fewest pages, then no page mostly empty, then the largest
  figures.

Page numbers are never estimated: they are read on WeasyPrint's layout of these plans. The
pieces: bands, pages and plans (:mod:`.plan`), columns filled and balanced (:mod:`.columns`),
one plan of a group (:mod:`.planner`); the choice among plans is made here.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from ..page.grid import SAFETY_MM, Grid
from .blocks import Block, Heading, Opaque, Typeset
from .columns import text_columns
from .plan import LOW_COST, Page, Plan, SectionInput
from .planner import Planner, sets_in_a_column, visual_units
from .rows import grouped

__all__ = ["compose", "groups_of", "wanted_widths"]

LEVELS = (2, 1, 0, -1)  # figure sizes tried: 1 = large, 0 and -1 smaller, 2 larger, taller
SCALES = (1.0, 0.9, 0.8, 0.7)
TAIL_CUTS = (40.0, 80.0, 120.0)   # shorter last-but-one pages tried when the last is light
FOLLOW_ROOM = 0.3      # a section whose break is not said starts on the previous one's last
#                        page when this share of the page's height is left there


def _items(section: SectionInput, t: Typeset) -> list[tuple]:
    """A section's blocks -> ("text", blocks) / ("visual", block, beside) / ("page", block) /
    ("wide", block) / ("couts", parts) items, in reading order.

    The text of a subsection before its first figure and the text after each figure go beside
    that figure; a figure with no text of its own borrows the next text (see ``visual``).
    """
    items: list[list] = []
    text: list[Block] = []
    for block in section.blocks:
        kind = getattr(block, "kind", "")
        if block.visual:
            start = _subsection_start(text)
            before, own = text[:start], text[start:]
            if before:
                _add_text(items, before)
            items.append(["visual", block, own, len(own)])     # own: before, then after
            text = []
            continue
        if kind in ("page", "wide", "couts"):
            _add_text(items, text)
            text = []
            items.append([kind, block])
            continue
        if isinstance(block, Heading) and items and items[-1][0] == "visual":
            _add_text(items, text)
            text = []
        if items and items[-1][0] == "visual" and not isinstance(block, Heading) and not text:
            items[-1][2].append(block)                # text after a figure goes beside it
            continue
        text.append(block)
    _add_text(items, text)
    return _before_boards([tuple(i) for i in items])


def _before_boards(items: list[tuple]) -> list[tuple]:
    """Figures with no text of their own that end a section after a board or a full page go
    before it: the board takes a page of its own, they would take another one, alone."""
    end = len(items)
    while end and items[end - 1][0] == "visual" and not items[end - 1][2]:
        end -= 1
    if end == len(items) or not end or items[end - 1][0] != "page":
        return items
    start = end - 1
    while start and items[start - 1][0] == "page":
        start -= 1
    return items[:start] + items[end:] + items[start:end]


def _subsection_start(text: list[Block]) -> int:
    """Index in ``text`` of the last heading (the figure's subsection starts there)."""
    for index in range(len(text) - 1, -1, -1):
        if isinstance(text[index], Heading):
            return index
    return 0


def _add_text(items: list, blocks: list[Block]) -> None:
    if not blocks:
        return
    if items and items[-1][0] == "text":
        items[-1][1].extend(blocks)
    else:
        items.append(["text", list(blocks)])


def _plan_group(group: list[SectionInput], grid: Grid, t: Typeset, level: int, scale: float,
                title_pt: float, above: float = 0.0, cuts: dict | None = None) -> Plan:
    planner = Planner(grid, t, level, scale, title_pt, cuts)
    planner.page.used = above
    for section in group:
        planner.title(section)
        following = deque(grouped(_items(section, t), grid))
        while following:
            item = following.popleft()
            if item[0] == "text":
                planner.text(item[1])
            elif item[0] == "visual":
                _give_back(following, planner.visual(item[1], list(item[2]), following,
                                                     item[3]))
            elif item[0] == "row":
                _give_back(following, planner.row(item[1], list(item[2])))
            elif item[0] == "page":
                planner.whole_page(item[1])
            elif item[0] == "wide":
                planner.wide(item[1])
            elif item[0] == "couts":
                count = 2 if grid.units >= 6 else 1
                width = grid.unit_span(grid.units // 2) if count == 2 else grid.width
                planner.text(item[1].parts, count, width)
    planner.close_page()
    pages = [p for p in planner.pages if p.bands]
    return Plan(pages, level, scale, cuts or {})


def _give_back(following: deque, rest: list[Block]) -> None:
    """Text a band could not hold goes first in what follows."""
    if not rest:
        return
    if following and following[0][0] == "text":
        following[0] = ("text", rest + following[0][1])
    else:
        following.appendleft(("text", rest))


def groups_of(sections: list[SectionInput], grid: Grid, t: Typeset, title_pt: float = 32.0,
              above: float = 0.0) -> list[tuple[list[SectionInput], dict[int, Plan], Plan]]:
    """Sections that share pages, each group with its plans by page count and the plan
    chosen (:func:`_best`). A section follows the previous one on its page when it says so
    (``saut_de_page: non``) or, when it says nothing, if that spends fewer pages than a new
    page would, or costs none while ``FOLLOW_ROOM`` of the last page is left: a designer
    does not leave half a sheet blank before a new title."""
    out: list[tuple[list[SectionInput], dict[int, Plan], Plan]] = []
    for section in sections:
        top = above if len(out) <= 1 else 0.0          # the first group's
        if out and section.follows:
            group = out[-1][0] + [section]
            out[-1] = (group, *_best(group, grid, t, title_pt, top))
            continue
        alone = _best([section], grid, t, title_pt, 0.0 if out else above)
        if out and section.may_follow:
            group, _, plan = out[-1]
            joined = group + [replace(section, follows=True)]
            together = _best(joined, grid, t, title_pt, top)
            apart = (len(plan.pages) + len(alone[1].pages), plan.low(grid) + alone[1].low(grid))
            joint = (len(together[1].pages), together[1].low(grid))
            room = grid.height - SAFETY_MM - plan.pages[-1].used if plan.pages else 0.0
            if joint < apart or (room >= FOLLOW_ROOM * grid.height and joint == apart):
                out[-1] = (joined, *together)
                continue
        out.append(([section], *alone))
    return out


def _best(group: list[SectionInput], grid: Grid, t: Typeset, title_pt: float, above: float
          ) -> tuple[dict[int, Plan], Plan]:
    """A group planned with figures at several sizes: its best plan for each page count,
    and the one chosen: as many pages as the figures take at their usual size (level 0,
    scale 1) at most; in those pages, the largest figures with no page mostly empty."""
    plans = [_plan_group(group, grid, t, level, scale, title_pt, above)
             for level in LEVELS for scale in SCALES]
    frontier = _frontier(plans, grid)
    usual = len(next(p for p in plans if (p.level, p.scale) == (0, 1.0)).pages)
    fitting = [p for n, p in frontier.items() if n <= usual] or list(frontier.values())
    return frontier, max(fitting, key=lambda p: (-p.low(grid), round(p.utility, 2),
                                                 -len(p.pages)))


def _frontier(plans: list[Plan], grid: Grid) -> dict[int, Plan]:
    """For each page count, the best plan with that many pages: none mostly empty if it
    can, then the most of its pages used, then the largest figures."""
    best: dict[int, Plan] = {}
    for plan in plans:
        key = plan.rank(grid)
        count = len(plan.pages)
        if count not in best or key < best[count].rank(grid):
            best[count] = plan
    return best


def compose(sections: list[SectionInput], grid: Grid, t: Typeset, title_pt: float = 32.0,
            above: float = 0.0, target: int | None = None) -> list[Page]:
    """The planned pages of ``sections`` (one part of the dossier); ``above`` is the height
    taken at the top of the first page (the annexes' part title).

    Each group of sections is planned with figures at several sizes. Every group starts
    with its largest figures; while the part has more than ``target`` pages, the group
    that gives a page back for the least image area steps down to fewer pages.
    """
    found = groups_of(sections, grid, t, title_pt, above)
    groups = [group for group, _, _ in found]
    frontiers = [frontier for _, frontier, _ in found]
    chosen = [plan for _, _, plan in found]
    while target is not None and sum(len(p.pages) for p in chosen) > target:
        steps = []
        for index, (plan, frontier) in enumerate(zip(chosen, frontiers, strict=True)):
            fewer = [p for n, p in frontier.items() if n < len(plan.pages)]
            if fewer:
                step = max(fewer, key=lambda p: len(p.pages))
                loss = (plan.utility - step.utility) / (len(plan.pages) - len(step.pages))
                steps.append((loss + LOW_COST * max(0, step.low(grid) - plan.low(grid)),
                              index, step))
        if not steps:
            break
        _, index, step = min(steps, key=lambda s: s[0])
        chosen[index] = step
    pages: list[Page] = []
    for index, (group, plan) in enumerate(zip(groups, chosen, strict=True)):
        if len(plan.pages) > 1 and plan.fills(grid)[-1] < 0.45:
            # A light last page: the page before it leaves room at its foot, so that what
            # ends the group is shared between the two pages.
            before = len(plan.pages) - 2
            tries = [_plan_group(group, grid, t, plan.level, plan.scale, title_pt,
                                 above if index == 0 else 0.0, {before: cut})
                     for cut in TAIL_CUTS]
            plan = min([plan] + [p for p in tries if len(p.pages) == len(plan.pages)],
                       key=lambda p: p.rank(grid))
        pages.extend(plan.pages)
    return pages


def wanted_widths(blocks: list[Block], grid: Grid) -> list[tuple[Opaque, float]]:
    """Every (block, width) the planner may measure an opaque block at."""
    # Text beside a figure of 2, 3 or 4 units (never 1: a figure is at least 2 units wide).
    column_widths = {grid.column} | {w for u in range(2, grid.units - 1)
                                     for c, w in [text_columns(grid, u)] if c}
    out = []
    for block in blocks:
        if not isinstance(block, Opaque):
            continue
        if block.kind == "couts":
            width = grid.unit_span(grid.units // 2) if grid.units >= 6 else grid.width
            out += [(part, width) for part in block.parts]
        elif block.visual:
            out += [(block, grid.unit_span(u)) for u in {visual_units(block, grid, lv)
                                                          for lv in (0, 1)}]
            if sets_in_a_column(block):            # may go beside a figure, in its text
                out += [(block, w) for w in column_widths]
        elif block.kind in ("wide", "page"):
            out.append((block, grid.width))
        else:
            out += [(block, w) for w in column_widths]
    return out
