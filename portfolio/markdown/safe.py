"""Student text and ids -> what may reach a theme's templates: plain titles, safe ids, a safe TOC.

Material's templates write titles unescaped (nav, ``<h1>``) and pass some through ``striptags``,
which turns entities back into characters (``<title>{{ page.title | striptags }}``). So a title
handed to the theme must stay harmless both as it is and once its entities are decoded: it
holds no ``<`` or ``>`` at all (:func:`plain_title` writes look-alike characters instead).

Every ``id`` a student's HTML carries goes through :func:`student_id`: letters, digits, ``_`` and
``-`` only, starting with a letter and holding a ``-``. So it is never one of the theme's ids
(Material's all start with ``__``: ``__config``, ``__search``...) nor a JavaScript name that an
element could shadow (``window.x``); an id that is not so is prefixed with ``pf-``.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..util.templates import plain_text

__all__ = ["ID_PREFIX", "StudentIds", "plain_line", "plain_title", "student_id", "toc_from_html"]

ID_PREFIX = "pf-"
MAX_ID = 80
_NOT_ID = re.compile(r"[^\w-]+")
_DASHES = re.compile(r"-{2,}")
# Characters that could close or open markup once entities are decoded, and their look-alikes.
_LOOK_ALIKES = {ord("<"): "‹", ord(">"): "›"}


def student_id(value: str) -> str:
    """The id written for a student's ``value`` (``fn:1`` -> ``fn-1``, ``__config`` ->
    ``pf-config``, ``objectifs`` -> ``pf-objectifs``, ``fig-bague`` unchanged)."""
    text = unicodedata.normalize("NFC", value)
    text = _DASHES.sub("-", _NOT_ID.sub("-", text)).strip("-_")[:MAX_ID].rstrip("-_") or "id"
    if not (text[0].isascii() and text[0].isalpha()) or "-" not in text:
        text = ID_PREFIX + text
    return text


class StudentIds:
    """The ids of one section: each distinct id written -> one :func:`student_id`, and two
    that would come out the same (``fn:1``, ``fn-1``) kept apart (``fn-1``, ``fn-1-2``)."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, value: str) -> str:
        if value not in self._ids:
            base = ident = student_id(value)
            number = 2
            while ident in self._used:
                ident, number = f"{base}-{number}", number + 1
            self._used.add(ident)
            self._ids[value] = ident
        return self._ids[value]


def plain_line(text: str) -> str:
    """``text`` as one line of plain text: no control character, no ``<``/``>`` (look-alikes),
    not escaped (for a template that escapes it, or a page's ``<title>``)."""
    text = "".join(ch for ch in str(text) if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return " ".join(text.split()).translate(_LOOK_ALIKES)


def plain_title(text: str) -> str:
    """``text`` (a title as the student typed it) ready for a theme template: one line, no
    control character, no ``<``/``>`` (look-alikes), ``&`` and quotes escaped."""
    return plain_text(plain_line(text))         # & and quotes escaped (templates.py)


_HEADING = re.compile(r"<h([2-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_SAFE_ID = re.compile(r"[\w-]+")


def toc_from_html(clean_html: str, levels: tuple[int, int] = (2, 3)) -> list[dict]:
    """Table-of-contents tokens (MkDocs' ``toc_tokens`` shape) read from sanitised HTML.

    Made from the HTML that is published rather than from Markdown's own tokens, which carry
    the ids and names as the student typed them: each id is the element's (already made safe
    by :func:`student_id`), each name plain text (:func:`plain_title`).
    """
    tokens: list[dict] = []
    stack: list[dict] = []
    for match in _HEADING.finditer(clean_html):
        level = int(match.group(1))
        found = _ID_ATTR.search(match.group(2))
        if not found or not levels[0] <= level <= levels[1]:
            continue
        ident = found.group(1)
        if not _SAFE_ID.fullmatch(ident):      # not made by student_id: left out of the TOC
            continue
        name = plain_title(html.unescape(_TAG.sub("", match.group(3))))
        token = {"level": level, "id": ident, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens
