"""Rendered sections + dossier metadata -> the print HTML documents (main part, annexes).

The markup comes from ``themes/print/document.html`` (Jinja2, autoescaped); this module
prepares its data: the section bodies cut into runs of text columns and the blocks that leave
the columns (boards, full-width figures, cost studies), the cover and contents entries, and the
``@page`` rules that carry the candidate's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import Dossier, Section
from ..rules import load_rules
from .grid import FIGURE_KINDS, grid_for
from .typography import french_spacing, french_text

__all__ = ["DocSection", "annex_html", "main_html", "section_body"]

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "themes" / "print"
PLACEMENT = "#pf-"            # an image's print URL ends with its kind: ``...jpg#pf-large``
WIDE_BLOCKS = ("planche", "pleine-page", "deux-colonnes", "pf-couts")
WIDE_FIGURES = ("large", "full")
HEADINGS = ("h2", "h3", "h4")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


@dataclass
class _Element:
    start: int
    tag: str
    tag_text: str         # the start tag as written
    attrs: list[tuple[str, str | None]]
    kind: str = ""        # figure placement read from its image (grid.FIGURE_KINDS)

    @property
    def classes(self) -> list[str]:
        return (dict(self.attrs).get("class") or "").split()

    @property
    def wide(self) -> bool:
        return self.kind in WIDE_FIGURES or any(c in WIDE_BLOCKS for c in self.classes)


class _TopLevel(HTMLParser):
    """The top-level elements of an HTML fragment, and the placement of their first image."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.elements: list[_Element] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            self.elements.append(_Element(self._offset(), tag, self.get_starttag_text(), attrs))
        elif tag == "img" and self.elements and not self.elements[-1].kind:
            src = dict(attrs).get("src") or ""
            kind = src.rsplit(PLACEMENT, 1)[1] if PLACEMENT in src else ""
            if self.elements[-1].tag in ("figure", "p") and kind in FIGURE_KINDS:
                self.elements[-1].kind = kind
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth = max(self.depth - 1, 0)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_offsets[line - 1] + col

    def parse(self, text: str) -> list[_Element]:
        self.line_offsets = [0]
        for line in text.splitlines(keepends=True):
            self.line_offsets.append(self.line_offsets[-1] + len(line))
        self.feed(text)
        self.close()
        return self.elements


def _with_class(element: _Element, extra: str) -> str:
    """``element``'s start tag again, with the class ``extra`` added."""
    attrs = dict(element.attrs)
    attrs["class"] = " ".join([*element.classes, extra])
    written = "".join(f' {name}="{escape(value, quote=True)}"' if value is not None
                      else f" {name}" for name, value in attrs.items())
    return f"<{element.tag}{written}>"


def section_body(html: str, balance_end: bool = False) -> Markup:
    """Text in the columns of the grid; boards, wide figures and cost studies across them.

    Each run of text becomes one ``.section-body`` multi-column box; a block that leaves the
    columns sits between two runs; a run followed by such a block, or ending a section that
    the next one follows on the same page (``balance_end``), is balanced. A figure gets the
    class of its placement (``fig-col``, ``fig-large``, ``fig-full``), an element followed by
    a heading ``avant-titre`` (the space above a heading is the bottom margin of what precedes
    it, so that a heading at the top of a column lines up with the top of the others).
    """
    elements = _TopLevel().parse(html)
    bounds = [e.start for e in elements] + [len(html)]
    pieces: list[tuple[bool, str]] = []      # (wide, html)
    if elements and html[:elements[0].start].strip():
        pieces.append((False, html[:elements[0].start]))
    for index, element in enumerate(elements):
        chunk = html[element.start:bounds[index + 1]]
        following = elements[index + 1] if index + 1 < len(elements) else None
        extra = []
        if element.kind:
            extra.append(f"fig-{element.kind}")
        if following is not None and following.tag in HEADINGS and not element.wide:
            extra.append("avant-titre")
        if extra:
            chunk = _with_class(element, " ".join(extra)) + chunk[len(element.tag_text):]
        pieces.append((element.wide, chunk))
    out, run = [], []
    for wide, chunk in pieces:
        if not wide:
            run.append(chunk)
            continue
        if "".join(run).strip():          # a run above a block is balanced (column tops)
            out.append(f'<div class="section-body avant-bloc">{"".join(run)}</div>')
        run = []
        out.append(chunk)
    if "".join(run).strip():
        balanced = " avant-bloc" if balance_end else ""
        out.append(f'<div class="section-body{balanced}">{"".join(run)}</div>')
    return Markup("".join(out))


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and control characters escaped)."""
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def style_text(css: str) -> Markup:
    """CSS for a ``<style>`` element: its text is not HTML (no entity), so it is not escaped,
    only kept from closing the element early."""
    return Markup(css.replace("</", "<\\/"))


def body_classes(dossier: Dossier) -> str:
    """The page format as classes of ``<body>`` for the print stylesheet.

    ``cols-N``: the columns of the grid (:func:`grid.grid_for`); ``fmt-short``: little height
    for a board's rows (A4 landscape).
    """
    width, height = dossier.page_size_mm
    classes = ["fmt-portrait" if height > width else "fmt-landscape",
               f"cols-{grid_for(dossier.page_size_mm).columns}"]
    if width < 260:
        classes.append("fmt-narrow")
    if height < 250:
        classes.append("fmt-short")
    return " ".join(classes)


@dataclass(frozen=True)
class DocSection:
    anchor: str
    title: str
    body: Markup
    follows: bool = False     # starts on the page where the previous section ends


def doc_sections(sections: list[tuple[str, str, str]], sources: list[Section] | None = None,
                 annexes: bool = False) -> list[DocSection]:
    """The sections for the template; annexes follow one another on the same page (reference
    material: a short glossary does not spend a page of the 10), main sections when their
    front matter says ``saut_de_page: non``."""
    follows = {s.anchor: annexes or not s.page_break for s in sources or []}
    flags = [index > 0 and follows.get(anchor, annexes)
             for index, (anchor, _, _) in enumerate(sections)]
    return [DocSection(anchor, french_text(title),
                       section_body(french_spacing(html), balance_end=index + 1 < len(flags)
                                    and flags[index + 1]), flags[index])
            for index, (anchor, title, html) in enumerate(sections)]


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
_ENV.filters["style"] = style_text
_ENV.filters["css_string"] = css_string
_ENV.filters["fr"] = french_text


def _render(dossier: Dossier, part: str, sections: list[DocSection], stylesheets: list[str],
            inline_css: str, **extra) -> str:
    rules = load_rules()
    width, height = dossier.page_size_mm
    return _ENV.get_template("document.html").render(
        part=part, dossier=dossier, candidate=dossier.candidate, sections=sections,
        option_label=rules.options[dossier.option], voie_label=rules.voies[dossier.voie].label,
        stylesheets=stylesheets, font_css=inline_css, page_width=width, page_height=height,
        body_class=body_classes(dossier), **extra)


def main_html(dossier: Dossier, sections: list[tuple[str, str, str]], stylesheets: list[str],
              inline_css: str, cover_src: str | None, annex_entries: list[tuple[str, str]],
              sources: list[Section] | None = None) -> str:
    """The main part: cover, contents, sections.

    ``sections`` is ``[(anchor, title, html)]``; ``annex_entries`` is ``[(title, page label)]``
    for the contents (the annexes are a separate document, numbered A1, A2...). ``sources``
    (the dossier's sections) tell which section starts on the page of the previous one.
    """
    return _render(dossier, "main", doc_sections(sections, sources), stylesheets, inline_css,
                   cover_src=cover_src, annex_entries=annex_entries)


def annex_html(dossier: Dossier, sections: list[tuple[str, str, str]],
               stylesheets: list[str], inline_css: str,
               sources: list[Section] | None = None) -> str:
    return _render(dossier, "annexes", doc_sections(sections, sources, annexes=True), stylesheets,
                   inline_css, cover_src=None, annex_entries=[])
