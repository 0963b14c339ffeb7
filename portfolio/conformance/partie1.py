"""Part 1 as declared in dossier.yml + the voie's rules -> pieces found, durations, French problems.

Scolaire, apprentissage, formation continue: stage reports with their bilans and the
attestations de stage (12 weeks for the voie scolaire, counted as attestations count them:
working days Monday to Friday). Perfectionnement, expérience: an activity report and certificats
de travail (6 months full time in the year before the exam, or one year part time in the two
years before), in the jewellery sector. Every page of a PDF piece is at most A3 in area.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..dossier.model import Dossier, Period, slugify
from ..dossier.paths import resolve_ref
from ..pdf.output.annexes import page_sizes_mm
from ..rules import Part1Rules, Part1Words, Rules, Session
from ..util.errors import DossierError, Problem
from . import durations as d
from .periods import AFTER, PieceStatus, planned_names, spans, stage_days, when

__all__ = ["Finding", "PieceStatus", "Placements", "assess_part1", "reference_text",
           "sector_problem"]

E1 = ("Sans ces pièces, la partie de l'épreuve E1 évaluant la formation en milieu "
      "professionnel ne pourra pas être validée.")
# key in dossier.yml -> (French label, "non déclaré(e)" agreed with it); the attestation's
# label comes from the voie's words (Part1Words).
STAGE_PIECES = {"attestation": ("", "non déclarée"),
                "rapport": ("rapport de stage", "non déclaré"),
                "bilan": ("bilan de formation en milieu professionnel", "non déclaré")}
CERTIFICATE_PIECES = {"fichier": ("certificat de travail", "non déclaré")}
ISO_A = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420)}


@dataclass(frozen=True)
class Finding:
    """A problem and its kind (a key of the ``conformite`` table, or None: always a warning)."""

    kind: str | None
    problem: Problem


@dataclass
class Placements:
    """Summary of part 1: what was declared, what was found, the durations against the rules."""

    pieces: str                                  # "stages" | "certificats"
    declared: bool
    words: Part1Words = field(default_factory=Part1Words)
    periods: list[PieceStatus] = field(default_factory=list)
    report: bool | None = None                   # activity report found (certificats only)
    days: int = 0                                # stages: working days counted
    done_days: int = 0                           # stages: of which in periods already over
    min_days: int | None = None                  # stages: working days required
    reference: str = ""                          # certificats: "l'examen du ..." (French)
    full_time: int | None = None                 # days full time in its window
    part_time: int | None = None                 # days full or part time in its window
    # certificats: (what, months required, window in months, window's first and last day)
    windows: list[tuple[str, int, int, d.Span]] = field(default_factory=list)
    duration_ok: bool | None = None
    findings: list[Finding] = field(default_factory=list)
    # The regulation's activities and the stage reports written in the tool that mention them
    # (conformance/reports.py); empty without such reports.
    coverage: list = field(default_factory=list)


def reference_text(session: Session) -> str:
    """The date durations are measured against, named as what it is (exam or hand-in)."""
    if session.examen is not None:
        return f"l'examen du {d.french_date(session.examen)}"
    return (f"la date de remise du {d.french_date(session.remise)} (date de l'examen non "
            "renseignée dans sessions.yml : on compte jusqu'à la remise)")


def _error(placements: Placements, message: str, dossier: Dossier, line: int | None,
           hint: str = "", kind: str | None = "partie1") -> None:
    placements.findings.append(Finding(kind, Problem(message, dossier.yml, line, hint)))


def _format_name(width: float, height: float) -> str:
    short, long = sorted((width, height))
    for name, (w, h) in ISO_A.items():
        if abs(short - w) <= 3 and abs(long - h) <= 3:
            return f" ({name})"
    return ""


def _page_problems(path: Path, label: str, rules: Rules) -> list[Problem]:
    """Every page of the PDF piece at ``path`` larger than A3 in area, named by its number."""
    if path.suffix.lower() != ".pdf":
        return []
    try:
        sizes = page_sizes_mm(path)
    except DossierError:
        return []        # unreadable: counted as nothing; the hand-in copy shows it
    limit = rules.max_area_mm2 + rules.tolerance_mm2
    return [Problem(f"{label}, page {number} au format {w:g} x {h:g} mm{_format_name(w, h)} : "
                    "plus grande que le format A3 autorisé (297 x 420 mm, ou la même surface).",
                    path, hint="Imprimez-la réduite au format A3 (« ajuster à la page ») ou "
                    "découpez-la en pages A3, puis numérisez-la de nouveau.")
            for number, (w, h) in enumerate(sizes, start=1) if w * h > limit]


def _declared(dossier: Dossier) -> list[str]:
    """Every file declared in ``partie1:`` (the pieces of every period and the report)."""
    part1 = dossier.partie1
    periods = (*part1.stages, *part1.certificates) if part1 else ()
    return [ref for p in periods for ref in p.pieces.values()] + (
        [part1.report] if part1 and part1.report else [])


def _piece(dossier: Dossier, ref: str, line: int | None, label: str, rules: Rules
           ) -> list[Problem]:
    """Problems of one declared piece: not found (never suggesting a file another piece
    declares: another placement's attestation), or pages larger than A3."""
    taken = [dossier.root / other for other in _declared(dossier) if other != ref]
    try:
        path = resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml, line=line,
                           what=label, taken=taken)
    except DossierError as exc:
        return [exc.problem]
    return _page_problems(path, label, rules)


def _words(sector: str) -> list[str]:
    return slugify(sector, "").split("-")


def _in_sector(sector: str, rules: Rules) -> bool:
    return any(word.startswith(rules.sectors) for word in _words(sector))


def sector_problem(sector: str, rules: Rules) -> tuple[str, str] | None:
    """None when ``sector`` belongs to the jewellery sector, else (what is wrong, what to do)."""
    if _in_sector(sector, rules):
        return None
    shared = [w for w in _words(sector) if w.startswith(rules.shared_trades)]
    if shared:
        return (f"le secteur « {sector} » ne dit pas qu'il relève de la bijouterie (ce métier "
                "se pratique aussi dans d'autres secteurs).",
                "Écrivez le secteur comme l'attestation le nomme, par exemple « polissage en "
                "bijouterie-joaillerie » ; hors de la bijouterie, cette période ne compte pas.")
    return (f"le secteur « {sector} » ne relève pas de la bijouterie.",
            "Seules comptent les activités du secteur de la bijouterie (bijouterie, joaillerie, "
            "orfèvrerie, sertissage, lapidairerie) ; cette période n'est pas comptée.")


def _period(dossier: Dossier, period: Period, rules: Rules, names: dict[str, tuple[str, str]],
            placements: Placements, hint: str, session: Session | None = None,
            today: dt.date | None = None) -> PieceStatus:
    words = placements.words
    who = (f"{words.period} chez « {period.company or '?'} »" if period.kind == "stage"
           else f"emploi chez « {period.company or '?'} »")
    status = PieceStatus(period, None, state=when(period, session, today or dt.date.today()))
    line = period.key_lines.get
    if status.state == AFTER:
        placements.findings.append(Finding(None, Problem(
            f"{who} : se termine le {d.french_date(period.end)}, après la date de remise du "
            f"dossier ({d.french_date(session.remise)}) : cette période n'est pas comptée.",
            dossier.yml, line("fin", period.line), "Son attestation ne pourra pas être jointe "
            "au dossier rendu ; elle ne compte pas dans la durée exigée.")))
    if period.weeks is not None:
        status.days, status.stated = period.weeks * d.WORKDAYS_PER_WEEK, True
    if period.start is None or period.end is None:
        refused = {line("debut"), line("fin")} - {None}      # dates refused at load
        status.dates_refused = any(p.path == dossier.yml and p.line in refused
                                   for p in dossier.errors)
        if not status.stated and not status.dates_refused:
            _error(placements, f"{who} : dates de début et de fin à indiquer (« debut » et "
                   "« fin »).", dossier, period.line,
                   "Exemple : « debut: 2026-01-05 » et « fin: 2026-02-13 ».")
    elif period.end < period.start:
        _error(placements, f"{who} : la fin ({d.french_date(period.end)}) est avant le début "
               f"({d.french_date(period.start)}).", dossier, line("fin", period.line),
               "Vérifiez les dates (année comprise).")
    elif not status.stated:
        span = [(period.start, period.end)]
        status.days = d.workdays(span) if period.kind == "stage" else d.days(span)
    if not period.sector:
        status.in_sector = False
        _error(placements, f"{who} : secteur d'activité non indiqué (clé « secteur »).",
               dossier, period.line, "Exemple : « secteur: bijouterie-joaillerie ».")
    elif (wrong := sector_problem(period.sector, rules)) is not None:
        status.in_sector = False
        _error(placements, f"{who} : {wrong[0]}", dossier, line("secteur", period.line),
               wrong[1])
    for key, (label, undeclared) in names.items():
        label = label or words.attestation
        ref = period.pieces.get(key)
        if ref is None:
            status.pieces[label] = False
            _error(placements, f"{who} : {label} {undeclared} (clé « {key} »).", dossier,
                   period.line, f"Ajoutez « {key}: partie1/mon-fichier.pdf ». {hint}".strip())
            continue
        problems = _piece(dossier, ref, line(key), label, rules)
        status.pieces[label] = not problems
        placements.findings += [Finding("partie1", p) for p in problems]
    return status


def _stages(dossier: Dossier, part1: Part1Rules, rules: Rules, placements: Placements,
            session: Session | None, today: dt.date, hand_in: bool) -> None:
    words = placements.words
    if not dossier.partie1.stages:
        _error(placements, f"« partie1: » ne déclare pas de {words.periods} (clé « stages »).",
               dossier, dossier.partie1.line, E1)
    placements.periods = [_period(dossier, p, rules, STAGE_PIECES, placements, E1, session,
                                  today) for p in dossier.partie1.stages]
    placements.done_days = stage_days(placements.periods, planned=False)
    placements.days = (placements.done_days if hand_in
                       else stage_days(placements.periods, planned=True))
    if part1.min_weeks is None or not dossier.partie1.stages or any(
            s.dates_refused for s in placements.periods):
        return                  # no minimum, or a date to correct first (already an error)
    placements.min_days = part1.min_weeks * d.WORKDAYS_PER_WEEK
    placements.duration_ok = placements.days >= placements.min_days
    planned = planned_names(placements.periods)
    if placements.duration_ok and placements.done_days < placements.min_days:
        placements.findings.append(Finding("prevu", Problem(
            f"{part1.min_weeks} semaines atteintes seulement avec {words.periods} prévu(s), pas "
            f"encore terminé(s) : {planned} ; à ce jour, "
            f"{d.format_workdays(placements.done_days)} terminées.", dossier.yml,
            dossier.partie1.line, "Une période compte pour la remise une fois terminée, son "
            "attestation jointe ; rendez le dossier après sa fin.")))
    if not placements.duration_ok:
        missing = placements.min_days - placements.days
        not_yet = (f" ({words.periods} prévu(s), pas encore terminé(s), non compté(s) pour la "
                   f"remise : {planned})" if hand_in and planned else "")
        _error(placements, "formation en milieu professionnel trop courte : "
               f"{d.format_workdays(placements.days)} pour les "
               f"{part1.min_weeks} semaines exigées : il manque {d.format_workdays(missing)}"
               f"{not_yet}.",
               dossier, dossier.partie1.line,
               "Les semaines sont comptées comme sur les attestations : les jours du lundi au "
               "vendredi de chaque stage, jours fériés compris, 5 par semaine (ou la durée "
               "écrite sur l'attestation : « semaines: 6 »). La partie de l'épreuve E1 "
               "évaluant la formation en milieu professionnel ne pourra pas être validée.")


def _certificates(dossier: Dossier, part1: Part1Rules, rules: Rules,
                  session: Session | None, placements: Placements, today: dt.date,
                  hand_in: bool) -> None:
    declared = dossier.partie1
    if part1.report:
        if declared.report is None:
            placements.report = False
            _error(placements, "rapport sur l'activité professionnelle non déclaré (clé "
                   "« rapport » de « partie1: »).", dossier, declared.line,
                   "Il relate la structure de l'atelier et son domaine d'intervention, votre "
                   "autonomie, le contact avec la clientèle et les aspects économiques.")
        else:
            problems = _piece(dossier, declared.report, declared.report_line,
                              "rapport d'activité professionnelle", rules)
            placements.report = not problems
            placements.findings += [Finding("partie1", p) for p in problems]
    if not declared.certificates:
        _error(placements, "aucun certificat de travail déclaré dans « partie1: » (clé "
               "« certificats »).", dossier, declared.line,
               "Les certificats de travail remplacent les attestations de stage.")
    placements.periods = [_period(dossier, p, rules, CERTIFICATE_PIECES, placements, "",
                                  session, today) for p in declared.certificates]
    if not declared.certificates:
        return
    if session is None:
        _error(placements, f"durée d'activité non vérifiable : la session {dossier.session} "
               "n'a pas de date de remise.", dossier, None,
               "L'enseignant la déclare dans sessions.yml, à côté de mkdocs.yml.")
        return
    placements.reference = reference_text(session)
    checks, done_ok = [], False
    for span, what, full_only in ((part1.full_time, "à temps plein", True),
                                  (part1.part_time, "à temps plein ou partiel", False)):
        if span is None:
            checks.append(None)
            continue
        low, high = d.window(session.reference, span[1])
        limits = (low, min(high, session.remise))     # nothing after the hand-in date counts
        wanted = span[0] * d.DAYS_PER_MONTH
        worked = d.days(d.clip(spans(placements.periods, full_only, not hand_in), limits))
        done_ok |= d.days(d.clip(spans(placements.periods, full_only, False), limits)) >= wanted
        placements.windows.append((what, span[0], span[1], limits))
        checks.append((worked, wanted, what, limits))
    placements.full_time = checks[0][0] if checks[0] else None
    placements.part_time = checks[1][0] if checks[1] else None
    placements.duration_ok = any(c and c[0] >= c[1] for c in checks)
    if placements.duration_ok and not done_ok:
        placements.findings.append(Finding("prevu", Problem(
            "durée d'activité atteinte seulement avec des certificats prévus, pas encore "
            f"terminés : {planned_names(placements.periods)}.", dossier.yml, declared.line,
            "Un certificat compte pour la remise une fois la période finie et le certificat "
            "joint ; rendez le dossier après sa fin.")))
    if placements.duration_ok:
        return
    texts = [f"{d.format_calendar_days(worked)} {what} du {d.french_date(low)} au "
             f"{d.french_date(high)} pour {wanted // d.DAYS_PER_MONTH} mois ({wanted} jours) "
             f"exigés, il manque {d.plural(wanted - worked, 'jour')}"
             for worked, wanted, what, (low, high) in filter(None, checks)]
    _error(placements, "durée d'activité dans la bijouterie insuffisante : "
           + " ; ou ".join(texts) + ".", dossier, declared.line,
           f"Comptés avant {placements.reference}, premier et dernier jour de chaque certificat "
           "compris, 30 jours par mois. Joignez les certificats de travail qui couvrent cette "
           "durée.")


def assess_part1(dossier: Dossier, part1: Part1Rules, rules: Rules,
                 session: Session | None, today: dt.date | None = None,
                 hand_in: bool = False) -> Placements:
    """Check the part 1 pieces and durations of ``dossier`` against ``part1``, on ``today``;
    periods not over yet count except for the hand-in (``hand_in``)."""
    today = today or dt.date.today()
    placements = Placements(part1.pieces, dossier.partie1 is not None, part1.words)
    if dossier.partie1 is None:
        attestations = part1.words.attestation.replace("attestation", "attestations", 1)
        wanted = (f"rapports de stage, bilans et {attestations}"
                  if part1.pieces == "stages"
                  else "rapport d'activité professionnelle et certificats de travail")
        _error(placements, f"pièces de la 1re partie non déclarées : {wanted}.", dossier, None,
               "Déclarez-les dans un bloc « partie1: » de dossier.yml (voir le modèle de "
               "« build.py nouveau »). " + (E1 if part1.pieces == "stages" else ""),
               kind="partie1-absente")
        return placements
    other = (dossier.partie1.certificates if part1.pieces == "stages"
             else dossier.partie1.stages)
    if other:
        wrong, wanted = (("certificats", placements.words.periods) if part1.pieces == "stages"
                         else ("stages", "certificats de travail"))
        _error(placements, f"« {wrong} » ignorés : cette voie demande des {wanted}.", dossier,
               dossier.partie1.line, kind=None)
    if part1.pieces == "stages":
        _stages(dossier, part1, rules, placements, session, today, hand_in)
    else:
        _certificates(dossier, part1, rules, session, placements, today, hand_in)
    return placements

