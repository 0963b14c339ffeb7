"""Print HTML -> a small tree of its elements with their places in the source, and pieces of it
written back (a paragraph cut between two words, a table between two rows).

The HTML is the sanitised output of the Markdown: a whole element is copied from the source as
it is; a cut one is written again from its tree, its inline tags closed at the cut and opened
again after it (tags and text written by :func:`portfolio.util.templates.start_tag` and
:func:`~portfolio.util.templates.text_node`, which escape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ...util.templates import start_tag, text_node

__all__ = ["VOID", "Node", "cut_html", "parse", "table_rows_html", "with_class"]

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


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


def with_class(node: Node, *extra: str, drop_id: bool = False) -> str:
    """``node``'s start tag with classes added (and its id removed for a continuation)."""
    attrs = [(k, v) for k, v in node.attrs if k != "class" and not (drop_id and k == "id")]
    classes = " ".join([*node.classes, *extra])
    return str(start_tag(node.tag, [("class", classes), *attrs] if classes else attrs))


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
    last_break: list[int] = []          # where a line break between top-level content stands

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
                        out.append(text_node(text[pos:match.start()].rstrip()))
                    state["done"] = True
                    return
            if state["writing"]:
                out.append(text_node(text[pos:]))
            in_word = bool(text) and not text[-1].isspace()
            return
        if child.tag == "br":
            in_word = False
            if state["writing"]:
                if not open_tags:
                    last_break.append(len(out))
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
    if cut and last_break:
        # A cut part's last line is justified (print.css .coupe); the lines that end with a
        # <br> before it must not be: what follows the last <br> is set as a block of its own.
        at = last_break[-1]
        out[at:] = ['<span class="fin-coupe">', *out[at + 1:], "</span>"]
        classes += ("coupe-br",)
    return with_class(node, *classes, drop_id=continued) + "".join(out) + f"</{node.tag}>"


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
        "<tbody>" + body + "</tbody>" + "".join(foot) + "</table>"
    if wrapper is table:
        return inner
    return source[wrapper.start:wrapper.start_end] + inner + f"</{wrapper.tag}>"
