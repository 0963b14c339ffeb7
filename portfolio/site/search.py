"""A page's HTML -> the HTML the search index reads: tables as lines of text, no chart lettering.

The search index keeps paragraphs and lists but glues table cells together ("MétalAlliage
Poids net..."). Here each table becomes its caption and one paragraph per row, cells joined by
`` · ``, so that a hit in a table reads as text; the cost chart's drawn labels are left out (its
caption says the same in words), and so is each page's byline, marked ``data-search-exclude``
(the result names the dossier, see :func:`portfolio.site.titles.dossier_label`).
"""

from __future__ import annotations

import html
import re

from ..util.templates import render

__all__ = ["index_html", "text_of"]

_TABLE = re.compile(r"<table\b[^>]*>(.*?)</table\s*>", re.S | re.I)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption\s*>", re.S | re.I)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.S | re.I)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t\1\s*>", re.S | re.I)
_SVG = re.compile(r"<svg\b.*?</svg\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def text_of(fragment: str) -> str:
    """The words of an HTML ``fragment``, one space apart (an element's end is a space)."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _table(match: re.Match) -> str:
    inner = match.group(1)
    caption = _CAPTION.search(inner)
    rows = [[text for cell in _CELL.finditer(row.group(1)) if (text := text_of(cell.group(2)))]
            for row in _ROW.finditer(inner)]
    return render("site/templates/search-table.html",
                  caption=text_of(caption.group(1)) if caption else "",
                  rows=[row for row in rows if row])


def index_html(page_html: str) -> str:
    """``page_html`` as the search index should read it (see the module's docstring)."""
    return _TABLE.sub(_table, _SVG.sub("", page_html))
