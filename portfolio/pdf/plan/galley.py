"""Blocks the fonts' metrics cannot measure -> their heights, laid out once by WeasyPrint.

Tables, the cost study's parts, media with their QR codes and anything unusual are set in a
galley: one tall page where each stands at every width the composer may give it
(:func:`.compose.wanted_widths`); a table's rows are measured one by one, so that it can be
cut between two of them. Each block stands alone in the galley, so its heights depend only on
its own HTML, its width and the styles: a :class:`GalleyMemo` keeps them from one render of a
part to the next, and a student's edit lays out again only the blocks it changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ...util.files import atomic_write
from ...util.templates import Markup, render
from .blocks import PX, Opaque

__all__ = ["Galley", "GalleyMemo"]


class GalleyMemo:
    """The heights measured by the last render of one part of one dossier, in one JSON file
    of the cache (rewritten with the blocks of each render: it never grows)."""

    def __init__(self, path: Path, context: str) -> None:
        self.path = path
        self.context = context            # the code, theme and rules (builder/pdfcache.py)

    def key(self, head_html: str, body_class: str, base_url: str, markup: str,
            width: float) -> str:
        text = "\0".join((self.context, head_html, body_class, base_url, markup, f"{width}"))
        return hashlib.sha256(text.encode()).hexdigest()

    def load(self) -> dict:
        try:
            known = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return known if isinstance(known, dict) else {}

    def save(self, entries: dict) -> None:
        try:
            atomic_write(self.path, json.dumps(entries))
        except OSError:
            pass                         # only a slower next render


class Galley:
    """Blocks laid out once by WeasyPrint on a tall page, each at the widths asked."""

    def __init__(self, memo: GalleyMemo | None = None) -> None:
        self.wanted: list[tuple[Opaque, float]] = []
        self.memo = memo

    def want(self, block: Opaque, width: float) -> None:
        key = round(width, 1)
        if key not in block.heights and not any(b is block and w == key
                                                 for b, w in self.wanted):
            self.wanted.append((block, key))

    def measure(self, head_html: str, body_class: str, base_url: str, fetcher) -> None:
        """Lay the wanted blocks out (``head_html``: the document's styles and fonts); those
        the memo knows are not laid out again."""
        if not self.wanted:
            return
        known = self.memo.load() if self.memo else {}
        wanted = [(block.markup(), block, width) for block, width in self.wanted]
        keys = [self.memo.key(head_html, body_class, base_url, markup, width)
                if self.memo else "" for markup, _, width in wanted]
        todo = [(key, markup, block, width)
                for key, (markup, block, width) in zip(keys, wanted, strict=True)
                if not _recall(known.get(key), block, width)]
        if todo:
            found = self._lay_out([(m, w) for _, m, _, w in todo], head_html, body_class,
                                  base_url, fetcher)
            for index, (key, _, block, width) in enumerate(todo):
                known[key] = _measured(found.get(f"galley-{index}"), block, width)
        if self.memo and (todo or len(known) != len(set(keys))):
            self.memo.save({key: known[key] for key in keys})
        self.wanted = []

    @staticmethod
    def _lay_out(items: list[tuple[str, float]], head_html: str, body_class: str,
                 base_url: str, fetcher) -> dict:
        """The galley's block boxes by id (``galley-<index in items>``); ``items`` are
        ``(markup, width)``."""
        import weasyprint
        from weasyprint.formatting_structure import boxes

        html = render("print/galley.html", head=Markup(head_html), body_class=body_class,
                      items=[(Markup(markup), width) for markup, width in items])
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
        return found


def _measured(box, block: Opaque, width: float) -> list:
    """Store a laid-out block's heights on it; returns them as the memo keeps them."""
    if box is None:
        block.heights[width] = 0.0
        return [0.0, None]
    block.heights[width] = box.height * PX     # its margin is 0 there (last child)
    table = _table_box(box)
    if table is not None:
        block.rows[width] = _row_heights(table, box, 0.0)
    return [block.heights[width], block.rows.get(width)]


def _recall(entry, block: Opaque, width: float) -> bool:
    """Store the heights the memo kept for a block on it (False if it has none, or broken)."""
    try:
        height, rows = entry
        block.heights[width] = float(height)
        if rows is not None:
            head, body, foot, above = rows
            block.rows[width] = (float(head), [float(h) for h in body], float(foot),
                                 float(above))
        return True
    except (TypeError, ValueError):
        return False


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
