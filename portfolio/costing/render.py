"""A CostStudy -> safe HTML: tables per category, unit cost, series costs, prices, market reference.

The same HTML goes into the site and into the PDF, so both show the same totals. Every string
that comes from the student is escaped here (the output is inserted after sanitising, so it must
be safe by itself). Styling is ``themes/common/couts.css`` (classes prefixed ``pf-couts``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from .chart import render_chart
from .compute import (
    SeriesCost,
    category_totals,
    costs_by_series,
    gross_weight,
    line_amount,
    market_gap,
    net_weight,
)
from .format import (
    NBSP,
    format_date,
    format_decimal,
    format_euros,
    format_grams,
    format_hours,
    format_percent,
)
from .model import CostStudy, ItemLine, LabourLine, MetalLine

__all__ = ["render_costs_html"]

Cell = tuple[str, str]  # (html already escaped, css class)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fixed_label(fixed: bool) -> str:
    return "Fixe (une fois)" if fixed else "Par pièce"


def _source_note(source: str, date: str) -> str:
    parts = [p for p in (_e(source), _e(format_date(date)) if date else "") if p]
    if not parts:
        return ""
    return f'<span class="pf-couts-source">Source : {", ".join(parts)}</span>'


def _table(kind: str, caption: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]],
           total_label: str, total: Decimal) -> str:
    """A table whose first column is a row header and last column an amount, with a subtotal."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = []
    for row in rows:
        first, *rest = row
        cells = "".join(f'<td class="{cls}">{html}</td>' if cls else f"<td>{html}</td>"
                        for html, cls in rest)
        body.append(f'<tr><th scope="row">{first[0]}</th>{cells}</tr>')
    span = len(headers) - 1
    return (
        f'<div class="pf-couts-defile"><table class="pf-couts-table pf-couts-{kind}">'
        f"<caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody>"
        f'<tfoot><tr class="pf-couts-sous-total"><th scope="row" colspan="{span}">'
        f'{_e(total_label)}</th><td class="pf-couts-montant">{format_euros(total)}</td></tr>'
        f"</tfoot></table></div>")


def _num(text: str) -> Cell:
    return (text, "pf-couts-nombre")


def _metal_rows(lines: Sequence[MetalLine]) -> list[list[Cell]]:
    rows = []
    for line in lines:
        alloy = line.alloy
        name = _e(line.label or alloy.name)
        if line.label:
            name += f'<span class="pf-couts-detail">{_e(alloy.name)}</span>'
        if line.volume is not None:
            density = format_decimal(alloy.density, None)
            name += (f'<span class="pf-couts-detail">Volume CAO '
                     f"{format_decimal(line.volume, None)}{NBSP}cm³ × densité {density}{NBSP}g/cm³"
                     f" ({_e(alloy.source)})</span>")
        name += _source_note(line.price_source, line.price_date)
        rows.append([
            (name, ""),
            _num(format_grams(net_weight(line))),
            _num(format_percent(line.loss)),
            _num(format_grams(gross_weight(line))),
            _num(f"{format_euros(line.price_per_gram)}/g"),
            (_fixed_label(line.fixed), "pf-couts-imputation"),
            (format_euros(line_amount(line)), "pf-couts-montant"),
        ])
    return rows


def _item_rows(lines: Sequence[ItemLine], show_unit: bool) -> list[list[Cell]]:
    rows = []
    for line in lines:
        name = _e(line.label)
        if line.detail:
            name += f'<span class="pf-couts-detail">{_e(line.detail)}</span>'
        name += _source_note(line.source, line.date)
        quantity = format_decimal(line.quantity, None)
        if show_unit and line.unit:
            quantity += f"{NBSP}{_e(line.unit)}"
        rows.append([
            (name, ""),
            _num(quantity),
            _num(format_euros(line.unit_price)),
            (_fixed_label(line.fixed), "pf-couts-imputation"),
            (format_euros(line_amount(line)), "pf-couts-montant"),
        ])
    return rows


def _labour_rows(lines: Sequence[LabourLine]) -> list[list[Cell]]:
    return [[
        (_e(line.operation), ""),
        _num(format_hours(line.hours)),
        _num(f"{format_euros(line.rate)}/h"),
        (_fixed_label(line.fixed), "pf-couts-imputation"),
        (format_euros(line_amount(line)), "pf-couts-montant"),
    ] for line in lines]


def _category_tables(study: CostStudy) -> list[str]:
    totals = {t.key: t.total for t in category_totals(study)}
    tables = []
    price_cols = ("Prix unitaire", "Imputation", "Montant")
    if study.metals:
        tables.append(_table(
            "metaux", "Métal", ("Alliage", "Poids net", "Perte", "Poids avec perte",
                                "Prix au gramme", "Imputation", "Montant"),
            _metal_rows(study.metals), "Sous-total métal", totals["metals"]))
    if study.stones:
        tables.append(_table(
            "pierres", "Pierres et perles", ("Nature", "Nombre", *price_cols),
            _item_rows(study.stones, False), "Sous-total pierres et perles", totals["stones"]))
    if study.supplies:
        tables.append(_table(
            "apprets", "Apprêts et fournitures", ("Désignation", "Quantité", *price_cols),
            _item_rows(study.supplies, True), "Sous-total apprêts et fournitures",
            totals["supplies"]))
    if study.subcontracting:
        tables.append(_table(
            "sous-traitance", "Sous-traitance", ("Prestation", "Quantité", *price_cols),
            _item_rows(study.subcontracting, False), "Sous-total sous-traitance",
            totals["subcontracting"]))
    if study.labour:
        tables.append(_table(
            "main-oeuvre", "Main-d'œuvre", ("Opération", "Durée", "Taux horaire",
                                            "Imputation", "Montant"),
            _labour_rows(study.labour), "Sous-total main-d'œuvre", totals["labour"]))
    return tables


def _price_rows(study: CostStudy, cost: SeriesCost) -> list[tuple[str, Decimal, str]]:
    """(label, amount, css class) from the direct cost down to the price TTC."""
    return [
        ("Coût direct", cost.direct, "pf-couts-cumul"),
        (f"Frais généraux ({format_percent(study.overheads)} du coût direct)", cost.overheads, ""),
        ("Coût de revient", cost.cost_price, "pf-couts-cumul"),
        (f"Marge ({format_percent(study.margin)} du coût de revient)", cost.margin, ""),
        ("Prix de vente HT", cost.price_ht, "pf-couts-cumul"),
        (f"TVA ({format_percent(study.vat)})", cost.vat, ""),
        ("Prix de vente TTC", cost.price_ttc, "pf-couts-total"),
    ]


def _unit_table(study: CostStudy, cost: SeriesCost) -> str:
    rows = [(f"{t.label}", t.total, "") for t in category_totals(study)]
    rows += _price_rows(study, cost)
    body = "".join(
        f'<tr class="{cls}"><th scope="row">{_e(label)}</th>'
        f'<td class="pf-couts-montant">{format_euros(amount)}</td></tr>'
        if cls else
        f'<tr><th scope="row">{_e(label)}</th>'
        f'<td class="pf-couts-montant">{format_euros(amount)}</td></tr>'
        for label, amount, cls in rows)
    return (
        '<div class="pf-couts-defile"><table class="pf-couts-table pf-couts-unitaire">'
        "<caption>Coût de réalisation d'une pièce (pièce unique) et prix de vente</caption>"
        '<thead><tr><th scope="col">Poste</th><th scope="col">Montant</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>")


def _pieces(n: int) -> str:
    return f"{format_decimal(Decimal(n), 0)}{NBSP}pièce" + ("s" if n > 1 else "")


def _series_table(study: CostStudy, costs: Sequence[SeriesCost]) -> str:
    head = "".join(f'<th scope="col">Série de {_pieces(c.size)}</th>' for c in costs)
    rows: list[tuple[str, list[str], str]] = [
        ("Frais fixes de la série", [format_euros(c.fixed_total) for c in costs], ""),
        ("Part des frais fixes par pièce", [format_euros(c.fixed_share) for c in costs], ""),
        ("Coûts payés à chaque pièce", [format_euros(c.variable) for c in costs], ""),
    ]
    for index, (label, _amount, cls) in enumerate(_price_rows(study, costs[0])):
        rows.append((label, [format_euros(_price_rows(study, c)[index][1]) for c in costs], cls))
    if study.reference is not None:
        gaps = [market_gap(study, c) for c in costs]
        rows.append(("Écart avec la référence marché (TTC)",
                     [format_percent(g, 1, sign=True) if g is not None else "" for g in gaps], ""))
    rows.append(("Coût de revient de toute la série",
                 [format_euros(c.series_cost) for c in costs], ""))
    body = "".join(
        (f'<tr class="{cls}">' if cls else "<tr>") + f'<th scope="row">{_e(label)}</th>'
        + "".join(f'<td class="pf-couts-montant">{v}</td>' for v in values) + "</tr>"
        for label, values, cls in rows)
    return (
        '<div class="pf-couts-defile"><table class="pf-couts-table pf-couts-series">'
        "<caption>Coût de production et prix par pièce selon la taille de la série</caption>"
        f'<thead><tr><th scope="col">Par pièce</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>")


def _reference(study: CostStudy, costs: Sequence[SeriesCost]) -> str:
    ref = study.reference
    if ref is None:
        return ""
    comparisons = []
    for cost in costs:
        gap = market_gap(study, cost)
        comparisons.append(f"{format_euros(cost.price_ttc)} TTC pour une série de "
                           f"{_pieces(cost.size)} (écart {format_percent(gap, 1, sign=True)})")
    return (
        '<p class="pf-couts-reference"><strong>Référence marché :</strong> '
        f"{_e(ref.description)} ({_e(ref.place)}, {_e(format_date(ref.date))}) : "
        f"{format_euros(ref.price)} TTC. Notre prix : {' ; '.join(comparisons)}.</p>")


def render_costs_html(study: CostStudy) -> str:
    """The whole cost study as one ``<div class="pf-couts">`` of safe HTML (tables + SVG chart).

    Every amount is computed from unrounded Decimals and rounded half up to the cent only
    where it is written, so a subtotal shown may differ by a cent from the sum of rounded lines.
    """
    costs = costs_by_series(study)
    unit = costs[0]  # the series of 1 is always present
    uid = "pf-couts-" + hashlib.sha1(repr(study).encode("utf-8")).hexdigest()[:8]
    intro = "Étude des coûts"
    if study.title:
        intro += f" : {_e(study.title)}"
    if study.date:
        intro += f" ({_e(format_date(study.date))})"
    parts = [
        f'<div class="pf-couts" id="{uid}">',
        f'<p class="pf-couts-intro"><strong>{intro}.</strong> Montants en euros, calculés à '
        "partir des données de l'étude et arrondis au centime à l'affichage. "
        "« Fixe » : payé une fois pour toute la série ; « par pièce » : payé à chaque pièce.</p>",
        *_category_tables(study),
        _unit_table(study, unit),
        _series_table(study, costs),
        _reference(study, costs),
        render_chart(study, unit, uid),
        "</div>",
    ]
    return "\n".join(p for p in parts if p)
