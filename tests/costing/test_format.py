"""French display of amounts: exact characters (U+202F between thousands, U+00A0 before units)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portfolio.costing import format_date, format_euros, format_grams, format_hours, format_percent
from portfolio.costing.values import KINDS, NumberError, parse_number

NNBSP = "\u202f"  # NARROW NO-BREAK SPACE (thousands)
NBSP = "\u00a0"  # NO-BREAK SPACE (before the unit)

D = Decimal  # short name for the hand computations


@pytest.mark.parametrize(("value", "expected"), [
    ("1234.56", f"1{NNBSP}234,56{NBSP}€"),
    ("1234567.891", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
    ("999.999", f"1{NNBSP}000,00{NBSP}€"),
    ("2.675", f"2,68{NBSP}€"),  # half up on the exact decimal (a float would give 2,67)
    ("0.005", f"0,01{NBSP}€"),
    ("0", f"0,00{NBSP}€"),
    ("-12.5", f"\u221212,50{NBSP}€"),
    ("-0.001", f"0,00{NBSP}€"),  # no "minus zero"
])
def test_format_euros(value, expected):
    assert format_euros(D(value)) == expected


def test_format_percent_weight_hours_date():
    assert format_percent(D("18.5")) == f"18,5{NBSP}%"
    assert format_percent(D("20")) == f"20{NBSP}%"
    assert format_percent(D("5.50")) == f"5,5{NBSP}%"
    assert format_percent(D("4.895"), 1, sign=True) == f"+4,9{NBSP}%"
    assert format_grams(D("4.2")) == f"4,20{NBSP}g"
    assert format_grams(D("3.875")) == f"3,88{NBSP}g"
    assert format_hours(D("2.5")) == f"2{NBSP}h{NBSP}30"
    assert format_hours(D("3")) == f"3{NBSP}h"
    assert format_hours(D("0.25")) == f"15{NBSP}min"
    assert format_hours(D("1.05")) == f"1{NBSP}h{NBSP}03"
    assert format_date("2026-10") == "octobre 2026"
    assert format_date("2026-10-01") == "1er octobre 2026"
    assert format_date("automne 2026") == "automne 2026"


@pytest.mark.parametrize(("value", "kind", "expected"), [
    (4.2, "g", D("4.2")),  # a YAML float keeps the digits typed, not a binary approximation
    ("4,5", "g", D("4.5")),
    ("4,5 g", "g", D("4.5")),
    ("1 234,50 €", "eur", D("1234.50")),
    ("104 €/g", "eur/g", D("104")),
    ("2 h 30", "h", D("2.5")),
    ("45 min", "h", D("0.75")),
    ("18,5 %", "percent", D("18.5")),
    (3, "count", D(3)),
])
def test_parse_number(value, kind, expected):
    assert parse_number(value, KINDS[kind]) == expected


@pytest.mark.parametrize(("value", "kind"), [
    ("3 kg", "g"), ("beaucoup", "h"), (True, "qty"), ("1.234,56", "eur"), (1.5, "count"),
    (float("nan"), "eur"), ([1], "eur"),
])
def test_parse_number_refuses(value, kind):
    with pytest.raises(NumberError):
        parse_number(value, KINDS[kind])
