"""What a dossier's build takes (BuildOptions) and gives back (DossierBuild)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..conformance import Conformance
from ..conformance.budget import Verdict
from ..dossier.model import Dossier
from ..pdf.output.count import PageCount
from ..pdf.output.options import TAGGED, PdfOptions
from ..util.errors import DossierError, Problem
from ..util.templates import THEMES_DIR

__all__ = ["THEMES_DIR", "BuildOptions", "DossierBuild"]


@dataclass
class BuildOptions:
    cache_dir: Path
    themes_dir: Path = THEMES_DIR
    site_url: str = ""
    mode: str = "publish"    # conformance strictness: preview | publish | check | rendre
    anonymous: bool = False  # candidates by number only (anonymity.py)
    workers: int | None = None   # processes at once for images and PDFs (None: every core)
    pdf: PdfOptions = TAGGED   # a tagged PDF/UA; pdf.options.HANDIN for rendre (PDF/A)

    @property
    def print_css(self) -> list[Path]:
        return [self.themes_dir / "print" / "print.css",
                self.themes_dir / "common" / "couts.css"]

    @property
    def print_theme(self) -> list[Path]:
        """Every file of the theme that can shape a PDF (CSS, templates): part of its key."""
        return sorted(p for folder in ("print", "common")
                      for p in (self.themes_dir / folder).rglob("*") if p.is_file())


@dataclass
class DossierBuild:
    root: Path
    dossier: Dossier | None = None
    pdf_path: Path | None = None   # the rendered PDF, in the content cache (never held in memory)
    count: PageCount | None = None
    verdict: Verdict | None = None
    error: DossierError | None = None
    warnings: list[Problem] = field(default_factory=list)
    pdf_cached: bool = False
    pending: bool = False          # PDF not rendered yet (preview): count is the previous one
    pdf_writing: bool = False      # pages counted, PDF file still being written (preview)
    key: str = ""                  # fingerprint of the inputs of the PDF
    conformance: Conformance | None = None

    @property
    def pdf(self) -> bytes | None:
        """The PDF's bytes, read from the cache file."""
        return self.pdf_path.read_bytes() if self.pdf_path is not None else None

    @property
    def publishable(self) -> bool:
        return self.error is None and self.verdict is not None and self.verdict.ok

    @property
    def problems(self) -> list[Problem]:
        """What keeps this dossier from being published (French)."""
        if self.error is not None:
            return self.error.problems
        return list(self.verdict.errors) if self.verdict else []
