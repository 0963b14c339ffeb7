"""Elements of a section's print HTML -> blocks the composer measures, places and cuts.

A :class:`Block` knows its height at a given width and, for text, where it can be cut: a
paragraph or a list between two of its lines, a table between two rows (its header repeated).
Text is measured with the fonts' metrics (:mod:`.measure`); what text metrics cannot tell
(tables, the cost study, videos' QR blocks, anything unusual) is an :class:`Opaque` block,
measured once by WeasyPrint (:mod:`.galley`) at each width it may be set at. Blocks keep their
source HTML as it is; a cut one is written again from its tree (:mod:`.html_tree`). The
elements become blocks in :mod:`.elements`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...util.templates import Markup, start_tag
from ..page.measure import ATTACH, BREAK, PT, Style, Word, break_lines, words
from .html_tree import Node, cut_html, table_rows_html

__all__ = ["PX", "SMALL_TABLE_ROWS", "WHOLE_TABLES", "Block", "Figure", "Heading", "ListBlock",
           "Opaque", "TextBlock", "Typeset"]

INLINE_BOLD = {"strong", "b", "th"}
INLINE_ITALIC = {"em", "i", "cite"}
PX = 25.4 / 96                 # mm per CSS pixel (WeasyPrint's unit)
SMALL_TABLE_ROWS = 8           # a table of this many body rows or fewer is never cut
WHOLE_TABLES = ("pf-couts-unitaire", "pf-couts-series")   # the cost study's summaries: whole


# -- type settings (the numbers of themes/print/print.css) ------------------------------------

@dataclass(frozen=True)
class Typeset:
    """Sizes of the print stylesheet, in points and mm (``body.annex-part`` scales them)."""

    body_pt: float = 10.5
    leading_pt: float = 15.0
    para_mm: float = 2.6             # space after a paragraph
    item_mm: float = 1.0             # after a list item
    indent_mm: float = 5.0           # list indent
    heading_above_mm: float = 5.0    # above a heading that is not at the top of a column
    headings: tuple = ((17.0, 20.0, 2.5), (13.0, 16.0, 1.5), (11.0, 14.0, 1.0))  # h2, h3, h4+
    caption_pt: float = 8.5
    caption_leading_pt: float = 11.5
    caption_gap_mm: float = 1.8      # image to caption
    figure_mm: float = 4.0           # space after a figure
    table_pt: float = 9.0

    @property
    def body(self) -> Style:
        return Style(self.body_pt)

    @property
    def line_mm(self) -> float:
        return self.leading_pt * PT

    def scaled(self, body_pt: float, leading_pt: float) -> Typeset:
        f = body_pt / self.body_pt
        return replace(self, body_pt=body_pt, leading_pt=leading_pt,
                       para_mm=self.para_mm * f, table_pt=self.table_pt * f)


def runs(node: Node | str, style: Style, out: list | None = None) -> list[tuple[str, Style]]:
    """The text of ``node`` as (text, style) runs; a link to the web prints its address."""
    out = [] if out is None else out
    if isinstance(node, str):
        out.append((node, style))
        return out
    if node.tag == "br":
        out.append((BREAK, style))
        return out
    if node.tag in ("sup", "sub"):
        style = style.but(size_pt=style.size_pt * 0.7)
    inner = style.but(bold=style.bold or node.tag in INLINE_BOLD,
                      italic=style.italic or node.tag in INLINE_ITALIC)
    for child in node.children:
        runs(child, inner, out)
    href = node.attr("href") or "" if node.tag == "a" else ""
    if href.startswith("http"):
        out.append((f"{ATTACH} ({href})", style.but(size_pt=8.0, bold=False)))
    return out


# -- blocks ------------------------------------------------------------------------------------

@dataclass
class Block:
    """A top-level element: its HTML, its height at a width, where it may be cut."""

    html: str
    margin: float = 0.0                # space below it (mm), dropped at a column's foot
    keep_with_next: bool = False       # a heading: never last in a column
    visual: bool = False               # a figure or a wide table: placed beside the text
    kind: str = "block"

    def height(self, width: float) -> float:
        raise NotImplementedError

    def split(self, width: float, room: float) -> tuple[Block | None, Block | None]:
        """``(the part that fits in room, the rest)``; ``(None, self)`` when nothing fits."""
        return (self, None) if self.height(width) <= room else (None, self)

    def min_height(self, width: float) -> float:
        """The least of it that can stand at a column's foot (two lines of text)."""
        return self.height(width)

    def markup(self) -> str:
        """The HTML to print (a cut part written when asked, not while planning)."""
        return self.html


def _node_words(node: Node, style: Style) -> list[Word]:
    """The words of ``node`` set in ``style`` (measured once per node)."""
    if style not in node.measured:
        node.measured[style] = words(runs(node, style))
    return node.measured[style]


@dataclass
class TextBlock(Block):
    """A paragraph, or a list item's text: lines of words, cut between two lines."""

    node: Node | None = None
    source: str = ""
    style: Style = field(default_factory=lambda: Style(10.5))
    line: float = 15 * PT              # leading, mm
    inset: float = 0.0                 # lost width (list indent)
    extra: float = 0.0                 # fixed height added (heading space above...)
    skip_words: int = 0                # a part starts at this word of ``node``...
    stop_words: int | None = None      # ...and ends before this one
    _cache: dict = field(default_factory=dict, repr=False)

    def _words(self) -> list[Word]:
        if "words" not in self._cache:
            self._cache["words"] = _node_words(self.node, self.style)[
                self.skip_words:self.stop_words]
        return self._cache["words"]

    def lines(self, width: float) -> list[int]:
        key = round(width, 2)
        if key not in self._cache:
            self._cache[key] = break_lines(self._words(), width - self.inset)
        return self._cache[key]

    def height(self, width: float) -> float:
        return max(1, len(self.lines(width))) * self.line + self.extra

    def min_height(self, width: float) -> float:
        return min(self.height(width), 2 * self.line + self.extra)

    def split(self, width, room):
        starts = self.lines(width)
        fit = int((room - self.extra + 0.01) // self.line)
        if fit >= len(starts):
            return self, None
        if fit < 2 or len(starts) - fit < 2:           # no orphan, no widow
            fit = min(fit, len(starts) - 2)
            if fit < 2:
                return None, self
        cut = starts[fit]
        if cut == starts[fit - 1]:                     # inside a long address: no cut
            return None, self
        middle = self.skip_words + cut
        return (replace(self, stop_words=middle, margin=0.0, _cache={}),
                replace(self, skip_words=middle, extra=0.0, _cache={}))

    def markup(self) -> str:
        if self.skip_words == 0 and self.stop_words is None:
            return self.html
        return cut_html(self.node, self.source, self.skip_words, self.stop_words,
                        continued=self.skip_words > 0, cut=self.stop_words is not None)


@dataclass
class Heading(TextBlock):
    level: int = 2

    def min_height(self, width: float) -> float:
        return self.height(width)

    def split(self, width, room):
        return (self, None) if self.height(width) <= room else (None, self)


@dataclass
class ListBlock(Block):
    """A list, cut between its items or inside an item's text."""

    node: Node | None = None
    source: str = ""
    items: list[TextBlock] = field(default_factory=list)
    start: int = 1                      # number of the first item (ol)
    continued: bool = False
    cut: bool = False
    whole: bool = True                  # not cut: its source HTML as it is

    def height(self, width):
        return sum(i.height(width) for i in self.items) + sum(i.margin for i in self.items[:-1])

    def min_height(self, width):
        return self.items[0].min_height(width) if self.items else 0.0

    def split(self, width, room):
        used = 0.0
        for index, item in enumerate(self.items):
            h = item.height(width)
            if used + h <= room:
                used += h + item.margin
                continue
            head, tail = item.split(width, room - used)
            before = self.items[:index] + ([head] if head else [])
            after = ([tail] if tail else []) + self.items[index + 1:]
            if not before:
                return None, self
            return (self._with(before, self.start, self.continued, cut=True),
                    self._with(after, self.start + index + (head is not None), True,
                               cut=self.cut))
        return self, None

    def _with(self, items: list[TextBlock], start: int, continued: bool, cut: bool
              ) -> ListBlock:
        return replace(self, items=items, start=start, continued=continued, cut=cut,
                       margin=0.0 if cut else self.margin, whole=False)

    def markup(self) -> str:
        if self.whole:
            return self.html
        attrs = [(k, v) for k, v in self.node.attrs if k not in ("start", "class", "id")
                 or (k == "id" and not self.continued)]
        classes = [*self.node.classes] + (["suite"] if self.continued else []) + (
            ["coupe"] if self.cut else [])
        if classes:
            attrs.insert(0, ("class", " ".join(classes)))
        if self.node.tag == "ol" and self.start != 1:
            attrs.append(("start", str(self.start)))
        return str(start_tag(self.node.tag, attrs)) + "".join(i.markup() for i in self.items) \
            + f"</{self.node.tag}>"


@dataclass
class Figure(Block):
    """A figure: its image takes the width it is given, its caption below it."""

    aspect: float = 1.5                 # width / height of the image
    pixels: int = 0                     # the source image's width in pixels (0: vector)
    drawing: bool = False               # a plan, a scan of a drawing (PNG, SVG)
    caption: TextBlock | None = None
    src: str = ""                       # the print copy's URL, without its fragment
    node: Node | None = None
    source: str = ""

    def image_height(self, width: float) -> float:
        return width / self.aspect

    def caption_height(self, width: float) -> float:
        return 0.0 if self.caption is None else self.caption.height(width) + 1.8

    def height(self, width):
        return self.image_height(width) + self.caption_height(width)

    def fit_width(self, width: float, room: float) -> float | None:
        """The width (``width`` at most) at which its image and caption stand in ``room``
        (None: no room)."""
        for _ in range(3):                   # the caption may take a line more when narrower
            image = self.image_height(width)
            caption = self.caption_height(width)
            if image + caption <= room + 0.01:
                return width
            if room - caption <= 10:
                return None
            width *= (room - caption - 0.5) / image
        return width if self.height(width) <= room + 0.01 else None


@dataclass
class Opaque(Block):
    """Measured by WeasyPrint (:class:`Galley`): tables, the cost study's parts, media."""

    heights: dict = field(default_factory=dict)      # width (rounded) -> height mm
    rows: dict = field(default_factory=dict)         # width -> (head, [row heights], foot)
    node: Node | None = None
    source: str = ""
    context: str = ""                                # classes of the galley's wrapper
    table: Node | None = None                        # the table inside, cut between rows
    first_row: int = 0
    last_row: int | None = None
    parts: list = field(default_factory=list)        # the cost study: its parts

    def markup(self) -> str:
        html = self.html
        if self.first_row or self.last_row is not None:
            html = table_rows_html(self.node, self.table, self.source, self.first_row,
                                   self.last_row)
        if not self.context:
            return html
        return str(Markup('<div class="{}">{}</div>').format(self.context, Markup(html)))

    def height(self, width):
        key = round(width, 1)
        if key not in self.heights:
            raise KeyError(f"{self.kind} not measured at {width} mm")
        if self.table is not None and key in self.rows:
            head, body, foot, caption = self.rows[key]
            rows = body[self.first_row:self.last_row]
            return (caption if self.first_row == 0 else 0.0) + head + sum(rows) + (
                foot if self.last_row is None else 0.0)
        return self.heights[key]

    @property
    def whole(self) -> bool:
        """A table never cut: a small one (:data:`SMALL_TABLE_ROWS` rows or fewer, issue 25: a
        table of 3 rows was split across two columns) or a summary of the cost study."""
        if self.table is None:
            return True
        rows = next(iter(self.rows.values()), None)
        return (rows is not None and len(rows[1]) <= SMALL_TABLE_ROWS) or any(
            c in WHOLE_TABLES for c in self.table.classes)

    def min_height(self, width):
        key = round(width, 1)
        if self.table is not None and key in self.rows and not self.whole:
            head, body, _, caption = self.rows[key]
            rows = body[self.first_row:self.last_row]
            return (caption if self.first_row == 0 else 0) + head + sum(rows[:2])
        return self.height(width)

    def split(self, width, room):
        key = round(width, 1)
        if self.height(width) <= room:
            return self, None
        if self.table is None or key not in self.rows or self.whole:
            return None, self
        head, body, _, caption = self.rows[key]
        used = (caption if self.first_row == 0 else 0.0) + head
        last = self.last_row if self.last_row is not None else len(body)
        cut = self.first_row
        while cut < last and used + body[cut] <= room:
            used += body[cut]
            cut += 1
        if cut - self.first_row < 2 or last - cut < 1:
            return None, self
        return self._rows(self.first_row, cut), self._rows(cut, self.last_row)

    def _rows(self, first: int, last: int | None) -> Opaque:
        return replace(self, first_row=first, last_row=last,
                       margin=self.margin if last is None else 0.0)
