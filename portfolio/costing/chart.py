"""A CostStudy's unit price -> what its SVG bar chart shows (drawn by a template, no JavaScript).

One horizontal bar per cost category, then overheads and margin: together they make the selling
price before tax (HT) of one piece made alone. Readable in black and white print: each bar has a
different hatching, its label on the left and its amount and share written on the right.
"""

from __future__ import annotations

from decimal import Decimal

from .compute import SeriesCost, category_totals
from .format import format_euros, format_percent
from .model import CostStudy

__all__ = ["chart_values"]

WIDTH = 640
LABEL_WIDTH = 190
BAR_WIDTH = 270
ROW = 30
BAR = 18
TOP = 8

# Each bar's fill, in turn: a plain grey or one of the hatchings of the template (8 x 8 tiles,
# ``<uid>-motif-<n>``) so that bars stay apart in black and white print.
FILLS = ("#3a3a3a", 1, 2, 3, 4, 5, "#b5b5b5", 7)


def _fill(uid: str, index: int) -> str:
    fill = FILLS[index % len(FILLS)]
    return fill if isinstance(fill, str) else f"url(#{uid}-motif-{fill})"


def chart_values(study: CostStudy, cost: SeriesCost, uid: str) -> dict:
    """What the chart template draws; ``uid`` prefixes the pattern ids (unique per page)."""
    bars: list[tuple[str, Decimal]] = [(t.label, t.total) for t in category_totals(study)]
    bars += [("Frais généraux", cost.overheads), ("Marge", cost.margin)]
    total = cost.price_ht
    biggest = max((amount for _, amount in bars), default=Decimal(0))

    def share(amount: Decimal) -> Decimal:
        return amount / total * 100 if total else Decimal(0)

    drawn = []
    for index, (label, amount) in enumerate(bars):
        y = TOP + index * ROW
        length = (amount / biggest * BAR_WIDTH) if biggest else Decimal(0)
        length_text = f"{max(length, Decimal('0.5')):.1f}"
        drawn.append({"label": label, "y": y, "text_y": y + BAR / 2 + 4, "length": length_text,
                      "fill": _fill(uid, index),
                      "value_x": f"{LABEL_WIDTH + float(length_text) + 8:.1f}",
                      "amount": format_euros(amount), "share": format_percent(share(amount), 1)})
    return {
        "title": "Répartition du prix de vente HT d'une pièce unique",
        "summary": ", ".join(f"{label} {format_euros(amount)} "
                             f"({format_percent(share(amount), 1)})" for label, amount in bars),
        "width": WIDTH, "height": TOP * 2 + ROW * len(bars), "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH, "bar": BAR, "bars": drawn, "total": format_euros(total),
    }
