"""What a dossier's build gives back: the dossier, its PDF, pages counted, verdict, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..conformance.assess import Conformance
from ..conformance.budget import Verdict
from ..dossier.model import Dossier
from ..pdf.output.count import PageCount
from ..util.errors import DossierError, Problem

__all__ = ["DossierBuild"]


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
