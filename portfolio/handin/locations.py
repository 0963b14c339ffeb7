"""The sources of a hand-in -> the same files, photos without the place they were taken.

What the frozen copy keeps of a photo's metadata (README, « Ce que gardent les sources ») : the
image itself byte for byte, the date it was taken and the device (they can show that the
candidate took it), never the GPS position (where the candidate lives or works is nobody's
business at the exam office). A JPEG's EXIF block is rewritten without its GPS directory, the
image data untouched; other files are left as they are (the published site and the PDF carry no
metadata at all: images/decode.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

__all__ = ["strip_locations"]

log = logging.getLogger(__name__)

GPS_IFD = 0x8825
JPEG_SUFFIXES = {".jpg", ".jpeg", ".jpe"}
_EXIF = b"Exif\x00\x00"


def _segments(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each marker segment of a JPEG's header, up to the image data."""
    spans, position = [], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker in (0xD9, 0xDA):           # end of image, start of scan: header is over
            break
        length = int.from_bytes(data[position + 2:position + 4], "big")
        spans.append((position, position + 2 + length))
        position += 2 + length
    return spans


def _without_gps(data: bytes) -> bytes | None:
    """The JPEG ``data`` with no GPS directory in its EXIF, or None when it has none."""
    if not data.startswith(b"\xff\xd8"):
        return None
    for start, end in _segments(data):
        body = data[start + 4:end]
        if data[start + 1] != 0xE1 or not body.startswith(_EXIF):
            continue
        exif = Image.Exif()
        exif.load(body[len(_EXIF):])
        if GPS_IFD not in exif:
            return None
        del exif[GPS_IFD]
        block = _EXIF + exif.tobytes()
        if len(block) + 2 > 0xFFFF:
            return None
        segment = b"\xff\xe1" + (len(block) + 2).to_bytes(2, "big") + block
        return data[:start] + segment + data[end:]
    return None


def strip_locations(folder: Path) -> list[Path]:
    """Remove the GPS position from every JPEG photo under ``folder`` (a copy, never a
    student's own file); returns the files changed."""
    changed = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in JPEG_SUFFIXES or path.is_symlink() or not path.is_file():
            continue
        try:
            cleaned = _without_gps(path.read_bytes())
        except (OSError, ValueError, SyntaxError) as exc:   # unreadable EXIF: left as it is
            log.debug("EXIF of %s not read: %r", path, exc)
            continue
        if cleaned is not None:
            path.write_bytes(cleaned)
            changed.append(path)
    return changed
