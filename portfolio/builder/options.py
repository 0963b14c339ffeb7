"""What a dossier's build takes: the cache, the theme, the site's address, the mode, anonymity,
the workers and the PDF variant (an input of the print, read low in ``pdf/``'s callers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..pdf.output.options import TAGGED, PdfOptions
from ..util.templates import THEMES_DIR

__all__ = ["BuildOptions"]


@dataclass
class BuildOptions:
    cache_dir: Path
    themes_dir: Path = THEMES_DIR
    site_url: str = ""
    mode: str = "publish"    # conformance strictness: preview | publish | check | rendre
    anonymous: bool = False  # candidates by number only (anonymity.py)
    workers: int | None = None   # processes at once for images and PDFs (None: every core)
    pdf: PdfOptions = TAGGED   # a tagged PDF/UA; pdf.options.HANDIN for rendre (PDF/A)
    today: dt.date | None = None   # the day the conformance judges on (None: today's date);
    #                               rendre gives its hand-in clock's day (cli/handin.py _now)

    @property
    def print_css(self) -> list[Path]:
        return [self.themes_dir / "print" / "print.css",
                self.themes_dir / "common" / "couts.css"]

    @property
    def print_theme(self) -> list[Path]:
        """Every file of the theme that can shape a PDF (CSS, templates): part of its key."""
        return sorted(p for folder in ("print", "common")
                      for p in (self.themes_dir / folder).rglob("*") if p.is_file())
