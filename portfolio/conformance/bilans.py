"""A bilan written in the tool + its stage's training contract -> French findings.

The bilan gives "les performances réalisées par l'élève pour chacune des compétences prévues
au contrat individuel de formation": each competence of the contract (``contrat-formation.yml``,
:mod:`portfolio.dossier.contract`) has a row in the bilan's table of competences, with its
performance written. A row may abbreviate or complete the contract's wording (« Contrôler la
conformité » for « Contrôler la conformité d'un bijou »); rows beyond the contract are the bilan's
own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dossier.contract import Competences, stage_competences
from ..dossier.model import Dossier, Section
from ..rules.reports import load_report_rules
from ..util.errors import DossierError, Problem
from ..util.text import ascii_fold
from .partie1 import Finding
from .reports import KIND, PIECE_LABELS, headings, mentions, visible, written_pieces

__all__ = ["BilanRow", "bilan_rows", "contract_findings", "contract_problems"]


@dataclass(frozen=True)
class BilanRow:
    competence: str
    performance: str
    line: int                 # the row's line in the file


def bilan_rows(section: Section) -> tuple[int | None, list[BilanRow]]:
    """The line of the bilan's competences heading (None: it has none) and the rows of the
    first table under it (header and ``|---|`` left out)."""
    element = next(e for e in load_report_rules().elements["bilan"] if e.id == "competences")
    for part in headings(section):
        if not mentions(part.title, element.words):
            continue
        rows, table, hidden = [], [], False
        for number, line in enumerate(part.body.split("\n"), start=part.line + 1):
            shown = visible(line) if not hidden else ""      # a row inside a comment is none
            hidden = (hidden or "<!--" in line) and "-->" not in line.rsplit("<!--", 1)[-1]
            if shown.strip().startswith("|"):
                table.append((number, shown))
        for number, line in table[2:]:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if cells and cells[0] and not re.fullmatch(r"[-: ]+", cells[0]):
                rows.append(BilanRow(cells[0], cells[1] if len(cells) > 1 else "", number))
        return part.line, rows
    return None, []


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).lower()).split())


def _same(competence: str, row: str) -> bool:
    """Whether a row of the table is the contract's competence (one wording holds the other)."""
    a, b = _key(competence), _key(row)
    return bool(a and b) and (a in b or b in a)


def contract_problems(section: Section, contract: Competences, who: str) -> list[Problem]:
    """The contract's competences the bilan's table leaves out, and those whose performance is
    not written; nothing when the bilan has no competences heading (reports.py says so)."""
    heading, rows = bilan_rows(section)
    if heading is None:
        return []
    where = f"{contract.path.name}, ligne {contract.line}" if contract.line else contract.path.name
    missing = [name for name in contract.names if not any(_same(name, r.competence)
                                                          for r in rows)]
    problems = []
    if missing:
        shown = ", ".join(f"« {name} »" for name in missing)
        problems.append(Problem(
            f"{who} : compétence{'s' if len(missing) > 1 else ''} du contrat de formation sans "
            f"ligne dans le tableau : {shown}.", section.path, heading,
            f"Le bilan donne « les performances réalisées [...] pour chacune des compétences "
            f"prévues au contrat individuel de formation » ({where}) : ajoutez une ligne par "
            "compétence, « | compétence | acquise / en cours / non abordée | observations | »."))
    for row in rows:
        if not row.performance and any(_same(name, row.competence) for name in contract.names):
            problems.append(Problem(
                f"{who} : la performance de « {row.competence} » n'est pas écrite.",
                section.path, row.line, "Écrivez dans la 2e colonne ce qui a été réussi : "
                "acquise, en cours, non abordée..."))
    return problems


def contract_findings(dossier: Dossier, period_word: str = "stage") -> list[Finding]:
    """For each bilan written in the tool, what its stage's training contract asks of it that
    it does not give; a mistake in a contract file, once."""
    stages = list(dossier.partie1.stages) if dossier.partie1 else []
    findings: list[Finding] = []
    for kind, period, section in written_pieces(dossier):
        if kind != "bilan" or period not in stages:
            continue
        try:
            contract = stage_competences(dossier.root, stages.index(period) + 1)
        except DossierError as exc:
            return [Finding(KIND, problem) for problem in exc.problems]
        if contract is not None:
            who = f"{PIECE_LABELS['bilan']} ({period_word} chez « {period.company} »)"
            findings += [Finding(KIND, p) for p in contract_problems(section, contract, who)]
    return findings
