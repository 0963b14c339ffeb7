"""A loaded Dossier + the regulation's rules + a mode -> Conformance (errors, warnings, details).

Pure: no MkDocs, no rendering, no writing. Which problems are errors (refused) and which are
warnings depends on the mode and on the ``conformite`` table of rules/voies.yml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..model import Dossier
from ..rules import MODES, Rules, load_rules
from . import durations as d
from .contents import ContentStatus, assess_contents
from .partie1 import Finding, Placements, assess_part1

__all__ = ["Conformance", "Deadline", "assess"]


@dataclass(frozen=True)
class Deadline:
    """The session's hand-in date, set by the recteur, seen from ``today``."""

    session: str
    remise: dt.date | None
    today: dt.date

    @property
    def days_left(self) -> int | None:
        return None if self.remise is None else (self.remise - self.today).days

    @property
    def passed(self) -> bool:
        return self.remise is not None and self.today > self.remise


@dataclass
class Conformance:
    """The dossier against the regulation: required contents, part 1, deadline."""

    mode: str
    contents: list[ContentStatus]
    placements: Placements | None
    deadline: Deadline
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    slug: str = ""
    yml: Path | None = None
    summary: list[Problem] = field(default_factory=list)   # what a build prints (short)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def missing(self) -> list[ContentStatus]:
        return [c for c in self.contents if not c.present]

    def build_warnings(self, deadline: list[Problem]) -> list[Problem]:
        """What a build prints: one line that sums the warnings up, plus ``deadline``'s."""
        parts = []
        if self.missing:
            n = len(self.missing)
            parts.append(f"{n} contenu{'s' if n > 1 else ''} obligatoire{'s' if n > 1 else ''} "
                         f"manquant{'s' if n > 1 else ''} ou incomplet{'s' if n > 1 else ''}")
        if self.placements and not self.placements.declared:
            parts.append("pièces de la 1re partie non déclarées")
        elif self.placements and any(f.kind for f in self.placements.findings):
            parts.append("1re partie incomplète")
        result = []
        if parts and self.warnings:
            result.append(Problem("dossier pas encore conforme au règlement : "
                                  + ", ".join(parts) + ".", self.yml,
                                  hint=f"Détail : python3 build.py check {self.slug}"))
        return result + [p for p in deadline if p in self.warnings]


def _deadline(dossier: Dossier, rules: Rules, today: dt.date) -> tuple[Deadline, list[Finding]]:
    session = rules.sessions.get(dossier.session)
    deadline = Deadline(dossier.session, session.remise if session else None, today)
    findings = []
    if session is None:
        known = ", ".join(rules.sessions) or "aucune"
        findings.append(Finding("echeance", Problem(
            f"session {dossier.session} inconnue des règles : date de remise non définie.",
            dossier.yml, hint=f"Sessions connues : {known}. L'enseignant ajoute la date fixée "
            "par le recteur dans portfolio/rules/voies.yml (« sessions: »).")))
    elif deadline.passed:
        late = -deadline.days_left
        findings.append(Finding("echeance", Problem(
            f"date de remise dépassée : le dossier devait être remis le "
            f"{d.french_date(session.remise)} (il y a {late} jour{'s' if late > 1 else ''}).",
            dossier.yml, hint="Le recteur fixe cette date : voyez avec votre établissement.")))
    return deadline, findings


def assess(dossier: Dossier, mode: str = "publish", today: dt.date | None = None,
           rules: Rules | None = None) -> Conformance:
    """Judge ``dossier`` against the regulation, in ``mode`` (preview, publish, check, rendre)."""
    if mode not in MODES:
        raise ValueError(f"unknown conformance mode {mode!r} (one of {MODES})")
    rules = rules or load_rules()
    voie = rules.voies[dossier.voie]
    today = today or dt.date.today()
    contents = assess_contents(dossier, voie.contents)
    deadline, findings = _deadline(dossier, rules, today)
    late = [f.problem for f in findings]
    findings += [Finding("contenus", c.problem) for c in contents if c.problem]
    placements = None
    if voie.partie1 is not None:
        session = rules.sessions.get(dossier.session)
        placements = assess_part1(dossier, voie.partie1, rules,
                                  session.reference if session else None)
        findings += placements.findings
    result = Conformance(mode, contents, placements, deadline, slug=dossier.slug,
                         yml=dossier.yml)
    levels = rules.severity[mode]
    for finding in findings:
        if finding.kind is not None and levels[finding.kind] == "erreur":
            result.errors.append(finding.problem)
        else:
            result.warnings.append(finding.problem)
    result.summary = result.build_warnings(late)
    return result
