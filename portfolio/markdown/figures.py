"""Markdown extension: captioned images -> numbered figures; ``!!! planche`` blocks -> boards.

- An image alone in its paragraph with a title becomes ``<figure>`` with "Fig. N" and its
  caption; ``{: #fig-bague }`` after the image names it for references (``[](#fig-bague)``).
- ``!!! planche "Titre"`` with 2 to 9 images lays them out as a board filling one printed page.
- ``!!! pleine-page "Légende"`` puts one image alone on a printed page; ``!!! deux-colonnes``
  sets text beside an image.
- A video, sound or 3D model written like an image (``![alt](../medias/x.mp4 "Légende")
  {: poster="../images/x.jpg" }``) becomes a player on the site and, in print, its poster
  image, its caption and a link to it (the pipeline adds the QR code). The alt text names the
  player (``aria-label``); a ``.vtt`` file beside a video (``x.vtt``) becomes its French
  subtitles (``<track>``).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import unquote

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

__all__ = ["BLOCKS", "FigureExtension", "makeExtension", "media_kind", "media_label",
           "unsupported_format"]

BLOCKS = ("planche", "pleine-page", "deux-colonnes")
MEDIA = {".mp4": ("video", "video/mp4"), ".webm": ("video", "video/webm"),
         ".mp3": ("audio", "audio/mpeg"), ".ogg": ("audio", "audio/ogg"),
         ".m4a": ("audio", "audio/mp4"), ".wav": ("audio", "audio/wav"),
         ".glb": ("3d", "model/gltf-binary")}
MEDIA_LABELS = {"video": "vidéo", "audio": "enregistrement sonore", "3d": "modèle 3D"}
# Formats a phone or a 3D program writes that browsers cannot play: what to convert them to.
UNSUPPORTED = {
    **dict.fromkeys((".mov", ".avi", ".mkv", ".m4v", ".wmv", ".3gp", ".mpg", ".mpeg", ".flv",
                     ".mts", ".m2ts", ".hevc"),
                    ("vidéo", "convertissez-la en MP4 (H.264) ou WebM")),
    **dict.fromkeys((".aac", ".flac", ".aif", ".aiff", ".amr", ".opus", ".wma", ".caf"),
                    ("enregistrement sonore", "convertissez-le en MP3")),
    **dict.fromkeys((".gltf", ".obj", ".stl", ".fbx", ".3dm", ".3ds", ".usdz", ".step", ".stp",
                     ".ply", ".blend", ".dae"),
                    ("modèle 3D", "exportez-le en GLB (glTF binaire)")),
}


def _suffix(src: str) -> str:
    name = src.split("#", 1)[0].split("?", 1)[0].rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def media_kind(src: str) -> tuple[str, str] | None:
    """``("video", "video/mp4")`` for a media file name, None for anything else."""
    return MEDIA.get(_suffix(src))


def media_label(src: str) -> str | None:
    """How a media file is named in a message (``vidéo``...), None for anything else."""
    kind = media_kind(src)
    if kind is not None:
        return MEDIA_LABELS[kind[0]]
    unsupported = UNSUPPORTED.get(_suffix(src))
    return unsupported[0] if unsupported else None


def unsupported_format(src: str) -> str | None:
    """``vidéo au format .MOV : convertissez-la en MP4 (H.264) ou WebM`` for a video, sound or
    3D file in a format the site cannot show; None for any other file."""
    found = UNSUPPORTED.get(_suffix(src))
    if found is None:
        return None
    label, advice = found
    written = src.split("#", 1)[0].split("?", 1)[0].rsplit(".", 1)[1]
    return f"{label} au format .{written} : {advice}"
# Board layout: number of images -> columns (rows follow).
PLANCHE_COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 9: 3}
# Share of the page's content width an image of a board may take in print (print.css
# ``.planche-cN figure``), 1 for a full-page image: its print copy is sized for that width.
PRINT_SHARE = {1: 0.969, 2: 0.469, 3: 0.303, 4: 0.219}
FULL_PAGE_SHARE = 1.0             # a full page's image (its box: pdf/draw/document.py)
PRINT_WIDTH = "#pf-largeur="      # appended to the src of those images, read by the renderer


def mark_print_width(element: etree.Element, share: float) -> None:
    for img in element.iter("img"):
        src = img.get("src") or ""
        if src and PRINT_WIDTH not in src:
            img.set("src", f"{src}{PRINT_WIDTH}{share:g}")


class FigureTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, start: int, target: str, base: Path | None = None) -> None:
        super().__init__(md)
        self.number = start
        self.target = target
        self.base = base          # the section's folder (subtitles beside a video)
        self.figures: list[tuple[str, int, str]] = []

    def run(self, root: etree.Element) -> None:
        self._wrap_figures(root)
        self._blocks(root)
        for figure in root.iter("figure"):     # number in reading order
            self._number(figure)
        self.md.portfolio_figures = self.figures

    @staticmethod
    def _figure(img: etree.Element) -> etree.Element:
        figure = etree.Element("figure")
        img.tail = None
        figure.append(img)
        return figure

    def _wrap_figures(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or len(child) != 1 or (child.text or "").strip():
                    continue
                img = child[0]
                if img.tag != "img" or (img.tail or "").strip():
                    continue
                if media_kind(img.get("src", "")):
                    figure = self._media(img)
                elif img.get("title"):
                    figure = self._figure(img)
                else:
                    continue
                figure.tail = child.tail
                parent.remove(child)
                parent.insert(index, figure)

    def _media(self, img: etree.Element) -> etree.Element:
        """A player (web) or poster + link (print) for a video, sound or 3D model."""
        kind, mime = media_kind(img.get("src", ""))
        src, poster, alt = img.get("src"), img.get("poster"), img.get("alt", "")
        figure = etree.Element("figure", {"class": f"media media-{kind}"})
        if img.get("id"):
            figure.set("id", img.get("id"))
        figure.set("data-pf-caption", img.get("title") or alt or MEDIA_LABELS[kind].capitalize())
        if self.target == "print":
            figure.set("class", f"media-print media-{kind}")
            if poster:
                etree.SubElement(figure, "img", {"src": poster, "alt": alt})
            else:
                box = etree.SubElement(figure, "p", {"class": "media-noposter"})
                box.text = MEDIA_LABELS[kind].capitalize()
            url = etree.SubElement(figure, "p", {"class": "media-url"})
            url.text = f"{MEDIA_LABELS[kind].capitalize()} à voir sur le site du dossier : "
            etree.SubElement(url, "a", {"href": src})
            return figure
        if kind == "video":
            attrs = {"controls": "", "preload": "none", "playsinline": ""}
            if poster:
                attrs["poster"] = poster
            if alt:
                attrs["aria-label"] = alt
            video = etree.SubElement(figure, "video", attrs)
            etree.SubElement(video, "source", {"src": src, "type": mime})
            subtitles = self._subtitles(src)
            if subtitles:
                etree.SubElement(video, "track", {"kind": "subtitles", "srclang": "fr",
                                                  "label": "Français", "src": subtitles})
            video[-1].tail = "Votre navigateur ne lit pas cette vidéo."
        elif kind == "audio":
            attrs = {"controls": "", "preload": "none", "src": src}
            if alt:
                attrs["aria-label"] = alt
            etree.SubElement(figure, "audio", attrs)
        else:
            attrs = {"src": src, "alt": alt or "Modèle 3D de la pièce", "camera-controls": "",
                     "loading": "lazy", "reveal": "auto", "touch-action": "pan-y",
                     "shadow-intensity": "1"}
            if poster:
                attrs["poster"] = poster
            etree.SubElement(figure, "model-viewer", attrs)
        return figure

    def _subtitles(self, src: str) -> str | None:
        """``../medias/x.vtt`` if that file is beside the video ``../medias/x.mp4`` (the
        sanitiser then checks it like any reference and publishes a clean copy)."""
        if self.base is None:
            return None
        path_part = src.split("#", 1)[0].split("?", 1)[0]
        stem, dot, _ = path_part.rpartition(".")
        if not dot:
            return None
        candidate = f"{stem}.vtt"
        try:
            found = (self.base / unquote(candidate)).is_file()
        except (OSError, ValueError):
            return None
        return candidate if found else None

    def _number(self, figure: etree.Element) -> None:
        img = figure.find("img")
        pending = figure.attrib.pop("data-pf-caption", None)
        if pending is None and (img is None or not img.get("title")
                                or figure.find("figcaption") is not None):
            return
        self.number += 1
        if pending is None:
            figure.set("id", img.attrib.pop("id", None) or f"fig-{self.number}")
            caption = img.attrib.pop("title")
        else:
            figure.set("id", figure.get("id") or f"fig-{self.number}")
            caption = pending
        figcaption = etree.Element("figcaption")
        # Media figures keep the caption before the print link.
        figure.insert(1 if pending is not None else len(figure), figcaption)
        num = etree.SubElement(figcaption, "span", {"class": "fig-num"})
        num.text = f"Fig. {self.number}"
        num.tail = f" — {caption}"
        self.figures.append((figure.get("id"), self.number, caption))

    def _blocks(self, root: etree.Element) -> None:
        for div in root.iter("div"):
            classes = (div.get("class") or "").split()
            kind = next((c for c in classes if c in BLOCKS), None)
            if "admonition" not in classes or kind is None:
                continue
            title = None
            if len(div) and div[0].tag == "p" and div[0].get("class") == "admonition-title":
                title = div[0]
                div.remove(title)
                if (title.text or "").strip().lower().replace(" ", "-") == kind:
                    title = None       # the default title Markdown makes from the type
            if kind == "planche":
                self._planche(div, title)
                continue
            if kind == "deux-colonnes":
                self._two_columns(div)
            if kind == "pleine-page":
                mark_print_width(div, FULL_PAGE_SHARE)
            div.set("class", kind)
            if title is not None:
                title.set("class", "planche-title")
                div.insert(0, title)

    @staticmethod
    def _two_columns(div: etree.Element) -> None:
        """The text on one side, the images on the other, in the order the author wrote them.

        Each side is one ``<div>`` (one column), however many paragraphs or images it holds.
        """
        def is_image(child: etree.Element) -> bool:
            return child.tag == "figure" or (
                child.tag == "p" and len(child) > 0 and not (child.text or "").strip()
                and all(c.tag == "img" and not (c.tail or "").strip() for c in child))

        sides: dict[bool, etree.Element] = {}
        for child in list(div):
            div.remove(child)
            side = sides.get(is_image(child))
            if side is None:
                side = sides[is_image(child)] = etree.SubElement(div, "div")
            side.append(child)

    def _planche(self, div: etree.Element, title: etree.Element | None) -> None:
        items: list[etree.Element] = []
        for child in list(div):
            if child.tag == "figure":
                items.append(child)
            else:
                items.extend(self._figure(img) for img in list(child.iter("img")))
            div.remove(child)
        count = max(len(items), 1)
        columns = PLANCHE_COLUMNS.get(count, 3)
        rows = math.ceil(count / columns)
        div.set("class", f"planche planche-c{columns} planche-r{min(rows, 3)}")
        for item in items:
            mark_print_width(item, PRINT_SHARE[columns])
        if title is not None:
            title.set("class", "planche-title")
            div.append(title)
        for item in items:
            div.append(item)


class FigureExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"start": [0, "Number of the figures before this text"],
                       "target": ["web", "web (site) or print (PDF)"],
                       "base": ["", "Folder of the section (media's subtitles are found there)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After inline patterns (20) and attr_list (8), so that ``{: #id }`` is applied.
        base = str(self.getConfig("base"))
        processor = FigureTreeprocessor(md, int(self.getConfig("start")),
                                        str(self.getConfig("target")), Path(base) if base else None)
        md.treeprocessors.register(processor, "portfolio_figures", 5)


def makeExtension(**kwargs) -> FigureExtension:  # noqa: N802 (Markdown's API)
    return FigureExtension(**kwargs)
