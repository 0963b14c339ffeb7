"""A student's image file -> clean published variants (upright, sRGB, no metadata), cached.

Web variants are WebP in a few widths (``srcset``), print variants are sized for their place on
the page at 300 dpi (JPEG for photos, PNG for line art), SVG drawings are sanitised and kept as
vector. Every variant is keyed by the source bytes and the options that shape it, so an unchanged
image is never processed twice; the cache folder can be deleted at any time.
"""

from __future__ import annotations

from .cache import DEFAULT_PLACED_MM, ImageCache, Request, Variant
from .decode import HEIF, IMAGE_SUFFIXES, open_image
from .svg import sanitize_svg
from .variants import PRINT_DPI, WEB_WIDTHS, print_width, web_widths

__all__ = [
    "DEFAULT_PLACED_MM", "HEIF", "IMAGE_SUFFIXES", "PRINT_DPI", "WEB_WIDTHS", "ImageCache",
    "Request", "Variant", "open_image", "print_width", "sanitize_svg", "web_widths",
]
