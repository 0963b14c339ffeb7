"""The rules data file (voies.yml) -> validated, immutable rules: page limits, formats, roles,
required contents, part 1 pieces and durations, conformance strictness (the exam sessions are the
project's: :mod:`portfolio.dossier.sessions`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..util.errors import ConfigError
from ..util.yamlfile import YamlDoc, load_yaml

__all__ = ["Limit", "Part1Rules", "Part1Words", "RequiredContent", "Rules", "Session", "VoieRules",
           "load_rules"]

RULES_FILE = Path(__file__).with_name("voies.yml")
PARTS = ("partie1", "principal", "annexes")
MODES = ("preview", "publish", "check", "rendre")
KINDS = ("contenus", "partie1", "partie1-absente", "rapports", "echeance", "sources", "prevu")
SEVERITIES = ("erreur", "avertissement")
WORD_KEYS = {"periode": "period", "periodes": "periods", "partie": "part",   # mots: -> Part1Words
             "attestation": "attestation"}


@dataclass(frozen=True)
class Limit:
    id: str
    label: str
    parts: tuple[str, ...]
    max: int


@dataclass(frozen=True)
class RequiredContent:
    """A content the regulation requires: found in a section with one of ``roles``."""

    id: str
    label: str
    roles: tuple[str, ...]
    checks: tuple[str, ...] = ()     # names in portfolio.conformance.contents.CHECKS


@dataclass(frozen=True)
class Part1Words:
    """How part 1's periods are named to the candidate (French): a stage, or for apprentices a
    period of training in the company ("formation en entreprise", the regulation's words)."""

    period: str = "stage"                        # "stage chez « X »"
    periods: str = "stages"
    part: str = "stages"                         # "1re partie (stages)"
    attestation: str = "attestation de stage"


@dataclass(frozen=True)
class Part1Rules:
    """What part 1 must hold: stage pieces (with a minimum in weeks) or work certificates."""

    id: str
    pieces: str                       # "stages" | "certificats"
    min_weeks: int | None = None      # stages: weeks of 5 working days (Monday to Friday)
    report: bool = False              # certificats: an activity report is required
    full_time: tuple[int, int] | None = None   # (months required, window in months)
    part_time: tuple[int, int] | None = None
    words: Part1Words = Part1Words()


@dataclass(frozen=True)
class Session:
    """An exam session of the project's sessions.yml (:mod:`portfolio.dossier.sessions`)."""

    id: str
    remise: dt.date                   # hand-in date set by the recteur
    examen: dt.date | None = None     # reference for durations; defaults to ``remise``

    @property
    def reference(self) -> dt.date:
        return self.examen or self.remise


@dataclass(frozen=True)
class VoieRules:
    id: str
    label: str
    limits: tuple[Limit, ...]
    contents: tuple[RequiredContent, ...] = ()
    partie1: Part1Rules | None = None


@dataclass(frozen=True)
class Rules:
    voies: dict[str, VoieRules]
    options: dict[str, str]
    roles: dict[str, str]
    formats: dict[str, tuple[float, float]]
    max_area_mm2: float
    tolerance_mm2: float
    count_cover: bool
    count_contents: bool
    sectors: tuple[str, ...] = ()               # word stems of the jewellery sector
    shared_trades: tuple[str, ...] = ()         # trades of other sectors too (polissage...)
    severity: dict[str, dict[str, str]] = field(default_factory=dict)   # mode -> kind -> level


class _Reader:
    """Values of the rules file, each check a French error at the file's line (an edited
    session date or limit must not become a traceback, and ``python -O`` drops asserts)."""

    HINT = "Corrigez portfolio/rules/voies.yml (voyez ses commentaires)."

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc

    def fail(self, message: str, *key: Any) -> ConfigError:
        return self.doc.error(f"règles : {message}", *key, hint=self.HINT)

    def get(self, *key: Any, kind: type | tuple[type, ...] = object, optional: bool = False
            ) -> Any:
        value, where = self.doc.data, []     # where: the key as the file's lines know it
        for name in key:
            if isinstance(value, list) and isinstance(name, int) and name < len(value):
                value = value[name]
                where.append(name)
                continue
            if not isinstance(value, dict) or value.get(name) is None:
                if optional:
                    return None
                raise self.fail(f"il manque « {name} ».", *where)
            value = value[name]
            where.append(str(name))
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise self.fail(f"« {key[-1]} » n'a pas la forme attendue ({_shape(kind)}).", *where)
        return value

    def among(self, values: Any, allowed: Any, what: str, *key: Any) -> None:
        unknown = [v for v in (values if isinstance(values, (list, tuple)) else [values])
                   if v not in allowed]
        if unknown:
            raise self.fail(f"{what} inconnu(e) « {unknown[0]} » ; possibles : "
                            + ", ".join(map(str, allowed)) + ".", *key)


def _shape(kind: type | tuple[type, ...]) -> str:
    names = {dict: "un bloc de clés", list: "une liste", str: "un texte", int: "un nombre",
             dt.date: "une date AAAA-MM-JJ", bool: "true ou false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " ou ".join(names.get(k, k.__name__) for k in kinds)


@cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Load and check the rules file once; a mistake in it is a :class:`ConfigError`."""
    r = _Reader(load_yaml(path))
    roles = {str(k): str(v) for k, v in r.get("roles", kind=dict).items()}
    voies = {}
    for vid in r.get("voies", kind=dict):
        limits = []
        for index in range(len(r.get("voies", vid, "limits", kind=list))):
            key = ("voies", vid, "limits", index)
            parts = r.get(*key, "parts", kind=list)
            r.among(parts, PARTS, "partie", *key, "parts")
            maximum = r.get(*key, "max", kind=int)
            if maximum <= 0:
                raise r.fail(f"limite de {maximum} page(s) : indiquez un nombre positif.",
                             *key, "max")
            limits.append(Limit(str(r.get(*key, "id")), str(r.get(*key, "label")),
                                tuple(parts), maximum))
        group = r.get("voies", vid, "contenus", kind=str)
        contents = tuple(_content(r, roles, ("contenus", group, index))
                         for index in range(len(r.get("contenus", group, kind=list))))
        part1 = r.get("voies", vid, "partie1", kind=str)
        voies[vid] = VoieRules(str(vid), str(r.get("voies", vid, "label")), tuple(limits),
                               contents, _part1(r, part1))
    formats = {}
    for name in r.get("formats", kind=dict):
        size = r.get("formats", name, kind=list)
        if len(size) != 2 or not all(isinstance(x, (int, float)) and x > 0 for x in size):
            raise r.fail(f"le format « {name} » doit être [largeur, hauteur] en mm.",
                         "formats", name)
        formats[str(name)] = (float(size[0]), float(size[1]))
    return Rules(
        voies=voies,
        options={str(k): str(v) for k, v in r.get("options", kind=dict).items()},
        roles=roles,
        formats=formats,
        max_area_mm2=float(r.get("format", "max_area_mm2", kind=(int, float))),
        tolerance_mm2=float(r.get("format", "tolerance_mm2", kind=(int, float))),
        count_cover=r.get("counted", "cover", kind=bool),
        count_contents=r.get("counted", "contents", kind=bool),
        sectors=tuple(str(s) for s in r.get("secteurs", "bijouterie", kind=list)),
        shared_trades=tuple(str(s) for s in r.get("secteurs", "metiers_partages", kind=list)),
        severity=_severity(r),
    )


def _content(r: _Reader, roles: dict, key: tuple) -> RequiredContent:
    content_roles = r.get(*key, "roles", kind=list)
    r.among(content_roles, list(roles), "rôle", *key, "roles")
    return RequiredContent(str(r.get(*key, "id")), str(r.get(*key, "label")),
                           tuple(content_roles),
                           tuple(r.get(*key, "verifs", kind=list, optional=True) or ()))


def _part1(r: _Reader, pid: str) -> Part1Rules:
    key = ("partie1", pid)
    pieces = r.get(*key, "pieces", kind=str)
    r.among(pieces, ("stages", "certificats"), "sorte de pièces", *key, "pieces")
    spans = {k: (r.get(*key, k, "mois", kind=int), r.get(*key, k, "fenetre_mois", kind=int))
             for k in ("temps_plein", "temps_partiel") if r.get(*key, k, optional=True)}
    words = r.get(*key, "mots", kind=dict, optional=True) or {}
    r.among(list(words), list(WORD_KEYS), "mot", *key, "mots")
    default = Part1Words()
    return Part1Rules(pid, pieces, r.get(*key, "semaines_min", kind=int, optional=True),
                      bool(r.get(*key, "rapport", optional=True)), spans.get("temps_plein"),
                      spans.get("temps_partiel"),
                      Part1Words(*(str(words.get(word, getattr(default, name)))
                                   for word, name in WORD_KEYS.items())))


def _severity(r: _Reader) -> dict[str, dict[str, str]]:
    data = r.get("conformite", kind=dict)
    r.among(list(data), MODES, "mode", "conformite")
    for mode in MODES:
        levels = r.get("conformite", mode, kind=dict)
        r.among(list(levels), KINDS, "sorte de vérification", "conformite", mode)
        for kind in KINDS:
            r.among(r.get("conformite", mode, kind, kind=str), SEVERITIES, "niveau",
                    "conformite", mode, kind)
    return {mode: {kind: data[mode][kind] for kind in KINDS} for mode in MODES}
