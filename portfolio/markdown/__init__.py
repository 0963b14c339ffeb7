"""A section's Markdown -> safe HTML with every file reference resolved inside the dossier.

One Markdown configuration (:data:`EXTENSIONS`) serves the site and the PDF. The HTML is
sanitised with nh3 *after* Markdown (Python-Markdown passes raw HTML through), and every
``src``/``href`` is resolved by :func:`portfolio.dossier.paths.resolve_ref` (confined to the
dossier's folder) and handed to the caller's ``link`` callback, which says what URL to write.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3

from ..dossier.model import Section
from ..dossier.paths import is_external, resolve_ref
from ..util.errors import AssetError, DossierError, Problem, ProblemsError, SecurityError
from ..util.limits import TimeBudget, bound, time_limit
from .bounds import check_markdown
from .figures import PRINT_WIDTH, media_kind, media_label, unsupported_format
from .safe import StudentIds, student_id, toc_from_html

__all__ = ["EXTENSIONS", "EXTENSION_CONFIGS", "Link", "RenderedSection", "dossier_budget",
           "fill_figure_refs", "render_section"]

EXTENSIONS = ["extra", "admonition", "sane_lists", "toc", "portfolio.markdown.figures"]
EXTENSION_CONFIGS: dict[str, dict] = {"toc": {"toc_depth": "2-3"}}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "video", "audio", "source", "track", "model-viewer",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "figure": {"id"},
    "video": {"controls", "preload", "poster", "playsinline", "aria-label"},
    "audio": {"controls", "preload", "src", "aria-label"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label"},
    "model-viewer": {"src", "poster", "alt", "camera-controls", "loading", "reveal",
                     "touch-action", "shadow-intensity"},
}
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "info", "tip", "warning", "danger", "abstract", "example",
            "quote", "success", "question", "failure", "bug", "footnote", "planche",
            "pleine-page", "deux-colonnes", "planche-c1", "planche-c2", "planche-c3",
            "planche-c4", "planche-r1", "planche-r2", "planche-r3"},
    "span": {"fig-num"},
    "figure": {"media", "media-video", "media-audio", "media-3d", "media-print"},
    "p": {"admonition-title", "planche-title", "media-url", "media-noposter"},
    "sup": {"footnote-ref"},
    "a": {"footnote-ref", "footnote-backref"},
}

# Attributes that point at a file, and what kind of file.
REFERENCES = {
    ("img", "src"): "image", ("video", "poster"): "image", ("model-viewer", "poster"): "image",
    ("source", "src"): "media", ("audio", "src"): "media", ("model-viewer", "src"): "media",
    ("track", "src"): "media",
    ("a", "href"): "link",
}

# What the caller gets for each reference, and returns: the URL to write (None drops it).
#   kind: "image" | "media" | "section" | "file" | "external"
Link = Callable[[str, Path | Section | None, str], str | None]


_LINK_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")   # "#fnref:1" has none

@dataclass
class RenderedSection:
    section: Section
    html: str
    toc_tokens: list[dict] = field(default_factory=list)
    figures: list[tuple[str, int, str]] = field(default_factory=list)   # (id, number, caption)
    images: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    stand_ins: list[DossierError] = field(default_factory=list)   # images shown as a frame


def _line_of(section: Section, needle: str) -> int | None:
    """The line of ``needle`` in the section: written whole (``etape-cire`` is not the start
    of ``etape-cire.jpg``), else anywhere, else the body's first line."""
    whole = re.search(r"(?<![\w./-])" + re.escape(needle) + r"(?![\w.-])", section.body)
    index = whole.start() if whole else section.body.find(needle)
    if index < 0:
        return section.body_line
    return section.body_line + section.body[:index].count("\n")


def dossier_budget() -> TimeBudget:
    """The Markdown conversion time of one dossier's sections, in one pass: the site's and
    the print's each have their own (rules/limites.yml, ``markdown_secondes_dossier``)."""
    return TimeBudget(bound("markdown_secondes_dossier"))


def render_section(section: Section, sections: dict[Path, Section], root: Path, link: Link,
                   blocks: dict[str, Callable[[str, int, Section], str]] | None = None,
                   id_prefix: str = "", figure_start: int = 0, target: str = "web",
                   budget: TimeBudget | None = None, stand_in: Path | None = None
                   ) -> RenderedSection:
    """Convert ``section`` to sanitised HTML.

    ``sections`` maps each section file of the dossier to its Section (links between sections),
    ``blocks`` maps a fenced-block language (``couts``) to ``(text, line, section) -> HTML``
    whose trusted output replaces the block, ``id_prefix`` makes ids unique in the print document,
    ``figure_start`` is the number of figures in the sections before this one, ``target`` is
    ``"web"`` or ``"print"`` (media become players or poster + link), ``budget`` the
    conversion time left to the dossier (:func:`dossier_budget`), shared by its sections.
    With ``stand_in`` (an image file), an image that cannot be found or read is shown as that
    image and its error kept in ``stand_ins`` rather than raised (the print counts its pages
    all the same: :mod:`portfolio.pdf.output.stand_in`); an error of another kind raises them all.
    """
    blocks = blocks or {}
    errors: list[DossierError] = []      # every problem of the section, reported together
    body, placeholders = _extract_blocks(section, blocks, errors)
    configs = {**EXTENSION_CONFIGS,
               "portfolio.markdown.figures": {"start": figure_start, "target": target,
                                              "base": str(section.path.parent)}}
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs,
                           output_format="html")
    check_markdown(section)
    try:
        each = bound("markdown_secondes")
        with (budget.spend(each, section.path, section.body_line) if budget else
              time_limit(each, section.path, section.body_line)):
            raw_html = md.convert(body)
    except RecursionError:
        raise DossierError("texte trop imbriqué (listes ou citations) pour être converti.",
                           section.path, section.body_line,
                           hint="Réduisez l'imbrication des listes.") from None
    result = RenderedSection(section, "", [])
    ids = StudentIds()     # every id and #fragment of the section: never one of the theme's
    base_dir = section.path.parent

    def rewrite(tag: str, attr: str, value: str) -> str | None:
        if attr == "id":       # never one of the theme's ids (DOM clobbering): see safe.py
            return id_prefix + ids(value)
        kind = REFERENCES.get((tag, attr))
        if kind is None:
            return value
        try:
            return _rewrite_ref(kind, value)
        except DossierError as exc:
            errors.append(exc)
            return None
        except Exception as exc:     # nh3 would swallow it and keep the attribute: refuse
            errors.append(DossierError(
                f"lien ou média « {value[:60]} » illisible (erreur interne : "
                f"{type(exc).__name__}) : le dossier est refusé.", section.path,
                _line_of(section, value), hint="Vérifiez ce fichier (exportez-le de nouveau) "
                "ou retirez-le du texte, puis relancez."))
            return None

    def _rewrite_ref(kind: str, value: str) -> str | None:
        if kind == "link":
            # Browsers ignore control characters and spaces around a URL: so do we, and a
            # link to a scheme we do not publish (javascript:, vbscript:...) is dropped.
            plain = "".join(ch for ch in value if ord(ch) > 32 and ord(ch) != 127)
            found = _LINK_SCHEME.match(plain)
            scheme = found.group(1).lower() if found else ""
            if scheme and scheme not in {"http", "https", "mailto", "file", "data"}:
                result.warnings.append(Problem(
                    f"lien « {plain[:60]} » retiré : le site ne publie que les adresses web "
                    "(https://…), les courriels (mailto:…) et les fichiers du dossier.",
                    section.path, _line_of(section, value),
                    "Écrivez plutôt l'adresse en clair dans le texte."))
                return None
        if kind == "link" and value.startswith("#"):
            return "#" + id_prefix + ids(value[1:])
        if kind == "link" and is_external(value):
            return link("external", None, value)
        path_part, _, fragment = value.partition("#")
        if kind == "image":      # a board's or full-page image: its print width, as fragment
            value, marked, share = value.partition(PRINT_WIDTH)
            fragment = f"{PRINT_WIDTH[1:]}{share}" if marked else ""
        line = _line_of(section, value)
        wrong = unsupported_format(path_part)    # a .MOV, .STL...: never called an image
        if wrong is not None:
            raise AssetError(f"{wrong}.", section.path, line, hint="Puis écrivez le nom du "
                             "nouveau fichier dans votre texte.")
        what = media_label(path_part) or {"image": "image", "media": "média"}.get(
            kind, "fichier lié")
        try:
            target = resolve_ref(value if kind == "image" else path_part, base_dir, root,
                                 source=section.path, line=line, what=what)
        except AssetError as exc:
            return _stand_in(kind, exc, fragment)
        if kind == "link" and target in sections:
            return link("section", sections[target], fragment and student_id(fragment))
        if kind == "link" and media_kind(target.name):
            kind = "media"
        try:
            url = link(kind if kind != "link" else "file", target, fragment)
        except DossierError as exc:
            return _stand_in(kind, AssetError(f"{what} « {value} » : {exc.problem.message}",
                                              section.path, line, exc.problem.hint), fragment)
        if kind == "image":
            result.images.append(target)
        return url

    def _stand_in(kind: str, exc: AssetError, fragment: str) -> str | None:
        """The stand-in's URL for an image that cannot be printed (its error kept), or raise."""
        if kind != "image" or stand_in is None or isinstance(exc, SecurityError):
            raise exc
        result.stand_ins.append(exc)
        return link("image", stand_in, fragment)

    # Every scheme written (file:, data:, C:\\...) reaches the filter so that the student is
    # told (resolve_ref refuses); nh3 would drop the others silently. Script URLs are dropped
    # and reported as active HTML below.
    schemes = {m.lower() for m in _SCHEME.findall(raw_html)} - SCRIPT_SCHEMES
    clean = nh3.clean(
        raw_html, tags=ALLOWED_TAGS, clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES, attribute_filter=rewrite,
        url_schemes=schemes | {"http", "https", "mailto", "file", "data"},
        allowed_classes=ALLOWED_CLASSES)
    if errors:
        raise ProblemsError.of([*errors, *result.stand_ins])
    # Figure ids as written in the HTML, for ``[](#fig-x)`` references.
    result.figures = [(ids(fid), number, caption)
                      for fid, number, caption in getattr(md, "portfolio_figures", [])]
    bound("markdown_imbrication").check(_nesting(clean), section.path, _deepest_line(section))
    result.toc_tokens = toc_from_html(clean)     # the student's headings (not the blocks')
    clean = _put_back(clean, placeholders)
    active = _ACTIVE_HTML.search(section.body)
    if active:
        result.warnings.append(Problem(
            f"code HTML actif « {active.group(0).strip()[:30]} » retiré : il n'est pas publié.",
            section.path, _line_of(section, active.group(0)), hint="Retirez-le de votre texte."))
    result.html = clean
    return result


_EMPTY_LINK = re.compile(r'(<a href="[^"]*#([^"]+)"[^>]*>)(</a>)')


def fill_figure_refs(html: str, numbers: dict[str, int]) -> str:
    """Give empty links to a figure (``[](#fig-bague)``) the figure's number as their text."""

    def fill(match: re.Match) -> str:
        fragment = match.group(2).rpartition("--")[2]    # print ids carry a section prefix
        if fragment not in numbers:
            return match.group(0)
        return match.group(1) + f"fig. {numbers[fragment]}" + match.group(3)

    return _EMPTY_LINK.sub(fill, html)


_ACTIVE_HTML = re.compile(r"<\s*(script|iframe|object|embed|style|link|meta|base|form)\b"
                          r"|\s(on\w+)\s*=|<[a-zA-Z][^>]*?\sstyle\s*=|(java|vb)script:", re.I)
SCRIPT_SCHEMES = {"javascript", "vbscript"}
_SCHEME = re.compile(r"(?<![\w+.-])([A-Za-z][A-Za-z0-9+.-]*):")
# Elements inside one another in a section's HTML are bounded (rules/limites.yml,
# markdown_imbrication): beyond, WeasyPrint's layout gets very slow (about 60 nested lists
# take half a minute) and then fails with a RecursionError.
_VOID = {"br", "hr", "img", "col", "source", "track", "wbr", "input"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")


def _nesting(html: str) -> int:
    """Deepest nesting of elements in ``html`` (well-formed: it comes out of nh3)."""
    depth = deepest = 0
    for closing, name, selfclosing in _TAG.findall(html):
        if name.lower() in _VOID or selfclosing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def _deepest_line(section: Section) -> int:
    """Line of the most indented or most quoted line of the section (where nesting peaks)."""
    lines = section.body.split("\n")
    def level(text: str) -> int:
        stripped = text.lstrip(" \t>")
        prefix = text[: len(text) - len(stripped)]
        return prefix.count(">") * 4 + len(prefix.expandtabs(4)) if stripped else -1
    index = max(range(len(lines)), key=lambda i: level(lines[i]), default=0)
    return section.body_line + index


# A fenced block whose language is one of ours (```couts): cut out before Markdown, with its
# line, and its HTML (made by a template with autoescape, an SVG chart in it) put back after
# the sanitiser, which must not see it; superfences' custom_fences would hand it to nh3.
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w-]+)[ \t]*\n"
                    r"(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


def _extract_blocks(section: Section, blocks: dict[str, Callable[[str, int, Section], str]],
                    errors: list[DossierError]) -> tuple[str, dict[str, str]]:
    placeholders: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        lang = match.group("lang").lower()
        if lang not in blocks:
            return match.group(0)
        line = section.body_line + section.body[: match.start()].count("\n")
        # Random per render: a student cannot type it to have the trusted HTML put elsewhere.
        token = f"PORTFOLIOBLOCK{secrets.token_hex(12)}X{len(placeholders)}"
        try:
            placeholders[token] = blocks[lang](match.group("body"), line, section)
        except DossierError as exc:     # reported with the section's other problems
            errors.append(exc)
            placeholders[token] = ""
        return f"\n{token}\n"

    return _FENCE.sub(replace, section.body), placeholders


def _put_back(html: str, placeholders: dict[str, str]) -> str:
    """Each block's trusted HTML where its token is the whole content of an element (its own
    paragraph, or a list item); a token met anywhere else is dropped, never replaced."""
    for token, trusted in placeholders.items():
        html = html.replace(f"<p>{token}</p>", trusted, 1)
        html = re.sub(rf"(>\s*){token}(\s*<)",
                      lambda m, trusted=trusted: m[1] + trusted + m[2], html, count=1)
        html = html.replace(token, "")
    return html

