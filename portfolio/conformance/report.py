"""A Conformance -> the French lines of ``build.py check`` and the same verdict as JSON data."""

from __future__ import annotations

from ..errors import display_path
from . import durations as d
from .assess import Conformance
from .partie1 import Placements

__all__ = ["conformance_json", "format_conformance"]

MODE_LABELS = {"preview": "aperçu", "publish": "publication", "check": "vérification",
               "rendre": "remise"}


def _mark(ok: bool | None) -> str:
    return "✓" if ok else "✗"


def _placement_lines(p: Placements) -> list[str]:
    what = "stages" if p.pieces == "stages" else "certificats de travail"
    if not p.declared:
        return [f"  1re partie ({what}) : non déclarée"]
    lines = []
    if p.pieces == "stages":
        wanted = f" pour {d.format_days(p.min_days)} exigés" if p.min_days else ""
        mark = f" {_mark(p.duration_ok)}" if p.duration_ok is not None else ""
        lines.append(f"  1re partie (stages) : {len(p.periods)} stage"
                     f"{'s' if len(p.periods) > 1 else ''}, "
                     f"{d.format_days(p.days) if p.days else '0 jour'}{wanted}{mark}")
    else:
        lines.append(f"  1re partie (certificats de travail) : {len(p.periods)} certificat"
                     f"{'s' if len(p.periods) > 1 else ''}"
                     + (f", rapport d'activité {_mark(p.report)}" if p.report is not None
                        else ""))
        if p.full_time is not None and p.reference is not None:
            lines.append(f"    avant l'examen du {d.french_date(p.reference)} : "
                         f"{d.format_months(p.full_time)} à temps plein sur 12 mois, "
                         f"{d.format_months(p.part_time or (0, 0))} en tout sur 24 mois "
                         f"{_mark(p.duration_ok)}")
    for status in p.periods:
        period = status.period
        dates = (f" du {d.french_date(period.start)} au {d.french_date(period.end)}"
                 if period.start and period.end else "")
        length = f", {status.days} j" if status.days else ""
        time = f", temps {period.time}" + (f" {period.quota} %" if period.quota else "") \
            if period.kind == "certificat" else ""
        pieces = ", ".join(f"{label} {_mark(ok)}" for label, ok in status.pieces.items())
        lines.append(f"    {period.company or '?'} ({period.sector or 'secteur ?'}){dates}"
                     f"{length}{time} : {pieces}")
    return lines


def format_conformance(conf: Conformance) -> list[str]:
    """The conformance part of the check report, as French lines for the terminal."""
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
        lines.append(f"  date de remise : inconnue pour la session {deadline.session}")
    else:
        left = deadline.days_left
        when = ("aujourd'hui" if left == 0 else
                f"dans {left} jour{'s' if left > 1 else ''}" if left > 0 else
                f"dépassée depuis {-left} jour{'s' if left < -1 else ''}")
        lines.append(f"  date de remise (session {deadline.session}) : "
                     f"{d.french_date(deadline.remise)}, {when}")
    todo = len(conf.missing) + (len([f for f in conf.placements.findings if f.kind])
                                if conf.placements else 0)
    state = ("non conforme" if not conf.ok else
             f"à compléter avant la remise ({todo} point{'s' if todo > 1 else ''})" if todo
             else "conforme, avec des avertissements" if conf.warnings else "conforme")
    lines.append(f"  verdict ({MODE_LABELS[conf.mode]}) : {state}")
    return lines


def conformance_json(conf: Conformance) -> dict:
    """The same verdict as plain JSON-ready data (French keys, like the rest of the report)."""
    p = conf.placements
    data: dict = {
        "mode": conf.mode, "conforme": conf.ok,
        "erreurs": [str(e) for e in conf.errors],
        "avertissements": [str(w) for w in conf.warnings],
        "contenus": [{"id": c.content.id, "libelle": c.label, "present": c.present,
                      "sections": [display_path(s.path) for s in c.sections]}
                     for c in conf.contents],
        "remise": {"session": conf.deadline.session,
                   "date": conf.deadline.remise.isoformat() if conf.deadline.remise else None,
                   "jours_restants": conf.deadline.days_left},
    }
    if p is not None:
        data["partie1"] = {
            "pieces": p.pieces, "declaree": p.declared, "jours": p.days,
            "jours_exiges": p.min_days, "duree_conforme": p.duration_ok,
            "rapport": p.report,
            "reference": p.reference.isoformat() if p.reference else None,
            "temps_plein_mois": list(p.full_time) if p.full_time else None,
            "total_mois": list(p.part_time) if p.part_time else None,
            "periodes": [{"entreprise": s.period.company, "secteur": s.period.sector,
                          "debut": s.period.start.isoformat() if s.period.start else None,
                          "fin": s.period.end.isoformat() if s.period.end else None,
                          "temps": s.period.time, "jours": s.days, "pieces": s.pieces}
                         for s in p.periods]}
    return data
