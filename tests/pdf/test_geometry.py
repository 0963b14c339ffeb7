"""The page geometry the Python side uses is the print stylesheet's (read back from print.css)."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from portfolio.pdf.draw.placing import cover_box_mm
from portfolio.pdf.page import geometry
from portfolio.pdf.page.grid import grid_for
from portfolio.pdf.page.placement import column_width_mm, content_width_mm

CSS = (REPO / "themes" / "print" / "print.css").read_text(encoding="utf-8")


def _rule(selector: str) -> str:
    return re.search(r"(?:^|\n)" + re.escape(selector) + r"\s*\{([^}]*)\}", CSS).group(1)


def test_the_numbers_are_the_stylesheets():
    margins = re.search(r"margin:\s*([^;]+);", _rule("@page")).group(1).split()
    assert margins == [f"{m}mm" for m in geometry.MARGINS_MM]
    assert f"column-gap: {geometry.COLUMN_GAP_MM}mm" in _rule(".band")
    # The cover photo's area is computed in Python (placing.cover_area_mm); the stylesheet's
    # comment and the text panel beside or below it agree with it.
    inset = geometry.COVER_INSET_MM
    assert f"left: {inset + geometry.COVER_TEXT_MM}mm; right: {inset}mm" in CSS
    assert f"bottom: {1 - geometry.COVER_PORTRAIT_IMAGE:.0%}" in CSS
    portrait_text = _rule("body.fmt-portrait .cover-text")
    assert float(re.search(r"height: (\d+)%", portrait_text).group(1)) / 100 < \
        1 - geometry.COVER_PORTRAIT_IMAGE


@pytest.mark.parametrize(("page", "columns", "column"), [
    ((420, 297), 3, (380 - 2 * 12) / 3),       # A3 landscape: three text columns
    ((297, 420), 2, (257 - 12) / 2),           # A3 portrait
    ((297, 210), 2, (257 - 12) / 2),           # A4 landscape
    ((210, 297), 1, 170),                      # A4 portrait: one column
])
def test_columns_follow_the_page_width(page, columns, column):
    assert grid_for(page).columns == columns
    assert column_width_mm(page) == pytest.approx(column, abs=0.01)
    assert content_width_mm(page) == page[0] - 2 * geometry.SIDE_MARGIN_MM


def test_the_cover_photo_box():
    assert cover_box_mm((420, 297)) == (420 - 130 - 32, 297 - 32)
    assert cover_box_mm((297, 420)) == (297 - 32, pytest.approx(420 * 0.58 - 16))
