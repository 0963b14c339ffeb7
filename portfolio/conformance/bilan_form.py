"""A dossier's stages -> the bilan form of each period, pre-filled, as an A4 PDF to print.

The regulation has each period "validée par un bilan individuel établi conjointement par le
tuteur, l'équipe pédagogique de l'établissement scolaire et le candidat lui-même". The form
carries what the dossier knows (candidate, company, tutor, dates, the competences of the
training contract: ``contrat-formation.yml``, else those listed in the bilan written in the
tool) and leaves the rest to be written by hand and signed; the signed scan comes back as
``bilan_signe:``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..dossier.contract import stage_competences
from ..dossier.model import Dossier, Period, Section
from ..dossier.paths import resolve_ref
from ..rules import load_rules
from ..util.errors import DossierError
from ..util.fonts import FONTS, print_font_css
from ..util.templates import render
from . import durations as d
from .bilans import bilan_rows

__all__ = ["BilanForm", "bilan_forms", "competences", "write_bilan_forms"]

THEME = Path(__file__).resolve().parent.parent.parent / "themes" / "bilan"
BLANK_ROWS = 8          # competences to write by hand when the bilan lists none


@dataclass(frozen=True)
class BilanForm:
    period: Period
    number: int                      # the stage's number in dossier.yml
    competences: tuple[str, ...]     # from the bilan written in the tool, if any


def competences(section: Section) -> list[str]:
    """The first column of the table under the bilan's competences heading (its rows)."""
    return [row.competence for row in bilan_rows(section)[1]]


def bilan_forms(dossier: Dossier) -> list[BilanForm]:
    """One form per stage declared, with the competences of its bilan written in the tool."""
    by_path = {s.path: s for s in dossier.part1_sections}
    forms = []
    for number, period in enumerate(dossier.partie1.stages if dossier.partie1 else (), 1):
        contract = stage_competences(dossier.root, number)      # the teacher's, first
        if contract is not None:
            forms.append(BilanForm(period, number, contract.names))
            continue
        names: list[str] = []
        ref = period.pieces.get("bilan", "")
        if ref.strip().lower().endswith(".md"):
            try:
                path = resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml)
            except DossierError:
                path = None
            if path in by_path:
                names = competences(by_path[path])
        forms.append(BilanForm(period, number, tuple(names)))
    return forms


def _html(dossier: Dossier, forms: list[BilanForm], page: str) -> str:
    rules = load_rules()
    return render("bilan/form.html", dossier=dossier, candidate=dossier.candidate,
                  forms=forms, page=page, blank_rows=BLANK_ROWS, fonts=print_font_css(),
                  option=rules.options[dossier.option], voie=rules.voies[dossier.voie].label,
                  date=lambda day: d.french_date(day) if day else "…… / …… / ……")


def write_bilan_forms(dossier: Dossier, folder: Path, page: str = "A4") -> Path:
    """Write ``bilans-<slug>.pdf`` (one form per stage, ``page``: A4 or A3) into ``folder``."""
    forms = bilan_forms(dossier)
    if not forms:
        raise DossierError("aucun stage déclaré sous « partie1: » : pas de bilan à imprimer.",
                           dossier.yml, hint="Déclarez les stages (« stages: ») dans "
                           "dossier.yml, puis relancez la commande.")
    import weasyprint

    from ..pdf.output.render import ConfinedFetcher

    fetcher = ConfinedFetcher([THEME, *{f.path.parent for f in FONTS}])
    document = weasyprint.HTML(string=_html(dossier, forms, page), base_url=THEME.as_uri() + "/",
                               url_fetcher=fetcher).render()
    document.metadata.title = f"Bilans de formation en milieu professionnel — {dossier.slug}"
    document.metadata.lang = "fr"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"bilans-{dossier.slug}.pdf"
    target.write_bytes(document.write_pdf())
    return target
