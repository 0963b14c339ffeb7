"""An SVG file -> sanitised SVG bytes (no script, event handler, external reference) + its size.

A drawing exported from Inkscape or Illustrator is kept as vector: the web shows it as is and
WeasyPrint draws it in the PDF. What could run code or fetch something is removed (and said, in
French); a file that is not well-formed SVG, or declares entities (``<!DOCTYPE``/``<!ENTITY``),
is refused.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .decode import fail

__all__ = ["sanitize_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_BYTES = 20_000_000
# Elements removed with their content: they run code, embed HTML or load other documents.
FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_ANIMATE = {"animate", "set", "animatemotion", "animatetransform"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_UNITS = {"px": 1.0, "": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
          "in": 96.0}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _external_css(text: str) -> bool:
    if "@import" in text.lower() or "expression(" in text.lower():
        return True
    return any(not ref.startswith("#") for ref in _URL.findall(text) if ref)


def _length(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*", value or "", re.I)
    if not match or match.group(2).lower() not in _UNITS:
        return None
    try:
        return float(match.group(1)) * _UNITS[match.group(2).lower()]
    except ValueError:
        return None


def _size(root: ET.Element) -> tuple[int, int]:
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
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
    data = path.read_bytes()
    if not data.strip():
        raise fail(path, "dessin SVG vide (0 octet).", "Exportez-le de nouveau.")
    if len(data) > MAX_BYTES:
        raise fail(path, "dessin SVG trop lourd (plus de 20 Mo), refusé.",
                   "Simplifiez-le ou exportez-le en PNG.")
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
    removed: dict[str, int] = {}

    def note(what: str) -> None:
        removed[what] = removed.get(what, 0) + 1

    def clean(element: ET.Element) -> None:
        for child in list(element):
            if not isinstance(child.tag, str):      # comments, processing instructions
                element.remove(child)
                continue
            name = _local(child.tag)
            if name in FORBIDDEN:
                element.remove(child)
                note("élément <foreignObject>" if name == "foreignobject"
                     else f"élément <{name}>")
                continue
            if name in _ANIMATE and _local(child.get("attributeName", "")) in ("href", "src"):
                element.remove(child)
                note("animation de lien")
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
            elif name in ("href", "src") and not value.strip().startswith("#"):
                del element.attrib[attr]
                note("référence externe (href)")
            elif _external_css(value) or "javascript:" in value.lower():
                del element.attrib[attr]
                note(f"attribut {name}= avec référence externe")

    wrapper = ET.Element("wrapper")
    wrapper.append(root)
    clean(wrapper)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    out = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    width, height = _size(root)
    notes = [f"{what}" + (f" (x{count})" if count > 1 else "") for what, count in removed.items()]
    return out, width, height, notes
