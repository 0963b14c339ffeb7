"""Pages counted on the rendered PDF + the voie's rules -> budget verdict and French report."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dossier.model import Dossier
from ..pdf.output.count import PageCount
from ..rules import Limit, Rules, load_rules
from ..util.errors import Problem

__all__ = ["LimitUse", "Verdict", "evaluate", "format_report"]


@dataclass(frozen=True)
class LimitUse:
    limit: Limit
    used: int

    @property
    def left(self) -> int:
        return self.limit.max - self.used

    @property
    def over(self) -> bool:
        return self.used > self.limit.max


@dataclass
class Verdict:
    """Whether the dossier may be published, and why not."""

    uses: list[LimitUse]
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def shown(self) -> list[LimitUse]:
        """The limits worth showing: a part 1 limit only once part 1 pages are counted."""
        return [use for use in self.uses if use.used or "partie1" not in use.limit.parts]


def _pages(count: PageCount, part: str, rules: Rules) -> int:
    pages = count.parts.get(part, 0)
    if part == "principal":
        if not rules.count_cover:
            pages -= 1
        if not rules.count_contents:
            pages -= max(count.front_pages - 1, 0)
    return max(pages, 0)


def evaluate(dossier: Dossier, count: PageCount, rules: Rules | None = None) -> Verdict:
    """Compare the counted pages with the limits of the dossier's voie and the A3 area."""
    rules = rules or load_rules()
    uses = [LimitUse(limit, sum(_pages(count, p, rules) for p in limit.parts))
            for limit in rules.voies[dossier.voie].limits]
    verdict = Verdict(uses)
    for use in uses:
        if not use.over:
            continue
        parts = set(use.limit.parts)
        biggest = sorted((s for s in count.sections if s.part in parts and s.count > 0),
                         key=lambda s: -s.count)[:3]
        cut = use.used - use.limit.max
        longest = ", ".join(f"« {s.title} » ({s.count} p.)" for s in biggest)
        verdict.errors.append(Problem(
            f"{use.limit.label} : {use.used} pages pour {use.limit.max} autorisées "
            f"({rules.voies[dossier.voie].label}). Il faut retirer {cut} page"
            f"{'s' if cut > 1 else ''}.", dossier.yml,
            hint=(f"Sections les plus longues : {longest}." if longest else "")))
    limit_area = rules.max_area_mm2 + rules.tolerance_mm2
    for number, (width, height) in enumerate(count.page_sizes_mm, start=1):
        if width * height > limit_area:
            verdict.errors.append(Problem(
                f"page {number} au format {width:g} x {height:g} mm : plus grande que le "
                "format A3 autorisé (297 x 420 mm).", dossier.yml,
                hint="Choisissez « format: A3-paysage », « A3-portrait » ou un format A4."))
            break
    return verdict


def format_report(dossier: Dossier, count: PageCount, verdict: Verdict) -> list[str]:
    """The page report, as French lines for the terminal."""
    lines = []
    for use in verdict.uses:
        state = (f"dépassement de {-use.left}" if use.over
                 else f"reste {use.left} page{'s' if use.left > 1 else ''}")
        lines.append(f"  {use.limit.label} : {use.used} / {use.limit.max} pages ({state})")
    lines.append(f"  dont couverture et sommaire : {count.front_pages} page"
                 f"{'s' if count.front_pages > 1 else ''}")
    if count.parts.get("partie1") and not any(use.used and "partie1" in use.limit.parts
                                              for use in verdict.uses):
        pages = count.parts["partie1"]        # printed, not limited for this voie
        lines.append(f"  1re partie : {pages} page{'s' if pages > 1 else ''}, à la suite dans "
                     "le PDF (sans limite de pages pour cette voie)")
    for section in count.sections:
        part = {"annexes": "annexes ", "partie1": "1re partie "}.get(section.part, "")
        span = part + section.span
        lines.append(f"    {span:<16} {section.title} ({section.count} p.)")
    return lines
