"""Markdown extension: an image alone in its paragraph with a title -> ``<figure>`` + caption."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

__all__ = ["FigureExtension", "makeExtension"]


class FigureTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or len(child) != 1 or (child.text or "").strip():
                    continue
                img = child[0]
                if img.tag != "img" or (img.tail or "").strip() or not img.get("title"):
                    continue
                figure = etree.Element("figure")
                caption = img.attrib.pop("title")
                img.tail = None
                figure.append(img)
                figcaption = etree.SubElement(figure, "figcaption")
                figcaption.text = caption
                figure.tail = child.tail
                parent.remove(child)
                parent.insert(index, figure)


class FigureExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After inline patterns (priority 20), before prettify (10).
        md.treeprocessors.register(FigureTreeprocessor(md), "portfolio_figures", 15)


def makeExtension(**kwargs) -> FigureExtension:  # noqa: N802 (Markdown's API)
    return FigureExtension(**kwargs)
