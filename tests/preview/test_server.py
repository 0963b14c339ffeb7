"""The preview server for real: started on a free port, fetched over HTTP, edited live."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import (
    REPO,
    fetch,
    free_port,
    screenshot,
    sections_of_one_page,
    site_text,
    wait_for,
)

from portfolio.cli.main import main

pytestmark = pytest.mark.slow      # a preview server per test

NOTE = "Ajoutez la source de la photo du ginkgo, NOTE-SECRETE-42."


@pytest.fixture
def preview(project, make_dossier):
    ana = make_dossier(project / "students", "ana", sections_of_one_page(3), titre="Bague Ana")
    (ana / "revue.yml").write_text(
        "notes:\n  - section: 02-partie-2.md\n    auteur: M. Garnier\n    date: 2026-11-20\n"
        f"    statut: ouverte\n    texte: {NOTE}\n", encoding="utf-8")
    make_dossier(project / "students", "zoe", sections_of_one_page(2), prenom="Zoé",
                 nom="Brouillon", titre="Broche en cours", brouillon=True)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--project",
                               str(project), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Bague Ana" in fetch(url))
        # The page strips' images are drawn after the first build, then the server rebuilds
        # once (open pages reload): the tests start after that.
        wait_for(lambda: all("pages-a3/" in fetch(f"{url}{slug}/") for slug in ("ana", "zoe")),
                 timeout=60)
        yield project, url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def test_preview_shows_drafts_meter_notes_and_dashboard(preview, capsys):
    project, url = preview
    page = fetch(url + "ana/partie-2/")
    assert 'class="pf-meter"' in page
    assert "4 / 15</strong> pages" in page     # the cover (and contents) + 3 one-page sections
    assert "Cette section : <strong>p. 3</strong>" in page
    assert NOTE in page and "M. Garnier" in page
    assert "Broche en cours" in fetch(url)                  # drafts are in the preview
    dashboard = fetch(url + "tableau-de-bord/")
    assert "Bague Ana" in dashboard and "Broche en cours" in dashboard
    assert "brouillon" in dashboard
    # The meter's numbers are the ones `build.py check` prints.
    assert main(["--project", str(project), "check", "ana", "--json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)[0]
    assert report["pages"]["principal"] == 4
    assert (report["sections"][1]["first"], report["sections"][1]["last"]) == (3, 3)


def test_an_edit_is_served_then_counted_again(preview):
    project, url = preview
    section = project / "students" / "ana" / "sections" / "02-partie-2.md"
    section.write_text("---\ntitre: Partie 2\nsaut_de_page: oui\n---\n\nTEXTE-MODIFIE.\n",
                       encoding="utf-8")
    wait_for(lambda: "TEXTE-MODIFIE" in fetch(url + "ana/partie-2/"), timeout=30)
    # One more section: the page count follows once the PDF is rendered again.
    (project / "students" / "ana" / "sections" / "04-partie-4.md").write_text(
        "---\ntitre: Partie 4\nsaut_de_page: oui\n---\n\nEncore une page.\n", encoding="utf-8")
    fresh = wait_for(lambda: (lambda p: "5 / 15</strong>" in p and "pf-fresh" in p and p)(
        fetch(url + "ana/partie-4/")), timeout=120)   # a re-render: slow on a busy machine
    assert "Cette section : <strong>p. 5</strong>" in fresh
    # The dossier's home page follows too (its web pages are cached between rebuilds).
    wait_for(lambda: ", 5 pages," in fetch(url + "ana/"), timeout=30)


def test_the_server_serves_nothing_outside_the_site(preview):
    _, url = preview
    for path in ("../../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc/passwd"):
        with pytest.raises(urllib.error.HTTPError) as info:
            fetch(url + path)
        assert info.value.code in (400, 403, 404)


def test_review_notes_never_reach_a_published_build(project, make_dossier):
    ana = make_dossier(project / "students", "ana", sections_of_one_page(3))
    (ana / "revue.yml").write_text(f"notes:\n  - texte: {NOTE}\n", encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    assert "NOTE-SECRETE-42" not in site_text(site)
    for pdf in site.rglob("*.pdf"):
        assert b"NOTE-SECRETE-42" not in pdf.read_bytes()
    assert not list(site.rglob("revue.yml")) and not list(site.rglob("tableau-de-bord*"))
    assert 'class="pf-meter"' not in site_text(site)


def test_listens_on_localhost_by_default():
    from portfolio.cli.main import parser

    args = parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"




def test_dashboard_and_meter_in_a_real_browser(preview, page):
    _, url = preview
    page.goto(url + "tableau-de-bord/")
    rows = page.locator("table.pf-dashboard tbody tr")
    assert rows.count() == 2
    page.click("button[data-pf-sort='0']")          # sort by candidate and project
    assert rows.first.inner_text().startswith("Ana Dupont")
    page.click("button[data-pf-sort='0']")          # and back, descending
    assert rows.first.inner_text().startswith("Zoé Brouillon")
    axe = Path(__file__).parent.parent / "browser" / "vendor" / "axe.min.js"
    page.add_script_tag(path=str(axe))
    violations = page.evaluate("""async () => (await axe.run(document)).violations
        .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")
    assert violations == []
    page.click("text=Bague Ana")
    page.wait_for_selector(".pf-meter")
    meter = page.locator(".pf-meter").inner_text()
    assert "4 / 15" in meter and "à jour" in meter
    screenshot(page, "apercu-dossier")
    assert page.outside_requests == []


def test_a_rebuild_rewrites_only_the_pages_that_changed(preview):
    """Dirty rebuilds: the other dossier's pages are not rewritten, search and nav stay whole."""
    project, url = preview
    stamps = project / ".cache" / "portfolio" / "pages"
    zoe = stamps / "zoe" / "partie-1.md"
    ana = stamps / "ana" / "partie-2.md"
    before = {path: path.stat().st_mtime_ns for path in (zoe, ana)}
    section = project / "students" / "ana" / "sections" / "02-partie-2.md"
    section.write_text("---\ntitre: Partie 2\nsaut_de_page: oui\n---\n\nMOT-CHERCHE-ANA.\n",
                       encoding="utf-8")
    wait_for(lambda: "MOT-CHERCHE-ANA" in fetch(url + "ana/partie-2/"), timeout=30)
    assert ana.stat().st_mtime_ns > before[ana]
    assert zoe.stat().st_mtime_ns == before[zoe]
    index = json.loads(fetch(url + "search/search_index.json"))
    text = json.dumps(index, ensure_ascii=False)
    assert "MOT-CHERCHE-ANA" in text
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"zoe/partie-1/", "zoe/partie-2/", "ana/partie-2/"} <= locations
    # A new section changes the dossier's navigation: its pages show it; the other dossier's
    # navigation lists that dossier's sections only (issue 17).
    (project / "students" / "ana" / "sections" / "04-partie-4.md").write_text(
        "---\ntitre: Partie quatre\nsaut_de_page: oui\n---\n\nEncore une page.\n", encoding="utf-8")
    wait_for(lambda: "Partie quatre" in fetch(url + "ana/partie-1/"), timeout=30)
    assert "Partie quatre" not in fetch(url + "zoe/partie-1/")
