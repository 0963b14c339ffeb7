"""The rules data file (voies.yml) -> validated, immutable rules: page limits, formats, roles,
required contents, part 1 pieces and durations, exam sessions, conformance strictness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..yamlfile import load_yaml

__all__ = ["Limit", "Part1Rules", "Part1Words", "RequiredContent", "Rules", "Session", "VoieRules",
           "load_rules"]

RULES_FILE = Path(__file__).with_name("voies.yml")
PARTS = ("partie1", "principal", "annexes")
MODES = ("preview", "publish", "check", "rendre")
KINDS = ("contenus", "partie1", "partie1-absente", "echeance", "sources")
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
    sessions: dict[str, Session] = field(default_factory=dict)
    sectors: tuple[str, ...] = ()               # word stems of the jewellery sector
    shared_trades: tuple[str, ...] = ()         # trades of other sectors too (polissage...)
    severity: dict[str, dict[str, str]] = field(default_factory=dict)   # mode -> kind -> level


@cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Load and check the rules file once (a broken rules file is a bug, so it asserts)."""
    data = load_yaml(path).data
    roles = dict(data["roles"])
    voies = {}
    for vid, v in data["voies"].items():
        limits = tuple(
            Limit(str(lim["id"]), str(lim["label"]), tuple(lim["parts"]), int(lim["max"]))
            for lim in v["limits"])
        for lim in limits:
            assert set(lim.parts) <= set(PARTS), f"{path}: unknown part in {lim}"
            assert lim.max > 0
        contents = tuple(_content(c, roles, path) for c in data["contenus"][v["contenus"]])
        voies[vid] = VoieRules(vid, str(v["label"]), limits, contents,
                               _part1(str(v["partie1"]), data["partie1"][v["partie1"]]))
    formats = {k: (float(w), float(h)) for k, (w, h) in data["formats"].items()}
    return Rules(
        voies=voies,
        options=dict(data["options"]),
        roles=roles,
        formats=formats,
        max_area_mm2=float(data["format"]["max_area_mm2"]),
        tolerance_mm2=float(data["format"]["tolerance_mm2"]),
        count_cover=bool(data["counted"]["cover"]),
        count_contents=bool(data["counted"]["contents"]),
        sessions={str(k): Session(str(k), _date(s["remise"]), _date(s.get("examen")))
                  for k, s in (data.get("sessions") or {}).items()},
        sectors=tuple(str(s) for s in data["secteurs"]["bijouterie"]),
        shared_trades=tuple(str(s) for s in data["secteurs"]["metiers_partages"]),
        severity=_severity(data["conformite"], path),
    )


def _date(value) -> dt.date | None:
    assert value is None or isinstance(value, dt.date), f"not a date: {value!r}"
    return value


def _content(entry: dict, roles: dict, path: Path) -> RequiredContent:
    content = RequiredContent(str(entry["id"]), str(entry["label"]), tuple(entry["roles"]),
                              tuple(entry.get("verifs") or ()))
    assert set(content.roles) <= set(roles), f"{path}: unknown role in {content}"
    return content


def _part1(pid: str, entry: dict) -> Part1Rules:
    assert entry["pieces"] in ("stages", "certificats"), entry
    spans = {k: (int(entry[k]["mois"]), int(entry[k]["fenetre_mois"]))
             for k in ("temps_plein", "temps_partiel") if entry.get(k)}
    words = entry.get("mots") or {}
    assert set(words) <= set(WORD_KEYS), entry
    default = Part1Words()
    return Part1Rules(pid, entry["pieces"], entry.get("semaines_min"),
                      bool(entry.get("rapport")), spans.get("temps_plein"),
                      spans.get("temps_partiel"),
                      Part1Words(*(str(words.get(key, getattr(default, name)))
                                   for key, name in WORD_KEYS.items())))


def _severity(data: dict, path: Path) -> dict[str, dict[str, str]]:
    assert set(data) == set(MODES), f"{path}: conformite needs the modes {MODES}"
    for levels in data.values():
        assert set(levels) == set(KINDS) and set(levels.values()) <= set(SEVERITIES), levels
    return {mode: dict(levels) for mode, levels in data.items()}
