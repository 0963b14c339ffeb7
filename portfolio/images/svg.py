"""An SVG file -> sanitised SVG bytes (no script, event handler, external reference) + its size.

A drawing exported from Inkscape or Illustrator is kept as vector: the web shows it as is and
WeasyPrint draws it in the PDF. The sanitiser is an allowlist: only the elements and attributes
of a static drawing are kept (shapes, text, gradients, patterns, masks, filters, ``<use>``),
so that the drawing stays safe even if the site ever shows it inline rather than through
``<img>``. What could run code or fetch something is removed and said in French (scripts,
handlers, ``<foreignObject>``, animations such as ``<set attributeName="href">``, links out,
CSS references, escapes included: ``\\75 rl(`` is ``url(``, ``java<TAB>script:`` is
``javascript:``); what the editor wrote about the file and its author (``<metadata>`` RDF,
``<title>``, ``<desc>``, Inkscape and Sodipodi attributes such as
``inkscape:export-filename="/home/..."``, ``data-*`` and ``aria-*``) is removed silently, like
a photo's EXIF. A
file that is not well-formed SVG, declares entities (``<!DOCTYPE``/``<!ENTITY``), or would draw
too many elements once its ``<use>`` copies are expanded (rules/limites.yml) is refused.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..util.errors import AssetError
from ..util.limits import bound
from .decode import fail

__all__ = ["sanitize_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Attributes kept: SVG's own (no namespace), xlink:href and xml:space / xml:lang.
KEPT_NAMESPACES = {"", XLINK_NS, XML_NS}
# The elements of a static drawing (lower case), kept; any other is removed with its content,
# and named when it could run code, embed HTML, animate or load another document.
ALLOWED_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "a", "view", "style", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image",
    "text", "tspan", "textpath", "clippath", "mask", "pattern", "marker",
    "lineargradient", "radialgradient", "stop", "filter", "feblend", "fecolormatrix",
    "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
    "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb",
    "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode",
    "femorphology", "feoffset", "fepointlight", "fespecularlighting", "fespotlight", "fetile",
    "feturbulence",
}
_SILENT = {"metadata", "title", "desc", "namedview"}     # the editor's, removed unsaid
# The attributes of a static drawing (lower case, without namespace; xlink:href, xml:space and
# xml:lang are kept too): geometry, references inside the file, presentation.
ALLOWED_ATTRIBUTES = set("""
id class style transform viewbox preserveaspectratio width height x y x1 y1 x2 y2 cx cy r rx ry
d points pathlength fx fy fr offset gradientunits gradienttransform spreadmethod patternunits
patterncontentunits patterntransform clippathunits maskunits maskcontentunits markerunits
markerwidth markerheight refx refy orient version baseprofile dx dy rotate textlength
lengthadjust startoffset method spacing side href space lang filterunits primitiveunits in in2
result stddeviation mode operator k1 k2 k3 k4 values type tablevalues slope intercept amplitude
exponent kernelmatrix order divisor bias targetx targety edgemode kernelunitlength
preservealpha surfacescale diffuseconstant specularconstant specularexponent
limitingconeangle azimuth elevation pointsatx pointsaty pointsatz z scale xchannelselector
ychannelselector radius numoctaves seed stitchtiles basefrequency flood-color flood-opacity
lighting-color stop-color stop-opacity fill fill-opacity fill-rule stroke stroke-width
stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray
stroke-dashoffset opacity clip-path clip-rule mask filter marker-start marker-mid marker-end
marker color display visibility font font-family font-size font-size-adjust font-stretch
font-style font-variant font-weight text-anchor dominant-baseline alignment-baseline
baseline-shift letter-spacing word-spacing text-decoration writing-mode direction
unicode-bidi color-interpolation color-interpolation-filters color-rendering shape-rendering
text-rendering image-rendering paint-order vector-effect overflow clip enable-background
mix-blend-mode isolation transform-origin xmlns
""".split())
_SCRIPT_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler",
                    "listener", "animate", "set", "animatemotion", "animatetransform",
                    "animatecolor", "discard"}
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_UNITS = {"px": 1.0, "": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
          "in": 96.0}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)


def _css_plain(text: str) -> str:
    """CSS as the browser reads it: comments out, escapes decoded (``\\75 rl(`` -> ``url(``)."""

    def decode(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF \
                else "\ufffd"
        return match.group(2)

    return _CSS_ESCAPE.sub(decode, _CSS_COMMENT.sub("", text))


def _external_css(text: str) -> bool:
    plain = _css_plain(text).lower()
    if any(word in plain for word in ("@import", "expression(", "image-set(", "image(",
                                      "src(", "@font-face", "\\")):
        return True
    return any(not ref.startswith("#") for ref in _URL.findall(plain) if ref)


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


# A filter (blur, drop shadow...) draws its element off screen, then works on every pixel:
# 99,000 blurred circles take a minute and 600 MB to draw. Elements drawn through a filter
# are counted, ``<use>`` copies included (rules/limites.yml, svg_filtres).
_FILTER_CSS = re.compile(r"(?<!\w)filter\s*:\s*(?!none\b)", re.I)


def _filtered(el: ET.Element, all_filtered: bool) -> bool:
    """Whether ``el`` is drawn through a filter: its ``filter`` attribute or style says so, or
    the drawing's style sheet sets filters (then every drawn element is counted)."""
    if all_filtered and _local(el.tag) in _DRAWN:
        return True
    value = el.get("filter", "").strip().lower()
    return bool(value and value != "none") or bool(
        _FILTER_CSS.search(_css_plain(el.get("style", ""))))


_DRAWN = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image", "text",
          "use", "g"}


def _check_drawn(root: ET.Element, path: Path) -> None:
    """Refuse a drawing whose ``<use>`` copies, expanded, draw too many elements or nest too
    deep (a 2 KB file of 8 levels of 10 copies draws 10^8 elements), or refer to themselves,
    or that draws too many elements through a filter."""
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    most, deepest, filters = bound("svg_elements"), bound("svg_use"), bound("svg_filtres")
    all_filtered = any(_local(el.tag) == "style" and _FILTER_CSS.search(
        _css_plain(el.text or "")) for el in root.iter() if isinstance(el.tag, str))

    def target(el: ET.Element) -> ET.Element | None:
        if _local(el.tag) != "use":
            return None
        href = el.get("href") or el.get(f"{{{XLINK_NS}}}href") or ""
        return by_id.get(href[1:]) if href.startswith("#") else None

    # element -> (elements drawn, <use> depth, elements drawn through a filter)
    drawn: dict[int, tuple[int, int, int]] = {}
    started: set[int] = set()
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:                                 # depth first, without recursion
        el, finished = stack.pop()
        key, ref = id(el), target(el)
        if finished:
            count, depth = 1, 0
            filtered = int(isinstance(el.tag, str) and _filtered(el, all_filtered))
            for child in (*el, *([ref] if ref is not None else [])):
                child_count, child_depth, child_filtered = drawn[id(child)]
                count += child_count
                filtered += child_filtered
                depth = max(depth, child_depth + (child is ref))
            # 10^12: nothing is drawn anyway
            drawn[key] = (min(count, 10**12), depth, min(filtered, 10**12))
            continue
        if key in drawn:
            continue
        if key in started:                       # on the current path: a <use> loop
            raise fail(path, "dessin SVG refusé : une copie « <use> » se contient elle-même.",
                       "Exportez-le en « SVG simple » ou en PNG.")
        started.add(key)
        stack.append((el, True))
        stack.extend((child, False) for child in (*el, *([ref] if ref is not None else [])))
    count, depth, filtered = drawn[id(root)]
    if depth > deepest.max:
        raise deepest.error(depth, path, kind=AssetError)
    if count > most.max:
        raise most.error(count, path, kind=AssetError)
    if filtered > filters.max:
        raise filters.error(filtered, path, kind=AssetError)


def _length(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*", value or "", re.I)
    if not match or match.group(2).lower() not in _UNITS:
        return None
    try:
        length = float(match.group(1)) * _UNITS[match.group(2).lower()]
    except ValueError:
        return None
    return length if math.isfinite(length) and length < 1e7 else None


def _size(root: ET.Element) -> tuple[int, int]:
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0.0
        if not (math.isfinite(box_w) and math.isfinite(box_h) and box_w < 1e7 and box_h < 1e7):
            box_w = box_h = 0.0
        if box_w > 0 and box_h > 0:
            if width and not height:
                height = width * box_h / box_w
            elif height and not width:
                width = height * box_w / box_h
            elif not width:
                width, height = box_w, box_h
    if not width or not height:
        width, height = 800.0, 600.0
    return max(1, round(width)), max(1, round(height))


def sanitize_svg(path: Path) -> tuple[bytes, int, int, list[str]]:
    """Clean SVG bytes, its width and height in CSS px, and what was removed (French)."""
    bound("svg").check(path.stat().st_size, path, kind=AssetError)
    data = path.read_bytes()
    if not data.strip():
        raise fail(path, "dessin SVG vide (0 octet).", "Exportez-le de nouveau.")
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise fail(path, "dessin SVG refusé : il déclare un DOCTYPE ou des entités XML.",
                   "Exportez-le en « SVG simple » (Inkscape : Enregistrer une copie > SVG "
                   "simple).")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise fail(path, f"dessin SVG illisible (XML mal formé, ligne {exc.position[0]}).",
                   "Exportez-le de nouveau depuis votre logiciel de dessin.") from None
    if _local(root.tag) != "svg":
        raise fail(path, "ce fichier .svg ne contient pas de dessin SVG.",
                   "Exportez-le de nouveau depuis votre logiciel de dessin.")
    _check_drawn(root, path)
    removed: dict[str, int] = {}

    def note(what: str) -> None:
        removed[what] = removed.get(what, 0) + 1

    def clean(element: ET.Element) -> None:
        for child in list(element):
            if not isinstance(child.tag, str):      # comments, processing instructions
                element.remove(child)
                continue
            name = _local(child.tag)
            if name not in ALLOWED_ELEMENTS or _namespace(child.tag) not in (SVG_NS, ""):
                element.remove(child)           # editor's notes, RDF, sodipodi:namedview...
                if name in _SCRIPT_ELEMENTS or (name not in _SILENT and _namespace(
                        child.tag) in (SVG_NS, "", "http://www.w3.org/1999/xhtml")):
                    note("élément <foreignObject>" if name == "foreignobject"
                         else f"élément <{name}>")
                continue
            if name == "style" and _external_css(child.text or ""):
                element.remove(child)
                note("feuille de style avec référence externe")
                continue
            clean(child)
        for attr in list(element.attrib):
            name, value = _local(attr), element.attrib[attr]
            if name.startswith("on"):
                del element.attrib[attr]
                note(f"attribut {name}=")
            elif _namespace(attr) not in KEPT_NAMESPACES or name not in ALLOWED_ATTRIBUTES:
                del element.attrib[attr]          # inkscape:, data-*, aria-*: the editor's
            elif name == "href" and not _BLANKS.sub("", value).startswith("#"):
                del element.attrib[attr]
                note("référence externe (href)")
            elif _external_css(value) or "script:" in _BLANKS.sub("", _css_plain(value)).lower():
                del element.attrib[attr]
                note(f"attribut {name}= avec référence externe")

    wrapper = ET.Element("wrapper")
    wrapper.append(root)
    try:
        clean(wrapper)
    except RecursionError:
        raise fail(path, "dessin SVG trop imbriqué (groupes les uns dans les autres), refusé.",
                   "Exportez-le en « SVG simple » ou en PNG.") from None
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    out = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    width, height = _size(root)
    notes = [f"{what}" + (f" (x{count})" if count > 1 else "") for what, count in removed.items()]
    return out, width, height, notes
