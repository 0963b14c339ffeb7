"""A CostStudy's unit price -> an inline SVG bar chart of where the money goes (no JavaScript).

One horizontal bar per cost category, then overheads and margin: together they make the selling
price before tax (HT) of one piece made alone. Readable in black and white print: each bar has a
different hatching, its label on the left and its amount and share written on the right.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from .compute import SeriesCost, category_totals
from .format import format_euros, format_percent
from .model import CostStudy

__all__ = ["render_chart"]

WIDTH = 640
LABEL_WIDTH = 190
BAR_WIDTH = 270
ROW = 30
BAR = 18
TOP = 8

# Hatchings for black and white print (8 x 8 tiles); the rest of each tile is white.
PATTERNS = (
    "#3a3a3a",  # plain fills are drawn directly (no tile seams in print)
    '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="#1a1a1a" stroke-width="1.6"/>',
    '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#1a1a1a" stroke-width="1.1"/>',
    '<circle cx="4" cy="4" r="1.6" fill="#1a1a1a"/>',
    '<path d="M0,2 H8 M0,6 H8" stroke="#1a1a1a" stroke-width="1.2"/>',
    '<path d="M2,0 V8 M6,0 V8" stroke="#1a1a1a" stroke-width="1.2"/>',
    "#b5b5b5",
    '<path d="M-2,6 L6,-2 M2,10 L10,2" stroke="#1a1a1a" stroke-width="0.8"/>',
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fill(uid: str, index: int) -> str:
    tile = PATTERNS[index % len(PATTERNS)]
    return tile if tile.startswith("#") else f"url(#{uid}-motif-{index % len(PATTERNS)})"


def render_chart(study: CostStudy, cost: SeriesCost, uid: str) -> str:
    """``<figure>`` with the SVG chart; ``uid`` prefixes the pattern ids (unique per page)."""
    bars: list[tuple[str, Decimal]] = [(t.label, t.total) for t in category_totals(study)]
    bars += [("Frais généraux", cost.overheads), ("Marge", cost.margin)]
    total = cost.price_ht
    biggest = max((amount for _, amount in bars), default=Decimal(0))
    height = TOP * 2 + ROW * len(bars)
    title = "Répartition du prix de vente HT d'une pièce unique"

    def share(amount: Decimal) -> Decimal:
        return amount / total * 100 if total else Decimal(0)

    summary = ", ".join(f"{label} {format_euros(amount)} ({format_percent(share(amount), 1)})"
                        for label, amount in bars)
    defs = "".join(
        f'<pattern id="{uid}-motif-{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="#ffffff"/>{tile}</pattern>'
        for i, tile in enumerate(PATTERNS) if not tile.startswith("#"))
    rows = []
    for index, (label, amount) in enumerate(bars):
        y = TOP + index * ROW
        length = (amount / biggest * BAR_WIDTH) if biggest else Decimal(0)
        length_text = f"{max(length, Decimal('0.5')):.1f}"
        text_y = y + BAR / 2 + 4
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end" '
            f'class="pf-couts-svg-libelle">{_e(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length_text}" height="{BAR}" '
            f'fill="{_fill(uid, index)}" stroke="#000000" '
            f'stroke-width="0.8"/>'
            f'<text x="{LABEL_WIDTH + float(length_text) + 8:.1f}" y="{text_y}" '
            f'class="pf-couts-svg-valeur">{_e(format_euros(amount))} · '
            f'{_e(format_percent(share(amount), 1))}</text>')
    svg = (
        f'<svg class="pf-couts-graphique" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{_e(title)} : {_e(summary)}." viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="Inter, sans-serif" font-size="12" '
        f'fill="#000000">'
        f"<title>{_e(title)}</title><desc>{_e(summary)}.</desc>"
        f"<defs>{defs}</defs>{''.join(rows)}</svg>")
    return (f'<figure class="pf-couts-figure">{svg}<figcaption>{_e(title)} '
            f"({_e(format_euros(total))}). Chaque barre a son motif ; montant et part "
            "sont écrits à droite.</figcaption></figure>")
