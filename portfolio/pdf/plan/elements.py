"""A section's print HTML -> one block per top-level element, for the composer to measure and
place (a paragraph, a list, a heading, a figure, a table, a board, the cost study...)."""

from __future__ import annotations

from ...util.templates import Markup
from ..page.grid import PLACEMENT
from ..page.measure import PT, Style
from .blocks import (
    Block,
    Figure,
    Heading,
    ListBlock,
    Opaque,
    TextBlock,
    Typeset,
)
from .html_tree import Node, parse
from .scale import SCALED

__all__ = ["cost_blocks", "to_blocks"]


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
                     source=source, style=style or t.body, line=t.line_mm, kind="text",
                     keep_with_next=_run_in_heading(node))


def _run_in_heading(node: Node) -> bool:
    """A short paragraph all in bold (``**Objectifs économiques**``) heads what follows it,
    like a heading: it never ends a column."""
    if any(isinstance(c, str) and c.strip() for c in node.children):
        return False
    elements = node.elements()
    return len(elements) == 1 and elements[0].tag in ("strong", "b") and \
        len(node.text().strip()) <= 80


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
                wrapped = str(Markup("<p>{}</p>").format(node.strip()))
                blocks.append(_text(parse(wrapped)[0], wrapped, t))
            continue
        classes = node.classes
        if node.tag in ("h2", "h3", "h4", "h5", "h6"):
            blocks.append(_heading(node, html, t))
        elif node.tag == "p" and node.find("img") is None and node.find("svg") is None:
            blocks.append(_text(node, html, t))
        elif node.tag in ("ul", "ol") and (made := _list(node, html, t)) is not None:
            blocks.append(made)
        elif node.tag == "figure" and SCALED in classes:   # at its scale, across the page
            blocks.append(_opaque(node, html, t, "wide"))
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
