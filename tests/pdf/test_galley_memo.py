"""The galley's heights are kept between renders: an edit lays out only the blocks it changed,
and a memo that is stale, foreign or broken never changes a height."""

from __future__ import annotations

import json

import pytest
from weasyprint.urls import URLFetcher

from portfolio.pdf.plan.blocks import Typeset
from portfolio.pdf.plan.elements import to_blocks
from portfolio.pdf.plan.galley import Galley, GalleyMemo
from portfolio.util.fonts import print_font_css

T = Typeset()
COLUMNS = (118.67, 245.0)
HEAD = f"<style>{print_font_css()}</style>"
NO_IMAGE = lambda src: (0, 0, False)  # noqa: E731 - a stub, read where it is used


def table(rows: int, label: str = "Opération") -> str:
    body = "".join(f"<tr><td>{label} {i}</td><td>{i},00 €</td></tr>" for i in range(rows))
    return (f"<table><caption>Main-d'œuvre</caption><thead><tr><th>{label}</th>"
            f"<th>Montant</th></tr></thead><tbody>{body}</tbody><tfoot><tr>"
            "<td>Sous-total</td><td>78,00 €</td></tr></tfoot></table>")


TABLES = [table(3), table(12), table(5, "Fourniture")]


def measure(html: list[str], memo: GalleyMemo | None, laid_out: list[int], monkeypatch):
    """The blocks of ``html`` measured at both widths; ``laid_out`` gets how many blocks
    WeasyPrint set in the galley."""
    real = Galley._lay_out

    def counting(items, *args):
        laid_out.append(len(items))
        return real(items, *args)

    monkeypatch.setattr(Galley, "_lay_out", staticmethod(counting))
    blocks = [block for part in html for block in to_blocks(part, T, NO_IMAGE)]
    galley = Galley(memo)
    for block in blocks:
        for width in COLUMNS:
            galley.want(block, width)
    galley.measure(HEAD, "main-part", "file:///nowhere/", URLFetcher())
    return [(block.heights, block.rows) for block in blocks]


@pytest.fixture
def fresh(monkeypatch):
    """Heights of ``TABLES`` measured with no memo."""
    return measure(TABLES, None, [], monkeypatch)


@pytest.mark.parametrize(("before", "context", "after", "laid_out"), [
    # the memo holds the same blocks: nothing is laid out again
    (TABLES, "v1", TABLES, 0),
    # one table edited (a row more): only that one, at both widths
    ([table(3), table(11), table(5, "Fourniture")], "v1", TABLES, 2),
    # one table added
    (TABLES[:2], "v1", TABLES, 2),
    # the theme, code or fonts changed (another context): every block
    (TABLES, "v2", TABLES, 6),
    # the first render of this part
    ([], "v1", TABLES, 6),
])
def test_only_what_changed_is_laid_out_again(tmp_path, monkeypatch, fresh, before, context,
                                            after, laid_out):
    path = tmp_path / "galley" / "ana.main.json"
    if before:
        measure(before, GalleyMemo(path, context), [], monkeypatch)
    counts: list[int] = []
    heights = measure(after, GalleyMemo(path, "v1"), counts, monkeypatch)
    assert sum(counts) == laid_out
    assert heights == fresh                  # recalled or laid out, the same heights


@pytest.mark.parametrize("content", [
    "",                                     # truncated when a build was killed
    "{\"a\": ",
    "[1, 2, 3]",                            # not a mapping
    "not json at all",
    "BROKEN-ENTRIES",                       # the right keys, values of another shape
])
def test_a_broken_memo_is_measured_again_with_the_same_heights(tmp_path, monkeypatch, fresh,
                                                                content):
    path = tmp_path / "ana.main.json"
    measure(TABLES, GalleyMemo(path, "v1"), [], monkeypatch)
    if content == "BROKEN-ENTRIES":
        entries = json.loads(path.read_text())
        content = json.dumps({key: ["haut", {"x": 1}] for key in entries})
    path.write_text(content)
    counts: list[int] = []
    assert measure(TABLES, GalleyMemo(path, "v1"), counts, monkeypatch) == fresh
    assert sum(counts) == 6


def test_the_memo_keeps_only_the_last_render_and_a_failed_write_loses_nothing(
        tmp_path, monkeypatch, fresh):
    path = tmp_path / "ana.main.json"
    measure(TABLES, GalleyMemo(path, "v1"), [], monkeypatch)
    measure(TABLES[:1], GalleyMemo(path, "v1"), [], monkeypatch)
    assert len(json.loads(path.read_text())) == 2          # one table at two widths
    blocked = tmp_path / "fichier"
    blocked.write_text("")
    assert measure(TABLES, GalleyMemo(blocked / "ana.main.json", "v1"), [],
                   monkeypatch) == fresh                  # its folder cannot be made
