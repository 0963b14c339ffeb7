"""A template of ``themes/`` + values -> HTML, with Jinja2's autoescape: escaping is the default.

Every HTML fragment the package writes comes from here (site pages, preview meter and
dashboard, cost tables, print document). A value is escaped unless it is :class:`Markup` (HTML
already made safe: sanitised Markdown, another template's output); CSS written into a page goes
through the ``css_string`` and ``style`` filters.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

__all__ = ["THEMES_DIR", "Markup", "css_string", "plain_text", "render", "start_tag",
           "style_text", "text_node"]

THEMES_DIR = Path(__file__).resolve().parents[2] / "themes"


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal: quotes, backslashes, control characters and the HTML
    specials ``<>&'`` as CSS escapes, so the literal is safe as is in a ``<style>`` element
    (autoescape must not turn its quotes into ``&#34;``, which CSS does not read)."""
    out = []
    for char in text:
        if char in '"\\<>&\'' or ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')


def style_text(css: str) -> Markup:
    """CSS for a ``<style>`` element: its text is not HTML (no entity), so it is not escaped,
    only kept from closing the element early."""
    return Markup(css.replace("</", "<\\/"))


def start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> Markup:
    """A start tag written back from a parsed tree (``attrs`` unescaped, as HTMLParser gives
    them): ``<p class="x">``; the print composer cuts sanitised HTML this way."""
    written = Markup("").join(Markup(' {}="{}"').format(name, value) if value is not None
                              else Markup(" {}").format(name) for name, value in attrs)
    return Markup("<{}{}>").format(tag, written)


def text_node(text: str) -> Markup:
    """Text written back into HTML (a parsed tree's text, unescaped)."""
    return escape(text)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEMES_DIR), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["css_string"] = css_string       # a value in CSS: {{ name | css_string }}
    env.filters["style"] = style_text            # CSS text in <style>: {{ css | style }}
    return env


def render(name: str, **values: object) -> str:
    """Template ``name`` (a path under ``themes/``) filled with ``values``, as plain ``str``
    (wrap it in :class:`Markup` to pass it into another template)."""
    return _environment().get_template(name).render(**values).strip()


def plain_text(text: str) -> str:
    """``text`` escaped for a place that MkDocs' theme writes as HTML (navigation titles)."""
    return str(escape(text))
