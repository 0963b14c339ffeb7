"""YAML scalars of couts.yml -> Decimal numbers, rates, flags and dates (French error messages).

A number may be written as YAML reads it (``4.5``) or as a French person types it (``"4,5"``,
``"1 234,50 €"``, ``"4,5 g"``, ``"2 h 30"``, ``"18,5 %"``): the unit after the number is accepted
when it is the unit the key expects, and refused with a conversion hint otherwise (``"3 kg"`` for
``poids_g``). A YAML float is converted through its shortest repr, which gives back the digits
the student typed (``4.2`` -> ``Decimal("4.2")``), never a binary approximation.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["KINDS", "Kind", "parse_date", "parse_flag", "parse_number"]


@dataclass(frozen=True)
class Kind:
    """What a numeric key holds: its French description, accepted units, and wrong-unit hints."""

    description: str
    units: tuple[str, ...] = ()
    conversions: tuple[tuple[str, str], ...] = ()
    integer: bool = False


KINDS: dict[str, Kind] = {
    "g": Kind("un poids en grammes", ("g", "gr", "gramme", "grammes"),
              (("kg", "1 kg = 1000 g"), ("mg", "1 mg = 0,001 g"), ("ct", "1 ct = 0,2 g"))),
    "cm3": Kind("un volume en cm³", ("cm3", "cm³"),
                (("mm3", "1 mm³ = 0,001 cm³"), ("mm³", "1 mm³ = 0,001 cm³"),
                 ("ml", "1 ml = 1 cm³"))),
    "g/cm3": Kind("une densité en g/cm³", ("g/cm3", "g/cm³"),
                  (("kg/m3", "1 kg/m³ = 0,001 g/cm³"),)),
    "eur": Kind("un montant en euros", ("€", "eur", "euro", "euros")),
    "eur/g": Kind("un prix en euros par gramme", ("€/g", "eur/g", "€ / g"),
                  (("€/kg", "1 €/kg = 0,001 €/g"), ("€/oz", "1 once troy = 31,1035 g"))),
    "eur/ct": Kind("un prix en euros par carat", ("€/ct", "eur/ct", "€ / ct")),
    "eur/h": Kind("un taux horaire en euros par heure", ("€/h", "eur/h", "€ / h")),
    "ct": Kind("un poids en carats", ("ct", "carat", "carats"), (("g", "1 g = 5 ct"),)),
    "h": Kind("une durée en heures", ("h",), (("min", "1 h = 60 min ; écrivez par exemple "
                                                       "« 0.75 » ou « 0 h 45 »"),)),
    "qty": Kind("un nombre"),
    "count": Kind("un nombre entier", integer=True),
    "percent": Kind("un pourcentage", ("%",)),
}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(r"^[+\-−]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")
_HOURS = re.compile(r"^(\d+)\s*h\s*(?:(\d{1,2})\s*(?:min)?)?$", re.I)
_MINUTES = re.compile(r"^(\d+)\s*min$", re.I)


class NumberError(ValueError):
    """A value that is not a number of the expected kind; ``hint`` says how to write it."""

    def __init__(self, hint: str = "") -> None:
        super().__init__(hint)
        self.hint = hint


def _from_text(text: str, kind: Kind) -> Decimal:
    text = text.strip()
    if kind.units == ("h",):
        match = _HOURS.match(text)
        if match:
            minutes = int(match.group(2) or 0)
            if minutes >= 60:
                raise NumberError("Les minutes vont de 0 à 59 (« 2 h 30 »).")
            return Decimal(match.group(1)) + Decimal(minutes) / 60
        match = _MINUTES.match(text)
        if match:
            return Decimal(match.group(1)) / 60
    compact = _SPACES.sub("", text)
    match = _NUMBER.match(compact)
    if not match:
        raise NumberError()
    number, unit = match.group(0), compact[match.end():]
    if unit and unit.casefold() not in {u.replace(" ", "").casefold() for u in kind.units}:
        for wrong, rule in kind.conversions:
            if unit.casefold() == wrong.casefold():
                raise NumberError(f"Convertissez ({rule}) et écrivez seulement le nombre.")
        raise NumberError()
    number = number.replace(",", ".").replace("−", "-")
    if number.startswith((".", "-.", "+.")):
        number = number.replace(".", "0.", 1)
    return Decimal(number)


def parse_number(value: Any, kind: Kind) -> Decimal:
    """A YAML value -> Decimal, or :class:`NumberError` when it is not ``kind``'s number."""
    if isinstance(value, bool) or value is None:
        raise NumberError()
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError()
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = _from_text(value, kind)
        except InvalidOperation:
            raise NumberError() from None
    else:
        raise NumberError()
    if kind.integer and result != result.to_integral_value():
        raise NumberError("Indiquez un nombre entier (1, 2, 3...).")
    return result


_FLAGS = {"oui": True, "non": False, "vrai": True, "faux": False}


def parse_flag(value: Any) -> bool | None:
    """``true`` / ``false`` (or ``oui`` / ``non``) -> bool; anything else -> None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _FLAGS.get(value.strip().casefold())
    return None


def parse_date(value: Any) -> str | None:
    """A YAML date (``2026-10-15``), year-month text (``2026-10``) or free text -> text."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
