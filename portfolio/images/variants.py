"""A decoded image -> its encoded variants: which widths, which format, which encoder settings.

Measured on this machine (12 MP photo, see ``bench/images.py``): WebP ``method=2`` encodes a
2400 px photo in about 0.16 s against 0.36 s for ``method=4`` (Pillow's default) for files
within a few percent of the same size; lossless WebP ``method=2`` makes line art about 2.5x
smaller than PNG for a similar time. Variants are made from the largest to the smallest, each
resized from the previous one, so a photo is decoded once and resampled from full size once.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image

__all__ = ["ENCODER", "PRINT_DPI", "WEB_WIDTHS", "Spec", "encode_all", "image_kind",
           "print_width", "web_widths"]

WEB_WIDTHS = (480, 960, 1600, 2400)
SRC_WIDTH = 1600          # the <img src> of the site (srcset carries the others)
THUMB_WIDTH = 960         # cards of the home page
PRINT_DPI = 300
WEBP_PHOTO = {"quality": 80, "method": 2}
WEBP_LINE_ART = {"lossless": True, "quality": 50, "method": 2}
JPEG_PRINT = {"quality": 90, "optimize": True}
PNG_PRINT = {"compress_level": 6}
#: Every setting that shapes an encoded file; part of each cache key.
ENCODER = repr((WEBP_PHOTO, WEBP_LINE_ART, JPEG_PRINT, PNG_PRINT, "lanczos-chain"))


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


def image_kind(img: Image.Image, source_format: str | None) -> str:
    """"photo", "alpha" (transparent) or "line-art" (few flat colours in a lossless file)."""
    alpha = img.mode == "RGBA" and img.getchannel("A").getextrema()[0] < 255
    if source_format in ("PNG", "GIF", "TIFF", "WEBP"):
        sample = img
        if img.width * img.height > 512 * 512:
            ratio = (512 * 512 / (img.width * img.height)) ** 0.5
            sample = img.resize((max(1, int(img.width * ratio)), max(1, int(img.height * ratio))),
                                Image.Resampling.NEAREST)
        if sample.getcolors(16_384) is not None:
            return "line-art"
    return "alpha" if alpha else "photo"


def _encode(img: Image.Image, purpose: str, kind: str) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if purpose == "web":
        img.save(buffer, "WEBP", **(WEBP_LINE_ART if kind == "line-art" else WEBP_PHOTO))
        return buffer.getvalue(), ".webp"
    if kind == "photo":
        img.convert("RGB").save(buffer, "JPEG", **JPEG_PRINT)
        return buffer.getvalue(), ".jpg"
    img.save(buffer, "PNG", **PNG_PRINT)
    return buffer.getvalue(), ".png"


def encode_all(img: Image.Image, specs: list[Spec], kind: str, source_width: int
               ) -> Iterator[tuple[Spec, bytes, str, int, int]]:
    """``(spec, data, suffix, width, height)`` for each spec, largest first.

    Heights keep the source's proportions (``source_width`` is the full-size width, ``img``
    may be a reduced decode that is at least as wide as the largest spec).
    """
    ratio = img.height / img.width
    current = img
    for spec in sorted(specs, key=lambda s: (-s.width, s.purpose)):
        width = min(spec.width, source_width)
        height = max(1, round(width * ratio))
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS)
        data, suffix = _encode(current, spec.purpose, kind)
        yield spec, data, suffix, width, height
