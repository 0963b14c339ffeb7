"""A student's couts.yml -> a checked cost study (Decimal) -> safe HTML tables and an SVG chart."""

from __future__ import annotations

from .format import format_date, format_euros, format_grams, format_hours, format_percent
from .load import load_costs, parse_costs
from .model import CostStudy
from .render import render_costs_html

__all__ = [
    "CostStudy",
    "format_date",
    "format_euros",
    "format_grams",
    "format_hours",
    "format_percent",
    "load_costs",
    "parse_costs",
    "render_costs_html",
]
