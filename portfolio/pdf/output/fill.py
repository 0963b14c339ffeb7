"""Laid-out WeasyPrint pages -> how much of each page's content area is used, and the report.

The measure of issue 16, read on the layout instead of pixels: the content area (inside the
page margins) is cut into 10 mm cells; a cell is used when a line of text, an image, a
table's box or a rule (a border) covers part of it. A table counts whole like an image (the
white between its columns is the table's, not empty paper: on its ink alone a page holding a
14-row table read 16 %). Running footers and pale backgrounds do not count. The tests'
invariants take the tables' boxes from :func:`table_boxes` and read the rest on the PDF
rendered to pixels (tests/pdf/pagefill.py, tests/pdf/invariants.py).
"""

from __future__ import annotations

import math

__all__ = ["CELL_MM", "fill_json", "fill_lines", "page_fills", "table_boxes"]

CELL_MM = 10
PX_PER_MM = 96 / 25.4
LOW = 0.30            # under this share used, a page is reported as mostly empty


def _borders(box):
    """The drawn borders of ``box`` as thin rectangles (a rule, a table line)."""
    x, y = box.border_box_x(), box.border_box_y()
    width, height = box.border_width(), box.border_height()
    for side in ("top", "right", "bottom", "left"):
        size = getattr(box, f"border_{side}_width", 0) or 0
        if size <= 0.3 or box.style[f"border_{side}_style"] in ("none", "hidden"):
            continue
        yield {"top": (x, y, width, size), "bottom": (x, y + height - size, width, size),
               "left": (x, y, size, height), "right": (x + width - size, y, size, height)}[side]


def _used(page_box):
    """``(rectangle, is a table)`` for each part of ``page_box``'s content that uses the page
    (x, y, w, h in CSS px from the sheet's top left): lines of text, images, rules, and each
    table's box whole, like an image's (its ink alone reads sparse)."""
    from weasyprint.formatting_structure import boxes

    stack = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    while stack:
        current = stack.pop()
        if isinstance(current, boxes.TableBox):
            yield (current.border_box_x(), current.border_box_y(), current.border_width(),
                   current.border_height()), True
            continue
        if current.style["visibility"] == "visible":
            if isinstance(current, (boxes.TextBox, boxes.ReplacedBox)):
                if not isinstance(current, boxes.TextBox) or current.text.strip():
                    yield (current.content_box_x(), current.content_box_y(), current.width,
                           current.height), False
            elif isinstance(current, boxes.Box) and hasattr(current, "border_top_width"):
                yield from ((rect, False) for rect in _borders(current))
        if not isinstance(current, boxes.ReplacedBox):
            stack.extend(getattr(current, "children", ()))


def table_boxes(page) -> list[tuple[float, float, float, float]]:
    """The box (x, y, w, h in CSS px) of each table laid out on ``page``, a WeasyPrint page:
    the page's fill counts it used (the tests' pixel measure takes it from here)."""
    return [rect for rect, table in _used(page._page_box) if table]


def page_fill(page) -> float:
    """Share (0-1) of the 10 mm cells of ``page``'s content area that hold something."""
    box = page._page_box
    x0, y0 = box.content_box_x(), box.content_box_y()
    cell = CELL_MM * PX_PER_MM
    cols, rows = max(1, round(box.width / cell)), max(1, round(box.height / cell))
    step_x, step_y = box.width / cols, box.height / rows
    used = set()
    for (x, y, width, height), _ in _used(box):
        if width <= 0 or height <= 0:
            continue
        first_col, last_col = math.floor((x - x0) / step_x), math.ceil((x + width - x0) / step_x)
        first_row, last_row = math.floor((y - y0) / step_y), math.ceil((y + height - y0) / step_y)
        for row in range(max(first_row, 0), min(last_row, rows)):
            for col in range(max(first_col, 0), min(last_col, cols)):
                used.add((row, col))
    return len(used) / (rows * cols)


def page_fills(pages) -> list[float]:
    return [round(page_fill(page), 3) for page in pages]


def _label(index: int, main: int) -> str:
    return f"p. {index + 1}" if index < main else f"p. A{index - main + 1}"


def fill_json(count) -> list[dict]:
    """The same as :func:`fill_lines` for ``check --json``: page label and percentage used."""
    main = count.parts.get("principal", 0)
    return [{"page": _label(i, main).removeprefix("p. "), "pourcentage": round(share * 100)}
            for i, share in enumerate(getattr(count, "page_fill", None) or [])]


def fill_lines(count, front_pages: int | None = None) -> list[str]:
    """``check``'s lines on page use: "p. 7 : 22 % de la page utilisée", one per page of the
    main part and of the rendered annexes ("p. A2"), the mostly empty ones marked."""
    fills = list(getattr(count, "page_fill", None) or [])
    if not fills:
        return []
    main = count.parts.get("principal", 0)
    front = count.front_pages if front_pages is None else front_pages
    lines = ["  Remplissage des pages (part de la zone de texte utilisée) :"]
    for index, share in enumerate(fills):
        label = _label(index, main)
        note = ""
        if index < front:
            note = " (couverture et sommaire)"
        elif share < LOW:
            note = (" — page presque vide : regroupez avec la section suivante "
                    "(« saut_de_page: non ») ou ajoutez une image")
        lines.append(f"    {label} : {round(share * 100)} % de la page utilisée{note}")
    return lines
