"""A cost study as plain data: the lines of couts.yml, validated, as Decimal (no I/O, no maths)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

__all__ = [
    "Alloy",
    "CostStudy",
    "ItemLine",
    "LabourLine",
    "MarketReference",
    "MetalLine",
]

# Every amount is a Decimal exactly as the student typed it; rates are percents (20 = 20 %).


@dataclass(frozen=True)
class Alloy:
    """One entry of ``portfolio/data/alliages.yml`` (or a density given on the metal line)."""

    key: str
    name: str
    density: Decimal  # g/cm3
    source: str


@dataclass(frozen=True)
class MetalLine:
    """Metal bought for the piece: a weight, or a CAD volume turned into a weight by the density."""

    alloy: Alloy
    label: str
    weight: Decimal | None  # net weight of the finished part, g (exclusive with ``volume``)
    volume: Decimal | None  # CAD volume of the finished part, cm3
    loss: Decimal  # casting and working loss, percent of the net weight
    price_per_gram: Decimal  # EUR per gram of alloy
    price_source: str
    price_date: str
    fixed: bool = False


@dataclass(frozen=True)
class ItemLine:
    """A priced line: a stone, a finding or consumable, or a subcontracted service."""

    label: str
    detail: str  # size / carats for a stone, supplier for a service...
    quantity: Decimal
    unit: str  # shown after the quantity ("pièce", "g", "ct"...)
    unit_price: Decimal  # EUR per unit
    fixed: bool  # True: paid once for the series (design, prototype, mould)
    source: str = ""
    date: str = ""


@dataclass(frozen=True)
class LabourLine:
    """One operation of the making, in hours at an hourly rate."""

    operation: str
    hours: Decimal
    rate: Decimal  # EUR per hour
    fixed: bool


@dataclass(frozen=True)
class MarketReference:
    """A comparable piece seen for sale: the study's market price reference (TTC)."""

    description: str
    price: Decimal  # EUR, all taxes included
    place: str
    date: str


@dataclass(frozen=True)
class CostStudy:
    """Everything ``couts.yml`` says, checked; compute with :mod:`portfolio.costing.compute`."""

    path: Path | None
    title: str
    date: str
    metals: tuple[MetalLine, ...] = ()
    stones: tuple[ItemLine, ...] = ()
    supplies: tuple[ItemLine, ...] = ()
    subcontracting: tuple[ItemLine, ...] = ()
    labour: tuple[LabourLine, ...] = ()
    overheads: Decimal = Decimal(0)  # percent of the direct cost
    margin: Decimal = Decimal(0)  # percent of the cost price (coût de revient)
    vat: Decimal = Decimal(20)  # percent of the selling price before tax
    series: tuple[int, ...] = (1,)
    reference: MarketReference | None = None
    # Prices (metal, stone) given without their ``source:``: the conformance check reports them,
    # a warning while the dossier grows, an error at the hand-in (rules/voies.yml, conformite).
    unsourced: tuple[tuple[str, int | None], ...] = ()   # (line's name, line in the file)
