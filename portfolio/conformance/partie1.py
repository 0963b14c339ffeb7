"""Part 1 as declared in dossier.yml + the voie's rules -> pieces found, durations, French problems.

Scolaire, apprentissage, formation continue: stage reports with their bilans and the
attestations de stage (12 weeks for the voie scolaire). Perfectionnement, expérience: an
activity report and certificats de travail (6 months full time in the year before the exam, or
one year part time in the two years before), in the jewellery sector.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import DossierError, Problem
from ..model import Dossier, Period, slugify
from ..paths import resolve_ref
from ..rules import Part1Rules, Rules
from . import durations as d

__all__ = ["Finding", "PieceStatus", "Placements", "assess_part1"]

E1 = ("Sans ces pièces, la partie de l'épreuve E1 évaluant la formation en milieu "
      "professionnel ne pourra pas être validée.")
# key in dossier.yml -> (French label, "non déclaré(e)" agreed with it)
STAGE_PIECES = {"attestation": ("attestation de stage", "non déclarée"),
                "rapport": ("rapport de stage", "non déclaré"),
                "bilan": ("bilan de formation en milieu professionnel", "non déclaré")}
CERTIFICATE_PIECES = {"fichier": ("certificat de travail", "non déclaré")}


@dataclass(frozen=True)
class Finding:
    """A problem and its kind (``partie1``, ``partie1-absente``, or None: always a warning)."""

    kind: str | None
    problem: Problem


@dataclass
class PieceStatus:
    period: Period
    days: int | None                             # None when the dates are missing or reversed
    pieces: dict[str, bool] = field(default_factory=dict)   # piece label -> file found


@dataclass
class Placements:
    """Summary of part 1: what was declared, what was found, the durations against the rules."""

    pieces: str                                  # "stages" | "certificats"
    declared: bool
    periods: list[PieceStatus] = field(default_factory=list)
    report: bool | None = None                   # activity report found (certificats only)
    days: int = 0                                # stages: days counted
    min_days: int | None = None
    reference: dt.date | None = None             # the exam, for certificats' windows
    full_time: tuple[int, int] | None = None     # (months, days) full time in its window
    part_time: tuple[int, int] | None = None     # (months, days) in the part-time window
    duration_ok: bool | None = None
    findings: list[Finding] = field(default_factory=list)


def _error(placements: Placements, message: str, dossier: Dossier, line: int | None,
           hint: str = "", kind: str | None = "partie1") -> None:
    placements.findings.append(Finding(kind, Problem(message, dossier.yml, line, hint)))


def _piece(dossier: Dossier, ref: str, line: int | None, label: str) -> Problem | None:
    try:
        resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml, line=line, what=label)
    except DossierError as exc:
        return exc.problem
    return None


def _in_sector(sector: str, rules: Rules) -> bool:
    slug = slugify(sector, "")
    return any(stem in slug for stem in rules.sectors)


def _period(dossier: Dossier, period: Period, rules: Rules, names: dict[str, tuple[str, str]],
            placements: Placements, hint: str) -> PieceStatus:
    who = f"{'stage chez' if period.kind == 'stage' else 'emploi chez'} " \
          f"« {period.company or '?'} »"
    status = PieceStatus(period, None)
    line = period.key_lines.get
    if period.start is None or period.end is None:
        _error(placements, f"{who} : dates de début et de fin à indiquer (« debut » et « fin »).",
               dossier, period.line, "Exemple : « debut: 2026-01-05 » et « fin: 2026-02-13 ».")
    elif period.end < period.start:
        _error(placements, f"{who} : la fin ({d.french_date(period.end)}) est avant le début "
               f"({d.french_date(period.start)}).", dossier, line("fin", period.line),
               "Vérifiez les dates (année comprise).")
    else:
        status.days = d.days([(period.start, period.end)])
    if not period.sector:
        _error(placements, f"{who} : secteur d'activité non indiqué (clé « secteur »).",
               dossier, period.line, "Exemple : « secteur: bijouterie-joaillerie ».")
    elif not _in_sector(period.sector, rules):
        _error(placements, f"{who} : le secteur « {period.sector} » ne relève pas de la "
               "bijouterie.", dossier, line("secteur", period.line),
               "Seules les activités du secteur de la bijouterie (bijouterie, joaillerie, "
               "sertissage, polissage) comptent.")
    for key, (label, undeclared) in names.items():
        ref = period.pieces.get(key)
        if ref is None:
            status.pieces[label] = False
            _error(placements, f"{who} : {label} {undeclared} (clé « {key} »).", dossier,
                   period.line, f"Ajoutez « {key}: partie1/mon-fichier.pdf ». {hint}".strip())
            continue
        problem = _piece(dossier, ref, line(key), label)
        status.pieces[label] = problem is None
        if problem is not None:
            placements.findings.append(Finding("partie1", problem))
    return status


def _spans(statuses: list[PieceStatus], rules: Rules, full_time_only: bool = False
           ) -> list[d.Span]:
    return [(s.period.start, s.period.end) for s in statuses
            if s.days is not None and _in_sector(s.period.sector, rules)
            and (not full_time_only or s.period.time == "plein")]


def _stages(dossier: Dossier, part1: Part1Rules, rules: Rules, placements: Placements) -> None:
    if not dossier.partie1.stages:
        _error(placements, "aucun stage déclaré dans « partie1: » (clé « stages »).", dossier,
               dossier.partie1.line, E1)
    placements.periods = [_period(dossier, p, rules, STAGE_PIECES, placements, E1)
                          for p in dossier.partie1.stages]
    placements.days = d.days(_spans(placements.periods, rules))
    placements.min_days = part1.min_days
    if part1.min_days is not None and dossier.partie1.stages:
        placements.duration_ok = placements.days >= part1.min_days
        if not placements.duration_ok:
            _error(placements, "formation en milieu professionnel trop courte : "
                   f"{d.format_days(placements.days)} déclarés pour "
                   f"{d.format_days(part1.min_days)} exigés.", dossier, dossier.partie1.line,
                   "Le premier et le dernier jour de chaque stage comptent. La partie de "
                   "l'épreuve E1 évaluant la formation en milieu professionnel ne pourra pas "
                   "être validée.")


def _certificates(dossier: Dossier, part1: Part1Rules, rules: Rules,
                  reference: dt.date | None, placements: Placements) -> None:
    declared = dossier.partie1
    if part1.report:
        if declared.report is None:
            placements.report = False
            _error(placements, "rapport sur l'activité professionnelle non déclaré (clé "
                   "« rapport » de « partie1: »).", dossier, declared.line,
                   "Il relate la structure de l'atelier et son domaine d'intervention, votre "
                   "autonomie, le contact avec la clientèle et les aspects économiques.")
        else:
            problem = _piece(dossier, declared.report, declared.report_line,
                             "rapport d'activité professionnelle")
            placements.report = problem is None
            if problem is not None:
                placements.findings.append(Finding("partie1", problem))
    if not declared.certificates:
        _error(placements, "aucun certificat de travail déclaré dans « partie1: » (clé "
               "« certificats »).", dossier, declared.line,
               "Les certificats de travail remplacent les attestations de stage.")
    placements.periods = [_period(dossier, p, rules, CERTIFICATE_PIECES, placements, "")
                          for p in declared.certificates]
    placements.reference = reference
    if not declared.certificates:
        return
    if reference is None:
        _error(placements, f"durée d'activité non vérifiable : la session {dossier.session} "
               "n'a pas de date dans les règles.", dossier, None,
               "Ajoutez la session et sa date de remise dans portfolio/rules/voies.yml.")
        return
    checks = []
    for span, full_only in ((part1.full_time, True), (part1.part_time, False)):
        if span is None:
            checks.append(None)
            continue
        limits = d.window(reference, span[1])
        worked = d.months(d.clip(_spans(placements.periods, rules, full_only), limits))
        checks.append((worked, span, limits))
    placements.full_time = checks[0][0] if checks[0] else None
    placements.part_time = checks[1][0] if checks[1] else None
    placements.duration_ok = any(c and c[0] >= (c[1][0], 0) for c in checks)
    if not placements.duration_ok:
        texts = []
        for check, what in zip(checks, ("à temps plein", "à temps plein ou partiel"), strict=True):
            if check:
                worked, (wanted, _), (low, high) = check
                texts.append(f"{d.format_months(worked)} {what} du {d.french_date(low)} au "
                             f"{d.french_date(high)} ({wanted} mois exigés)")
        _error(placements, "durée d'activité dans la bijouterie insuffisante : "
               + " ; ou ".join(texts) + ".", dossier, declared.line,
               f"Comptés avant l'examen du {d.french_date(reference)}, premier et dernier "
               "jour compris. Joignez les certificats de travail qui couvrent cette durée.")


def assess_part1(dossier: Dossier, part1: Part1Rules, rules: Rules,
                 reference: dt.date | None) -> Placements:
    """Check the part 1 pieces and durations of ``dossier`` against ``part1``."""
    placements = Placements(part1.pieces, dossier.partie1 is not None)
    if dossier.partie1 is None:
        wanted = ("rapports de stage, bilans et attestations de stage" if part1.pieces == "stages"
                  else "rapport d'activité professionnelle et certificats de travail")
        _error(placements, f"pièces de la 1re partie non déclarées : {wanted}.", dossier, None,
               "Déclarez-les dans un bloc « partie1: » de dossier.yml (voir le modèle de "
               "« build.py new »). " + (E1 if part1.pieces == "stages" else ""),
               kind="partie1-absente")
        return placements
    other = (dossier.partie1.certificates if part1.pieces == "stages"
             else dossier.partie1.stages)
    if other:
        wrong = "certificats" if part1.pieces == "stages" else "stages"
        _error(placements, f"« {wrong} » ignorés : cette voie demande des "
               f"{'stages' if part1.pieces == 'stages' else 'certificats de travail'}.",
               dossier, dossier.partie1.line, kind=None)
    if part1.pieces == "stages":
        _stages(dossier, part1, rules, placements)
    else:
        _certificates(dossier, part1, rules, reference, placements)
    return placements
