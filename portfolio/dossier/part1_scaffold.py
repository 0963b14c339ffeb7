"""The voie + part 1 as declared -> starting plans of the reports and bilans (``partie1/*.md``).

Each plan is the regulation's headings for its piece (``rules/rapports.yml``), each with a
comment saying what to write there: a plan the student may rename, merge or reorder. Files that
exist are never touched (``nouveau`` writes the first placement's pieces, ``partie1`` the
missing pieces of every placement declared in dossier.yml).
"""

from __future__ import annotations

from pathlib import Path

from ..rules.reports import load_report_rules
from .model import Dossier

__all__ = ["piece_text", "scaffold_part1", "write_missing_pieces"]

TITLES = {"stage": "Rapport de stage", "bilan": "Bilan de la période de formation",
          "activite": "Rapport sur mon activité professionnelle"}
INTRO = {
    "stage": "Le règlement : « Les rapports de stage doivent mettre en évidence les "
             "activités ou travaux significatifs qui ont été réalisés. » Titres, ordre et "
             "images sont à vous ; gardez dans chaque titre le mot qui dit de quoi il parle "
             "(cadre, activités, autonomie, équipe, devis).",
    "bilan": "Établi avec votre tuteur et l'équipe pédagogique, pour cette période. Le "
             "formulaire à signer : build.py bilans prenom-nom ; joignez ensuite le scan signé : "
             "« bilan_signe: partie1/bilan-stage-1-signe.pdf ».",
    "activite": "Le règlement : un rapport « qui relate la structure de l'atelier et son "
                "domaine d'intervention », puis, « à partir de quelques situations », votre "
                "activité, votre autonomie, votre implication, le contact avec la clientèle "
                "et les aspects économiques.",
}
COMPETENCES_TABLE = ("| Compétence du contrat de formation | Performance | Observations |\n"
                     "|---|---|---|\n| | | |\n")
DEVIS_EXAMPLE = """Un devis se donne dans un bloc devis (tableau calculé dans le PDF) :
```devis
objet: Mise à taille d'une bague en or jaune 750
lignes:
  - {designation: "Main-d'œuvre : mise à taille (0,5 h à 50 €)", montant: 25}
  - {designation: "Or jaune 750 ajouté (0,3 g)", montant: 18}
tva: 20
prix_marche: 65
source: tarifs affichés de trois bijouteries du quartier, mars 2026
```"""


def _competences_table(names: tuple[str, ...]) -> str:
    """The bilan's table, a row per competence of the training contract (one empty row
    without a contract)."""
    if not names:
        return COMPETENCES_TABLE
    return COMPETENCES_TABLE.split("| | | |")[0] + "".join(f"| {n} | | |\n" for n in names)


def piece_text(kind: str, company: str = "", competences: tuple[str, ...] = ()) -> str:
    """The starting plan of a piece: ``stage`` report, ``bilan`` or ``activite`` report;
    ``competences``: the training contract's, a row each in the bilan's table."""

    title = TITLES[kind] + (f" — {company}" if company else "")
    lines = ["---", f"titre: \"{title.replace(chr(34), chr(39))}\"", "---", "",
             f"<!-- {INTRO[kind]} -->", ""]
    for element in load_report_rules().elements[kind]:
        lines += [f"## {element.title}", "", f"<!-- {element.help[:1].upper()}"
                  f"{element.help[1:]} -->", ""]
        if element.id == "competences":
            lines += [_competences_table(competences)]
        if element.id == "devis":
            lines += [f"<!-- {DEVIS_EXAMPLE} -->", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _write_new(path: Path, text: str) -> bool:
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:      # never over a file made meanwhile
        file.write(text)
    return True


def scaffold_part1(root: Path, pieces: str) -> list[Path]:
    """The first placement's report and bilan (``pieces == "stages"``) or the activity report
    (``"certificats"``) in ``root/partie1/``; existing files are left as they are."""
    files = ([("rapport-stage-1.md", "stage"), ("bilan-stage-1.md", "bilan")]
             if pieces == "stages" else [("rapport-activite.md", "activite")])
    names = _contract_names(root, 1)       # the class's contract, beside mkdocs.yml
    return [root / "partie1" / name for name, kind in files
            if _write_new(root / "partie1" / name, piece_text(kind, competences=names))]


def write_missing_pieces(dossier: Dossier) -> list[Path]:
    """Every Markdown piece dossier.yml declares (``rapport: partie1/x.md``, ``bilan: ...``)
    whose file does not exist yet, written from its plan; returns the files written."""
    declared = dossier.partie1
    if declared is None:
        return []
    wanted = [("activite", "", declared.report, ())] if declared.report else []
    for period in (*declared.stages, *declared.certificates):
        names = _contract(dossier, period)
        wanted += [(kind, period.company, period.pieces[key], names)
                   for key, kind in (("rapport", "stage"), ("bilan", "bilan"))
                   if key in period.pieces]
    written = []
    for kind, company, ref, names in wanted:
        if not ref.strip().lower().endswith(".md"):
            continue
        root = dossier.root.resolve()
        path = (root / ref.strip()).resolve()
        if path.is_relative_to(root) and _write_new(path, piece_text(kind, company, names)):
            written.append(path)
    return written


def _contract(dossier: Dossier, period) -> tuple[str, ...]:
    """The competences of a stage's training contract."""
    if period not in dossier.partie1.stages:
        return ()
    return _contract_names(dossier.root, dossier.partie1.stages.index(period) + 1)


def _contract_names(root: Path, number: int) -> tuple[str, ...]:
    """The competences of the ``number``-th stage's contract (none: no contract file, or one
    with a mistake, which ``controler`` names)."""
    from ..util.errors import DossierError
    from .contract import stage_competences

    try:
        contract = stage_competences(root, number)
    except DossierError:
        return ()
    return contract.names if contract is not None else ()
