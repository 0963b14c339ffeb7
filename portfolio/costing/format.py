"""Decimal amounts -> French display strings (``1 234,56 €``, ``18,5 %``, ``4,50 g``, ``2 h 30``).

The only place where numbers are rounded (ROUND_HALF_UP, once, at display). Separators follow
French typography: U+202F NARROW NO-BREAK SPACE between thousands, U+00A0 NO-BREAK SPACE before a
unit, a comma before the decimals, U+2212 MINUS SIGN for negatives.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

__all__ = [
    "NARROW_NBSP",
    "NBSP",
    "format_date",
    "format_decimal",
    "format_euros",
    "format_grams",
    "format_hours",
    "format_percent",
]

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def format_decimal(value: Decimal, places: int | None = 2, *, sign: bool = False) -> str:
    """``Decimal("1234.5")`` -> ``"1 234,50"`` (U+202F between thousands).

    ``places`` rounds half up to that many decimals; ``None`` keeps the value's own decimals
    without trailing zeros (``Decimal("15.50")`` -> ``"15,5"``). ``sign`` adds ``+`` to positives.
    """
    value = Decimal(value)
    if places is not None:
        with localcontext(Context(prec=60)):
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    else:
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    negative = value < 0
    text = f"{abs(value):f}"
    whole, _, decimals = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = NARROW_NBSP.join(groups) + ("," + decimals if decimals else "")
    if negative and out.strip("0,\u202f"):
        return MINUS + out
    return ("+" + out) if sign and value > 0 else out


def format_euros(value: Decimal) -> str:
    """Amount in euros, rounded half up to the cent: ``Decimal("1234.565")`` -> ``1 234,57 €``."""
    return f"{format_decimal(value, 2)}{NBSP}€"


def format_percent(value: Decimal, places: int | None = None, *, sign: bool = False) -> str:
    """Percent (20 = 20 %): ``Decimal("18.5")`` -> ``18,5 %``; ``places`` rounds half up."""
    return f"{format_decimal(value, places, sign=sign)}{NBSP}%"


def format_grams(value: Decimal) -> str:
    """Weight to the hundredth of a gram: ``Decimal("4.2")`` -> ``4,20 g``."""
    return f"{format_decimal(value, 2)}{NBSP}g"


def format_hours(value: Decimal) -> str:
    """Duration to the minute: ``2.5`` -> ``2 h 30``, ``3`` -> ``3 h``, ``0.25`` -> ``15 min``."""
    minutes = int((Decimal(value) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest}{NBSP}min"
    hours_text = format_decimal(Decimal(hours), 0)
    return f"{hours_text}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def format_date(text: str) -> str:
    """``2026-10`` -> ``octobre 2026``, ``2026-10-01`` -> ``1er octobre 2026``; other text as is."""
    match = _ISO.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return text
    year, month, day = match.group(1), MONTHS[int(match.group(2)) - 1], match.group(3)
    if day is None:
        return f"{month} {year}"
    day_text = "1er" if int(day) == 1 else str(int(day))
    return f"{day_text} {month} {year}"
