"""Print HTML -> the same HTML set the French way: no-break spaces where French typesetting wants
them, so that no punctuation mark or short word is left alone at a line's start or end.

- the spaces of :mod:`portfolio.util.text` (the site's too): a no-break space before ``:``, a narrow
  one before ``; ? !`` and inside ``« »``, one between a number and ``%`` or ``€``;
- in print also: a word of one or two letters ("à", "le", "Je") or a number is kept with the
  next word (the justified columns of the PDF; the site's lines are ragged);
- the typewriter apostrophe becomes the typographic one (’): French print uses it, and
  WeasyPrint 70 breaks a line right after "J'ai" when the line's last break falls inside a
  link or a bold word (the line then holds one word, stretched across the column);
- a space before an inline element goes inside it (another early break of WeasyPrint 70).

Only the text between tags changes (never an attribute, a URL or code).
"""

from __future__ import annotations

import re

from ...util import text

__all__ = ["french_spacing", "french_text"]

NBSP, APOSTROPHE = text.NBSP, "\u2019"

# A short word (1-2 letters, or a number) followed by a space and a word: keep them together.
# Not before a tag: WeasyPrint 70 breaks a line far too early when a run without break
# opportunity crosses the start of an inline element ("un\u00a0<strong>or\u00a0jaune": the line
# before it ends after two words, its justification stretched across the column).
_SHORT = re.compile(r"(?<![\w&#;])(\w{1,2}|\d[\d,.]*)[ \t\n]+(?=[\w«(])")
_APOSTROPHE_REF = re.compile(r"&#(?:39|[xX]27);")


def french_text(plain: str) -> str:
    """Plain text (or HTML text without tags) with French no-break spaces."""
    plain = text.french_spacing(plain.replace("'", APOSTROPHE))
    return _SHORT.sub(lambda m: m.group(1) + NBSP, plain)


# A space between a word and an inline element (``un <strong>saphir``): WeasyPrint 70 then
# sometimes breaks the line at its first break opportunity instead of its last (a line of two
# words, stretched across the column). The same space inside the element is the same text and
# the same break, and WeasyPrint finds it.
_SPACE_BEFORE_INLINE = re.compile(
    r"(?<=[^\s>]) (<(?:a|abbr|b|cite|em|i|mark|q|small|span|strong|sub|sup)\b[^>]*>)")


def french_spacing(html: str) -> str:
    """``html`` with French no-break spaces in its text (tags, attributes and code untouched)."""
    html = text.french_spacing_html(
        html, lambda chunk: french_text(_APOSTROPHE_REF.sub(APOSTROPHE, chunk)))
    return _SPACE_BEFORE_INLINE.sub(r"\1 ", html)
