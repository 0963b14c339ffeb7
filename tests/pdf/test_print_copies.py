"""Print copies are made once, before the layout: wherever the composer sets a figure, and
after an edit that moves it, no student's photo is decoded again (issue 27: "an edited
section: 1 PDF, 0 images")."""

from __future__ import annotations

import logging

import pytest

from portfolio import BuildOptions, build_dossier
from portfolio.pdf.page.grid import GROWTH, figure_placement, figure_width, grid_for, image_cap

pytestmark = pytest.mark.slow          # two builds of a dossier of 12 MP photos

# A photo and one short sentence per section: the composer sets each photo as large as it
# may (level 2, alone on its row), wider than its usual placement (figure_placement).
PHOTOS = {"bague.jpg": (4000, 3000), "etabli.jpg": (3600, 2400)}
SECTION = """---
titre: {title}
role: {role}
---

Le chaton, scié puis limé avant le polissage.

![{title}](../images/{name} "{title}")
"""


def _decoded_during_render(records) -> list[str]:
    """Sources decoded one by one during a render (not in the batch prepared before it)."""
    return [r.timing["source"] for r in records
            if getattr(r, "timing", {}).get("event") == "image"]


def test_no_photo_is_decoded_during_a_render_nor_after_an_edit(tmp_path, make_dossier,
                                                                caplog):
    sections = {f"0{i + 1}-{role}.md": SECTION.format(title=title, role=role, name=name)
                for i, (name, role, title) in enumerate(zip(
                    PHOTOS, ("objectifs", "etapes"), ("La bague", "L'établi"), strict=True))}
    root = make_dossier(tmp_path / "students", "ana", sections, images=PHOTOS)
    options = BuildOptions(cache_dir=tmp_path / "cache", workers=1)
    caplog.set_level(logging.DEBUG, logger="portfolio.processes.timings")
    first = build_dossier(root, options)
    assert first.error is None and first.count is not None
    assert _decoded_during_render(caplog.records) == []
    caplog.clear()
    edited = root / "sections" / "02-etapes.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nLe sertissage suit.\n",
                      encoding="utf-8")
    second = build_dossier(root, options)
    assert second.error is None and second.pdf_path != first.pdf_path     # rendered again
    assert _decoded_during_render(caplog.records) == []


@pytest.mark.parametrize("page", [(420, 297), (297, 420), (297, 210), (210, 297)])
@pytest.mark.parametrize("size", [(4000, 3000), (3000, 4000), (3000, 3000), (4000, 2000),
                                  (6000, 2000), (900, 400)])
def test_a_print_copy_covers_the_widest_setting_at_250_dpi(page, size):
    """The widest the composer may set a figure (the page's width, the height cap grown at
    level 2, 150 dpi of its pixels) is at most ``GROWTH`` times its copy's width."""
    grid = grid_for(page)
    placement = figure_placement(*size, page)
    widest = figure_width(size[0] / size[1], size[0], grid.width, image_cap(grid) * GROWTH)
    assert placement.width_mm <= placement.copy_mm <= max(placement.width_mm, widest)
    assert widest <= placement.copy_mm * GROWTH + 0.1
