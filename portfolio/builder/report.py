"""A built dossier + its verdict -> the French lines of ``build.py check`` and the same as JSON.

The text and the JSON say the same things: one verdict (:mod:`.verdict`) with its reasons, then
the details (pages, contents, part 1, dates) that never carry a verdict of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..conformance import durations as d
from ..conformance.assess import Conformance
from ..conformance.budget import format_report
from ..conformance.partie1 import Placements
from ..conformance.periods import AFTER, PLANNED
from ..conformance.verdict import COMPLETE, REFUSED, Judgement, judge
from ..pdf.output.fill import fill_json, fill_lines
from ..util.errors import Problem, display_path

if TYPE_CHECKING:
    from .results import DossierBuild

__all__ = ["MODE_LABELS", "check_json", "check_lines", "conformance_json", "format_conformance",
           "judge_build", "problem_json"]

MODE_LABELS = {"preview": "aperçu", "publish": "publication", "check": "vérification",
               "rendre": "remise"}


def _mark(ok: bool | None) -> str:
    return "✓" if ok else "✗"


def _stage_summary(p: Placements) -> str:
    count = len(p.periods)
    text = (f"  1re partie ({p.words.part}) : "
            f"{d.plural(count, p.words.period, p.words.periods)}, {d.format_workdays(p.days)}")
    if p.min_days is None:
        return text
    weeks = p.min_days // d.WORKDAYS_PER_WEEK
    text += f" pour {weeks} semaines exigées {_mark(p.duration_ok)}"
    if not p.duration_ok:
        text += f" (il manque {d.format_workdays(p.min_days - p.days)})"
    return text


def _certificate_summary(p: Placements) -> list[str]:
    lines = [f"  1re partie (certificats de travail) : {d.plural(len(p.periods), 'certificat')}"
             + (f", rapport d'activité {_mark(p.report)}" if p.report is not None else "")]
    if p.windows:
        counted = [days for days in (p.full_time, p.part_time) if days is not None]
        parts = [f"{d.format_calendar_days(days)} {what} sur {window} mois ({wanted} exigés)"
                 for (what, wanted, window, _), days in zip(p.windows, counted, strict=True)]
        lines.append(f"    avant {p.reference} : {', '.join(parts)} {_mark(p.duration_ok)}")
    return lines


def _period_line(status, stages: bool) -> str:
    period = status.period
    dates = (f" du {d.french_date(period.start)} au {d.french_date(period.end)}"
             if period.start and period.end else "")
    if status.state == AFTER:
        length = "finit après la date de remise, non compté"
    elif not status.in_sector:
        length = "hors du secteur, non compté"
    elif status.days is None:
        length = "dates à vérifier, non compté"
    elif stages:
        length = d.format_workdays(status.days) + (" (durée de l'attestation)" if status.stated
                                                  else "")
    else:
        length = d.format_calendar_days(status.days) + f", temps {period.time}" + (
            f" {period.quota} %" if period.quota else "")
    if status.state == PLANNED and status.days is not None:
        length += " (prévu : pas encore terminé, ne compte pas pour la remise)"
    pieces = ", ".join(f"{label} {_mark(ok)}" for label, ok in status.pieces.items())
    return (f"    {period.company or '?'} ({period.sector or 'secteur ?'}){dates} : {length} ; "
            f"{pieces}")


def _placement_lines(p: Placements) -> list[str]:
    what = p.words.part if p.pieces == "stages" else "certificats de travail"
    if not p.declared:
        return [f"  1re partie ({what}) : non déclarée"]
    stages = p.pieces == "stages"
    lines = [_stage_summary(p)] if stages else _certificate_summary(p)
    return lines + [_period_line(status, stages) for status in p.periods] + _coverage_lines(p)


def _coverage_lines(p: Placements) -> list[str]:
    """The regulation's activities and the stage reports (written here) that mention them."""
    if not p.coverage:
        return []
    found = sum(bool(reports) for _, reports in p.coverage)
    lines = [f"    activités du règlement abordées dans les rapports de stage : {found} / "
             f"{len(p.coverage)} (« notamment » : un avertissement, pas un refus)"]
    for activity, reports in p.coverage:
        where = ", ".join(f"« {s.title} »" for s in reports)
        lines.append(f"      {_mark(bool(reports))} {activity.label}"
                     + (f" ({where})" if where else ""))
    return lines


def format_conformance(conf: Conformance) -> list[str]:
    """The details of the conformance (contents, part 1, dates) as French lines; no verdict."""
    present = sum(c.present for c in conf.contents)
    lines = [f"  contenus obligatoires : {present} / {len(conf.contents)}"]
    for status in conf.contents:
        where = ", ".join(f"« {s.title} »" for s in status.sections)
        detail = (f" ({where})" if status.present else
                  " : incomplet" + (f" ({where})" if where else "") if status.sections
                  else " : manquant")
        lines.append(f"    {_mark(status.present)} {status.label}{detail}")
    if conf.placements is not None:
        lines += _placement_lines(conf.placements)
    deadline = conf.deadline
    if deadline.remise is None:
        lines.append(f"  date de remise du dossier : inconnue pour la session {deadline.session}")
    else:
        left = deadline.days_left
        when = ("aujourd'hui" if left == 0 else f"dans {d.plural(left, 'jour')}" if left > 0
                else f"dépassée depuis {d.plural(-left, 'jour')}")
        lines.append(f"  date de remise du dossier (session {deadline.session}) : "
                     f"{d.french_date(deadline.remise)}, {when}")
    if deadline.examen is not None:
        lines.append(f"  date de l'examen : {d.french_date(deadline.examen)}")
    return lines


def problem_json(problem: Problem) -> dict:
    return {"fichier": display_path(problem.path) or None, "ligne": problem.line,
            "message": problem.message, "conseil": problem.hint or None, "texte": str(problem)}


def conformance_json(conf: Conformance) -> dict:
    """The details of the conformance as JSON-ready data (French keys, no verdict)."""
    p = conf.placements
    data: dict = {
        "mode": conf.mode,
        "contenus": [{"id": c.content.id, "libelle": c.label, "present": c.present,
                      "sections": [display_path(s.path) for s in c.sections]}
                     for c in conf.contents],
        "remise": {"session": conf.deadline.session,
                   "date": conf.deadline.remise.isoformat() if conf.deadline.remise else None,
                   "jours_restants": conf.deadline.days_left,
                   "examen": conf.deadline.examen.isoformat() if conf.deadline.examen else None},
    }
    if p is not None:
        data["partie1"] = {
            "pieces": p.pieces, "declaree": p.declared,
            "jours_ouvres": p.days if p.pieces == "stages" else None,
            "jours_ouvres_exiges": p.min_days, "duree_suffisante": p.duration_ok,
            "rapport": p.report, "reference": p.reference or None,
            "jours_temps_plein": p.full_time, "jours_en_tout": p.part_time,
            "periodes": [{"entreprise": s.period.company, "secteur": s.period.sector,
                          "dans_le_secteur": s.in_sector,
                          "debut": s.period.start.isoformat() if s.period.start else None,
                          "fin": s.period.end.isoformat() if s.period.end else None,
                          "semaines_attestation": s.period.weeks,
                          "temps": s.period.time, "jours": s.days, "etat": s.state,
                          "pieces": s.pieces}
                         for s in p.periods],
            "activites": [{"libelle": activity.label,
                           "rapports": [display_path(s.path) for s in reports]}
                          for activity, reports in p.coverage]}
    return data


def judge_build(build: DossierBuild) -> Judgement:
    """The verdict of a build (its conformance was assessed in the build's mode)."""
    summary = build.conformance.summary if build.conformance else []
    return judge(build.error, build.verdict, build.conformance,
                 [w for w in build.warnings if w not in summary])


def _verdict_lines(judgement: Judgement, mode: str) -> list[str]:
    state = judgement.state
    if state == REFUSED:
        head = f"{state} ({d.plural(len(judgement.errors), 'motif')})"
    elif state == COMPLETE:
        head = f"{state} avant la remise ({d.plural(len(judgement.pending), 'point')})"
    else:
        head = state
    lines = [f"  verdict ({MODE_LABELS[mode]}) : {head}"]
    lines += [f"    ✗ {p}" for p in judgement.errors]
    if state == REFUSED and judgement.pending:
        lines.append("    à compléter aussi avant la remise :")
    lines += [f"    • {p}" for p in judgement.pending]
    return lines


def check_lines(build: DossierBuild, mode: str) -> list[str]:
    """The check report of one dossier: details, then the verdict and its reasons, then the
    warnings that are not reasons."""
    dossier = build.dossier
    lines = [f"{dossier.candidate.full_name} — {dossier.title} ({dossier.slug})"
             if dossier else build.root.name]
    judgement = judge_build(build)
    if build.count is not None and build.verdict is not None:   # input errors too (edge 2)
        lines += format_report(dossier, build.count, build.verdict)
        lines += fill_lines(build.count)          # where the page budget goes (issue 16)
    if build.error is None and build.conformance is not None:
        lines += format_conformance(build.conformance)
    lines += _verdict_lines(judgement, mode)
    lines += [f"  attention : {w}" for w in judgement.warnings]
    return lines


def check_json(build: DossierBuild, mode: str) -> dict:
    """The check report of one dossier as JSON-ready data: one ``verdict``, its ``motifs``."""
    dossier = build.dossier
    judgement = judge_build(build)
    data: dict = {
        "dossier": dossier.slug if dossier else build.root.name,
        "verdict": judgement.state,
        "mode": mode,
        # Why: what refuses it now ("bloquant"), then what the hand-in would refuse.
        "motifs": [{"gravite": "bloquant", **problem_json(p)} for p in judgement.errors]
        + [{"gravite": "à compléter", **problem_json(p)} for p in judgement.pending],
        "avertissements": [problem_json(p) for p in judgement.warnings],
    }
    if build.count is not None and build.verdict is not None:   # input errors too (edge 2)
        data["pages"] = build.count.parts
        data["sections"] = [vars(s) for s in build.count.sections]
        data["limites"] = [{"limite": u.limit.label, "pages": u.used, "max": u.limit.max}
                           for u in build.verdict.uses]
        data["remplissage"] = fill_json(build.count)
    if build.error is None and build.conformance is not None:
        data.update(conformance_json(build.conformance))
    return data
