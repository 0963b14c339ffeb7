"""The print composer's parts: text measured like WeasyPrint sets it, blocks cut between lines,
items and rows without losing or doubling anything, columns balanced (pdf/page/measure.py,
pdf/plan/blocks.py, pdf/plan/compose.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher

from portfolio.pdf.draw.typography import french_spacing
from portfolio.pdf.plan.blocks import Heading, ListBlock, TextBlock, Typeset
from portfolio.pdf.plan.columns import balance, fill
from portfolio.pdf.plan.elements import to_blocks
from portfolio.pdf.plan.galley import Galley
from portfolio.pdf.plan.html_tree import parse
from portfolio.util.fonts import print_font_css

T = Typeset()
COLUMN = 118.67
NO_IMAGE = lambda src: (0, 0, False)  # noqa: E731 - a stub, read where it is used

PARAGRAPHS = [
    "J'ai ramassé et photographié une trentaine de feuilles, vertes en septembre puis jaunes "
    "en novembre, avant de les dessiner d'après nature. La feuille du ginkgo est unique dans "
    "le monde végétal : un limbe en éventail, presque un quart de cercle.",
    "La bague est bloquée dans un étau à bague en bois garni de cuir. J'ajuste la feuillure à "
    "la fraise pour que le rondiste du saphir y repose à plat, sous le bord du chaton. La "
    "paroi est ensuite rabattue au <strong>poussoir</strong> en travaillant en croix, puis "
    "tout autour, et lissée au <em>brunissoir</em>.",
    "Le fondeur monte le modèle sur un <strong>arbre de coulée</strong> avec d'autres pièces, "
    "l'enrobe de plâtre réfractaire, puis chauffe le cylindre : la résine brûle et laisse une "
    "empreinte creuse. L'or 750 fondu y est coulé sous vide ; après refroidissement, le "
    "plâtre est cassé et l'arbre décapé (voir les <a href=\"#etapes\">étapes</a>).",
    "Pour la pièce unique, la conception, la CAO et le prototype sont payés par une seule "
    "bague : ils alourdissent beaucoup son prix. En série, ces coûts fixes sont partagés et "
    "le modèle numérique est réutilisé ; il ne reste par pièce que le modèle en résine "
    "calcinable, la fonte, le métal, la pierre et les heures d'établi. Dès une dizaine de "
    "pièces, le prix de vente se rapproche de celui d'une bague comparable vue en vitrine.",
] * 3


BLOCK_TAG = re.compile(r"</?(?:p|li|h\d|ol|ul|table|thead|tbody|tfoot|tr|td|th|caption|div)\b"
                       r"[^>]*>")


def words_of(html: str) -> list[str]:
    """The words of some HTML as a reader reads them (inline tags join, blocks separate)."""
    return unescape(re.sub(r"<[^>]+>", "", BLOCK_TAG.sub(" ", html))).split()


def weasy_lines(html_blocks: list[str], width: float) -> list[int]:
    """Lines WeasyPrint sets each paragraph in, ``width`` mm wide, with the print styles."""
    css = print_font_css()
    body = "".join(f'<div class="col" style="width: {width}mm">{h}</div>' for h in html_blocks)
    document = weasyprint.HTML(string=(
        f"<html lang=fr><head><style>{css} @page {{ size: 420mm 3000mm; margin: 0 }} html "
        "{ font-family: Inter; font-size: 10.5pt; line-height: 15pt; hyphens: auto } p "
        "{ margin: 0 0 2.6mm; text-align: justify }</style></head><body>"
        f"{body}</body></html>")).render()
    counts = []
    stack = [document.pages[0]._page_box]
    while stack:
        box = stack.pop(0)
        if isinstance(box, boxes.BlockBox) and box.element_tag == "p":
            counts.append(len(box.children))
            continue
        stack.extend(getattr(box, "children", ()))
    return counts


@pytest.mark.parametrize("width", [COLUMN, 86.0])
def test_lines_are_measured_as_weasyprint_sets_them(width):
    """The composer's line counts (fonts' metrics, greedy breaks) against WeasyPrint's: at
    most one line off a paragraph, never fewer lines in all (columns would overflow)."""
    html = [f"<p>{french_spacing(p)}</p>" for p in PARAGRAPHS[:4]]
    blocks = [b for h in html for b in to_blocks(h, T, NO_IMAGE)]
    ours = [len(b.lines(width)) for b in blocks]
    theirs = weasy_lines(html, width)
    assert all(abs(a - b) <= 1 for a, b in zip(ours, theirs, strict=True)), (ours, theirs)
    assert sum(theirs) <= sum(ours) <= sum(theirs) + 2


@pytest.mark.parametrize("index", range(4))
def test_a_paragraph_cut_between_two_lines_keeps_every_word_once(index):
    html = f'<p id="p-{index}">{french_spacing(PARAGRAPHS[index])}</p>'
    [block] = to_blocks(html, T, NO_IMAGE)
    lines = block.lines(COLUMN)
    for room_lines in range(2, len(lines) - 1):
        head, tail = block.split(COLUMN, room_lines * T.line_mm + 0.1)
        assert head is not None and tail is not None
        first, second = head.markup(), tail.markup()
        assert words_of(first) + words_of(second) == words_of(html)
        assert 'id="p-' in first and 'id="p-' not in second      # one element has the id
        assert 'class="coupe"' in first and 'class="suite"' in second
        for part in (first, second):                            # tags closed and reopened
            assert part.count("<strong>") == part.count("</strong>")
            assert part.count("<a ") == part.count("</a>")
        assert len(head.lines(COLUMN)) == room_lines


def test_no_orphan_or_widow_line():
    [block] = to_blocks(f"<p>{PARAGRAPHS[3]}</p>", T, NO_IMAGE)
    count = len(block.lines(COLUMN))
    assert block.split(COLUMN, 1.5 * T.line_mm) == (None, block)       # one line: not cut
    head, tail = block.split(COLUMN, (count - 1) * T.line_mm + 0.1)    # one line left: two
    assert len(tail.lines(COLUMN)) == 2


def test_an_ordered_list_cut_goes_on_with_its_numbers():
    html = "<ol>" + "".join(f"<li>{p}</li>" for p in PARAGRAPHS[:4]) + "</ol>"
    [block] = to_blocks(html, T, NO_IMAGE)
    assert isinstance(block, ListBlock)
    first_item = block.items[0].height(COLUMN) + block.items[0].margin
    head, tail = block.split(COLUMN, first_item + 2 * T.line_mm + 0.1)
    assert words_of(head.markup()) + words_of(tail.markup()) == words_of(html)
    # The second item is cut: its end comes first, with no marker (display: block), then
    # the third item, numbered 3.
    assert tail.markup().startswith('<ol class="suite" start="3"><li class="suite">')


def test_columns_are_balanced_and_nothing_is_lost():
    html = "<h2>Le serti</h2>" + "".join(
        f"<p>{french_spacing(p)}</p>" for p in PARAGRAPHS[:6]) + "<h2>Fin</h2><p>Court.</p>"
    blocks = to_blocks(html, T, NO_IMAGE)
    columns, height = balance(blocks, 3, COLUMN, T)
    heights = [sum(b.height(COLUMN) for b in column) for column in columns]
    assert max(heights) - min(heights) < 3 * T.line_mm + 10
    written = "".join(b.markup() for column in columns for b in column)
    assert words_of(written) == words_of(html)
    for column in columns[:-1]:                      # a heading never ends a column
        assert not isinstance(column[-1], Heading)


def test_a_block_taller_than_a_column_is_left_over_in_a_band_beside_a_figure():
    blocks = to_blocks(f"<p>{PARAGRAPHS[3]}</p>", T, NO_IMAGE)
    columns, rest, _ = fill(blocks, 1, COLUMN, T.line_mm * 1.5, T, force=False)
    assert columns == [[]] and len(rest) == 1


def test_a_long_table_is_cut_between_rows_its_header_repeated_its_footer_once(tmp_path):
    rows = "".join(f"<tr><td>Opération {i}</td><td>{i},00 €</td></tr>" for i in range(40))
    html = ("<table><caption>Main-d'œuvre</caption><thead><tr><th>Opération</th>"
            "<th>Montant</th></tr></thead><tbody>" + rows + "</tbody><tfoot><tr>"
            "<td>Sous-total main-d'œuvre</td><td>780,00 €</td></tr></tfoot></table>")
    [block] = to_blocks(html, T, NO_IMAGE)
    galley = Galley()
    galley.want(block, COLUMN)
    head = f"<style>{print_font_css()}</style>"
    galley.measure(head, "main-part", tmp_path.as_uri() + "/", URLFetcher())
    total = block.height(COLUMN)
    first, rest = block.split(COLUMN, total / 2)
    assert first is not None and rest is not None
    assert first.height(COLUMN) <= total / 2 + 0.1
    one, two = first.markup(), rest.markup()
    assert "<caption>" in one and "<caption>" not in two
    assert one.count("<thead>") == two.count("<thead>") == 1
    assert "<tfoot>" not in one and two.count("Sous-total") == 1
    cells = [c for part in (one, two) for c in re.findall(r"Opération \d+", part)]
    assert cells == [f"Opération {i}" for i in range(40)]


def test_a_caption_less_image_is_a_figure_not_text():
    [block] = to_blocks('<p><img alt="Bague" src="file:///x.jpg#pf-large"></p>', T,
                        lambda src: (3000, 2000, False))
    assert block.visual and block.aspect == 1.5


def test_cut_text_is_parsed_back_as_written():
    """A cut part's HTML is well-formed: parsed again, its text is the same."""
    [block] = to_blocks(f"<p>{PARAGRAPHS[2]}</p>", T, NO_IMAGE)
    head, tail = block.split(COLUMN, 2 * T.line_mm + 0.1)
    for part in (head, tail):
        [node] = [n for n in parse(part.markup()) if not isinstance(n, str)]
        assert words_of(node.text()) == words_of(part.markup())
    assert isinstance(head, TextBlock)
