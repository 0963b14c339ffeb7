"""A loaded Dossier + the regulation's rules + a mode -> Conformance (errors, warnings, details).

Pure: no MkDocs, no rendering, no writing. Which problems are errors (refused) and which are
warnings depends on the mode and on the ``conformite`` table of rules/voies.yml; the warnings
that the hand-in (``rendre``) would refuse are also listed as ``pending`` ("à compléter").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..dossier.model import Dossier
from ..dossier.sessions import project_of, sessions_for, sessions_hint
from ..rules import MODES, Rules, Session, load_rules
from ..util.errors import Problem
from . import durations as d
from .bilans import contract_findings
from .contents import ContentStatus, assess_contents
from .partie1 import Finding, Placements, assess_part1
from .reports import assess_reports
from .sources import unsourced_prices

__all__ = ["Conformance", "Deadline", "assess"]


@dataclass(frozen=True)
class Deadline:
    """The session's hand-in date (set by the recteur) and exam date, seen from ``today``."""

    session: str
    remise: dt.date | None
    today: dt.date
    examen: dt.date | None = None

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
    pending: list[Problem] = field(default_factory=list)   # warnings now, errors at rendre
    findings: list[Finding] = field(default_factory=list)  # every problem with its kind
    slug: str = ""
    yml: Path | None = None
    summary: list[Problem] = field(default_factory=list)   # what a build prints (short)
    late: Problem | None = None                            # the hand-in date has passed

    def accept_late(self) -> None:
        """The teacher accepted a late hand-in (``rendre --hors-delai``): the passed date is
        no longer a reason to refuse it."""
        if self.late in self.errors:
            self.errors.remove(self.late)
            self.warnings.append(self.late)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def missing(self) -> list[ContentStatus]:
        return [c for c in self.contents if not c.present]

    def build_warnings(self, deadline: list[Problem]) -> list[Problem]:
        """What a build prints: one line that sums the warnings of the regulation up (by kind),
        plus ``deadline``'s."""
        kinds = [f.kind for f in self.findings if f.kind and f.problem in self.warnings]
        parts = []
        if kinds.count("contenus"):
            n = kinds.count("contenus")
            parts.append(f"{n} contenu{'s' if n > 1 else ''} obligatoire{'s' if n > 1 else ''} "
                         f"manquant{'s' if n > 1 else ''} ou incomplet{'s' if n > 1 else ''}")
        if "partie1-absente" in kinds:
            parts.append("pièces de la 1re partie non déclarées")
        elif "partie1" in kinds or "rapports" in kinds:
            parts.append("1re partie incomplète")
        if kinds.count("sources"):
            parts.append(d.plural(kinds.count("sources"), "prix sans source", "prix sans source"))
        result = []
        if parts:
            result.append(Problem("dossier pas encore conforme au règlement : "
                                  + ", ".join(parts) + ".", self.yml,
                                  hint=f"Détail : python3 build.py controler {self.slug}"))
        return result + [p for p in deadline if p in self.warnings]


def _deadline(dossier: Dossier, sessions: dict[str, Session], today: dt.date
              ) -> tuple[Deadline, list[Finding]]:
    session = sessions.get(dossier.session)
    deadline = Deadline(dossier.session, session.remise if session else None, today,
                        session.examen if session else None)
    findings = []
    if session is None:
        findings.append(Finding("echeance", Problem(
            f"session {dossier.session} inconnue : aucune date de remise n'est déclarée pour "
            "elle, le dossier ne peut pas être rendu.", dossier.yml,
            hint=sessions_hint(project_of(dossier.root), sessions))))
    elif deadline.passed:
        late = -deadline.days_left
        findings.append(Finding("echeance", Problem(
            f"date de remise dépassée : le dossier devait être remis le "
            f"{d.french_date(session.remise)} (il y a {d.plural(late, 'jour')}).",
            dossier.yml, hint="Le recteur fixe cette date : seul l'enseignant peut accepter un "
            f"rendu hors délai, avec sa raison (python3 build.py rendre {dossier.slug} "
            "--hors-delai \"raison\").")))
    return deadline, findings


def _today() -> dt.date:
    """The day a dossier is judged on when no command gives one (``rendre`` gives its own
    hand-in clock's day: ``BuildOptions.today``)."""
    return dt.date.today()


def assess(dossier: Dossier, mode: str = "publish", today: dt.date | None = None,
           rules: Rules | None = None, sessions: dict[str, Session] | None = None
           ) -> Conformance:
    """Judge ``dossier`` against the regulation, in ``mode`` (preview, publish, check, rendre),
    with the ``sessions`` of its project (by default its project's sessions.yml)."""
    if mode not in MODES:
        raise ValueError(f"unknown conformance mode {mode!r} (one of {MODES})")
    rules = rules or load_rules()
    voie = rules.voies[dossier.voie]
    today = today or _today()
    contents = assess_contents(dossier, voie.contents)
    sessions = sessions_for(dossier.root) if sessions is None else sessions
    deadline, findings = _deadline(dossier, sessions, today)
    late = [f.problem for f in findings]
    findings += [Finding("contenus", c.problem) for c in contents if c.problem]
    placements = None
    if voie.partie1 is not None:
        placements = assess_part1(dossier, voie.partie1, rules, sessions.get(dossier.session),
                                  today, hand_in=mode == "rendre")
        findings += placements.findings
        reports, placements.coverage = assess_reports(dossier, placements.words.period)
        findings += reports + contract_findings(dossier, placements.words.period)
    findings += [Finding("sources", p) for p in unsourced_prices(dossier)]
    result = Conformance(mode, contents, placements, deadline, findings=findings,
                         slug=dossier.slug, yml=dossier.yml,
                         late=late[0] if late and deadline.passed else None)
    levels, at_hand_in = rules.severity[mode], rules.severity["rendre"]
    for finding in findings:
        if finding.kind is not None and levels[finding.kind] == "erreur":
            result.errors.append(finding.problem)
            continue
        result.warnings.append(finding.problem)
        if finding.kind is not None and at_hand_in[finding.kind] == "erreur":
            result.pending.append(finding.problem)
    result.summary = result.build_warnings(late)
    return result
