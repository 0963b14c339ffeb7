"""The page geometry the Python side uses is the print stylesheet's (read back from print.css)."""

from __future__ import annotations

import re

from helpers import REPO

from portfolio.images import column_width_mm, content_width_mm
from portfolio.pdf import geometry

CSS = (REPO / "themes" / "print" / "print.css").read_text(encoding="utf-8")


def _rule(selector: str) -> str:
    return re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS).group(1)


def test_the_numbers_are_the_stylesheets():
    top, right, bottom, left = re.search(r"margin:\s*([^;]+);", _rule("@page")).group(1).split()
    assert right == left == f"{geometry.SIDE_MARGIN_MM}mm"
    assert f"column-gap: {geometry.COLUMN_GAP_MM}mm" in _rule(".section-body")
    assert f"width: {geometry.COVER_LANDSCAPE_WIDTH:.0%}" in _rule(".cover-image")
    portrait = _rule("body.fmt-portrait .cover-image")
    assert f"bottom: {1 - geometry.COVER_PORTRAIT_HEIGHT:.0%}" in portrait


def test_columns_follow_the_page_width():
    assert content_width_mm((420, 297)) == 380
    assert column_width_mm((420, 297)) == (380 - 12) / 2      # A3 landscape: two columns
    assert column_width_mm((210, 297)) == 170                 # A4 portrait: one column
