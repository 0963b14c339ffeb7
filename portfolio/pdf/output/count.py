"""What a render counted: pages per part and each section's page range (no WeasyPrint import).

Kept apart from :mod:`portfolio.pdf.output.render` so that a build whose PDFs all come from the
cache never imports WeasyPrint (about 0.75 s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PageCount", "SectionPages"]


@dataclass
class SectionPages:
    slug: str
    title: str
    part: str          # "principal", "annexes" or "partie1"
    first: int         # 1-based, within its part
    last: int
    pdf: str = ""      # for an annex PDF: its file name in annexes/

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def span(self) -> str:
        """The pages as people write them: ``p. 3`` or ``p. 3-5``."""
        return f"p. {self.first}" if self.first == self.last else f"p. {self.first}-{self.last}"


@dataclass
class PageCount:
    parts: dict[str, int]
    sections: list[SectionPages]
    page_sizes_mm: list[tuple[float, float]]
    front_pages: int = 0           # cover + contents
    refused_urls: list[str] = field(default_factory=list)
    # Share (0-1) of each rendered page's content area holding something (pdf/output/fill.py), main
    # part then rendered annexes; annex PDFs are not measured.
    page_fill: list[float] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.parts.values())
