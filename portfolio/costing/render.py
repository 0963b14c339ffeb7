"""A CostStudy -> safe HTML: tables per category, unit cost, series costs, prices, market reference.

The same HTML goes into the site and into the PDF, so both show the same totals. It is written
by the template ``themes/common/templates/couts.html`` with autoescape on: every string that
comes from the student is escaped there (the output is inserted after sanitising). Styling is
``themes/common/couts.css`` (classes prefixed ``pf-couts``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal

from ..util.templates import render
from .chart import chart_values
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

Cell = tuple[str, str]  # (text, css class)


def _fixed_label(fixed: bool) -> str:
    return "Fixe (une fois)" if fixed else "Par pièce"


def _head(label: str, details: Sequence[str] = (), source: str = "", date: str = "") -> dict:
    """A row's header cell: its label, detail lines, and where the price comes from."""
    return {"label": label, "details": list(details),
            "source": ", ".join(p for p in (source, format_date(date) if date else "") if p)}


def _table(kind: str, caption: str, headers: Sequence[str], rows: list[dict],
           total_label: str, total: Decimal) -> dict:
    """A table whose first column is a row header and last column an amount, with a subtotal."""
    return {"kind": kind, "caption": caption, "headers": list(headers), "rows": rows,
            "total_label": total_label, "total": format_euros(total)}


def _num(text: str) -> Cell:
    return (text, "pf-couts-nombre")


def _priced(line: ItemLine | LabourLine | MetalLine) -> list[Cell]:
    return [(_fixed_label(line.fixed), "pf-couts-imputation"),
            (format_euros(line_amount(line)), "pf-couts-montant")]


def _metal_rows(lines: Sequence[MetalLine]) -> list[dict]:
    rows = []
    for line in lines:
        alloy = line.alloy
        details = [alloy.name] if line.label else []
        if line.volume is not None:
            details.append(f"Volume CAO {format_decimal(line.volume, None)}{NBSP}cm³ × densité "
                           f"{format_decimal(alloy.density, None)}{NBSP}g/cm³ ({alloy.source})")
        rows.append({"head": _head(line.label or alloy.name, details, line.price_source,
                                   line.price_date),
                     "cells": [_num(format_grams(net_weight(line))),
                               _num(format_percent(line.loss)),
                               _num(format_grams(gross_weight(line))),
                               _num(f"{format_euros(line.price_per_gram)}/g"), *_priced(line)]})
    return rows


def _item_rows(lines: Sequence[ItemLine], show_unit: bool) -> list[dict]:
    rows = []
    for line in lines:
        quantity = format_decimal(line.quantity, None)
        if show_unit and line.unit:
            quantity += f"{NBSP}{line.unit}"
        rows.append({"head": _head(line.label, [line.detail] if line.detail else [],
                                   line.source, line.date),
                     "cells": [_num(quantity), _num(format_euros(line.unit_price)),
                               *_priced(line)]})
    return rows


def _labour_rows(lines: Sequence[LabourLine]) -> list[dict]:
    return [{"head": _head(line.operation),
             "cells": [_num(format_hours(line.hours)), _num(f"{format_euros(line.rate)}/h"),
                       *_priced(line)]} for line in lines]


def _category_tables(study: CostStudy) -> list[dict]:
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


def _unit_rows(study: CostStudy, cost: SeriesCost) -> list[tuple[str, str, str]]:
    rows = [(t.label, t.total, "") for t in category_totals(study)] + _price_rows(study, cost)
    return [(label, format_euros(amount), css) for label, amount, css in rows]


def _pieces(n: int) -> str:
    return f"{format_decimal(Decimal(n), 0)}{NBSP}pièce" + ("s" if n > 1 else "")


def _series(study: CostStudy, costs: Sequence[SeriesCost]) -> dict:
    rows: list[tuple[str, list[str], str]] = [
        ("Frais fixes de la série", [format_euros(c.fixed_total) for c in costs], ""),
        ("Part des frais fixes par pièce", [format_euros(c.fixed_share) for c in costs], ""),
        ("Coûts payés à chaque pièce", [format_euros(c.variable) for c in costs], ""),
    ]
    for index, (label, _amount, css) in enumerate(_price_rows(study, costs[0])):
        rows.append((label, [format_euros(_price_rows(study, c)[index][1]) for c in costs], css))
    if study.reference is not None:
        gaps = [market_gap(study, c) for c in costs]
        rows.append(("Écart avec la référence marché (TTC)",
                     [format_percent(g, 1, sign=True) if g is not None else "" for g in gaps], ""))
    rows.append(("Coût de revient de toute la série",
                 [format_euros(c.series_cost) for c in costs], ""))
    return {"sizes": [_pieces(c.size) for c in costs], "rows": rows}


def _reference(study: CostStudy, costs: Sequence[SeriesCost]) -> dict | None:
    ref = study.reference
    if ref is None:
        return None
    return {"description": ref.description, "place": ref.place, "date": format_date(ref.date),
            "price": format_euros(ref.price),
            "comparisons": [f"{format_euros(cost.price_ttc)} TTC pour une série de "
                            f"{_pieces(cost.size)} (écart "
                            f"{format_percent(market_gap(study, cost), 1, sign=True)})"
                            for cost in costs]}


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
        intro += f" : {study.title}"
    if study.date:
        intro += f" ({format_date(study.date)})"
    return render("common/templates/couts.html", uid=uid, intro=intro,
                  tables=_category_tables(study), unit=_unit_rows(study, unit),
                  series=_series(study, costs), reference=_reference(study, costs),
                  chart=chart_values(study, unit, uid))
