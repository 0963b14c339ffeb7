"""Declared periods (start, end dates) -> working days, calendar days and months, in French words.

The rules of counting (also written in rules/voies.yml and the README, one line each):

- **weeks** (stages): the working days Monday to Friday inside the periods, public holidays
  included (they are part of the week), overlapping periods once; a week is 5 working days, so
  12 weeks = 60 working days and Monday 5 to Friday 9 is one whole week;
- **months** (work certificates): the calendar days inside the periods, first and last day
  included, overlaps once, separate periods added up; a month is 30 days (6 months = 180 days,
  one year = 360 days), so every run of 6 calendar months (181 days at least) passes, and a gap
  between two certificates changes nothing but the days it removes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

__all__ = ["DAYS_PER_MONTH", "WORKDAYS_PER_WEEK", "Span", "clip", "days", "format_calendar_days",
           "format_months", "format_workdays", "french_date", "merge", "plural", "window",
           "workdays"]

Span = tuple[dt.date, dt.date]      # first and last day, both included

ONE_DAY = dt.timedelta(days=1)
WORKDAYS_PER_WEEK = 5               # Monday to Friday
DAYS_PER_MONTH = 30


def plural(count: int, word: str, words: str | None = None) -> str:
    """``plural(2, "jour")`` -> ``"2 jours"``; French: 0 and 1 take the singular."""
    return f"{count} {word if count < 2 else (words or word + 's')}"


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
    """Calendar days covered by ``spans``, first and last included, overlaps counted once."""
    return sum((end - start).days + 1 for start, end in merge(spans))


def _workdays(start: dt.date, end: dt.date) -> int:
    """Mondays to Fridays from ``start`` to ``end`` included."""
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    first = start.weekday()
    return weeks * 5 + sum((first + i) % 7 < 5 for i in range(rest))


def workdays(spans: Iterable[Span]) -> int:
    """Working days (Monday to Friday, public holidays included) in ``spans``, overlaps once."""
    return sum(_workdays(start, end) for start, end in merge(spans))


def window(reference: dt.date, months_before: int) -> Span:
    """The ``months_before`` calendar months before ``reference`` (the day before it included)."""
    return reference - relativedelta(months=months_before), reference - ONE_DAY


def clip(spans: Iterable[Span], limits: Span) -> list[Span]:
    """The parts of ``spans`` inside ``limits``."""
    low, high = limits
    return [(max(start, low), min(end, high)) for start, end in merge(spans)
            if end >= low and start <= high]


def _and(parts: list[str]) -> str:
    return " et ".join(parts)


def format_workdays(count: int) -> str:
    """``58`` -> ``"11 semaines et 3 jours"``; ``0`` -> ``"aucun jour"`` (weeks of 5 days)."""
    weeks, rest = divmod(count, WORKDAYS_PER_WEEK)
    parts = [plural(weeks, "semaine")] if weeks else []
    if rest:
        parts.append(plural(rest, "jour"))
    return _and(parts) or "aucun jour"


def format_months(count: int) -> str:
    """Days as months of 30 days: ``181`` -> ``"6 mois et 1 jour"``, ``0`` -> ``"aucun jour"``."""
    months, rest = divmod(count, DAYS_PER_MONTH)
    parts = [f"{months} mois"] if months else []
    if rest:
        parts.append(plural(rest, "jour"))
    return _and(parts) or "aucun jour"


def format_calendar_days(count: int) -> str:
    """``181`` -> ``"181 jours (6 mois et 1 jour)"``; ``12`` -> ``"12 jours"``."""
    text = plural(count, "jour") if count else "aucun jour"
    return f"{text} ({format_months(count)})" if count >= DAYS_PER_MONTH else text


def french_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
