"""A student's image file -> clean published variants (upright, sRGB, no metadata), cached by content.

Each variant is keyed by the source bytes and the options that shape it, so an unchanged image
is never processed twice; the cache folder can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .errors import AssetError

__all__ = ["IMAGE_SUFFIXES", "ImageCache", "Variant"]

log = logging.getLogger(__name__)

VERSION = "1"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif"}
MAX_PIXELS = 100_000_000           # beyond: refused as a possible decompression bomb
MAX_SIDE = 20_000

# purpose -> (longest side in px, JPEG quality)
PURPOSES = {"web": (1600, 82), "thumb": (720, 80), "print": (3600, 90)}

_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Variant:
    path: Path
    width: int
    height: int
    source: Path

    @property
    def suffix(self) -> str:
        return self.path.suffix


def _fail(path: Path, message: str, hint: str = "") -> AssetError:
    return AssetError(message, path, hint=hint or
                      "Ouvrez l'image dans un logiciel photo et enregistrez-la de nouveau en "
                      "JPEG ou PNG.")


def _to_srgb(img: Image.Image) -> Image.Image:
    icc = img.info.get("icc_profile")
    if not icc:
        return img
    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if img.mode in ("RGBA", "LA", "PA") else "RGB"
        return ImageCms.profileToProfile(img.convert(mode), src, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img


def open_image(path: Path) -> Image.Image:
    """Open, check and decode ``path`` upright; every failure is a French :class:`AssetError`."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise _fail(path, f"format d'image non pris en charge ({path.suffix or 'sans extension'}).",
                    "Formats acceptés : JPEG, PNG, WebP, TIFF, GIF.")
    if path.stat().st_size == 0:
        raise _fail(path, "image vide (0 octet).", "Copiez de nouveau le fichier depuis "
                    "l'appareil photo ou le téléphone.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            width, height = img.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise _fail(path, f"image démesurée ({width} x {height} px), refusée.",
                            "Réduisez-la à moins de 10 000 px de côté avant de l'ajouter.")
            img.load()
    except AssetError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _fail(path, "image démesurée (possible « bombe de décompression »), refusée.",
                    "Réduisez-la à moins de 10 000 px de côté.") from None
    except UnidentifiedImageError:
        raise _fail(path, "ce fichier n'est pas une image lisible (ou son extension ment).") \
            from None
    except (OSError, SyntaxError, ValueError) as exc:
        reason = "image tronquée" if "truncated" in str(exc) else "image abîmée ou illisible"
        raise _fail(path, f"{reason}.") from None
    img = ImageOps.exif_transpose(img)
    img = _to_srgb(img)
    if img.mode not in ("RGB", "RGBA"):
        has_alpha = img.mode in ("LA", "PA") or "transparency" in img.info
        img = img.convert("RGBA" if has_alpha else "RGB")
    return img


class ImageCache:
    """Variants of source images in ``cache_dir``, keyed by content and options."""

    def __init__(self, cache_dir: Path) -> None:
        self.dir = cache_dir / "images"
        self.hits = 0
        self.misses = 0

    def variant(self, source: Path, purpose: str) -> Variant:
        longest, quality = PURPOSES[purpose]
        data = source.read_bytes()
        key = hashlib.sha256(data + f"|{purpose}|{longest}|{quality}|{VERSION}".encode()
                             ).hexdigest()
        meta_path = self.dir / key[:2] / f"{key}.json"
        try:
            meta = json.loads(meta_path.read_text())
            path = meta_path.with_name(meta["file"])
            if path.is_file():
                self.hits += 1
                log.debug("image en cache : %s (%s)", source.name, purpose)
                return Variant(path, int(meta["width"]), int(meta["height"]), source)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        self.misses += 1
        img = open_image(source)
        if max(img.size) > longest:
            img.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        lossless = img.mode == "RGBA" or source.suffix.lower() in {".png", ".gif"}
        ext = ".png" if lossless else ".jpg"
        out = meta_path.with_name(key + ext)
        out.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        if lossless:
            img.save(buffer, "PNG", optimize=False, compress_level=6)
        else:
            img.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        _atomic_write(out, buffer.getvalue())
        _atomic_write(meta_path, json.dumps(
            {"file": out.name, "width": img.width, "height": img.height}).encode())
        return Variant(out, img.width, img.height, source)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
