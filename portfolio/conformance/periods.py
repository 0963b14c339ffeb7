"""Declared periods of part 1 + today + the hand-in date -> their state and the days that count.

A period is over ("terminé") once its last day is today or before; one that ends later is
planned ("prévu": it counts for ``controler``, never for ``rendre``); one that ends after the
hand-in date never counts (its attestation cannot be in the dossier handed in). Weeks written
twice (dated, then stated with ``semaines``) count once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..dossier.model import Period
from ..rules import Session
from . import durations as d

__all__ = ["AFTER", "DONE", "PLANNED", "PieceStatus", "planned_names", "spans", "stage_days",
           "when"]

# When a period ends (its attestation or certificate exists only once it is over):
DONE, PLANNED, AFTER = "terminé", "prévu", "après la remise"


@dataclass
class PieceStatus:
    """A declared period as judged: its days, pieces found, sector and state."""

    period: Period
    days: int | None          # stages: working days; certificats: calendar days; None: no dates
    stated: bool = False      # stages: length stated by the attestation (``semaines``)
    pieces: dict[str, bool] = field(default_factory=dict)   # piece label -> file found
    in_sector: bool = True
    state: str = DONE         # DONE, PLANNED (ends after today) or AFTER (after the hand-in)
    dates_refused: bool = False   # a date that could not be read (already reported at load)

    def counts(self, planned: bool) -> bool:
        """Whether its days count: dated or stated, in the sector, over (or ``planned`` and
        over before the hand-in date)."""
        return (self.days is not None and self.in_sector
                and (self.state == DONE or (planned and self.state == PLANNED)))


def when(period: Period, session: Session | None, today: dt.date) -> str:
    """DONE, PLANNED or AFTER: a period is over once its last day is today or before; one that
    ends after the hand-in date can have no attestation in the dossier handed in."""
    if period.end is None:
        return DONE
    if session is not None and period.end > session.remise:
        return AFTER
    return PLANNED if period.end > today else DONE


def spans(statuses: list[PieceStatus], full_time_only: bool = False, planned: bool = True
          ) -> list[d.Span]:
    """The dated periods that count (in the sector, over or ``planned``; full time only if
    asked)."""
    return [(s.period.start, s.period.end) for s in statuses
            if s.counts(planned) and not s.stated
            and (not full_time_only or s.period.time == "plein")]


def stage_days(statuses: list[PieceStatus], planned: bool) -> int:
    """Working days of the stages that count, overlaps once however they are written: a stage
    whose attestation states its weeks (``semaines``) counts them, less the working days its
    dates share with the stages counted before it (dated ones first, then in date order)."""
    counted = spans(statuses, planned=planned)
    total = d.workdays(counted)
    stated = [s for s in statuses if s.stated and s.counts(planned)]
    for status in sorted(stated, key=lambda s: s.period.start or dt.date.max):
        start, end = status.period.start, status.period.end
        if start is None or end is None or end < start:
            total += status.days
            continue
        total += max(status.days - d.workdays(d.clip(counted, (start, end))), 0)
        counted = d.merge([*counted, (start, end)])
    return total


def planned_names(statuses: list[PieceStatus]) -> str:
    """The planned periods that count, named for a message (French)."""
    return ", ".join(f"« {s.period.company or '?'} » (fin le {d.french_date(s.period.end)})"
                     for s in statuses if s.state == PLANNED and s.counts(True))
