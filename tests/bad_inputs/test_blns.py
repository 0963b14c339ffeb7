"""The Big List of Naughty Strings (tests/data/blns.json, MIT, see blns.LICENSE) as titles, names,
section titles, image captions and cost labels: the site and the PDF build and show them escaped."""

from __future__ import annotations

import contextlib
import html
import io
import json
import random
import re
from pathlib import Path

import pytest
import yaml
from helpers import pdf_text, write_project

from portfolio.cli.main import main
from portfolio.util.errors import set_display_root

from .cases import png

pytestmark = pytest.mark.slow      # dossiers of naughty strings built

DATA = Path(__file__).resolve().parent.parent / "data"
STRINGS = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
BATCH = 40
BATCHES = 3
# What an unescaped payload would look like in the HTML we publish.
ACTIVE = [re.compile(p, re.I) for p in (
    r"<script[^>]*>[^<]*\b(alert|prompt|confirm)\s*\(",
    r"<[a-z][^>]*\son[a-z]+\s*=\s*[\"']?\s*(alert|prompt|confirm|javascript)",
    r"<[a-z][^>]*\s(href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*(javascript|vbscript):",
    r"<iframe", r"<object", r"<embed", r"<svg[^>]*onload",
)]


def sample(index: int) -> list[str]:
    strings = [s for s in STRINGS if s.strip()]
    random.Random(8).shuffle(strings)
    return strings[index * BATCH:(index + 1) * BATCH]


def as_title(text: str) -> str:
    """``text`` as a Markdown image title, written with entities as a careful author would."""
    text = " ".join(text.split())
    return "".join(f"&#{ord(c)};" if c in '&"()[]\\<>`*_' else c for c in text)


def naughty_dossier(students: Path, strings: list[str]) -> None:
    root = students / "ana"
    (root / "sections").mkdir(parents=True)
    png(root / "images" / "photo.png", (600, 400))
    (root / "dossier.yml").write_text(yaml.safe_dump({
        "candidat": {"prenom": strings[0], "nom": strings[1], "numero": "0123"},
        "option": "bijouterie-joaillerie", "voie": "scolaire", "session": 2027,
        "projet": {"titre": strings[2], "theme": strings[3]}, "brouillon": False,
    }, allow_unicode=True), encoding="utf-8")
    rest = strings[4:]
    per_section = (len(rest) + 4) // 5
    for number in range(5):
        chunk = rest[number * per_section:(number + 1) * per_section]
        if not chunk:
            continue
        front = yaml.safe_dump({"titre": chunk[0]}, allow_unicode=True)
        body = "\nTexte.\n\n!!! planche\n\n" + "".join(     # a board: one page per section
            f"    ![Photo](../images/photo.png \"{as_title(caption)}\")\n\n"
            for caption in chunk[1:])
        (root / "sections" / f"0{number + 1}-partie.md").write_text(
            f"---\n{front}---\n{body}", encoding="utf-8")
    (root / "sections" / "06-couts.md").write_text(
        "---\ntitre: Coûts\nrole: couts\n---\n\n```couts\n```\n", encoding="utf-8")
    (root / "couts.yml").write_text(yaml.safe_dump({
        "taux_horaire": 28, "frais_generaux": 30, "marge": 20,
        "apprets": [{"designation": text, "prix_unitaire": 1} for text in strings],
    }, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module", params=range(BATCHES))
def built(request, tmp_path_factory):
    """A project whose one dossier carries a batch of naughty strings, built by build.py."""
    project = tmp_path_factory.mktemp(f"blns{request.param}")
    write_project(project)
    strings = sample(request.param)
    naughty_dossier(project / "students", strings)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--project", str(project), "build"])
    finally:
        set_display_root(None)
    return project / "site", strings, code, out.getvalue() + err.getvalue()


def test_naughty_strings_build_and_are_shown_as_text(built):
    site, strings, code, output = built
    assert code == 0, output
    assert "Traceback" not in output
    pdf = (site / "ana" / "dossier-ana.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf_text(pdf)
    # Inside the pages' content (the core's HTML), nothing is active.
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        article = text.split("<article", 1)[-1].split("</article>", 1)[0]
        # The <h1> is Material's, from the nav title: see the xfail below.
        article = re.sub(r"<h1>.*?</h1>", "", article, count=1, flags=re.S)
        for pattern in ACTIVE:
            assert not pattern.search(article), (page, pattern.search(article).group(0))
    # The strings are shown, as text: every plain one-line string appears in the pages.
    shown = "".join(html.unescape(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    plain = [s for s in strings if s.isprintable() and s == s.strip() and "  " not in s
             and not re.search(r"[<>&*_`\[\]\\#|!~{}]", s)]
    missing = [s for s in plain if s not in shown]
    assert not missing, missing


def test_naughty_strings_are_escaped_everywhere_in_the_site(built):
    site, strings, code, output = built
    assert code == 0, output
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for pattern in ACTIVE:
            assert not pattern.search(text), (page, pattern.search(text).group(0))
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for pattern in ACTIVE:
            assert not pattern.search(doc["title"]), doc["title"]
