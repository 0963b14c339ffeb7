"""A section's Markdown -> refused before conversion when it passes a bound (rules/limites.yml).

Python-Markdown's parsers take quadratic time on some inputs: 20,000 ``[`` take 36 s,
20,000 ``![`` over a minute, 2,000 unclosed ``<![CDATA[`` 25 s. The counts checked here answer
those at once, with the line; :func:`~portfolio.util.limits.time_limit` bounds whatever else.
"""

from __future__ import annotations

import re

from ..dossier.model import Section
from ..util.limits import bound

__all__ = ["check_markdown"]

# A paragraph (one text node for the inline parser) never spans an empty line.
_BLANK = re.compile(r"\n[ \t]*\n")


def _line(section: Section, index: int) -> int:
    return section.body_line + section.body.count("\n", 0, index)


def _nth(text: str, needle: str, count: int, start: int = 0) -> int:
    """Index of the ``count``-th ``needle`` in ``text`` from ``start``."""
    index = start - 1
    for _ in range(count):
        index = text.find(needle, index + 1)
    return index


def check_markdown(section: Section) -> None:
    """Raise the bound's French error (file and line) when the text passes one."""
    body = section.body
    for name, needle in (("markdown_crochets", "["), ("markdown_balises", "<"),
                         ("markdown_declarations", "<!")):
        limit = bound(name)
        count = body.count(needle)
        if count > limit.max:
            where = _nth(body, needle, int(limit.max) + 1)
            raise limit.error(count, section.path, _line(section, where))
    limit = bound("markdown_crochets_paragraphe")
    start = 0
    for blank in [*_BLANK.finditer(body), None]:
        end = blank.start() if blank else len(body)
        count = body.count("[", start, end)
        if count > limit.max:
            raise limit.error(count, section.path, _line(section, body.find("[", start)))
        start = blank.end() if blank else end
