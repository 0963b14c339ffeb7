"""Images and media of the print document -> their placed size, print copy and QR links.

- Each image is placed on the grid (:mod:`.grid`) by its aspect ratio and resolution, and its
  print copy is made at 300 dpi of the size it is really printed at (the height cap of its
  kind included: a portrait photo capped in height is narrower than its column).
- A video, sound or 3D model prints as its poster (or a drawn placeholder saying what it is),
  its caption, and a QR code leading to the site's page where it plays, not to the raw file.
- The cover photo is shown whole (never cropped), in proportion, beside the cover's text:
  its box is computed from its pixels (:func:`cover_photo`).
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from PIL import Image

from ...dossier.model import Dossier, Section
from ...images import Variant
from ...images.decode import header
from ...images.variants import JPEG_PRINT, PRINT_DPI, print_width
from ...markdown.figures import FULL_PAGE_SHARE, PRINT_WIDTH
from ...util.files import replacing
from ...util.templates import Markup, render
from ..page.geometry import COVER_INSET_MM, COVER_PORTRAIT_IMAGE, COVER_TEXT_MM
from ..page.grid import GROWTH, PLACEMENT, SAFETY_MM, Placement, figure_placement, grid_for
from ..page.placement import low_resolution

__all__ = ["CoverPhoto", "PrintCopies", "cover_area_mm", "cover_box_mm", "cover_photo",
           "cover_problems", "media_links", "photo_shape", "variant_size",
           "board_printed_mm", "full_page", "placed_image", "print_request_mm", "section_page_url"]

def cover_area_mm(page_size_mm: tuple[float, float]) -> tuple[float, float, float, float]:
    """``(left, top, width, height)`` of the area the cover photo is fitted in, whole: right of
    the text panel on a landscape page, above it on a portrait one, ``COVER_INSET_MM`` from the
    page's edges."""
    width, height = page_size_mm
    inset = COVER_INSET_MM
    if width > height:                  # landscape: text on the left, photo on the right
        return inset + COVER_TEXT_MM, inset, width - COVER_TEXT_MM - 2 * inset, height - 2 * inset
    return inset, inset, width - 2 * inset, height * COVER_PORTRAIT_IMAGE - inset


def cover_box_mm(page_size_mm: tuple[float, float]) -> tuple[float, float]:
    """The size of the area the cover photo is fitted in (:func:`cover_area_mm`)."""
    return cover_area_mm(page_size_mm)[2:]


@dataclass(frozen=True)
class CoverPhoto:
    """Where the cover photo prints: whole, in proportion, centred in its area (mm from the
    page's top left corner). Its box is computed here from the photo's pixels, not left to
    the stylesheet: WeasyPrint 70 stretched a flex item's image to its container's height
    whatever its ``max-height`` (issue 25: a ring printed 1.6 times too tall, off the sheet).
    """

    src: str
    left: float
    top: float
    width: float
    height: float
    shape: str                     # "paysage", "portrait", "carre"; "" when the size is unknown

    @property
    def style(self) -> str:
        return (f"left: {self.left:.2f}mm; top: {self.top:.2f}mm; "
                f"width: {self.width:.2f}mm; height: {self.height:.2f}mm")


def photo_shape(size: tuple[int, int]) -> str:
    """A photo's shape as the cover's layout names it (within 10 % of square: "carre")."""
    width, height = size
    if width <= 0 or height <= 0:
        return ""
    ratio = width / height
    return "paysage" if ratio > 1.1 else "portrait" if ratio < 1 / 1.1 else "carre"


def cover_photo(src: str, size: tuple[int, int], page_size_mm: tuple[float, float]
                ) -> CoverPhoto:
    """The cover photo of ``size`` pixels (upright) fitted whole in its area (an unknown size,
    a drawing without pixels: the whole area, the image contained in it by the stylesheet)."""
    left, top, box_w, box_h = cover_area_mm(page_size_mm)
    width, height = size
    if width <= 0 or height <= 0:
        return CoverPhoto(src, left, top, box_w, box_h, "")
    shown_w = min(box_w, box_h * width / height)
    shown_h = shown_w * height / width
    return CoverPhoto(src, left + (box_w - shown_w) / 2, top + (box_h - shown_h) / 2,
                      shown_w, shown_h, photo_shape(size))


def _shown_width(size: tuple[int, int], box: tuple[float, float]) -> float:
    width, height = size
    if width <= 0 or height <= 0:
        return box[0]
    return min(box[0], box[1] * width / height)


def cover_placed_mm(source: Path, page_size_mm: tuple[float, float], images) -> float:
    return _shown_width(_source_size(source, images), cover_box_mm(page_size_mm))


def variant_size(variant: Variant) -> tuple[int, int]:
    """The upright pixel size of a print copy's source (0, 0 for a drawing: no pixels)."""
    if variant.vector:
        return 0, 0
    return variant.source_size or (variant.width, variant.height)


def cover_problems(variant: Variant, page_size_mm: tuple[float, float]) -> list:
    """Low resolution of the cover photo at the size it is printed (fitted whole)."""
    if variant.vector:
        return []
    shown = _shown_width(variant_size(variant), cover_box_mm(page_size_mm))
    problem = low_resolution(variant, shown, fills=True, label="photo de couverture : ")
    return [problem] if problem else []


def _header_size(source: Path) -> tuple[int, int]:
    """The upright pixel size of an image file, from its header (0, 0 if unreadable)."""
    with suppress(Exception):
        return header(source)[:2]
    return 0, 0


def _source_size(source: Path, images) -> tuple[int, int]:
    """The upright pixel size of a student's image: the image cache's record of it (``images``,
    an :class:`~portfolio.images.ImageCache`), else its header."""
    return images.size(source) or _header_size(source)


def _board_width(fragment: str, page_size_mm: tuple[float, float]) -> float | None:
    """The width given to an image of a board or a full page (``#pf-largeur=0.469``)."""
    if not fragment.startswith(PRINT_WIDTH[1:]):
        return None
    grid = grid_for(page_size_mm)
    with suppress(ValueError):
        return max(grid.column, grid.width * min(float(fragment.split("=", 1)[1]), 1.0))
    return grid.column


def full_page(fragment: str) -> bool:
    """The image is a full-page figure's (``!!! pleine-page``): its box is computed for its page
    (pdf/draw/document.py), the image stretched to it whatever its pixels."""
    return fragment == f"{PRINT_WIDTH[1:]}{FULL_PAGE_SHARE:g}"


def board_printed_mm(width_mm: float, size: tuple[int, int],
                     page_size_mm: tuple[float, float]) -> float:
    """The width an image of a board or a full page prints at: its share of the page's width,
    or less when its height is what limits it (a tall image on a full page is as high as the
    page, narrower than the page: its resolution is read at that width)."""
    width_px, height_px = size
    if width_px <= 0 or height_px <= 0:
        return width_mm
    grid = grid_for(page_size_mm)
    return min(width_mm, (grid.height - SAFETY_MM) * width_px / height_px)


def _placement(source: Path, size: tuple[int, int], page_size_mm: tuple[float, float]
               ) -> Placement:
    return figure_placement(*size, page_size_mm, vector=source.suffix.lower() == ".svg",
                            drawing=source.suffix.lower() == ".png")


def print_request_mm(source: Path, page_size_mm: tuple[float, float], images) -> float:
    """The width to prepare an image's print copy at, before layout (a figure's placement:
    wide enough for every width the composer may set it at, see ``figure_placement``)."""
    return _placement(source, _source_size(source, images), page_size_mm).copy_mm


def placed_image(images, source: Path, fragment: str, page_size_mm: tuple[float, float]
                 ) -> tuple[Variant, float, str]:
    """``(print copy, printed width in mm, URL)`` of an image written in a section.

    A figure's URL ends with its placement (``#pf-large``), read by the print document.
    """
    board = _board_width(fragment, page_size_mm)
    width, height = _source_size(source, images)
    if board is not None:
        printed = board_printed_mm(board, (width, height), page_size_mm)
        variant = images.variant(source, "print", placed_mm=printed)
        return variant, printed, variant.path.as_uri()
    placement = _placement(source, (width, height), page_size_mm)
    variant = images.variant(source, "print", placed_mm=placement.copy_mm)
    return variant, placement.width_mm, f"{variant.path.as_uri()}{PLACEMENT}{placement.kind}"


# -- multimedia ------------------------------------------------------------------------------

_FIGURE_ID = re.compile(r'<figure\b[^>]*\bclass="media-print media-(\w+)"[^>]*>', re.I)
_ID = re.compile(r'\bid="([^"]*)"')
_NOPOSTER = re.compile(r'<p class="media-noposter">[^<]*</p>')
_MEDIA_URL = re.compile(r'<p class="media-url">([^<]*)<a href="([^"]*)"([^>]*)></a></p>')
KIND_LABELS = {"video": "Vidéo", "audio": "Enregistrement sonore", "3d": "Modèle 3D"}


def section_page_url(dossier: Dossier, section: Section, site_url: str) -> str:
    """The address of ``section``'s page on the published site ('' when not configured)."""
    if not site_url:
        return ""
    return f"{site_url.rstrip('/')}/{dossier.site_uri(section).removesuffix('.md')}/"


def media_links(html: str, page_url: str, id_prefix: str) -> str:
    """Print: each media figure gets a QR code to the page where it plays (``page_url`` and
    the figure's anchor there), and a drawn placeholder when it has no poster."""
    out, last = [], 0
    for match in _FIGURE_ID.finditer(html):
        end = html.find("</figure>", match.end())
        if end < 0:
            break
        kind = match.group(1)
        anchor = _ID.search(match.group(0))
        target = ""
        if page_url:
            fragment = anchor.group(1).removeprefix(id_prefix) if anchor else ""
            target = page_url + (f"#{fragment}" if fragment else "")
        inner = html[match.end():end]
        inner = _NOPOSTER.sub(lambda _, kind=kind: _placeholder(kind), inner)
        inner = _MEDIA_URL.sub(lambda m, url=target, kind=kind: _qr_block(url, kind), inner)
        out += [html[last:match.end()], inner]
        last = end
    out.append(html[last:])
    return "".join(out)


def _placeholder(kind: str) -> str:
    return render("print/media-placeholder.html", kind=kind,
                  label=KIND_LABELS.get(kind, "Média"))


def _qr_block(url: str, kind: str) -> str:
    qr = segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True) if url else ""
    return render("common/templates/media-print.html", qr=Markup(qr), url=url,
                  label=KIND_LABELS.get(kind, "Média"))


# -- print copies sized for the composed layout ------------------------------------------------

class PrintCopies:
    """The students' images behind the print URLs of a dossier, and their copies at the size
    the composed page gives them (:mod:`.compose`).

    A figure's copy is made once, before the layout, for every width the composer may set it at
    (``print_request_mm``): an edit that moves figures decodes no source again. When the
    composer sets it much smaller (the copy over 400 dpi there), a copy at that width (to the
    next 10 mm, 300 dpi) is made from that copy, beside it in the image cache (its name carries
    the copy's content hash and the width); larger than the copy allows (not on the grid), from
    the source. Every image is embedded at 250 to 400 dpi of its printed size (250 for the
    largest figures, :data:`~.grid.GROWTH`), or with all its source's pixels.
    """

    STEP_MM = 10
    MAX_RATIO = 4 / 3              # 400 dpi: a copy this much larger than needed is kept
    MIN_RATIO = 1 / GROWTH         # 250 dpi: a copy this much smaller is kept (figure_placement)

    def __init__(self, images, placed: dict[str, Path]) -> None:
        self.images = images
        self.sources = {url.split(PLACEMENT, 1)[0]: path for url, path in placed.items()}
        self.printed = dict(self.sources)   # every image URL of the document -> its source

    def size(self, src: str) -> tuple[int, int, bool]:
        """``(width, height, vector)`` of the student's image shown at ``src``."""
        source = self.sources.get(src)
        if source is None:
            return 0, 0, False
        width, height = _source_size(source, self.images)
        return width, height, source.suffix.lower() == ".svg"

    def copy(self, src: str, width_mm: float) -> str:
        """The URL of a print copy of ``src``'s image for ``width_mm`` (``src`` when it is
        close enough, vector, or not one of the dossier's images)."""
        source = self.sources.get(src)
        if source is None or source.suffix.lower() == ".svg":
            return src
        needed = width_mm / 25.4 * PRINT_DPI
        copy = Path(url2pathname(urlsplit(src).path))
        made = _header_size(copy)[0]
        if needed * self.MIN_RATIO * 0.98 <= made <= needed * self.MAX_RATIO:
            return src                       # close enough
        if made < needed and made >= _source_size(source, self.images)[0] * 0.98:
            return src                       # all the pixels the source has
        wanted = -(-width_mm // self.STEP_MM) * self.STEP_MM
        if made < needed:
            url = self.images.variant(source, "print", placed_mm=wanted).path.as_uri()
        else:
            url = _smaller_copy(copy, print_width(made, wanted)).as_uri()
        self.printed[url] = source
        return url


def _smaller_copy(copy: Path, width_px: int) -> Path:
    """``copy`` scaled down to ``width_px`` (made once: decoding the print copy is much faster
    than decoding the student's 12 MP photo again)."""
    out = copy.with_name(f"{copy.stem}-{width_px}{copy.suffix}")
    if out.is_file():
        return out
    with Image.open(copy) as image:
        height = max(1, round(image.height * width_px / image.width))
        image.draft(image.mode, (width_px, height))          # JPEG: decoded at 1/2, 1/4...
        smaller = image.resize((width_px, height), Image.Resampling.LANCZOS,
                               reducing_gap=2.0)
    # PNG copies are decoded and compressed again by WeasyPrint: a fast level here.
    options = JPEG_PRINT if copy.suffix.lower() in (".jpg", ".jpeg") else {"compress_level": 1}
    with replacing(out) as tmp:
        smaller.save(tmp, format="JPEG" if options is JPEG_PRINT else "PNG", **options)
    return out
