"""Part 1's pieces written in Markdown + what the regulation asks of each -> French findings.

A stage report names its setting, its significant activities, the autonomy, the collective
work and a quote (devis) against the market price; a bilan the performance per competence of
the training contract, the knowledge acquired, the tasks and their relevance, the weak points
and their remedies; the activity report (perfectionnement, expérience) the workshop, a few
situations, the autonomy, the involvement, the customers and the economics. The elements and
their words are data (``rules/rapports.yml``). Across the stage reports, the activities the
placement must "notably" bear on are a coverage table (a warning, never a refusal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..costing.quote import quote_from_block
from ..dossier.model import Dossier, Period, Section
from ..dossier.paths import resolve_ref
from ..dossier.scaffold import strip_placeholders
from ..rules.reports import Activity, Element, ReportRules, load_report_rules
from ..util.errors import DossierError, Problem
from ..util.text import ascii_fold
from .contents import reader_view
from .partie1 import Finding

__all__ = ["assess_reports", "coverage", "headings", "mentions", "piece_problems", "quote_problems",
           "signed_bilans", "visible", "written_pieces"]

KIND = "rapports"            # the ``conformite`` row: "à compléter", refused at the hand-in
PIECE_LABELS = {"stage": "rapport de stage", "bilan": "bilan de formation en milieu "
                "professionnel", "activite": "rapport d'activité professionnelle"}


def _folded(text: str) -> str:
    """Lower case, no accents, every run of non-letters one space, with spaces around."""
    return " " + re.sub(r"[^a-z]+", " ", ascii_fold(text).lower()).strip() + " "


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds a word starting with one of ``words`` (accents and case aside;
    ``words`` may be several words: ``prendre en charge``)."""
    folded = _folded(text)
    return any(" " + _folded(word).strip() in folded for word in words)


@dataclass(frozen=True)
class Part:
    """A heading of a piece and the text under it (to the next heading of its level or up)."""

    title: str
    line: int          # the heading's line in the file
    body: str


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def headings(section: Section) -> list[Part]:
    """Every heading of ``section`` with its text (fenced code is never a heading)."""
    lines = section.body.split("\n")
    found: list[tuple[int, int, str]] = []        # (index, level, title)
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _HEADING.match(line)):
            found.append((index, len(match[1]), match[2]))
    parts = []
    for n, (index, level, title) in enumerate(found):
        end = next((i for i, lvl, _ in found[n + 1:] if lvl <= level), len(lines))
        parts.append(Part(title, section.body_line + index,
                          "\n".join(lines[index + 1:end])))
    return parts


def _element_problems(section: Section, element: Element, parts: list[Part], who: str,
                      rules: ReportRules) -> list[Problem]:
    """Nothing when ``element`` is addressed in ``section``, else what is missing and where."""
    matching = [p for p in parts if mentions(p.title, element.words)]
    if not matching:
        return [Problem(f"{who} : {element.label} à aborder (aucun titre n'en parle).",
                        section.path, section.body_line,
                        f"Ajoutez une partie « ## {element.title} » : {element.help}")]
    best = max(matching, key=lambda p: reader_view(p.body).words)    # the fullest one
    words = reader_view(best.body).words
    if words < rules.min_words:
        return [Problem(f"{who} : « {best.title} » est à compléter ({words} mot"
                        f"{'s' if words > 1 else ''}, {rules.min_words} au moins).",
                        section.path, best.line, f"Écrivez-y {element.help}")]
    if element.required and not any(mentions(visible(p.body), element.required)
                                    for p in matching):
        return [Problem(f"{who} : {element.required_message}.", section.path, best.line,
                        element.required_help)]
    return []


def piece_problems(kind: str, section: Section, who: str, rules: ReportRules | None = None
                   ) -> list[Problem]:
    """What a piece of ``kind`` (``stage``, ``bilan``, ``activite``) does not yet say, each
    problem with its line and what to write; ``who`` names the piece in the messages."""
    rules = rules or load_report_rules()
    parts = headings(section)
    problems = [p for element in rules.elements[kind]
                for p in _element_problems(section, element, parts, who, rules)]
    if kind == "stage":
        problems += quote_problems(section, who)
    return problems


def written_pieces(dossier: Dossier) -> list[tuple[str, Period | None, Section]]:
    """Each part 1 piece written in Markdown: ``(kind, its period or None, its section)``; kind
    is ``stage``, ``bilan`` or ``activite`` (the activity report)."""
    by_path = {s.path: s for s in dossier.part1_sections}
    declared = dossier.partie1
    if declared is None:
        return []
    refs: list[tuple[str, Period | None, str]] = []
    if declared.report:
        refs.append(("activite", None, declared.report))
    for period in (*declared.stages, *declared.certificates):
        for key, kind in (("rapport", "stage"), ("bilan", "bilan")):
            if key in period.pieces:
                refs.append((kind, period, period.pieces[key]))
    found = []
    for kind, period, ref in refs:
        if not ref.lower().endswith(".md"):
            continue
        try:
            path = resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml)
        except DossierError:
            continue            # not found: partie1.py names it
        if path in by_path:
            found.append((kind, period, by_path[path]))
    return found


_DEVIS = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*devis[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.M | re.S | re.I)


def quote_problems(section: Section, who: str) -> list[Problem]:
    """Each ```devis``` block of ``section`` without its market price, or without the source
    of that price (a block that cannot be read is reported by the render)."""
    problems = []
    for match in _DEVIS.finditer(_COMMENT.sub(lambda m: "\n" * m[0].count("\n"),
                                              section.body)):
        line = section.body_line + section.body[: match.start()].count("\n")
        try:
            quote = quote_from_block(match["body"], line, section.path)
        except DossierError:
            continue
        if quote.market is None:
            problems.append(Problem(
                f"{who} : le devis « {quote.subject} » n'est pas comparé au prix du marché.",
                section.path, line, "Ajoutez « prix_marche: » (le prix d'un travail semblable, "
                "TTC si le devis a une TVA) et « source: » (où vous l'avez relevé) : le "
                "règlement demande de prendre « pour référence le prix du marché »."))
        elif not quote.source:
            problems.append(Problem(
                f"{who} : le prix du marché du devis « {quote.subject} » n'a pas de source.",
                section.path, line, "Ajoutez « source: » : où et quand ce prix a été relevé "
                "(catalogue, trois bijouteries du quartier, site d'un fabricant...)."))
    return problems


def signed_bilans(dossier: Dossier, period_word: str) -> list[Finding]:
    """A bilan written in the tool is signed on paper: its scan (``bilan_signe``) is joined,
    and found."""
    findings = []
    for period in dossier.partie1.stages if dossier.partie1 else ():
        if not period.pieces.get("bilan", "").strip().lower().endswith(".md"):
            continue
        who = f"bilan ({period_word} chez « {period.company} »)"
        signed = period.pieces.get("bilan_signe")
        if signed is None:
            findings.append(Finding(KIND, Problem(
                f"{who} : le scan du bilan signé n'est pas joint (clé « bilan_signe »).",
                dossier.yml, period.key_lines.get("bilan", period.line),
                "Le bilan est « établi conjointement par le tuteur, l'équipe pédagogique et le "
                "candidat » : imprimez-le, faites-le signer, numérisez-le et ajoutez "
                "« bilan_signe: partie1/bilan-signe.pdf ».")))
            continue
        try:
            resolve_ref(signed, dossier.root, dossier.root, source=dossier.yml,
                        line=period.key_lines.get("bilan_signe"), what="bilan signé")
        except DossierError as exc:
            findings.append(Finding("partie1", exc.problem))
    return findings


def _who(kind: str, period: Period | None, period_word: str) -> str:
    label = PIECE_LABELS[kind]
    return label if period is None else f"{label} ({period_word} chez « {period.company} »)"


def coverage(sections: list[Section], rules: ReportRules) -> list[tuple[Activity, list[Section]]]:
    """Each activity of the regulation's list with the stage reports that mention it."""
    return [(activity, [s for s in sections if mentions(visible(s.body), activity.words)])
            for activity in rules.activities]


_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.S)


def visible(markdown: str) -> str:
    """The Markdown a reader would read: no HTML comment, none of ``nouveau``'s model lines."""
    return strip_placeholders(_COMMENT.sub(" ", markdown))


def assess_reports(dossier: Dossier, period_word: str = "stage",
                   rules: ReportRules | None = None
                   ) -> tuple[list[Finding], list[tuple[Activity, list[Section]]]]:
    """Findings for every part 1 piece written in the tool, and the activity coverage of the
    stage reports (empty when there is none)."""
    rules = rules or load_report_rules()
    findings: list[Finding] = []
    stage_reports = []
    for kind, period, section in written_pieces(dossier):
        who = _who(kind, period, period_word)
        findings += [Finding(KIND, p) for p in piece_problems(kind, section, who, rules)]
        if kind == "stage":
            stage_reports.append(section)
    findings += signed_bilans(dossier, period_word)
    table = coverage(stage_reports, rules) if stage_reports else []
    missing = [activity.label for activity, found in table if not found]
    if missing:
        findings.append(Finding(None, Problem(
            f"activités du règlement qu'aucun rapport de stage n'aborde : {', '.join(missing)}.",
            dossier.yml, dossier.partie1.line if dossier.partie1 else None,
            "Le règlement dit que la formation en milieu professionnel « doit notamment porter "
            "sur » ces activités : si vous en avez pratiqué, racontez-les dans un rapport.")))
    return findings, table
