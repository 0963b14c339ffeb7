"""A CostStudy -> its amounts: line totals, category subtotals, cost and price per series size.

All arithmetic is :class:`decimal.Decimal` at 28 significant digits; nothing is rounded here.
Rounding happens once, when an amount is displayed (:func:`portfolio.costing.format.format_euros`),
so a total is always computed from unrounded lines.

Notation (rates are percents, as written in couts.yml):

- metal line:   poids net ``w`` = poids donné, ou volume CAO x densité ;
                poids avec perte ``g = w x (1 + perte / 100)`` ; montant = ``g x prix au gramme`` ;
- other lines:  montant = quantité x prix unitaire (heures x taux horaire for labour) ;
- ``F`` = sum of the fixed lines (design, CAD, prototype, moulds: paid once per series),
  ``V`` = sum of the per-piece lines (metal, stones, casting, bench work...);
- for a series of ``n`` pieces, per piece:
  coût direct ``D = V + F / n`` ;
  frais généraux ``FG = D x taux FG / 100`` ;
  coût de revient ``R = D + FG`` ;
  marge ``M = R x taux de marge / 100`` ;
  prix de vente HT ``HT = R + M`` ;
  TVA ``T = HT x taux de TVA / 100`` ;
  prix de vente TTC ``TTC = HT + T`` ;
  coût de revient de la série ``n x R``.
- the unit making cost (coût de réalisation d'une pièce) is the series of 1: ``D = V + F``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

from .model import CostStudy, ItemLine, LabourLine, MetalLine

__all__ = [
    "CATEGORIES",
    "CategoryTotal",
    "SeriesCost",
    "category_totals",
    "costs_by_series",
    "gross_weight",
    "line_amount",
    "market_gap",
    "net_weight",
    "series_cost",
]

_CONTEXT = Context(prec=28)
HUNDRED = Decimal(100)

#: Cost categories in display order: attribute of CostStudy -> French label.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("metals", "Métal"),
    ("stones", "Pierres et perles"),
    ("supplies", "Apprêts et fournitures"),
    ("subcontracting", "Sous-traitance"),
    ("labour", "Main-d'œuvre"),
)


def net_weight(line: MetalLine) -> Decimal:
    """Weight of the finished part in grams: the given weight, or ``volume x densité``."""
    if line.weight is not None:
        return line.weight
    if line.volume is None:       # costing/load.py refuses such a line: a bug if it gets here
        raise ValueError(f"metal line {line.label!r}: neither a weight nor a volume")
    with localcontext(_CONTEXT):
        return line.volume * line.alloy.density


def gross_weight(line: MetalLine) -> Decimal:
    """Metal to buy in grams: ``poids net x (1 + perte / 100)``."""
    with localcontext(_CONTEXT):
        return net_weight(line) * (1 + line.loss / HUNDRED)


def line_amount(line: MetalLine | ItemLine | LabourLine) -> Decimal:
    """Amount of one line in euros (metal: gross weight x price per gram; labour: hours x rate)."""
    with localcontext(_CONTEXT):
        if isinstance(line, MetalLine):
            return gross_weight(line) * line.price_per_gram
        if isinstance(line, LabourLine):
            return line.hours * line.rate
        return line.quantity * line.unit_price


@dataclass(frozen=True)
class CategoryTotal:
    """Subtotal of one category, split into fixed (once per series) and per-piece amounts."""

    key: str
    label: str
    fixed: Decimal
    variable: Decimal

    @property
    def total(self) -> Decimal:
        """Amount for one piece made alone (series of 1): ``fixed + variable``."""
        with localcontext(_CONTEXT):
            return self.fixed + self.variable


def category_totals(study: CostStudy) -> tuple[CategoryTotal, ...]:
    """Subtotals of every category that has lines, in :data:`CATEGORIES` order."""
    totals = []
    with localcontext(_CONTEXT):
        for key, label in CATEGORIES:
            lines = getattr(study, key)
            if not lines:
                continue
            fixed = sum((line_amount(x) for x in lines if x.fixed), Decimal(0))
            variable = sum((line_amount(x) for x in lines if not x.fixed), Decimal(0))
            totals.append(CategoryTotal(key, label, fixed, variable))
    return tuple(totals)


@dataclass(frozen=True)
class SeriesCost:
    """Cost and price of one piece when ``size`` pieces are made (see the module's formulas)."""

    size: int
    fixed_total: Decimal  # F
    fixed_share: Decimal  # F / n
    variable: Decimal  # V
    direct: Decimal  # D = V + F / n
    overheads: Decimal  # FG
    cost_price: Decimal  # R
    margin: Decimal  # M
    price_ht: Decimal  # HT
    vat: Decimal  # T
    price_ttc: Decimal  # TTC
    series_cost: Decimal  # n x R


def series_cost(study: CostStudy, size: int) -> SeriesCost:
    """Per-piece cost and price for a series of ``size`` pieces (``size`` >= 1)."""
    if size < 1:
        raise ValueError(f"series size must be >= 1, got {size}")
    totals = category_totals(study)
    with localcontext(_CONTEXT):
        fixed = sum((t.fixed for t in totals), Decimal(0))
        variable = sum((t.variable for t in totals), Decimal(0))
        share = fixed / size
        direct = variable + share
        overheads = direct * study.overheads / HUNDRED
        cost_price = direct + overheads
        margin = cost_price * study.margin / HUNDRED
        price_ht = cost_price + margin
        vat = price_ht * study.vat / HUNDRED
        return SeriesCost(
            size=size, fixed_total=fixed, fixed_share=share, variable=variable, direct=direct,
            overheads=overheads, cost_price=cost_price, margin=margin, price_ht=price_ht,
            vat=vat, price_ttc=price_ht + vat, series_cost=cost_price * size)


def costs_by_series(study: CostStudy) -> tuple[SeriesCost, ...]:
    """:func:`series_cost` for every series size of the study, smallest first."""
    return tuple(series_cost(study, n) for n in study.series)


def market_gap(study: CostStudy, cost: SeriesCost) -> Decimal | None:
    """Gap of our TTC price to the market reference, in percent: ``(TTC - réf.) / réf. x 100``."""
    if study.reference is None or not study.reference.price:
        return None
    with localcontext(_CONTEXT):
        ref = study.reference.price
        return (cost.price_ttc - ref) / ref * HUNDRED
