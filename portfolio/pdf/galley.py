"""Blocks the fonts' metrics cannot measure -> their heights, laid out once by WeasyPrint.

Tables, the cost study's parts, media with their QR codes and anything unusual are set in a
galley: one tall page where each stands at every width the composer may give it
(:func:`.compose.wanted_widths`); a table's rows are measured one by one, so that it can be
cut between two of them.
"""

from __future__ import annotations

from ..templates import Markup, render
from .blocks import PX, Opaque

__all__ = ["Galley"]


class Galley:
    """Blocks laid out once by WeasyPrint on a tall page, each at the widths asked."""

    def __init__(self) -> None:
        self.wanted: list[tuple[Opaque, float]] = []

    def want(self, block: Opaque, width: float) -> None:
        key = round(width, 1)
        if key not in block.heights and not any(b is block and w == key
                                                 for b, w in self.wanted):
            self.wanted.append((block, key))

    def measure(self, head_html: str, body_class: str, base_url: str, fetcher) -> None:
        """Lay the wanted blocks out (``head_html``: the document's styles and fonts)."""
        if not self.wanted:
            return
        import weasyprint
        from weasyprint.formatting_structure import boxes

        html = render("print/galley.html", head=Markup(head_html), body_class=body_class,
                      items=[(Markup(block.markup()), width) for block, width in self.wanted])
        document = weasyprint.HTML(string=html, base_url=base_url,
                                   url_fetcher=fetcher).render()
        found: dict[str, object] = {}
        for page in document.pages:
            stack = [page._page_box]
            while stack:
                box = stack.pop()
                element_id = getattr(box, "element", None) is not None and \
                    box.element.get("id")
                if element_id and element_id.startswith("galley-") and \
                        isinstance(box, boxes.BlockBox):
                    found.setdefault(element_id, box)
                stack.extend(getattr(box, "children", ()))
        for index, (block, width) in enumerate(self.wanted):
            box = found.get(f"galley-{index}")
            if box is None:
                block.heights[width] = 0.0
                continue
            block.heights[width] = box.height * PX     # its margin is 0 there (last child)
            table = _table_box(box)
            if table is not None:
                block.rows[width] = _row_heights(table, box, 0.0)
        self.wanted = []


def _table_box(box):
    """The first table laid out inside ``box``."""
    from weasyprint.formatting_structure import boxes

    stack = [box]
    while stack:
        current = stack.pop(0)
        if isinstance(current, boxes.TableBox):
            return current
        stack.extend(getattr(current, "children", ()))
    return None


def _row_heights(table, galley, margin: float) -> tuple[float, list[float], float, float]:
    """``(header, [body rows], footer, above)`` heights of a laid-out table, mm: ``above`` is
    what stands above the table in its block (its caption...), the footer takes what stands
    below it."""
    head = foot = 0.0
    body: list[float] = []
    for group in table.children:
        height = group.height * PX
        if getattr(group, "is_header", False):
            head += height
        elif getattr(group, "is_footer", False):
            foot += height
        elif hasattr(group, "is_header"):
            body += [row.height * PX for row in group.children]
    top = galley.content_box_y()
    above = (table.border_box_y() - top) * PX
    below = (top + galley.height - table.border_box_y() - table.border_height()) * PX
    return head, body, foot + max(0.0, below - margin), above
