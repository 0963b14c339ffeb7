"""Rendered sections + dossier metadata -> the print HTML documents (main part, annexes)."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from ..model import Dossier
from ..rules import load_rules
from .geometry import ONE_COLUMN_BELOW_MM, SHORT_BELOW_MM, WIDE_BLOCKS

__all__ = ["annex_html", "main_html"]

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


class _TopLevel(HTMLParser):
    """Offsets of the top-level elements of an HTML fragment, and whether each is wide."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.starts: list[tuple[int, bool]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            classes = (dict(attrs).get("class") or "").split()
            self.starts.append((self._offset(), any(c in WIDE_BLOCKS for c in classes)))
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth = max(self.depth - 1, 0)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_offsets[line - 1] + col

    def feed_text(self, text: str) -> None:
        self.line_offsets = [0]
        for line in text.splitlines(keepends=True):
            self.line_offsets.append(self.line_offsets[-1] + len(line))
        self.feed(text)
        self.close()


def section_body(html: str) -> str:
    """Flow text in columns, but let boards and full-page blocks take the whole page width."""
    parser = _TopLevel()
    parser.feed_text(html)
    starts = parser.starts
    if not any(wide for _, wide in starts):
        return f'<div class="section-body">{html}</div>'
    out, run_start = [], 0
    bounds = [offset for offset, _ in starts] + [len(html)]
    for index, (offset, wide) in enumerate(starts):
        if not wide:
            continue
        if html[run_start:offset].strip():
            out.append(f'<div class="section-body">{html[run_start:offset]}</div>')
        out.append(html[offset:bounds[index + 1]])
        run_start = bounds[index + 1]
    if html[run_start:].strip():
        out.append(f'<div class="section-body">{html[run_start:]}</div>')
    return "".join(out)


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and control characters escaped)."""
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _page_style(dossier: Dossier, annex: bool) -> str:
    width, height = dossier.page_size_mm
    cand = dossier.candidate
    if annex and dossier.annex_pdfs:    # PDF pages follow: the rendered total is not the total
        number = '"annexes · page A" counter(page)'
    elif annex:
        number = '"annexes · page " counter(page) " / " counter(pages)'
    else:
        number = '"page " counter(page) " / " counter(pages)'
    return (f"@page {{ size: {width}mm {height}mm;"
            f" @bottom-left {{ content: {css_string(f'{cand.full_name} · n° {cand.numero}')}; }}"
            f" @bottom-center {{ content: {css_string(dossier.title)}; }}"
            f" @bottom-right {{ content: {number}; }} }}")


def body_classes(dossier: Dossier) -> str:
    """The page format as classes of ``<body>`` for the print stylesheet.

    ``fmt-narrow``: one text column (A4 portrait); ``fmt-short``: little height for a board's
    rows (A4 landscape).
    """
    width, height = dossier.page_size_mm
    classes = ["fmt-portrait" if height > width else "fmt-landscape"]
    if width < ONE_COLUMN_BELOW_MM:
        classes.append("fmt-narrow")
    if height < SHORT_BELOW_MM:
        classes.append("fmt-short")
    return " ".join(classes)


def _head(dossier: Dossier, title: str, stylesheets: list[str], inline_css: str,
          annex: bool = False) -> str:
    cand = dossier.candidate
    links = "".join(f'<link rel="stylesheet" href="{escape(href)}">' for href in stylesheets)
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(cand.full_name)}">'
        f'<meta name="description" content="{escape(dossier.theme or dossier.title)}">'
        f'<meta name="keywords" content="bijouterie, dossier, {escape(dossier.option)}, '
        f'session {escape(dossier.session)}">'
        '<meta name="generator" content="portfolio (dossier de bijouterie)">'
        f"<style>{escape_style(inline_css)}</style>{links}"
        f"<style>{escape_style(_page_style(dossier, annex))}</style></head>")


def escape_style(css: str) -> str:
    """Keep a ``<style>`` body from closing its element early."""
    return css.replace("</", "<\\/")


def cover_html(dossier: Dossier, cover_src: str | None) -> str:
    rules = load_rules()
    cand = dossier.candidate
    facts = [
        ("Candidat·e", cand.full_name),
        ("N° de candidat", cand.numero),
        ("Option", rules.options[dossier.option]),
        ("Voie", rules.voies[dossier.voie].label),
        ("Session", dossier.session),
    ]
    if cand.etablissement:
        facts.append(("Établissement", cand.etablissement))
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    image = (f'<div class="cover-image"><img src="{escape(cover_src)}" alt=""></div>'
             if cover_src else "")
    theme = f'<p class="cover-theme">{escape(dossier.theme)}</p>' if dossier.theme else ""
    return (
        f'<section class="cover{" has-image" if cover_src else ""}" id="couverture">'
        '<div class="cover-text">'
        '<p class="cover-kicker">Dossier de projet · épreuve E1 · 2<sup>e</sup> partie</p>'
        f'<h1 class="cover-title">{escape(dossier.title)}</h1>{theme}'
        f'<dl class="cover-facts">{rows}</dl></div>{image}</section>')


def main_html(dossier: Dossier, sections: list[tuple[str, str, str]], stylesheets: list[str],
              inline_css: str, cover_src: str | None, annex_entries: list[tuple[str, str]]
              ) -> str:
    """The main part: cover, contents, sections.

    ``sections`` is ``[(anchor, title, html)]``; ``annex_entries`` is ``[(title, page label)]``
    for the contents (the annexes are a separate document, numbered on their own).
    """
    toc = "".join(
        f'<li><a href="#{anchor}">{escape(title)}</a></li>' for anchor, title, _ in sections)
    if annex_entries:
        toc += ('<li class="toc-part">Annexes<ol>' + "".join(
            f'<li><span class="toc-annex">{escape(title)}</span>'
            f'<span class="toc-page">{escape(label)}</span></li>'
            for title, label in annex_entries) + "</ol></li>")
    body = "".join(
        f'<section class="part-section" id="{anchor}"><h1>{escape(title)}</h1>'
        f"{section_body(content)}</section>"
        for anchor, title, content in sections)
    return (
        _head(dossier, f"{dossier.title} — {dossier.candidate.full_name}", stylesheets,
              inline_css)
        + f'<body class="main-part {body_classes(dossier)}">'
        + cover_html(dossier, cover_src)
        + f'<nav class="toc" id="sommaire"><h1>Sommaire</h1><ol>{toc}</ol></nav>'
        + body + "</body></html>")


def annex_html(dossier: Dossier, sections: list[tuple[str, str, str]],
               stylesheets: list[str], inline_css: str) -> str:
    body = "".join(
        f'<section class="part-section annex" id="{anchor}"><h1>{escape(title)}</h1>'
        f"{section_body(content)}</section>"
        for anchor, title, content in sections)
    return (
        _head(dossier, f"Annexes — {dossier.title}", stylesheets, inline_css, annex=True)
        + f'<body class="annex-part {body_classes(dossier)}">'
        + '<h1 class="annex-part-title">Annexes</h1>' + body + "</body></html>")
