"""Annex PDFs of a dossier (technical drawings, scans) -> checked pages appended to the dossier PDF.

Each page's area is checked against the A3 limit; the pages count in the annex budget; the
dossier PDF gets one bookmark per annex. Only the pages are copied: the annex files' own
metadata (author, software, dates) is not.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from ..errors import AssetError
from ..rules import load_rules

__all__ = ["AnnexPdf", "append_annexes", "clean_copy", "page_sizes_mm", "read_annex"]

PT_TO_MM = 25.4 / 72
MAX_PAGES = 60


@dataclass(frozen=True)
class AnnexPdf:
    path: Path
    slug: str
    title: str
    sizes_mm: tuple[tuple[float, float], ...]

    @property
    def pages(self) -> int:
        return len(self.sizes_mm)


def _reader(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise AssetError("PDF protégé par un mot de passe : il ne peut pas être joint.",
                             path, hint="Exportez-le de nouveau sans protection.")
        _ = len(reader.pages)
        return reader
    except AssetError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError):
        raise AssetError("PDF illisible ou abîmé.", path,
                         hint="Exportez-le de nouveau depuis le logiciel d'origine.") from None


def page_count(path: Path) -> int:
    """Pages of a PDF handed in as it is (part 1 pieces); raises AssetError if unreadable."""
    return len(_reader(path).pages)


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    """Width and height in mm of each page of a PDF (part 1 pieces); AssetError if unreadable."""
    return [(round(float(page.mediabox.width) * PT_TO_MM, 1),
             round(float(page.mediabox.height) * PT_TO_MM, 1)) for page in _reader(path).pages]


def read_annex(path: Path, slug: str, title: str) -> AnnexPdf:
    """Open and check an annex PDF: readable, not encrypted, every page at most A3 in area."""
    reader = _reader(path)
    if not reader.pages:
        raise AssetError("PDF sans aucune page.", path)
    if len(reader.pages) > MAX_PAGES:
        raise AssetError(f"PDF de {len(reader.pages)} pages : bien plus que le budget des "
                         "annexes.", path, hint="Ne joignez que les pages utiles.")
    rules = load_rules()
    limit = rules.max_area_mm2 + rules.tolerance_mm2
    sizes = []
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        width = round(float(box.width) * PT_TO_MM, 1)
        height = round(float(box.height) * PT_TO_MM, 1)
        if width * height > limit:
            raise AssetError(
                f"page {number} au format {width:g} x {height:g} mm : plus grande que le format "
                "A3 autorisé (297 x 420 mm).", path,
                hint="Réduisez ce plan au format A3 (impression « ajuster à la page ») ou "
                "découpez-le en plusieurs pages A3.")
        sizes.append((width, height))
    return AnnexPdf(path, slug, title, tuple(sizes))


def append_annexes(pdf: bytes, annexes: list[AnnexPdf], archive: bool = False) -> bytes:
    """The dossier PDF with the annex PDFs' pages appended, one bookmark per annex.

    ``archive``: ``pdf`` is PDF/A; the annexes' annotations are made printable to keep it so.
    """
    if not annexes:
        return pdf
    writer = PdfWriter(clone_from=io.BytesIO(pdf), keep_initial_header=True)  # PDF/A: 1.7
    first = len(writer.pages)
    for annex in annexes:
        writer.append(_reader(annex.path), outline_item=f"Annexe : {annex.title}",
                      import_outline=False)
    if archive:
        from .archive import printable

        for page in writer.pages[first:]:
            for annotation in page.get("/Annots", ()):
                printable(annotation.get_object())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_copy(path: Path) -> bytes:
    """The annex's pages in a new PDF without its metadata (for the site's download link)."""
    writer = PdfWriter()
    writer.append(_reader(path), import_outline=False)
    writer.add_metadata({"/Producer": "portfolio"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
