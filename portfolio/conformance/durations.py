"""Declared periods (start, end dates) -> days and calendar months worked, clipped to a window.

Conventions (also written in rules/voies.yml and the README): a period counts its first and its
last day (``end - start + 1`` days); overlapping periods count once; months are calendar months
(1 March -> 31 August is 6 months) and separate periods add up: whole months, then the leftover
days at 30 days a month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

__all__ = ["Span", "clip", "days", "format_days", "format_months", "french_date", "merge",
           "months", "window"]

Span = tuple[dt.date, dt.date]      # first and last day, both included

ONE_DAY = dt.timedelta(days=1)
DAYS_PER_MONTH = 30                 # leftover days of separate periods, per month


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans (touching spans are joined)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def days(spans: Iterable[Span]) -> int:
    """Days covered by ``spans``, first and last included, overlaps counted once."""
    return sum((end - start).days + 1 for start, end in merge(spans))


def window(reference: dt.date, months_before: int) -> Span:
    """The ``months_before`` calendar months before ``reference`` (the day before it included)."""
    return reference - relativedelta(months=months_before), reference - ONE_DAY


def clip(spans: Iterable[Span], limits: Span) -> list[Span]:
    """The parts of ``spans`` inside ``limits``."""
    low, high = limits
    return [(max(start, low), min(end, high)) for start, end in merge(spans)
            if end >= low and start <= high]


def months(spans: Iterable[Span]) -> tuple[int, int]:
    """(whole calendar months, leftover days) covered by ``spans``."""
    total_months = total_days = 0
    merged = merge(spans)
    for start, end in merged:
        delta = relativedelta(end + ONE_DAY, start)
        total_months += delta.years * 12 + delta.months
        total_days += delta.days
    if len(merged) < 2:    # one period: exact calendar months (5 months and 30 days < 6)
        return total_months, total_days
    extra, left = divmod(total_days, DAYS_PER_MONTH)
    return total_months + extra, left


def format_days(count: int) -> str:
    """``83`` -> ``"83 jours (11 semaines et 6 jours)"``."""
    weeks, rest = divmod(count, 7)
    parts = []
    if weeks:
        parts.append(f"{weeks} semaine{'s' if weeks > 1 else ''}")
    if rest or not weeks:
        parts.append(f"{rest} jour{'s' if rest > 1 else ''}")
    return f"{count} jour{'s' if count > 1 else ''} ({' et '.join(parts)})"


def format_months(value: tuple[int, int]) -> str:
    """``(4, 10)`` -> ``"4 mois et 10 jours"``; ``(12, 0)`` -> ``"12 mois"``."""
    whole, rest = value
    if not rest:
        return f"{whole} mois"
    day_text = f"{rest} jour{'s' if rest > 1 else ''}"
    return f"{whole} mois et {day_text}" if whole else day_text


def french_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
