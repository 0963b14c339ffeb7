"""A section's print HTML -> blocks the composer measures, places and cuts (text, figures, tables).

Each top-level element becomes a :class:`Block` that knows its height at a given width and,
for text, where it can be cut: a paragraph or a list between two of its lines, a table between
two rows (its header repeated). Text is measured with the fonts' metrics (:mod:`.measure`);
what text metrics cannot tell (tables, the cost study, videos' QR blocks, anything unusual) is
measured once by WeasyPrint in a galley (:class:`Galley`), at each width it may be set at.
The HTML is the sanitised output of the Markdown: blocks keep their source text as it is; a
cut paragraph is written again from its parsed tree, its inline tags closed and reopened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from .measure import ATTACH, BREAK, PT, Style, Word, break_lines, words

__all__ = ["Block", "Galley", "Node", "Typeset", "parse", "to_blocks"]

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
INLINE_BOLD = {"strong", "b", "th"}
INLINE_ITALIC = {"em", "i", "cite"}
PX = 25.4 / 96                 # mm per CSS pixel (WeasyPrint's unit)


# -- a small tree of the HTML, with each element's place in the source ------------------------

@dataclass(eq=False)
class Node:
    tag: str
    attrs: list[tuple[str, str | None]]
    start: int                       # offset of "<tag" in the source
    start_end: int = 0               # offset just after the start tag
    end: int = 0                     # offset just after the end tag
    children: list[Node | str] = field(default_factory=list)
    measured: dict = field(default_factory=dict, repr=False)   # style -> its words

    @property
    def classes(self) -> list[str]:
        return (dict(self.attrs).get("class") or "").split()

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)

    def elements(self, tag: str | None = None) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def find(self, tag: str) -> Node | None:
        for child in self.elements():
            if child.tag == tag:
                return child
            found = child.find(tag)
            if found is not None:
                return found
        return None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(f' {name}="{escape(value, quote=True)}"' if value is not None
                      else f" {name}" for name, value in attrs)
    return f"<{tag}{written}>"


def with_class(node: Node, *extra: str, drop_id: bool = False) -> str:
    """``node``'s start tag with classes added (and its id removed for a continuation)."""
    attrs = [(k, v) for k, v in node.attrs if k != "class" and not (drop_id and k == "id")]
    classes = " ".join([*node.classes, *extra])
    return start_tag(node.tag, [("class", classes), *attrs] if classes else attrs)


class _Tree(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.root = Node("#root", [], 0)
        self.stack = [self.root]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        node = Node(tag, attrs, start, start + len(self.get_starttag_text()))
        self.stack[-1].children.append(node)
        if tag in VOID:
            node.end = node.start_end
        else:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        node = Node(tag, attrs, start, start + len(self.get_starttag_text()))
        node.end = node.start_end
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        if not any(n.tag == tag for n in self.stack[1:]):
            return
        end = self.source.find(">", self._offset()) + 1
        while self.stack[-1].tag != tag:
            self.stack.pop().end = self._offset()
        self.stack.pop().end = end

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> list[Node | str]:
    tree = _Tree(html)
    tree.feed(html)
    tree.close()
    while len(tree.stack) > 1:
        tree.stack.pop().end = len(html)
    return tree.root.children


def serialize(children: list[Node | str], source: str) -> str:
    """Children written again: text escaped, elements copied from the source."""
    return "".join(escape(c, quote=False) if isinstance(c, str) else source[c.start:c.end]
                   for c in children)


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


_WORD_START = re.compile(r"(?:^|(?<=[ \t\n\r\f]))[^ \t\n\r\f]")


def cut_html(node: Node, source: str, first: int, last: int | None, *, continued: bool,
             cut: bool) -> str:
    """``node`` written from word ``first`` to word ``last`` (excluded), inline tags closed at
    the cut and opened again after it. Words are counted as :func:`.measure.words` does."""
    out: list[str] = []
    count = -1                 # index of the word being written
    in_word = False
    open_tags: list[Node] = []
    state = {"writing": first == 0, "done": False}

    def visit(child: Node | str) -> None:
        nonlocal count, in_word
        if state["done"]:
            return
        if isinstance(child, str):
            text = child
            pos = 0
            for match in _WORD_START.finditer(text):
                if match.start() == 0 and in_word:
                    continue
                count += 1
                if count == first and not state["writing"]:
                    state["writing"] = True
                    out.extend(start_tag(n.tag, n.attrs) for n in open_tags)
                    pos = match.start()
                if last is not None and count == last:
                    if state["writing"]:
                        out.append(escape(text[pos:match.start()].rstrip(), quote=False))
                    state["done"] = True
                    return
            if state["writing"]:
                out.append(escape(text[pos:], quote=False))
            in_word = bool(text) and not text[-1].isspace()
            return
        if child.tag == "br":
            in_word = False
            if state["writing"]:
                out.append("<br>")
            return
        if child.tag in VOID:
            if state["writing"]:
                out.append(source[child.start:child.end])
            return
        if state["writing"]:
            out.append(start_tag(child.tag, child.attrs))
        open_tags.append(child)
        for grandchild in child.children:
            visit(grandchild)
            if state["done"]:
                break
        open_tags.pop()
        if state["writing"]:
            out.append(f"</{child.tag}>")

    for child in node.children:
        visit(child)
        if state["done"]:
            break
    if state["done"]:
        out.extend(f"</{n.tag}>" for n in reversed(open_tags))
    classes = (("suite",) if continued else ()) + (("coupe",) if cut else ())
    return with_class(node, *classes, drop_id=continued) + "".join(out) + f"</{node.tag}>"


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
        return start_tag(self.node.tag, attrs) + "".join(i.markup() for i in self.items) \
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
        return f'<div class="{self.context}">{html}</div>' if self.context else html

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

    def min_height(self, width):
        key = round(width, 1)
        if self.table is not None and key in self.rows:
            head, body, _, caption = self.rows[key]
            rows = body[self.first_row:self.last_row]
            return (caption if self.first_row == 0 else 0) + head + sum(rows[:2])
        return self.height(width)

    def split(self, width, room):
        key = round(width, 1)
        if self.height(width) <= room:
            return self, None
        if self.table is None or key not in self.rows:
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


def table_rows_html(wrapper: Node, table: Node, source: str, first: int, last: int | None
                    ) -> str:
    """``table`` (inside ``wrapper``, maybe itself) with its body rows ``first:last`` only:
    its caption with the first rows, its header every time, its footer with the last rows."""
    parts = []
    rows = [r for group in table.elements("tbody") for r in group.elements("tr")] or \
        table.elements("tr")
    for child in table.elements():
        if child.tag == "caption" and first == 0:
            parts.append(source[child.start:child.end])
        elif child.tag in ("colgroup", "thead"):
            parts.append(source[child.start:child.end])
        elif child.tag == "tfoot" and last is None:
            parts.append(source[child.start:child.end])
    body = "".join(source[r.start:r.end] for r in rows[first:last])
    head = [p for p in parts if not p.startswith("<tfoot")]
    foot = [p for p in parts if p.startswith("<tfoot")]
    classes = (("suite",) if first else ()) + (("coupe",) if last is not None else ())
    inner = with_class(table, *classes, drop_id=first > 0) + "".join(head) + \
        f"<tbody>{body}</tbody>" + "".join(foot) + "</table>"
    if wrapper is table:
        return inner
    return source[wrapper.start:wrapper.start_end] + inner + f"</{wrapper.tag}>"


# -- an element -> a block --------------------------------------------------------------------

PLACEMENT = "#pf-"


def _figure(node: Node, source: str, t: Typeset, image_size) -> Block:
    img = node.find("img")
    caption_node = node.find("figcaption")
    caption = None
    if caption_node is not None:
        caption = TextBlock(html="", node=caption_node, source=source,
                            style=Style(t.caption_pt), line=t.caption_leading_pt * PT)
    src = (img.attr("src") or "") if img is not None else ""
    src = src.split(PLACEMENT, 1)[0]
    width, height, vector = image_size(src) if src else (0, 0, False)
    aspect = width / height if width > 0 and height > 0 else 1.5
    drawing = vector or src.lower().endswith(".png")
    return Figure(html=source[node.start:node.end], margin=t.figure_mm, visual=True,
                  kind="figure", aspect=aspect, pixels=0 if vector else width,
                  drawing=drawing, caption=caption, src=src, node=node, source=source)


def _text(node: Node, source: str, t: Typeset, style: Style | None = None) -> TextBlock:
    return TextBlock(html=source[node.start:node.end], margin=t.para_mm, node=node,
                     source=source, style=style or t.body, line=t.line_mm, kind="text")


def _list(node: Node, source: str, t: Typeset) -> ListBlock:
    items = []
    for li in node.elements("li"):
        if any(isinstance(c, Node) and c.tag in ("ul", "ol", "table", "figure", "div")
               for c in li.children):
            return None                                       # nested: measured whole
        items.append(TextBlock(html=source[li.start:li.end], margin=t.item_mm, node=li,
                               source=source, style=t.body, line=t.line_mm,
                               inset=t.indent_mm, kind="item"))
    start = int(node.attr("start") or 1) if (node.attr("start") or "1").isdigit() else 1
    return ListBlock(html=source[node.start:node.end], margin=t.para_mm,
                     node=node, source=source, items=items, start=start, kind="list")


def _heading(node: Node, source: str, t: Typeset) -> Heading:
    level = int(node.tag[1])
    size, leading, after = t.headings[min(level, 4) - 2]
    return Heading(html=source[node.start:node.end], margin=after, keep_with_next=True,
                   node=node, source=source, style=Style(size, display=True, bold=True),
                   line=leading * PT, kind="heading", level=level)


def _opaque(node: Node, source: str, t: Typeset, kind: str, context: str = "",
            visual: bool = False) -> Opaque:
    table = node if node.tag == "table" else node.find("table")
    return Opaque(html=source[node.start:node.end], margin=t.para_mm + 1.4, node=node,
                  source=source, kind=kind, context=context, table=table, visual=visual)


def _only_image(node: Node) -> bool:
    """``node`` holds one image and nothing else (a link around it at most)."""
    if any(isinstance(c, str) and c.strip() for c in node.children):
        return False
    elements = node.elements()
    if len(elements) == 1 and elements[0].tag == "a":
        return _only_image(elements[0])
    return len(elements) == 1 and elements[0].tag == "img"


def table_columns(node: Node) -> int:
    row = node.find("tr")
    return len(row.elements()) if row is not None else 0


def to_blocks(html: str, t: Typeset, image_size) -> list[Block]:
    """The blocks of a section's print HTML. ``image_size(src)`` gives ``(width, height,
    vector)`` of the image a print URL shows (the source's pixels)."""
    blocks: list[Block] = []
    for node in parse(html):
        if isinstance(node, str):
            if node.strip():                   # text outside any element: a paragraph
                wrapped = f"<p>{escape(node.strip(), quote=False)}</p>"
                blocks.append(_text(parse(wrapped)[0], wrapped, t))
            continue
        classes = node.classes
        if node.tag in ("h2", "h3", "h4", "h5", "h6"):
            blocks.append(_heading(node, html, t))
        elif node.tag == "p" and node.find("img") is None and node.find("svg") is None:
            blocks.append(_text(node, html, t))
        elif node.tag in ("ul", "ol") and (made := _list(node, html, t)) is not None:
            blocks.append(made)
        elif node.tag == "figure" and "media-print" not in classes and node.find("img"):
            blocks.append(_figure(node, html, t, image_size))
        elif node.tag == "p" and _only_image(node):        # an image without a caption
            blocks.append(_figure(node, html, t, image_size))
        elif node.tag == "figure":
            blocks.append(_opaque(node, html, t, "media", visual=True))
        elif node.tag == "table":
            blocks.append(_opaque(node, html, t, "table", visual=table_columns(node) >= 3))
        elif "pf-couts" in classes:
            study = _opaque(node, html, t, "couts")
            study.parts = cost_blocks(study, t)
            blocks.append(study)
        elif any(c in classes for c in ("planche", "pleine-page")):
            blocks.append(_opaque(node, html, t, "page"))
        elif "deux-colonnes" in classes:
            blocks.append(_opaque(node, html, t, "wide"))
        else:
            blocks.append(_opaque(node, html, t, "other"))
    return blocks


def cost_blocks(block: Opaque, t: Typeset) -> list[Opaque]:
    """The cost study's parts (introduction, tables, chart), set in columns one by one."""
    node, source = block.node, block.source
    parts = []
    for child in node.elements():
        part = _opaque(child, source, t, "couts-part", context="pf-couts")
        part.margin = 4.0
        parts.append(part)
    return parts


# -- the galley: WeasyPrint measures what text metrics cannot --------------------------------

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

        items = []
        for index, (block, width) in enumerate(self.wanted):
            inner = block.markup()
            items.append(f'<div class="galley col" id="galley-{index}" '
                         f'style="width: {width}mm">'
                         f"{inner}</div>")
        html = (f"<!DOCTYPE html><html lang=\"fr\"><head>{head_html}<style>@page "
                "{ size: 420mm 5000mm; margin: 0 } .galley { display: flow-root; "
                "break-inside: avoid }</style></head>"
                f'<body class="{body_class}">{"".join(items)}</body></html>')
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


def image_size_reader(sources: dict[str, Path]):
    """``image_size(src)`` for :func:`to_blocks` from the students' images behind print URLs."""
    from .placing import source_size

    def image_size(src: str) -> tuple[int, int, bool]:
        source = sources.get(src)
        return source_size(source) if source is not None else (0, 0, False)

    return image_size
