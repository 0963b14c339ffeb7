"""How a laid-out dossier is written to a PDF file: the WeasyPrint variant and structure tags.

One options object for every PDF of a dossier: the normal PDF is a tagged PDF/UA-1 (structure
tree, document language: read by screen readers); the hand-in's archived copy is a PDF/A
(:data:`HANDIN`, checked by :mod:`portfolio.pdf.output.archive`). The layout never depends on it,
only the file. No WeasyPrint import here, so build options can carry it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from .archive import VARIANT

__all__ = ["HANDIN", "TAGGED", "PdfOptions"]


@dataclass(frozen=True)
class PdfOptions:
    variant: str | None = "pdf/ua-1"     # a name of weasyprint.pdf.VARIANTS, or None
    tags: bool = True                    # structure tags (implied by PDF/UA and PDF/A-xa)

    @property
    def archive(self) -> bool:
        """A PDF/A: appended annexes must keep its header and get printable annotations."""
        return (self.variant or "").startswith("pdf/a")

    def write_options(self) -> dict:
        """Keyword arguments of WeasyPrint's ``write_pdf``."""
        return {"pdf_variant": self.variant, "pdf_tags": self.tags}

    def key(self) -> str:
        """What goes into the PDF cache key."""
        return f"{self.variant}|{self.tags}"


TAGGED = PdfOptions()            # the normal PDF: PDF/UA-1
# The archived hand-in copy: PDF/A-3b (what archive.py checks), still tagged for screen readers.
HANDIN = PdfOptions(variant=VARIANT, tags=True)
