"""Laid-out WeasyPrint pages -> how much of each page's content area is used, and the report.

The measure of issue 16, read on the layout instead of pixels: the content area (inside the
page margins) is cut into 10 mm cells; a cell is used when a line of text, an image or a
rule (a border) covers part of it. Running footers and pale backgrounds do not count. Tests
compare it with the same measure on the PDF rendered to pixels (tests/pdf/pagefill.py).
"""

from __future__ import annotations

import math

__all__ = ["CELL_MM", "fill_json", "fill_lines", "page_fills"]

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


def _rects(box):
    """The rectangles (x, y, w, h in px) of ``box``'s descendants that put ink on the page."""
    from weasyprint.formatting_structure import boxes

    stack = [child for child in box.children if not isinstance(child, boxes.MarginBox)]
    while stack:
        current = stack.pop()
        if current.style["visibility"] == "visible":
            if isinstance(current, (boxes.TextBox, boxes.ReplacedBox)):
                if not isinstance(current, boxes.TextBox) or current.text.strip():
                    yield (current.content_box_x(), current.content_box_y(), current.width,
                           current.height)
            elif isinstance(current, boxes.Box) and hasattr(current, "border_top_width"):
                yield from _borders(current)
        if not isinstance(current, boxes.ReplacedBox):
            stack.extend(getattr(current, "children", ()))


def page_fill(page) -> float:
    """Share (0-1) of the 10 mm cells of ``page``'s content area that hold something."""
    box = page._page_box
    x0, y0 = box.content_box_x(), box.content_box_y()
    cell = CELL_MM * PX_PER_MM
    cols, rows = max(1, round(box.width / cell)), max(1, round(box.height / cell))
    step_x, step_y = box.width / cols, box.height / rows
    used = set()
    for x, y, width, height in _rects(box):
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
