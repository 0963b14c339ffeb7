"""Test helper: a PDF's pages -> the share of each page's content area that is used.

The measure of issue 16: pages rendered at 25 dpi (PDFium, ``tests/pdfpages.py``: no poppler
needed), the content area (page minus
the print margins) cut into 10 mm cells; a cell counts as used when one of its pixels is
darker than light grey (luminance under 200: text, dark images, rules; not a pale tint). On
the example before the issue's work it read median 44 %, p. 7 24 %, p. 15 19 %, p. 16 28 %
(the issue's own figures). It reads the PDF as a reader sees it, independent of the layout
engine.

``images=True`` also counts the cells an image is printed on: a pencil sketch scanned on
cream paper or a plan's thin lines hardly reach that darkness at 25 dpi, yet the board they
fill is not empty. The images' places are read in the PDF's content streams.
"""

from __future__ import annotations

import io
from pathlib import Path

from pdfpages import page_images
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

DPI = 25
CELL_MM = 10
MARGINS_MM = (16, 20, 18, 20)      # top, right, bottom, left (themes/print/print.css @page)
INK = 200                          # a pixel whose luminance is under this is ink


MM = 72 / 25.4


def placed_images(reader: PdfReader, page, pixels: bool = False) -> list[tuple]:
    """``(x, y, width, height, pixel ratio)`` in mm of each image drawn on ``page`` (``y`` from
    the page's foot, as PDF coordinates go), and its width in pixels when ``pixels``.

    Follows the content stream: ``cm`` changes the current matrix, ``q``/``Q`` save and
    restore it, ``Do`` draws an image in the unit square of the current matrix.
    """
    xobjects = page["/Resources"].get("/XObject") or {}
    matrix, stack, found = [1, 0, 0, 1, 0, 0], [], []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(matrix)
        elif operator == b"Q":
            matrix = stack.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            m = matrix
            matrix = [a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2],
                      c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4],
                      e * m[1] + f * m[3] + m[5]]
        elif operator == b"Do":
            image = xobjects[operands[0]].get_object()
            if image.get("/Subtype") != "/Image":
                continue
            width, height = abs(matrix[0]) / MM, abs(matrix[3]) / MM
            x, y = min(matrix[4], matrix[4] + matrix[0]), min(matrix[5], matrix[5] + matrix[3])
            found.append((x / MM, y / MM, width, height, image["/Width"] / image["/Height"])
                         + ((image["/Width"],) if pixels else ()))
    return found


def page_fill(image: Image.Image, dpi: int = DPI,
              images: list[tuple[float, float, float, float]] = ()) -> float:
    """Share (0-1) of the 10 mm cells of the content area holding ink (or, when given, an
    image: ``(x, y, width, height)`` in mm from the page's top left corner)."""
    px = dpi / 25.4
    top, right, bottom, left = (m * px for m in MARGINS_MM)
    width, height = image.size
    mask = image.convert("L").point(lambda v: 255 if v < INK else 0)
    inner_w, inner_h = width - left - right, height - top - bottom
    cols, rows = round(inner_w / (CELL_MM * px)), round(inner_h / (CELL_MM * px))
    inked = 0
    for row in range(rows):
        for col in range(cols):
            box = (round(left + col * inner_w / cols), round(top + row * inner_h / rows),
                   round(left + (col + 1) * inner_w / cols),
                   round(top + (row + 1) * inner_h / rows))
            if mask.crop(box).getbbox() is not None or any(
                    x * px < box[2] and (x + w) * px > box[0] and y * px < box[3]
                    and (y + h) * px > box[1] for x, y, w, h in images):
                inked += 1
    return inked / (rows * cols)


def pdf_fills(pdf: Path | bytes, images: bool = False) -> list[float]:
    """The share used of each page; ``images``: image areas count as used."""
    rendered = page_images(pdf, DPI)
    if not images:
        return [page_fill(image) for image in rendered]
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    fills = []
    for image, page in zip(rendered, reader.pages, strict=True):
        height = float(page.mediabox.height) / MM
        areas = [(x, height - y - h, w, h) for x, y, w, h, _ in placed_images(reader, page)]
        fills.append(page_fill(image, images=areas))
    return fills
