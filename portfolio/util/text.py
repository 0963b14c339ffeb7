"""Text -> its ASCII letters (slugs, name search), or French-spaced (``: ; ? !`` kept with a word).

:func:`french_spacing` and :func:`french_spacing_html` are the one place where French
typography's non-breaking spaces are put: the site applies them to its pages' text, the printed
dossier to its HTML before WeasyPrint lays it out (with rules of its own,
``pdf/draw/typography.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["NBSP", "NNBSP", "ascii_fold", "french_spacing", "french_spacing_html"]

NBSP = "\u00a0"       # espace insécable: before a colon, between a number and its unit
NNBSP = "\u202f"      # espace fine insécable: before ; ! ? and inside « »


def ascii_fold(text: str) -> str:
    """``"Éloïse Œuvre"`` -> ``"Eloise OEuvre"``: compatibility forms split, accents dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


_SPACE = r"[ \t\r\n\u00a0\u202f\u2009]"
# A space the writer typed before : ; ! ? (never added where there is none: 10:30, https://).
_BEFORE_COLON = re.compile(rf"{_SPACE}+(?=:(?:\s|$|[)\]»]))")
_BEFORE_MARK = re.compile(rf"{_SPACE}+(?=[;!?])")
_AFTER_OPENING = re.compile(rf"«{_SPACE}*")
_BEFORE_CLOSING = re.compile(rf"{_SPACE}*»")
_NUMBER_UNIT = re.compile(rf"(?<=\d){_SPACE}+(?=[%€‰])")


def french_spacing(text: str) -> str:
    """Plain ``text`` with French non-breaking spaces: ``"Prix : 12 € ; « or » !"`` keeps
    ``Prix\u00a0:``, ``12\u00a0€``, ``\u202f;``, ``«\u202for\u202f»`` and ``\u202f!``
    together on one line. Only spaces already typed before ``: ; ! ?`` become non-breaking."""
    if not any(mark in text for mark in ":;!?«»%€‰"):
        return text
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _BEFORE_MARK.sub(NNBSP, text)
    text = _AFTER_OPENING.sub("«" + NNBSP, text)
    text = _BEFORE_CLOSING.sub(NNBSP + "»", text)
    return _NUMBER_UNIT.sub(NBSP, text)


# Elements whose text is code or not prose: left exactly as written.
_RAW = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var", "math", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_TOKEN = re.compile(r"""<!--.*?-->|<[!?][^>]*>"""
                    r"""|<(/?)([a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)


def french_spacing_html(html: str, spacing: Callable[[str], str] = french_spacing) -> str:
    """:func:`french_spacing` (or ``spacing``) on the text of ``html``: never inside a tag
    (attributes), a comment, or an element of code (``code``, ``pre``, ``kbd``...)."""
    out: list[str] = []
    raw: list[str] = []           # open code elements, innermost last
    position = 0
    for match in _TOKEN.finditer(html):
        text = html[position:match.start()]
        out.append(text if raw else spacing(text))
        out.append(match.group(0))
        position = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name or name in _VOID or match.group(0).endswith("/>"):
            continue
        if closing:
            if raw and raw[-1] == name:
                raw.pop()
        elif name in _RAW or raw:
            raw.append(name)
    tail = html[position:]
    out.append(tail if raw else spacing(tail))
    return "".join(out)
