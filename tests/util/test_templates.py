"""HTML comes from Jinja2 templates with autoescape (``themes/``), not from f-strings and escape().

Read in the source: no ``escape(`` call and no f-string holding an HTML tag in ``portfolio/``
outside :mod:`portfolio.util.templates` (which also writes back the tags and text of sanitised HTML
the print composer cuts: ``start_tag``, ``text_node``).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from portfolio.util.templates import Markup, plain_text, render

PACKAGE = Path(__file__).resolve().parents[2] / "portfolio"
# f-strings with a tag that build no HTML from values:
KNOWN = {
    "markdown/__init__.py": {
        # the sanitiser swaps its placeholder paragraph for the trusted block (same text)
        'f"<p>{token}</p>"',
    },
}
TAG = re.compile(r"</?[a-zA-Z][\w-]*[\s>/]")
ESCAPE_CALL = re.compile(r"(?<![\w.])(?:html\.)?escape\(")


def _f_strings(source: str) -> list[str]:
    """The f-string literals of a module (3.11: one STRING token each)."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower()
            if "f" in prefix:
                found.append(token.string)
    return found


def _modules() -> list[tuple[str, str]]:
    return [(path.relative_to(PACKAGE).as_posix(), path.read_text(encoding="utf-8"))
            for path in sorted(PACKAGE.rglob("*.py"))
            if path.relative_to(PACKAGE).as_posix() != "util/templates.py"]


def test_no_hand_escaping_outside_the_template_helpers():
    calls = [(name, line) for name, source in _modules()
             for line in source.splitlines() if ESCAPE_CALL.search(line)]
    assert calls == []


def test_no_html_built_by_f_string():
    found = [(name, text) for name, source in _modules() for text in _f_strings(source)
             if TAG.search(text) and text not in KNOWN.get(name, set())]
    assert found == []


@pytest.mark.parametrize(("source", "expected"), [
    ('x = f"<p>{name}</p>"', ['f"<p>{name}</p>"']),
    ("x = rf'<a href=\"{u}\">'", ["rf'<a href=\"{u}\">'"]),
    ('x = f"{a} < {b}"', []),                        # a comparison, no tag
    ('x = "<p>plain</p>"', []),                       # not an f-string (a constant)
])
def test_the_f_string_scan_sees_tags(source, expected):
    assert [t for t in _f_strings(source) if TAG.search(t)] == expected


def test_the_escape_scan_sees_calls():
    assert ESCAPE_CALL.search("x = escape(title)") and ESCAPE_CALL.search("html.escape(t)")
    assert not ESCAPE_CALL.search("re.escape(word)") and not ESCAPE_CALL.search("unescape(x)")


@pytest.mark.parametrize("text", ['<script>alert("x")</script>', "Ana & Zoé's <b>", "a\"b'c"])
def test_templates_escape_by_default(text):
    html = render("site/templates/section.html", candidate=text, title=text, pages="",
                  body=Markup("<p>ok</p>"), model_viewer="")
    assert "<script>" not in html and "<b>" not in html and '"b' not in html
    assert "<p>ok</p>" in html                       # Markup (sanitised HTML) is kept
    assert "<" not in plain_text(text) and ">" not in plain_text(text)
