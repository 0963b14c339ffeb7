"""rules/rapports.yml -> what the regulation asks each part 1 piece written in the tool to say.

The elements of a stage report, a bilan and an activity report (each with the words of its
heading, what to write there, words its text must hold) and the activities a placement must
"notably" bear on: read once, checked, immutable. Read by the scaffold (the plans ``partie1``
writes), the conformance of the pieces and the bilan form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..util.errors import ConfigError
from ..util.yamlfile import load_yaml

__all__ = ["RULES_FILE", "Activity", "Element", "ReportRules", "load_report_rules"]

RULES_FILE = Path(__file__).with_name("rapports.yml")
ELEMENT_KEYS = {"id", "label", "mots", "titre", "aide", "exige"}


@dataclass(frozen=True)
class Element:
    """One thing a piece must address: found under a heading holding one of ``words``."""

    id: str
    label: str
    words: tuple[str, ...]
    title: str                  # the heading ``nouveau`` writes (and the hint suggests)
    help: str                   # what to write there
    required: tuple[str, ...] = ()      # words its text must also hold
    required_message: str = ""
    required_help: str = ""


@dataclass(frozen=True)
class Activity:
    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ReportRules:
    min_words: int
    elements: dict[str, tuple[Element, ...]]      # "stage" | "bilan" | "activite"
    activities: tuple[Activity, ...]


@cache
def load_report_rules(path: Path = RULES_FILE) -> ReportRules:
    doc = load_yaml(path)
    data = doc.data

    def element(item: dict) -> Element:
        unknown = set(item) - ELEMENT_KEYS
        if unknown:          # a comma in an unquoted flow mapping splits a label in two
            raise ConfigError(f"règles : clé inconnue « {sorted(unknown)[0]} » dans "
                              f"l'élément « {item.get('id')} ».", path,
                              hint="Mettez entre guillemets un texte qui contient une virgule.")
        needs = item.get("exige") or {}
        return Element(item["id"], item["label"], tuple(item["mots"]), item["titre"],
                       item["aide"], tuple(needs.get("mots", ())), needs.get("message", ""),
                       needs.get("aide", ""))

    for activity in data["activites"]:
        if set(activity) != {"label", "mots"}:
            raise ConfigError(f"règles : clés de l'activité « {activity.get('label')} » : "
                              "label et mots seulement.", path,
                              hint="Mettez entre guillemets un texte qui contient une virgule.")
    return ReportRules(int(data["min_mots"]),
                       {kind: tuple(element(i) for i in items)
                        for kind, items in data["elements"].items()},
                       tuple(Activity(a["label"], tuple(a["mots"])) for a in data["activites"]))
