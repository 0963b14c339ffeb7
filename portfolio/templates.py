"""A template of ``themes/`` + values -> HTML, with Jinja2's autoescape: escaping is the default.

Every HTML fragment the package writes comes from here (site pages, preview meter and
dashboard, cost tables). A value is escaped unless it is :class:`Markup` (HTML already made
safe: sanitised Markdown, another template's output).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

__all__ = ["THEMES_DIR", "Markup", "plain_text", "render"]

THEMES_DIR = Path(__file__).resolve().parent.parent / "themes"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(THEMES_DIR), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def render(name: str, **values: object) -> str:
    """Template ``name`` (a path under ``themes/``) filled with ``values``, as plain ``str``
    (wrap it in :class:`Markup` to pass it into another template)."""
    return _environment().get_template(name).render(**values).strip()


def plain_text(text: str) -> str:
    """``text`` escaped for a place that MkDocs' theme writes as HTML (navigation titles)."""
    return str(escape(text))
