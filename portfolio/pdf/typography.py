"""Print HTML -> the same HTML set the French way: no-break spaces where French typesetting wants
them, so that no punctuation mark or short word is left alone at a line's start or end.

- a no-break space before ``:`` and inside ``« »``; a narrow one before ``; ? !``;
- a word of one or two letters ("à", "le", "Je") or a number is kept with the next word;
- the typewriter apostrophe becomes the typographic one (’): French print uses it, and
  WeasyPrint 70 breaks a line right after "J'ai" when the line's last break falls inside a
  link or a bold word (the line then holds one word, stretched across the column).

Only the text between tags changes (never an attribute, a URL or code).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["french_spacing", "french_text"]

NBSP, NNBSP, APOSTROPHE = "\u00a0", "\u202f", "\u2019"
SKIP = {"code", "pre", "script", "style", "kbd", "samp", "svg"}

_BEFORE_COLON = re.compile(r"[ \t\n]+(?=:(?:\s|$))")
_BEFORE_MARK = re.compile(r"[ \t\n]+(?=[;?!](?:\s|$|[»)]))")
_AFTER_OPEN = re.compile(r"«[ \t\n]+")
_BEFORE_CLOSE = re.compile(r"[ \t\n]+»")
# A short word (1-2 letters, or a number) followed by a space and a word: keep them together.
# Not before a tag: WeasyPrint 70 breaks a line far too early when a run without break
# opportunity crosses the start of an inline element ("un\u00a0<strong>or\u00a0jaune": the line
# before it ends after two words, its justification stretched across the column).
_SHORT = re.compile(r"(?<![\w&#;])(\w{1,2}|\d[\d,.]*)[ \t\n]+(?=[\w«(])")


def french_text(text: str) -> str:
    """Plain text (or HTML text without tags) with French no-break spaces."""
    text = text.replace("'", APOSTROPHE)
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _BEFORE_MARK.sub(NNBSP, text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    text = _BEFORE_CLOSE.sub(NBSP + "»", text)
    return _SHORT.sub(lambda m: m.group(1) + NBSP, text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in SKIP
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.skipping -= tag in SKIP and self.skipping > 0
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data if self.skipping else french_text(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        apostrophe = name.lower() in ("39", "x27") and not self.skipping
        self.out.append(APOSTROPHE if apostrophe else f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def french_spacing(html: str) -> str:
    """``html`` with French no-break spaces in its text (tags and attributes untouched)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
