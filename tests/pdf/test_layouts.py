"""A layout is reused only while its HTML and every file it read are the same, and the PDF it
gives is the PDF a fresh layout gives, warnings and refusals included."""

from __future__ import annotations

import logging

import pytest
import weasyprint
from pdfpages import page_images
from PIL import Image, ImageChops

from portfolio.images.printed import unprinted
from portfolio.pdf.output import render as render_module
from portfolio.pdf.output.render import Layouts, render_pdf


def document(body: str, css: str = "style.css") -> str:
    return (f'<html lang="fr"><head><link rel="stylesheet" href="{css}"></head>'
            f'<body><h1 id="s-partie">Partie</h1>{body}</body></html>')


MAIN = document('<p>Le chaton serti clos.</p><img src="bague.png" alt="Bague">')
ANNEX = document("<p>Glossaire : brunissoir, échoppe.</p>")


def line_art(path, size):
    Image.new("RGB", size, (20, 30, 90)).save(path)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with a style sheet and an image; a fresh set of kept layouts."""
    (tmp_path / "style.css").write_text("@page { size: A4 } body { font-size: 14pt }")
    line_art(tmp_path / "bague.png", (300, 200))
    monkeypatch.setattr(render_module, "LAYOUTS", Layouts())
    return tmp_path


def render(folder, main: str = MAIN, annex: str | None = ANNEX, monkeypatch=None):
    """``(pdf, count, layouts done, image warnings)`` of one render."""
    laid_out = []
    real = weasyprint.HTML.render

    def counting(self, *args, **kwargs):
        laid_out.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counting)
    with unprinted({}) as failed:
        pdf, count = render_pdf(lambda labels, part1: main, annex, [("s-partie", "Partie", "")],
                                [("s-partie", "Partie", "")], base_url=folder.as_uri() + "/",
                                roots=[folder], metadata={"title": "Bague", "author": "Léa"})
    monkeypatch.setattr(weasyprint.HTML, "render", real)
    return pdf, count, len(laid_out), [p.message for p in failed]


def same_pages(one: bytes, two: bytes) -> bool:
    first, second = page_images(one), page_images(two)
    return len(first) == len(second) and all(
        ImageChops.difference(a, b).getbbox() is None for a, b in zip(first, second, strict=True))


def change_css(folder):
    (folder / "style.css").write_text("@page { size: A4 } body { font-size: 30pt }")


def replace_image(folder):
    line_art(folder / "bague.png", (200, 300))


@pytest.mark.parametrize(("change", "main", "annex", "laid_out"), [
    (None, MAIN, ANNEX, 0),                                   # nothing changed
    (None, MAIN.replace("clos", "clos, à griffes"), ANNEX, 1),   # an edit in the main part
    (None, MAIN, ANNEX.replace("échoppe", "onglette"), 1),       # in an annex (same labels)
    (change_css, MAIN, ANNEX, 2),                             # the style sheet, same URL
    (replace_image, MAIN, ANNEX, 1),                          # an image replaced, same name
])
def test_only_the_part_whose_inputs_changed_is_laid_out_again(project, monkeypatch, change,
                                                               main, annex, laid_out):
    render(project, monkeypatch=monkeypatch)
    if change:
        change(project)
    pdf, count, done, _ = render(project, main, annex, monkeypatch=monkeypatch)
    assert done == laid_out
    monkeypatch.setattr(render_module, "LAYOUTS", Layouts())        # nothing kept
    fresh, fresh_count, done, _ = render(project, main, annex, monkeypatch=monkeypatch)
    assert done == 2
    assert count == fresh_count
    assert same_pages(pdf, fresh)


def test_a_reused_layout_says_its_warnings_and_refusals_again(project, monkeypatch):
    main = MAIN.replace("bague.png", "manquante.png") + \
        '<img src="file:///etc/hostname" alt="">'
    first = render(project, main, None, monkeypatch=monkeypatch)
    second = render(project, main, None, monkeypatch=monkeypatch)
    assert second[2] == 0                                      # reused
    assert first[3] == second[3] and len(first[3]) == 2        # both images, both times
    refused = [(project / "manquante.png").as_uri(), "file:///etc/hostname"]
    assert first[1].refused_urls == second[1].refused_urls == refused


def test_a_missing_file_that_appears_is_laid_out_again(project, monkeypatch):
    main = MAIN.replace("bague.png", "manquante.png")
    first = render(project, main, None, monkeypatch=monkeypatch)
    line_art(project / "manquante.png", (300, 200))        # the student adds it
    second = render(project, main, None, monkeypatch=monkeypatch)
    assert second[2] == 1 and second[1].refused_urls == []
    assert first[3] and not second[3]


def test_only_the_last_three_layouts_are_kept(project, monkeypatch):
    # A dossier's three parts: main, annexes, part 1.
    documents = [document(f"<p>Version {n}</p>") for n in range(4)]
    for html in documents:
        render(project, html, None, monkeypatch=monkeypatch)
    assert render(project, documents[3], None, monkeypatch=monkeypatch)[2] == 0
    assert render(project, documents[2], None, monkeypatch=monkeypatch)[2] == 0
    assert render(project, documents[1], None, monkeypatch=monkeypatch)[2] == 0
    assert render(project, documents[0], None, monkeypatch=monkeypatch)[2] == 1


def test_the_kept_layout_keeps_its_own_metadata(project, monkeypatch):
    render(project, monkeypatch=monkeypatch)
    [(_, _, main, _, _)] = [k for k in render_module.LAYOUTS.kept if "chaton" in k[0][0]]
    assert main.metadata.title != "Bague"            # set on the combined copy only
    assert logging.getLogger("weasyprint").filters == []
