"""Test helper: photos drawn with a frame and marks in their corners, so that a stretched or
cropped print shows (the cover, full pages)."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw


@cache
def _framed_jpeg(size: tuple[int, int]) -> bytes:
    """The JPEG bytes of :func:`framed_photo` (drawn once per size and test process)."""
    image = Image.new("RGB", size, (214, 196, 160))
    draw = ImageDraw.Draw(image)
    w, h = size
    k = max(4, min(size) // 40)
    draw.rectangle((0, 0, w - 1, h - 1), outline=(20, 20, 20), width=k)
    for x, y in ((0, 0), (w - 8 * k, 0), (0, h - 8 * k), (w - 8 * k, h - 8 * k)):
        draw.rectangle((x, y, x + 8 * k, y + 8 * k), fill=(150, 20, 20))
    draw.ellipse((w / 2 - min(size) / 4, h / 2 - min(size) / 4, w / 2 + min(size) / 4,
                  h / 2 + min(size) / 4), outline=(20, 20, 120), width=k)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def framed_photo(path, size) -> None:
    """A photo with a frame and marks in its corners: distortion and cropping show."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_framed_jpeg(tuple(size)))
