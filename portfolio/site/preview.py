"""Built dossiers + review notes -> the preview's page meter and class dashboard (HTML fragments).

Only the preview (``build.py serve``) shows these: they carry drafts' figures, warnings and the
teachers' review notes, none of which may reach the published site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from ..errors import Problem
from ..model import Section
from ..results import DossierBuild
from ..review import Note
from . import relative_url

__all__ = ["DASHBOARD", "PreviewState", "dashboard_html", "meter_html"]

DASHBOARD = "tableau-de-bord.md"


@dataclass
class PreviewState:
    """What the preview knows beyond the build: notes, stale counts, last changes."""

    notes: dict[str, list[Note]] = field(default_factory=dict)        # slug -> notes
    stale: set[str] = field(default_factory=set)                       # slugs being re-rendered
    changed: dict[str, float] = field(default_factory=dict)            # slug -> mtime
    note_errors: dict[str, Problem] = field(default_factory=dict)


def _problems(build: DossierBuild) -> list[Problem]:
    problems = list(build.problems) + list(build.warnings)
    if build.conformance is not None:
        problems += [p for p in build.conformance.warnings if p not in problems]
    return problems


def _problem_item(problem: Problem, build: DossierBuild, urls: dict[str, str],
                  page_url: str) -> str:
    link = ""
    for section in build.dossier.all_sections():
        if problem.path is not None and problem.path == section.path:
            url = relative_url(urls[f"{build.dossier.slug}/{section.slug}.md"], page_url)
            link = f' <a href="{escape(url)}">{escape(section.title)}</a>'
    return f"<li>{escape(str(problem))}{link}</li>"


def meter_html(build: DossierBuild, section: Section | None, state: PreviewState,
               urls: dict[str, str], page_url: str) -> str:
    """The page-budget meter shown on top of every page of a dossier in the preview."""
    dossier = build.dossier
    stale = dossier.slug in state.stale
    status = ('<span class="pf-meter-state pf-stale" role="status">recalcul du PDF en '
              "cours… (chiffres du rendu précédent)</span>" if stale else
              '<span class="pf-meter-state pf-fresh" role="status">à jour</span>')
    gauges = []
    for use in build.verdict.uses:
        if not use.used and "partie1" in use.limit.parts:
            continue
        ratio = min(use.used / use.limit.max, 1.0)
        level = "over" if use.over else ("full" if use.left <= 1 else "ok")
        gauges.append(
            f'<div class="pf-gauge pf-{level}" data-pages="{use.used}" data-max="{use.limit.max}">'
            f'<span class="pf-gauge-label">{escape(use.limit.label)}</span> '
            f'<span><strong class="pf-gauge-value">{use.used} / {use.limit.max}</strong> '
            "pages</span>"
            f'<span class="pf-gauge-bar"><span style="width:{ratio * 100:.0f}%"></span></span>'
            "</div>")
    here = ""
    if section is not None:
        for pages in build.count.sections:
            if pages.slug == section.slug:
                span = (f"p. {pages.first}" if pages.first == pages.last
                        else f"p. {pages.first} à {pages.last}")
                part = "annexes" if pages.part == "annexes" else "document principal"
                here = (f'<p class="pf-meter-here">Cette section : <strong>{span}</strong> '
                        f"({part}, {pages.count} page{'s' if pages.count > 1 else ''})</p>")
    problems = _problems(build)
    listed = "".join(_problem_item(p, build, urls, page_url) for p in problems)
    warnings = (f'<details class="pf-meter-warnings"{" open" if build.problems else ""}>'
                f"<summary>{len(problems)} point{'s' if len(problems) > 1 else ''} à "
                f"revoir</summary><ul>{listed}</ul></details>" if problems else
                '<p class="pf-meter-ok">Aucun avertissement.</p>')
    pdf = relative_url(f"{dossier.slug}/{dossier.pdf_name}", page_url)
    notes = [n for n in state.notes.get(dossier.slug, [])
             if (section is None and n.section is None)
             or (section is not None and n.section == section.slug)]
    notes_html = ""
    if notes:
        items = "".join(
            f'<li class="pf-note pf-note-{n.status}"><p>{escape(n.text)}</p>'
            f'<p class="pf-note-meta">{escape(n.author or "enseignant")}'
            f'{" · " + escape(n.date) if n.date else ""} · {escape(n.status)}</p></li>'
            for n in notes)
        notes_html = (f'<aside class="pf-notes" aria-label="Notes de relecture">'
                      f"<h2>Notes de relecture</h2><ul>{items}</ul></aside>")
    draft = ' <span class="pf-badge">brouillon</span>' if dossier.draft else ""
    return (f'<section class="pf-meter" aria-label="Budget de pages" '
            f'data-slug="{escape(dossier.slug)}" data-stale="{str(stale).lower()}">'
            f'<p class="pf-meter-title">Aperçu{draft} — {status} · '
            f'<a href="{escape(pdf)}">PDF</a>'
            + (" (nouvelle version en cours d'écriture)" if build.pdf_writing else "") + "</p>"
            + "".join(gauges) + here + warnings + "</section>" + notes_html)


def _last_change(state: PreviewState, slug: str) -> str:
    stamp = state.changed.get(slug)
    if not stamp:
        return ""
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def dashboard_html(builds: list[DossierBuild], state: PreviewState, urls: dict[str, str],
                   page_url: str) -> str:
    """The class at a glance: one sortable row per dossier (preview only)."""
    rows = []
    for build in builds:
        dossier = build.dossier
        if dossier is None:
            name = escape(build.root.name)
            rows.append(f'<tr class="pf-row-error"><td>{name}</td><td colspan="8">'
                        f"{escape(str(build.error))}</td></tr>")
            continue
        home = urls.get(f"{dossier.slug}/index.md")
        title = escape(dossier.title)
        title_cell = (f'<a href="{escape(relative_url(home, page_url))}">{title}</a>'
                      if home else title)
        pdf = (f'<a href="{escape(relative_url(f"{dossier.slug}/{dossier.pdf_name}", page_url))}">'
               "PDF</a>" if home and build.pdf_path else "")
        uses = build.verdict.uses if build.verdict else []
        pages = " · ".join(f"{u.used}/{u.limit.max}" for u in uses
                           if u.used or "partie1" not in u.limit.parts)
        over = any(u.over for u in uses)
        contents = ""
        if build.conformance is not None:
            present = sum(c.present for c in build.conformance.contents)
            contents = f"{present}/{len(build.conformance.contents)}"
        notes = state.notes.get(dossier.slug, [])
        open_notes = sum(n.open for n in notes)
        status = ("refusé" if not build.publishable else
                  "brouillon" if dossier.draft else "prêt")
        problems = len(_problems(build))
        rows.append(
            f'<tr class="pf-row-{"over" if over or not build.publishable else "ok"}">'
            f"<td>{escape(dossier.candidate.full_name)}</td><td>{title_cell}</td>"
            f"<td>{escape(dossier.voie)}</td><td>{status}</td>"
            f'<td data-sort="{sum(u.used for u in uses)}">{pages}</td>'
            f"<td>{contents}</td><td>{problems}</td><td>{open_notes}</td>"
            f"<td>{_last_change(state, dossier.slug)}</td><td>{pdf}</td></tr>")
    head = "".join(f'<th scope="col"><button type="button" data-pf-sort="{i}">{label}</button>'
                   "</th>" for i, label in enumerate(
                       ["Candidat·e", "Projet", "Voie", "État", "Pages (principal · annexes)",
                        "Contenus exigés", "Points à revoir", "Notes ouvertes",
                        "Dernière modification"]))
    return ('<p class="pf-intro">Aperçu de la classe (brouillons compris). Cette page '
            "n'existe pas sur le site publié.</p>"
            '<div class="pf-dashboard-wrap"><table class="pf-dashboard">'
            "<caption>Dossiers de la classe</caption>"
            f'<thead><tr>{head}<th scope="col">PDF</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


