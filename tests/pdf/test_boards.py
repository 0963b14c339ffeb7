"""Boards (``!!! planche``) in the PDF: one page with their title, whole images in proportion."""

from __future__ import annotations

import io

import pytest
from helpers import plain_spaces, write_image
from pagefill import MM, placed_images
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier

pytestmark = pytest.mark.slow      # a PDF per board layout

PORTRAIT, LANDSCAPE = (1200, 1800), (1800, 1200)


def board_dossier(make_dossier, project, count: int, size: tuple[int, int],
                  page_format: str = "A3-paysage"):
    """A section holding only a board of ``count`` images, right under the section's title."""
    body = ("---\ntitre: Recherches de formes\n---\n\n!!! planche \"Planche de recherches\"\n"
            + "".join(f'    ![Essai {i}](../images/e{i}.png "Essai {i} : feuille stylisée, '
                      f'version {i}")\n' for i in range(1, count + 1)))
    root = make_dossier(project / "students", "ana", {"01-planche.md": body},
                        page_format=page_format)
    for i in range(1, count + 1):   # different pictures (identical ones are stored once)
        write_image(root / "images" / f"e{i}.png", size, (30 * i, 140, 220 - 20 * i))
    return root


@pytest.mark.parametrize(("count", "size", "page_format"), [
    (6, PORTRAIT, "A3-paysage"),      # 3 columns, 2 rows: images at their tallest
    (6, LANDSCAPE, "A3-paysage"),
    (4, PORTRAIT, "A3-paysage"),      # 2 columns, 2 rows
    (5, PORTRAIT, "A3-paysage"),      # 3 + 2, the last row centred
    (8, PORTRAIT, "A3-paysage"),      # 4 columns
    (9, PORTRAIT, "A3-paysage"),      # 3 rows
    (6, PORTRAIT, "A3-portrait"),
    (9, PORTRAIT, "A3-portrait"),
    (6, PORTRAIT, "A4-paysage"),
    (9, PORTRAIT, "A4-portrait"),
], ids=lambda v: "portrait" if v == PORTRAIT else "paysage" if v == LANDSCAPE else str(v))
def test_a_board_takes_one_page_with_its_title(project, make_dossier, build, count, size,
                                               page_format):
    result = build(board_dossier(make_dossier, project, count, size, page_format))
    assert result.error is None, result.error
    [section] = [s for s in result.count.sections if s.slug == "planche"]
    assert section.first == section.last                 # one page, title included
    reader = PdfReader(io.BytesIO(result.pdf))
    page = reader.pages[section.first - 1]
    text = plain_spaces(page.extract_text())
    assert "Recherches de formes" in text and "Planche de recherches" in text
    assert all(f"Essai {i} :" in text for i in range(1, count + 1))
    images = placed_images(reader, page)
    assert len(images) == count
    width_mm, height_mm = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
    for x, y, width, height, ratio in images:
        assert width / height == pytest.approx(ratio, rel=0.02)     # not stretched
        assert 0 <= x and x + width <= width_mm and 0 <= y and y + height <= height_mm
        assert y >= 18 - 0.5                  # above the bottom margin (page number line)


def test_the_last_row_of_a_board_is_centred(project, make_dossier, build):
    result = build(board_dossier(make_dossier, project, 5, PORTRAIT))
    reader = PdfReader(io.BytesIO(result.pdf))
    [section] = [s for s in result.count.sections if s.slug == "planche"]
    images = placed_images(reader, reader.pages[section.first - 1])
    rows: dict[float, list[float]] = {}
    for x, y, width, _, _ in images:
        rows.setdefault(round(y), []).append(x + width / 2)
    assert sorted(len(r) for r in rows.values()) == [2, 3]
    for centres in rows.values():
        assert (min(centres) + max(centres)) / 2 == pytest.approx(420 / 2, abs=2)


def test_two_columns_put_the_text_beside_the_images(project, make_dossier, build):
    body = ("---\ntitre: Réalisation\n---\n\n!!! deux-colonnes \"Le serti\"\n"
            "    Le serti clos protège la pierre.\n\n    Il demande une griffe fine.\n\n"
            '    ![Serti clos](../images/serti.png "Le serti clos")\n')
    root = make_dossier(project / "students", "ana", {"01-realisation.md": body})
    write_image(root / "images" / "serti.png", PORTRAIT)
    result = build(root)
    reader = PdfReader(io.BytesIO(result.pdf))
    [section] = [s for s in result.count.sections if s.slug == "realisation"]
    page = reader.pages[section.first - 1]
    [(x, _, width, _, _)] = placed_images(reader, page)
    assert x > 210                                   # the image in the right half
    positions = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: positions.append(
        (text, tm[4] * cm[0] + cm[4])) if text.strip() else None)
    lefts = [pos / MM for text, pos in positions if "serti clos protège" in text
             or "griffe fine" in text]
    assert len(lefts) == 2 and all(left < 210 for left in lefts)   # both paragraphs left


def test_full_page_and_board_images_are_printed_from_wider_copies(project, make_dossier):
    """Print copies are sized for the width the image really takes on the page. (Built on the
    project's own cache, which the site's build below reads: 4800 px pictures encoded once.)"""
    body = ("---\ntitre: Photos\n---\n\nDans le texte :\n\n![Bague](../images/texte.png)\n\n"
            "!!! pleine-page \"La bague portée\"\n    ![Portée](../images/pleine.png)\n\n"
            "!!! planche \"Deux vues\"\n    ![Face](../images/face.png)\n"
            "    ![Profil](../images/profil.png)\n")
    root = make_dossier(project / "students", "ana", {"01-photos.md": body})
    for name, color in (("texte", 40), ("pleine", 80), ("face", 120), ("profil", 160)):
        write_image(root / "images" / f"{name}.png", (4800, 3200), (color, 120, 90))
    result = build_dossier(root, BuildOptions(cache_dir=project / ".cache" / "portfolio"))
    assert result.error is None, result.error
    reader = PdfReader(io.BytesIO(result.pdf))
    dpis = [pixels / (width / 25.4) for page in reader.pages
            for _, _, width, _, _, pixels in placed_images(reader, page, pixels=True)]
    # A full page and a two-image board: each printed from a copy of 300 to 400 dpi of the
    # width it takes (4800 px sources: 321 dpi across the 380 mm of a full page, never short
    # of pixels). A figure in the text (first) has its copy made once before the layout: the
    # composer may set it up to GROWTH wider than usual, so 250 dpi at least (issue 27).
    assert len(dpis) == 4 and 245 <= dpis[0] <= 405, dpis
    assert all(290 <= dpi <= 405 for dpi in dpis[1:]), dpis
    # The web pages are not affected: the site's image addresses carry no print width.
    from portfolio.cli.main import main

    assert main(["--project", str(project), "build"]) == 0
    assert "pf-largeur" not in (project / "site" / "ana" / "photos" / "index.html").read_text()
