"""What the search index reads: tables as lines of text, the dossier named, no byline repeated."""

from __future__ import annotations

import json

import pytest

from portfolio.cli.main import main
from portfolio.site.search import index_html, text_of


@pytest.mark.parametrize("html, text", [
    # A table: its caption, then one line per row, its cells apart.
    ("<table><caption>Métal</caption><thead><tr><th>Alliage</th><th>Poids net</th></tr>"
     "</thead><tbody><tr><th>Or 750<span>jaune</span></th><td>4,50&nbsp;g</td></tr></tbody>"
     "</table>",
     "<p>Métal</p>\n<p>Alliage · Poids net</p>\n<p>Or 750 jaune · 4,50 g</p>"),
    # Empty cells and rows are left out; text stays escaped.
    ("<table><tr><td></td></tr><tr><td>&lt;b&gt;</td><td></td><td>x</td></tr></table>",
     "<p>&lt;b&gt; · x</p>"),
    # The chart's lettering is left out, the rest is kept as it is.
    ("<p>avant</p><svg><text>Métal</text><text>490 €</text></svg><p>après</p>",
     "<p>avant</p><p>après</p>"),
])
def test_index_html(html, text):
    assert index_html(html) == text


def test_text_of_separates_elements():
    assert text_of("<td>Soudure<span>paillons</span></td>") == "Soudure paillons"


def test_built_index_names_the_dossier_and_reads_tables_as_text(project, make_dossier):
    make_dossier(project / "students", "ana", {
        "01-objectifs.md": "---\ntitre: Objectifs\n---\n\n## Le bijou\n\nUne bague.\n\n"
                           "| Métal | Poids |\n|---|---|\n| Or 750 | 4,5 g |\n"})
    assert main(["--project", str(project), "build"]) == 0
    index = json.loads((project / "site" / "search" / "search_index.json").read_text())
    assert index["config"]["separator"] == "[\\s\\-'’]+"
    docs = {doc["location"]: doc for doc in index["docs"]}
    page = docs["ana/objectifs/"]
    assert page["dossier"] == "Ana Dupont — Pendentif Lune"
    assert "dossier" not in docs["ana/objectifs/#le-bijou"]   # named once, under the page
    assert "Métal · Poids" in docs["ana/objectifs/#le-bijou"]["text"]
    assert "Or 750 · 4,5 g" in docs["ana/objectifs/#le-bijou"]["text"]
    # The byline (candidate · project · PDF pages) is not indexed on every page.
    assert not any("PDF" in doc["text"] for doc in index["docs"]
                   if doc["location"].startswith("ana/objectifs/"))
    # Each page indexed once (the search plugin's own pass skips the dossiers' pages).
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations))
