"""An image file -> an upright, sRGB, metadata-free Pillow image, or a French AssetError.

Only the formats students need are decoded (``Image.open(formats=...)``): a file whose content is
something else (a text file named ``.jpg``, a PSD, an EPS) is refused before any decoder runs.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from ..util.errors import AssetError
from ..util.files import stamp
from ..util.limits import bound
from ..util.memos import IMAGE_HEADERS

try:  # phone photos (HEIC/HEIF); optional so that a broken wheel never stops other images
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - pillow-heif is pinned in requirements.lock
    HEIF = False

Image.init()    # load every format plugin now: Image.open(formats=...) does not

__all__ = ["HEIF", "IMAGE_SUFFIXES", "RASTER_SUFFIXES", "fail", "header", "open_image",
           "upright_size"]

RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif", ".heic", ".heif"}
IMAGE_SUFFIXES = RASTER_SUFFIXES | {".svg"}
# JPEG also opens MPO (multi-picture) files
FORMATS = ["JPEG", "PNG", "WEBP", "TIFF", "GIF", "HEIF"]
MAX_PIXELS = 100_000_000           # beyond: refused as a possible decompression bomb
MAX_SIDE = 20_000
ACCEPTED = "Formats acceptés : JPEG, PNG, WebP, TIFF, HEIC, GIF, SVG."

_SRGB = ImageCms.createProfile("sRGB")


def decoded_bytes(img: Image.Image) -> int:
    """What decoding ``img`` produces, read from its header: pixels x bands x bytes per sample
    (a 16-bit PNG counts twice an 8-bit one: 9400 x 9400 x 3 x 2 is 530 MB to inflate)."""
    args = str(img.tile[0].args) if img.tile else ""
    depth = 2 if "16" in args or "16" in img.mode else 4 if img.mode in ("I", "F") else 1
    return img.width * img.height * len(img.getbands()) * depth


def fail(path: Path, message: str, hint: str = "") -> AssetError:
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
        if img.mode not in ("RGB", "RGBA", "CMYK", "L"):
            img = img.convert(mode)
        return ImageCms.profileToProfile(img, src, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img


def _to_rgb(img: Image.Image) -> Image.Image:
    if img.mode in ("RGB", "RGBA"):
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):   # 16-bit scans
        img = img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    has_alpha = img.mode in ("LA", "PA", "La", "RGBa") or "transparency" in img.info
    return img.convert("RGBA" if has_alpha else "RGB")


def _orientation(img: Image.Image) -> int:
    try:
        return int(img.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the rotation
        return 1


def upright_size(img: Image.Image) -> tuple[int, int]:
    """Size of ``img`` (opened, not loaded) once its EXIF orientation is applied."""
    width, height = img.size
    return (height, width) if _orientation(img) in (5, 6, 7, 8) else (width, height)


def header(path: Path) -> tuple[int, int, str | None]:
    """Upright pixel size and format of an image file, read from its header (Pillow's errors
    raised), remembered for as long as the file is unchanged.

    A render asks for each image's size several times (placement, print copy, figure sizes),
    and a PNG's EXIF orientation can only be read by decoding the whole file.
    """
    key = (str(path), *stamp(path))
    if (known := IMAGE_HEADERS.get(key)) is not None:
        return known
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path, formats=FORMATS) as head:
            found = (*upright_size(head), head.format)
    return IMAGE_HEADERS.remember(key, found)


# First bytes of the formats above: a file that starts like one is an image, damaged.
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"II*\x00", b"MM\x00*")


def _has_image_signature(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
    except OSError:
        return False
    return head.startswith(SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def open_image(path: Path, need_width: int | None = None) -> Image.Image:
    """Decode ``path`` upright, in sRGB, RGB(A), with no metadata left in ``img.info``.

    ``need_width`` is the widest variant wanted: a large JPEG is then decoded at a reduced
    scale (draft mode, 1/2 to 1/8) that still covers it. Every failure is a French
    :class:`AssetError` naming the file.
    """
    if path.suffix.lower() not in RASTER_SUFFIXES:
        raise fail(path, f"format d'image non pris en charge ({path.suffix or 'sans extension'}).",
                   ACCEPTED)
    if path.stat().st_size == 0:
        raise fail(path, "image vide (0 octet).", "Copiez de nouveau le fichier depuis "
                   "l'appareil photo ou le téléphone.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path, formats=FORMATS)
            width, height = img.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise fail(path, f"image démesurée ({width} x {height} px), refusée.",
                           "Réduisez-la à moins de 10 000 px de côté avant de l'ajouter.")
            bound("image_decodee").check(decoded_bytes(img), path, kind=AssetError)
            if need_width and img.format in ("JPEG", "MPO"):
                up_w, up_h = upright_size(img)
                if need_width * 2 <= up_w:
                    scale = need_width / up_w
                    want = (math.ceil(up_w * scale), math.ceil(up_h * scale))
                    img.draft(None, want if (up_w, up_h) == (width, height) else want[::-1])
            # WeasyPrint sets LOAD_TRUNCATED_IMAGES globally: a cut photo must be refused here.
            tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                img.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    except AssetError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise fail(path, "image démesurée (possible « bombe de décompression »), refusée.",
                   "Réduisez-la à moins de 10 000 px de côté.") from None
    except UnidentifiedImageError:
        if _has_image_signature(path):      # a real image whose header is damaged
            raise fail(path, "image abîmée ou illisible (en-tête endommagé).") from None
        raise fail(path, "ce fichier n'est pas une image lisible (ou son extension ment).",
                   f"{ACCEPTED} Exportez-le de nouveau depuis le logiciel qui l'a créé."
                   ) from None
    except MemoryError:
        raise fail(path, "image trop lourde pour être traitée.",
                   "Réduisez-la à moins de 10 000 px de côté.") from None
    except Exception as exc:  # noqa: BLE001 - decoders raise many types on damaged data
        reason = "image tronquée" if "truncated" in str(exc) else "image abîmée ou illisible"
        raise fail(path, f"{reason}.") from None
    try:
        img = ImageOps.exif_transpose(img)
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the rotation
        pass
    img = _to_rgb(_to_srgb(img))
    img.info = {}          # EXIF (GPS), XMP, ICC, comments: nothing travels to the copies
    return img
