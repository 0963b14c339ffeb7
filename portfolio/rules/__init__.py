"""The rules data file (voies.yml) -> validated, immutable rules: page limits, formats, roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..yamlfile import load_yaml

__all__ = ["Limit", "Rules", "VoieRules", "load_rules"]

RULES_FILE = Path(__file__).with_name("voies.yml")
PARTS = ("partie1", "principal", "annexes")


@dataclass(frozen=True)
class Limit:
    id: str
    label: str
    parts: tuple[str, ...]
    max: int


@dataclass(frozen=True)
class VoieRules:
    id: str
    label: str
    limits: tuple[Limit, ...]


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


@cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Load and check the rules file once (a broken rules file is a bug, so it asserts)."""
    data = load_yaml(path).data
    voies = {}
    for vid, v in data["voies"].items():
        limits = tuple(
            Limit(str(lim["id"]), str(lim["label"]), tuple(lim["parts"]), int(lim["max"]))
            for lim in v["limits"])
        for lim in limits:
            assert set(lim.parts) <= set(PARTS), f"{path}: unknown part in {lim}"
            assert lim.max > 0
        voies[vid] = VoieRules(vid, str(v["label"]), limits)
    formats = {k: (float(w), float(h)) for k, (w, h) in data["formats"].items()}
    return Rules(
        voies=voies,
        options=dict(data["options"]),
        roles=dict(data["roles"]),
        formats=formats,
        max_area_mm2=float(data["format"]["max_area_mm2"]),
        tolerance_mm2=float(data["format"]["tolerance_mm2"]),
        count_cover=bool(data["counted"]["cover"]),
        count_contents=bool(data["counted"]["contents"]),
    )
