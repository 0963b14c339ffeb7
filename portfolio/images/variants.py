"""A decoded image -> its encoded variants: which widths, which format, which encoder settings.

Measured on this machine (12 MP photo, see ``bench/images.py``): WebP ``method=2`` encodes a
2400 px photo in about 0.16 s against 0.36 s for ``method=4`` (Pillow's default) for files
within a few percent of the same size; lossless WebP ``method=2`` makes line art about 2.5x
smaller than PNG for a similar time. Variants are made from the largest to the smallest, each
resized from the previous one (by libvips, :mod:`.resample`: a third of Pillow's time), so a
photo is decoded once and resampled from full size once.

Line art (lossless variants) means a nearly flat picture: a diagram, a drawing exported from a
program, a scan cleaned to a few tones. A pencil scan has few colours (256 at most when it is
grey) but its paper grain makes every pixel differ from its neighbour: it compresses like a
photo, so it is printed as a JPEG, which WeasyPrint copies as it is (a PNG it decodes and
compresses again, about 0.8 s a scan). Measured on a bench dossier with 5 scans of 300 dpi:
``write_pdf`` 5.6 s -> 1.1 s, PDF 34 MB -> 18 MB. Grey pictures are encoded with one channel.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageChops

from .resample import ENGINE, Resampler

__all__ = ["ENCODER", "KIND_RULES", "PRINT_DPI", "WEB_WIDTHS", "Spec", "encode_all",
           "image_kind", "is_grey", "print_width", "web_widths"]

WEB_WIDTHS = (480, 960, 1600, 2400)
SRC_WIDTH = 1600          # the <img src> of the site (srcset carries the others)
THUMB_WIDTH = 960         # cards of the home page
PRINT_DPI = 300
WEBP_PHOTO = {"quality": 80, "method": 2}
WEBP_LINE_ART = {"lossless": True, "quality": 50, "method": 2}
JPEG_PRINT = {"quality": 90, "optimize": True}
PNG_PRINT = {"compress_level": 6}
#: Line art: at most ``PALETTE_COLOURS`` colours in all (posterised or dithered drawings), or
#: the ``FLAT_COLOURS`` most frequent colours cover ``FLAT_COVER`` of the pixels...
PALETTE_COLOURS = 32
FLAT_COLOURS = 16
FLAT_COVER = 0.90
#: ... and at least ``FLAT_SAME`` of the pixels equal their right-hand neighbour (no grain).
FLAT_SAME = 0.5
SAMPLE_PIXELS = 512 * 512
#: Version of the rules of :func:`image_kind`; the cache re-examines a source when it changes.
KIND_RULES = "2-flat"
#: Every setting that shapes an encoded file; part of each cache key.
ENCODER = repr((WEBP_PHOTO, WEBP_LINE_ART, JPEG_PRINT, PNG_PRINT, "lanczos-chain", KIND_RULES,
                "grey-as-L", ENGINE))


@dataclass(frozen=True, order=True)
class Spec:
    """One output: ``purpose`` is "web", "print" or "svg"; ``width`` in px (0 for SVG)."""

    purpose: str
    width: int


def web_widths(width: int) -> list[int]:
    """Widths of the web variants of a ``width`` px image: never wider than the source."""
    widths = [w for w in WEB_WIDTHS if w < width] + [min(width, WEB_WIDTHS[-1])]
    return sorted(set(widths))


def print_width(width: int, placed_mm: float) -> int:
    """Pixels for ``placed_mm`` at 300 dpi, never more than the source has."""
    return max(1, min(width, round(placed_mm / 25.4 * PRINT_DPI)))


def _sample(img: Image.Image) -> Image.Image:
    """At most :data:`SAMPLE_PIXELS` pixels picked across the whole image (no blending)."""
    if img.width * img.height <= SAMPLE_PIXELS:
        return img
    ratio = (SAMPLE_PIXELS / (img.width * img.height)) ** 0.5
    return img.resize((max(1, int(img.width * ratio)), max(1, int(img.height * ratio))),
                      Image.Resampling.NEAREST)


def _rows(img: Image.Image) -> Image.Image:
    """Whole rows picked across the image: neighbours within a row stay neighbours."""
    rows = max(1, min(img.height, SAMPLE_PIXELS // max(img.width, 1)))
    if rows >= img.height:
        return img
    return img.resize((img.width, rows), Image.Resampling.NEAREST)


def _same_as_neighbour(img: Image.Image) -> float:
    """Share of the pixels whose colour equals the next pixel's on the row (0 to 1)."""
    rows = _rows(img)
    if rows.width < 2:
        return 1.0
    left = rows.crop((0, 0, rows.width - 1, rows.height))
    right = rows.crop((1, 0, rows.width, rows.height))
    bands = ImageChops.difference(left, right).split()
    differ = bands[0]
    for band in bands[1:]:
        differ = ImageChops.lighter(differ, band)
    return differ.histogram()[0] / (differ.width * differ.height)


def _flat(img: Image.Image) -> bool:
    """A palette of a few colours, or a few colours covering nearly every pixel with most
    neighbouring pixels identical.

    Anti-aliased diagrams pass (their in-between colours sit on edges only); a scan passes only
    if its paper is clean: grain spreads the paper over dozens of tones that differ from pixel
    to pixel, which lossless formats store at several times the size of a JPEG.
    """
    sample = _sample(img)
    pixels = sample.width * sample.height
    # More colours than this: the pixels outside the most frequent ones exceed 1 - FLAT_COVER.
    colours = sample.getcolors(FLAT_COLOURS + int((1 - FLAT_COVER) * pixels) + 1)
    if colours is None:
        return False
    if len(colours) <= PALETTE_COLOURS:
        return True
    counts = sorted((count for count, _ in colours), reverse=True)
    if sum(counts[:FLAT_COLOURS]) < FLAT_COVER * pixels:
        return False
    return _same_as_neighbour(img) >= FLAT_SAME


def is_grey(img: Image.Image) -> bool:
    """Whether an RGB image has equal channels everywhere (a grey scan decoded as RGB)."""
    if img.mode != "RGB":
        return False
    for picked in (_sample(img), img):       # the sample rules out colour photos quickly
        red, green, blue = picked.split()
        if (ImageChops.difference(red, green).getbbox() is not None
                or ImageChops.difference(green, blue).getbbox() is not None):
            return False
    return True


def image_kind(img: Image.Image, source_format: str | None) -> str:
    """"photo", "alpha" (transparent) or "line-art" (nearly flat picture in a lossless file)."""
    alpha = img.mode == "RGBA" and img.getchannel("A").getextrema()[0] < 255
    if source_format in ("PNG", "GIF", "TIFF", "WEBP") and _flat(img):
        return "line-art"
    return "alpha" if alpha else "photo"


def _encode(img: Image.Image, purpose: str, kind: str) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if purpose == "web":
        img.save(buffer, "WEBP", **(WEBP_LINE_ART if kind == "line-art" else WEBP_PHOTO))
        return buffer.getvalue(), ".webp"
    if kind == "photo":
        (img if img.mode in ("L", "RGB") else img.convert("RGB")).save(
            buffer, "JPEG", **JPEG_PRINT)
        return buffer.getvalue(), ".jpg"
    img.save(buffer, "PNG", **PNG_PRINT)
    return buffer.getvalue(), ".png"


def encode_all(img: Image.Image, specs: list[Spec], kind: str, source_width: int
               ) -> Iterator[tuple[Spec, bytes, str, int, int]]:
    """``(spec, data, suffix, width, height)`` for each spec, largest first.

    Heights keep the source's proportions (``source_width`` is the full-size width, ``img``
    may be a reduced decode that is at least as wide as the largest spec). A grey picture is
    resized and encoded with one channel (the web's WebP encoder takes it back to RGB).
    """
    ratio = img.height / img.width
    chain = Resampler(img.convert("L") if is_grey(img) else img)
    for spec in sorted(specs, key=lambda s: (-s.width, s.purpose)):
        width = min(spec.width, source_width)
        height = max(1, round(width * ratio))
        data, suffix = _encode(chain.resize((width, height)), spec.purpose, kind)
        yield spec, data, suffix, width, height
