"""A section's Markdown -> safe HTML with every file reference resolved inside the dossier.

One Markdown configuration (:data:`EXTENSIONS`) serves the site and the PDF. The HTML is
sanitised with nh3 *after* Markdown (Python-Markdown passes raw HTML through), and every
``src``/``href`` is resolved by :func:`portfolio.paths.resolve_ref` (confined to the dossier's
folder) and handed to the caller's ``link`` callback, which says what URL to write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3

from ..errors import AssetError, DossierError, Problem
from ..model import Section
from ..paths import is_external, resolve_ref

__all__ = ["EXTENSIONS", "EXTENSION_CONFIGS", "Link", "RenderedSection", "render_section"]

EXTENSIONS = ["extra", "admonition", "sane_lists", "toc", "portfolio.markdown.figures"]
EXTENSION_CONFIGS: dict[str, dict] = {"toc": {"toc_depth": "2-3"}}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "info", "tip", "warning", "danger", "abstract", "example",
            "quote", "success", "question", "failure", "bug", "footnote"},
    "p": {"admonition-title"},
    "sup": {"footnote-ref"},
    "a": {"footnote-ref", "footnote-backref"},
}

# What the caller gets for each reference, and returns: the URL to write (None drops it).
#   kind: "image" | "section" | "file" | "external"
Link = Callable[[str, Path | Section | None, str], str | None]


@dataclass
class RenderedSection:
    section: Section
    html: str
    toc_tokens: list[dict] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _line_of(section: Section, needle: str) -> int | None:
    index = section.body.find(needle)
    if index < 0:
        return section.body_line
    return section.body_line + section.body[:index].count("\n")


def render_section(section: Section, sections: dict[Path, Section], root: Path, link: Link,
                   blocks: dict[str, Callable[[str, int, Section], str]] | None = None,
                   id_prefix: str = "") -> RenderedSection:
    """Convert ``section`` to sanitised HTML.

    ``sections`` maps each section file of the dossier to its Section (links between sections),
    ``blocks`` maps a fenced-block language (``couts``) to ``(text, line, section) -> HTML``
    whose trusted output replaces the block, ``id_prefix`` makes ids unique in the print document.
    """
    blocks = blocks or {}
    body, placeholders = _extract_blocks(section, blocks)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS,
                           output_format="html")
    try:
        raw_html = md.convert(body)
    except RecursionError:
        raise DossierError("texte trop imbriqué (listes ou citations) pour être converti.",
                           section.path, section.body_line,
                           hint="Réduisez l'imbrication des listes.") from None
    toc_tokens = getattr(md, "toc_tokens", [])
    result = RenderedSection(section, "", toc_tokens)
    errors: list[DossierError] = []
    base_dir = section.path.parent

    def rewrite(tag: str, attr: str, value: str) -> str | None:
        if attr == "id" and id_prefix:
            return id_prefix + value
        if (tag, attr) not in {("img", "src"), ("a", "href")}:
            return value
        try:
            return _rewrite_ref(tag, value)
        except DossierError as exc:
            errors.append(exc)
            return None

    def _rewrite_ref(tag: str, value: str) -> str | None:
        if tag == "a" and value.startswith("#"):
            return "#" + id_prefix + value[1:]
        if tag == "a" and is_external(value):
            return link("external", None, value)
        path_part, _, fragment = value.partition("#")
        line = _line_of(section, value)
        if tag == "img":
            target = resolve_ref(value, base_dir, root, source=section.path, line=line,
                                 what="image")
            result.images.append(target)
            try:
                return link("image", target, "")
            except DossierError as exc:
                raise AssetError(f"image « {value} » : {exc.problem.message}", section.path,
                                 line, exc.problem.hint) from None
        target = resolve_ref(path_part, base_dir, root, source=section.path, line=line,
                             what="fichier lié")
        if target in sections:
            return link("section", sections[target], fragment)
        return link("file", target, fragment)

    clean = nh3.clean(
        raw_html, tags=ALLOWED_TAGS, clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES, attribute_filter=rewrite,
        # file: and data: reach the filter so that the student is told (resolve_ref refuses).
        url_schemes={"http", "https", "mailto", "file", "data"},
        allowed_classes=ALLOWED_CLASSES)
    if errors:
        raise errors[0]
    for token, trusted in placeholders.items():
        clean = clean.replace(f"<p>{token}</p>", trusted).replace(token, trusted)
    active = _ACTIVE_HTML.search(section.body)
    if active:
        result.warnings.append(Problem(
            f"code HTML actif « {active.group(0).strip()[:30]} » retiré : il n'est pas publié.",
            section.path, _line_of(section, active.group(0)), hint="Retirez-le de votre texte."))
    result.html = clean
    return result


_ACTIVE_HTML = re.compile(r"<\s*(script|iframe|object|embed|style|link)\b|\son\w+\s*=|javascript:",
                          re.I)
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w-]+)[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.M | re.S)


def _extract_blocks(section: Section, blocks: dict[str, Callable[[str, int, Section], str]]
                    ) -> tuple[str, dict[str, str]]:
    placeholders: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        lang = match.group("lang").lower()
        if lang not in blocks:
            return match.group(0)
        line = section.body_line + section.body[: match.start()].count("\n")
        token = f"PORTFOLIOBLOCK{len(placeholders)}X"
        placeholders[token] = blocks[lang](match.group("body"), line, section)
        return f"\n{token}\n"

    return _FENCE.sub(replace, section.body), placeholders

