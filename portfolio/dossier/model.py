"""The dossier as plain data: Candidate, Section, Part1, Dossier (no I/O, no rendering)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..util.errors import Problem
from ..util.text import ascii_fold

__all__ = ["Candidate", "Dossier", "Part1", "Period", "Section", "slugify"]


def slugify(text: str, fallback: str = "x") -> str:
    """ASCII, lower case, dash separated: ``"Léa Moreau"`` -> ``"lea-moreau"``."""
    text = re.sub(r"[^A-Za-z0-9]+", "-", ascii_fold(text)).strip("-").lower()
    return text[:80].strip("-") or fallback


@dataclass(frozen=True)
class Candidate:
    first_name: str     # dossier.yml's candidat.prenom, nom, numero, etablissement
    last_name: str
    number: str
    school: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Section:
    """One Markdown file of the main part or of the annexes."""

    path: Path
    slug: str
    title: str
    role: str                # the first role declared (``role: x`` or ``role: [x, y]``)
    body: str                # Markdown, front matter removed
    body_line: int = 1       # line of ``path`` where ``body`` starts (for messages)
    annex: bool = False
    roles: tuple[str, ...] = ()   # every role declared; ``(role,)`` when not given
    # Starts a new printed page: front matter ``saut_de_page: oui/non``; None when not said
    # (main sections start a page, annexes follow one another).
    page_break: bool | None = None
    part1: bool = False      # a report or bilan of part 1 written in the tool (partie1/*.md)

    def __post_init__(self) -> None:
        if not self.roles:
            self.roles = (self.role,)

    @property
    def part(self) -> str:
        """The part of the dossier it belongs to, as the page count names it."""
        return "partie1" if self.part1 else ("annexes" if self.annex else "principal")

    @property
    def web(self) -> bool:
        """Shown on the jury's site as a page: part 2, its annexes, part 1's pieces written
        here (not part 1's scans: attestations and signed bilans bear names and signatures)."""
        return not self.part1 or self.path.suffix.lower() == ".md"

    @property
    def anchor(self) -> str:
        """Id of the section's first element in the print document (anchor for page counting)."""
        if self.part1:
            return "partie1-" + self.slug
        return ("annexe-" if self.annex else "section-") + self.slug


@dataclass(frozen=True)
class Period:
    """A work placement (``stage``) or a job (``certificat`` de travail) declared for part 1.

    ``pieces`` maps a piece (attestation, rapport, bilan / fichier) to the path written in
    dossier.yml, unresolved: the conformance check resolves it and reports what is missing.
    """

    kind: str                          # "stage" | "certificat"
    company: str                       # entreprise / employeur
    sector: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    time: str = "plein"                # plein | partiel
    quota: int | None = None           # quotité of a part-time job, in %
    weeks: int | None = None           # length stated by the attestation (``semaines``)
    tutor: str = ""                    # the tutor's name (``tuteur``): kept out of anonymous
    #                                    publications' texts, like the candidate's
    pieces: dict[str, str] = field(default_factory=dict)
    line: int | None = None            # line of the item in dossier.yml
    key_lines: dict[str, int] = field(default_factory=dict)   # key -> line in dossier.yml


@dataclass(frozen=True)
class Part1:
    """Part 1 of the dossier as declared under ``partie1:`` in dossier.yml."""

    report: str | None = None          # activity report (perfectionnement, expérience)
    report_line: int | None = None
    stages: tuple[Period, ...] = ()
    certificates: tuple[Period, ...] = ()
    line: int | None = None


@dataclass
class Dossier:
    """A candidate's validated dossier: metadata from ``dossier.yml`` plus ordered sections."""

    root: Path
    slug: str
    candidate: Candidate
    option: str
    voie: str
    session: str
    title: str
    theme: str
    cover: Path | None
    draft: bool
    page_format: str
    page_size_mm: tuple[float, float]
    sections: list[Section] = field(default_factory=list)
    annexes: list[Section] = field(default_factory=list)
    annex_pdfs: list[Path] = field(default_factory=list)   # annexes/*.pdf, appended as pages
    warnings: list[Problem] = field(default_factory=list)
    # Input mistakes that refuse the dossier without stopping its load (an impossible date in
    # ``partie1:``): reported with every other problem of the dossier, at once.
    errors: list[Problem] = field(default_factory=list)
    anonymous: bool = False          # candidate shown by number only (jury)
    partie1: Part1 | None = None       # None: no ``partie1:`` block in dossier.yml
    # Part 1's reports and bilans written in Markdown (``rapport: partie1/x.md``), in the order
    # dossier.yml declares them; not in all_sections(): they are part 1, not the project.
    part1_sections: list[Section] = field(default_factory=list)
    # An anonymous build's names to mask in what is published (the candidate's, the tutors'):
    # anonymity.py fills it, the site and the print mask them (anonymity.mask_names).
    hidden_names: tuple[str, ...] = ()

    @property
    def yml(self) -> Path:
        return self.root / "dossier.yml"

    @property
    def pdf_name(self) -> str:
        return f"dossier-{self.slug}.pdf"

    def all_sections(self) -> list[Section]:
        return [*self.sections, *self.annexes]

    def web_sections(self) -> list[Section]:
        """Every section the jury's site shows as a page: part 2, its annexes, then part 1's
        pieces written in the tool (the print's order: figures are numbered across them)."""
        return [*self.all_sections(), *(s for s in self.part1_sections if s.web)]

    def site_uri(self, section: Section) -> str:
        """The source path of ``section``'s page on the site (part 1 under ``partie1/``)."""
        return f"{self.slug}/{'partie1/' if section.part1 else ''}{section.slug}.md"
