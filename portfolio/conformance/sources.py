"""The cost study blocks of a dossier (```couts``` + couts.yml) -> prices given without a source.

A price without its ``source:`` does not stop the build any more: it is a finding of kind
``sources`` whose severity the ``conformite`` table sets per command (a warning while the
dossier grows, an error at the hand-in). A cost study that does not load is left to the
render, which reports it with its line.
"""

from __future__ import annotations

import re

from ..costing import load_costs, parse_costs
from ..dossier.model import Dossier
from ..util.errors import DossierError, Problem
from ..util.yamlfile import parse_yaml

__all__ = ["unsourced_prices"]

_COSTS_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*couts[ \t]*\n(.*?)^\1[ \t]*$", re.M | re.S)


def unsourced_prices(dossier: Dossier) -> list[Problem]:
    """One problem per price (metal, stone) of the dossier's cost studies without a source."""
    studies = {}
    for section in dossier.all_sections():
        for match in _COSTS_FENCE.finditer(section.body):
            try:
                if match.group(2).strip():
                    line = section.body_line + section.body[:match.start()].count("\n")
                    study = parse_costs(parse_yaml("\n" * line + match.group(2), section.path))
                else:
                    study = load_costs(dossier.root / "couts.yml")
            except DossierError:
                continue
            studies[(study.path, match.group(2))] = study
    return [Problem(f"prix sans source dans l'étude des coûts : « {name} » (clé « source »).",
                    study.path, line, hint="Indiquez où le prix a été relevé (cours du "
                    "négociant, devis, catalogue) : « source: ... ». Exigé à la remise du "
                    "dossier.")
            for study in studies.values() for name, line in study.unsourced]
