"""Built dossiers + review notes -> the preview's page meter and class dashboard (HTML fragments).

Only the preview (``build.py apercu``, ``mkdocs serve``) shows these: they carry drafts'
figures, warnings and the teachers' review notes, none of which may reach the published site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..builder.results import DossierBuild
from ..conformance import COMPLETE, CONFORMING, REFUSED, Judgement, assess, judge
from ..conformance.durations import french_date, plural
from ..dossier.model import Section, slugify
from ..dossier.review import Note
from ..util.errors import Problem, display_path
from ..util.templates import Markup, render
from ..util.text import french_spacing_html
from . import relative_url
from .overlay import OVERLAY_ID, POINTS_ID

__all__ = ["DASHBOARD", "PreviewState", "dashboard_html", "meter_html", "with_meter"]

DASHBOARD = "tableau-de-bord.md"
SHOWN = 6                    # reasons listed in a dashboard row (the others on the dossier)
VERDICTS = (REFUSED, COMPLETE, CONFORMING)      # sorted worst first


@dataclass
class PreviewState:
    """What the preview knows beyond the build: notes, stale counts, last changes."""

    notes: dict[str, list[Note]] = field(default_factory=dict)        # slug -> notes
    stale: set[str] = field(default_factory=set)                       # slugs being re-rendered
    changed: dict[str, float] = field(default_factory=dict)            # slug -> mtime


def _problems(build: DossierBuild) -> list[Problem]:
    problems = list(build.problems) + list(build.warnings)
    if build.conformance is not None:
        problems += [p for p in build.conformance.warnings if p not in problems]
    return problems


def _problem_item(problem: Problem, build: DossierBuild, urls: dict[str, str],
                  page_url: str) -> tuple[str, dict | None]:
    """A problem's text, and a link to the section it is about."""
    link = None
    for section in build.dossier.web_sections():
        if problem.path is not None and problem.path == section.path:
            url = relative_url(urls[build.dossier.site_uri(section)], page_url)
            link = {"href": url, "title": section.title}
    return str(problem), link


def meter_html(build: DossierBuild, section: Section | None, state: PreviewState,
               urls: dict[str, str], page_url: str) -> str:
    """The page-budget meter shown on top of every page of a dossier in the preview."""
    dossier = build.dossier
    gauges = [{"level": "over" if use.over else ("full" if use.left <= 1 else "ok"),
               "used": use.used, "max": use.limit.max, "label": use.limit.label,
               "percent": f"{min(use.used / use.limit.max, 1.0) * 100:.0f}"}
              for use in build.verdict.shown]
    here = None
    if section is not None:
        for pages in build.count.sections:
            if pages.slug == section.slug and pages.part == section.part:
                here = {"span": pages.span, "count": pages.count,
                        "part": {"annexes": "annexes", "partie1": "1re partie"}.get(
                            pages.part, "document principal")}
    notes = [n for n in state.notes.get(dossier.slug, [])
             if (section is None and n.section is None)
             or (section is not None and n.section == section.slug)]
    return render("site/templates/meter.html", slug=dossier.slug,
                  stale=dossier.slug in state.stale, draft=dossier.draft,
                  pdf=relative_url(f"{dossier.slug}/{dossier.pdf_name}", page_url),
                  writing=build.pdf_writing, gauges=gauges, here=here,
                  problems=[_problem_item(p, build, urls, page_url) for p in _problems(build)],
                  open=bool(build.problems), notes=notes)


def with_meter(page_html: str, meter: str) -> str:
    """A page with the meter under its ``<h1>`` title (on top if it has none)."""
    title, end, rest = page_html.partition("</h1>")
    if not page_html.startswith("<h1>") or not end:
        title, end, rest = "", "", page_html
    return render("site/templates/with-meter.html", title=Markup(title + end),
                  meter=Markup(meter), rest=Markup(rest))


def _last_change(state: PreviewState, slug: str) -> str:
    stamp = state.changed.get(slug)
    if not stamp:
        return ""
    return dt.datetime.fromtimestamp(stamp).strftime("%d/%m/%Y %H:%M")


def _judgement(build: DossierBuild) -> Judgement:
    """The verdict ``controler`` gives (its mode, its reasons: same count, same order)."""
    conformance = (assess(build.dossier, "check") if build.dossier is not None
                   and build.conformance is not None else None)
    return judge(build.error, build.verdict, conformance)


def _reasons(build: DossierBuild, judgement: Judgement, home: str | None) -> dict:
    """Why a dossier is not conforming (every reason, sorted by file and line) and where the
    whole list is shown."""
    reasons = [*judgement.errors, *judgement.pending]
    shown_alone = build.error is not None or build.count is None    # the overlay's page
    anchor = OVERLAY_ID if shown_alone else POINTS_ID
    return {"reasons": [_reason(p) for p in reasons[:SHOWN]],
            "more": max(len(reasons) - SHOWN, 0), "count": len(reasons),
            "list": f"{home}#{anchor}" if home else None}


def _reason(problem: Problem) -> dict:
    where = display_path(problem.path) + (f":{problem.line}" if problem.line else "")
    return {"where": where, "text": problem.message}


def _gauges(build: DossierBuild) -> list[dict]:
    return [{"label": use.limit.label, "used": use.used, "max": use.limit.max,
             "over": use.over, "percent": f"{min(use.used / use.limit.max, 1.0) * 100:.0f}"}
            for use in (build.verdict.shown if build.verdict else [])]


def _part1(build: DossierBuild) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Each period of part 1 with its pieces found or not (report, bilan, attestation...)."""
    placements = build.conformance.placements if build.conformance else None
    if placements is None or not placements.declared:
        return []
    rows = [(status.period.company or "?",
             [(label.split()[0], ok) for label, ok in status.pieces.items()])
            for status in placements.periods]
    if placements.report is not None:
        rows.insert(0, ("rapport d'activité", [("rapport", placements.report)]))
    return rows


def _row(build: DossierBuild, state: PreviewState, urls: dict[str, str], page_url: str
         ) -> dict:
    dossier = build.dossier
    slug = dossier.slug if dossier is not None else slugify(build.root.name, "candidat")
    home = urls.get(f"{slug}/index.md")
    home = relative_url(home, page_url) if home else None
    judgement = _judgement(build)
    verdict = {"state": judgement.state, "rank": VERDICTS.index(judgement.state),
               **_reasons(build, judgement, home)}
    if dossier is None:
        return {"error": True, "name": build.root.name, "home": home, **verdict}
    uses = build.verdict.uses if build.verdict else []
    warnings = len(_problems(build)) - len(build.problems)
    return {
        "error": None, "candidate": dossier.candidate.full_name, "title": dossier.title,
        "home": home, "voie": dossier.voie, **verdict,
        "points": (f"{home}#{POINTS_ID}" if build.count is not None and build.error is None
                   else f"{home}#{OVERLAY_ID}") if home else None,
        "status": ("calcul du PDF" if build.error is None and build.count is None else
                   "non publiable" if not build.publishable else
                   "brouillon" if dossier.draft else "publiable"),
        "gauges": _gauges(build), "pages_total": sum(u.used for u in uses),
        "warnings": max(warnings, 0),
        "part1": (part1 := _part1(build)),
        "part1_found": sum(ok for _, pieces in part1 for _, ok in pieces),
        "open_notes": sum(n.open for n in state.notes.get(dossier.slug, [])),
        "changed": _last_change(state, dossier.slug),
        "changed_sort": state.changed.get(dossier.slug, 0),
        "pdf": relative_url(f"{dossier.slug}/{dossier.pdf_name}", page_url)
        if home and build.pdf_path else None,
    }


def _sessions(builds: list[DossierBuild]) -> list[dict]:
    """Each session of the class with its hand-in date and the days left (French)."""
    seen: dict[str, dict] = {}
    for build in builds:
        conformance = build.conformance
        if conformance is None or conformance.deadline.session in seen:
            continue
        deadline = conformance.deadline
        left = deadline.days_left
        seen[deadline.session] = {
            "session": deadline.session,
            "remise": french_date(deadline.remise) if deadline.remise else None,
            "left": None if left is None else "aujourd'hui" if left == 0
            else f"dans {plural(left, 'jour')}" if left > 0
            else f"dépassée depuis {plural(-left, 'jour')}",
            "late": deadline.passed,
            "examen": french_date(deadline.examen) if deadline.examen else None}
    return sorted(seen.values(), key=lambda s: s["session"])


def dashboard_html(builds: list[DossierBuild], state: PreviewState, urls: dict[str, str],
                   page_url: str) -> str:
    """The class at a glance: one sortable row per dossier (preview only)."""
    columns = ["Candidat·e et projet", "Verdict du règlement", "Pages utilisées",
               "1re partie", "Publication", "Avertissements",
               "Notes ouvertes", "Modifié le"]
    return french_spacing_html(render("site/templates/dashboard.html", columns=columns,
                                      rows=[_row(b, state, urls, page_url) for b in builds],
                                      sessions=_sessions(builds)))
