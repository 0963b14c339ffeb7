"""The preview survives what a student saves: the real server, mistakes saved one after the other.

Each mistake shows on the student's own pages (French message, file:line, what to do) above the
last good version, every page keeps answering, and fixing the file brings the page back without
a restart. A dossier refused at start has pages too; the dashboard says why; the dossier's home
page shows its PDF's pages; each problem is printed once; a busy port and SIGTERM end cleanly.
"""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import (
    DOSSIER_YML,
    REPO,
    fetch,
    free_port,
    screenshot,
    sections_of_one_page,
    wait_for,
    write_project,
)
from PIL import Image

from portfolio.util.text import french_spacing

pytestmark = pytest.mark.slow      # a preview server per module or test

COUTS_SECTION = ("---\ntitre: Étude des coûts\nrole: couts\nsaut_de_page: oui\n---\n\n"
                 "Le coût.\n\n```couts\n```\n")
COUTS = textwrap.dedent("""\
    titre: Bague Ana
    metaux:
      - alliage: or-jaune-750
        poids_g: 4.5
        prix_g: 104
        date: 2026-10
        source: cours de test
    frais_generaux: 30
    marge: 25
    """)

# (what the student does, file, broken text from the good one, page she looks at,
#  where the overlay points, French message it shows)
MISTAKES = [
    ("image manquante", "sections/02-partie-2.md",
     lambda t: t + '\n![Photo du fermoir](../images/fermoir.jpg "Le fermoir")\n',
     "ana/partie-2/", "students/ana/sections/02-partie-2.md:8",
     "image introuvable « ../images/fermoir.jpg »"),
    ("erreur YAML", "dossier.yml", lambda t: t.replace("titre: Bague Ana", 'titre: "Bague Ana'),
     "ana/", "students/ana/dossier.yml:10", "guillemet non refermé"),
    ("front matter", "sections/01-partie-1.md", lambda t: t.replace("titre: Partie 1",
                                                                     "titre: [Partie 1"),
     "ana/partie-1/", "students/ana/sections/01-partie-1.md:2", "crochet « [ »"),
    ("couts.yml", "couts.yml", lambda t: t.replace("poids_g: 4.5", "poids_g: beaucoup"),
     "ana/couts/", "students/ana/couts.yml:4", "doit être un poids en grammes, pas « beaucoup »"),
]


def _dossier(students: Path, slug: str, sections: dict[str, str], **fields: str) -> Path:
    root = students / slug
    (root / "sections").mkdir(parents=True)
    values = {"prenom": "Ana", "nom": "Dupont", "numero": "01234567890", "titre": "Bague Ana",
              "voie": "scolaire", "brouillon": "false", "format": "A3-paysage", **fields}
    (root / "dossier.yml").write_text(DOSSIER_YML.format(**values), encoding="utf-8")
    for name, text in sections.items():
        (root / "sections" / name).write_text(text, encoding="utf-8")
    return root


def _start(project: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        return subprocess.Popen([sys.executable, str(REPO / "build.py"), "--project",
                                 str(project), "serve", "--port", str(port)], stdout=out,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)


def _stop(server: subprocess.Popen, sig: int = signal.SIGTERM, group: bool = False) -> int:
    """Stop the preview with ``sig``: sent to the command alone, or to its whole process group
    (``group``), as a terminal's Ctrl+C reaches the command and every one of its workers."""
    if group:
        os.killpg(server.pid, sig)
    else:
        server.send_signal(sig)
    try:
        return server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        raise


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A class of three: ana (to break and fix), bob (fine), eve (refused from the start)."""
    project = write_project(tmp_path_factory.mktemp("apercu"))
    students = project / "students"
    ana = _dossier(students, "ana", {**sections_of_one_page(2), "03-couts.md": COUTS_SECTION})
    (ana / "couts.yml").write_text(COUTS, encoding="utf-8")
    _dossier(students, "bob", sections_of_one_page(1), prenom="Bob", titre="Broche Bob")
    eve = _dossier(students, "eve", sections_of_one_page(2), prenom="Ève", titre="Collier Ève")
    yml = eve / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("voie: scolaire", "voie scolaire"),
                   encoding="utf-8")
    port, log = free_port(), project / "serve.log"
    server = _start(project, port, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Bague Ana" in fetch(url), timeout=180)
        wait_for(lambda: "pages-a3/" in fetch(url + "ana/"), timeout=90)   # strip drawn
        yield project, url, log, server
    finally:
        if server.poll() is None:
            _stop(server)


def _timed(url: str) -> tuple[str, float]:
    start = time.monotonic()
    page = fetch(url)
    return page, time.monotonic() - start


PAGES = ["", "tableau-de-bord/", "ana/", "ana/partie-1/", "ana/partie-2/", "ana/couts/",
         "bob/", "bob/partie-1/", "eve/", "eve/partie-1/"]


def _all_pages_answer(url: str) -> None:
    for path in PAGES:
        _, seconds = _timed(url + path)
        assert seconds < 5, f"{path or '/'} a mis {seconds:.1f} s à répondre"


@pytest.mark.parametrize("what, name, break_it, page, where, message", MISTAKES,
                         ids=[m[0] for m in MISTAKES])
def test_a_mistake_shows_on_the_students_page_until_it_is_fixed(served, what, name, break_it,
                                                                page, where, message):
    project, url, log, _ = served
    path = project / "students" / "ana" / name
    good = path.read_text(encoding="utf-8")
    before = fetch(url + page)
    assert 'class="pf-overlay' not in before
    path.write_text(break_it(good), encoding="utf-8")
    try:
        spaced = french_spacing(message)       # « » kept with their word on the page
        shown = wait_for(lambda: (lambda p: 'class="pf-overlay"' in p and spaced in p and p)(
            fetch(url + page)), timeout=30)
        assert f'<code class="pf-overlay-where">{where}</code>' in shown
        assert "pf-last-good" in shown            # the last good version stays below
        assert "la page se met à jour d'elle-même" in shown
        _all_pages_answer(url)
        time.sleep(3)                             # the failed background render came back
        _all_pages_answer(url)
        assert "pf-overlay" in fetch(url + page)
    finally:
        path.write_text(good, encoding="utf-8")
    back = wait_for(lambda: (lambda p: "pf-overlay" not in p and p)(fetch(url + page)),
                    timeout=30)
    assert 'class="pf-meter"' in back
    _all_pages_answer(url)
    said = log.read_text(encoding="utf-8")
    assert said.count(message) == 1, said[-3000:]        # printed once, not on every rebuild
    assert said.count("students/bob/dossier.yml : dossier pas encore conforme") == 1
    assert said.count("students/ana/dossier.yml : dossier pas encore conforme") == 1


def test_a_dossier_refused_at_start_has_its_pages_and_the_reason(served):
    _, url, _, _ = served
    for path in ("eve/", "eve/partie-1/", "eve/partie-2/"):      # no 404
        page = fetch(url + path)
        assert '<code class="pf-overlay-where">students/eve/dossier.yml:7</code>' in page
        assert french_spacing("il manque « : » après une clé") in page
        assert "Aucune version correcte de ce dossier" in page
    home = fetch(url)
    assert "Dossiers à corriger" in home and 'href="eve/#pf-problemes"' in home
    dashboard = fetch(url + "tableau-de-bord/")
    row = re.search(r'<tr class="pf-row-error">.*?</tr>', dashboard, re.S).group(0)
    assert french_spacing("il manque « : » après une clé") in row
    assert 'href="../eve/#pf-problemes"' in row
    # Each warning count links to the list of points on the dossier's home page.
    assert re.search(r'<a href="\.\./bob/#pf-points"[^>]*>\d+</a>', dashboard)
    assert 'id="pf-points"' in fetch(url + "bob/")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1440, 390])
def test_the_dashboard_reads_at_1440_and_390_px(served, page, width):
    """Verdict, hand-in date, reasons (as many as controler gives, sorted by file), pages as
    bars; nothing cut mid-word, titles whole on a phone; axe finds nothing serious."""
    from portfolio import BuildOptions, build_dossier
    from portfolio.builder.report import check_json

    project, url, _, _ = served
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url + "tableau-de-bord/")
    page.wait_for_selector("table.pf-dashboard")
    screenshot(page, f"tableau-de-bord-{width}")
    text = page.locator("main").inner_text()
    assert "remise du dossier le 15/04/2027" in text and "publiable" in text
    bob = build_dossier(project / "students" / "bob",
                        BuildOptions(cache_dir=project / ".cache" / "portfolio", mode="check"))
    report = check_json(bob, "check")
    row = page.locator("tr", has_text="Broche Bob")
    assert row.locator(".pf-verdict-state").inner_text() == report["verdict"]
    assert f"({len(report['motifs'])} motifs)" in row.inner_text()
    wheres = row.locator(".pf-reason-where").all_inner_texts()
    motifs = [m["texte"].split(" : ")[0] for m in report["motifs"]]
    assert wheres and all(m.endswith(w) for w, m in zip(wheres, motifs, strict=False))
    # A word is never cut: each reason's words are laid out whole (no line starts mid-word).
    cut = page.evaluate("""() => [...document.querySelectorAll('.pf-reasons li, .pf-project')]
        .filter(el => { const r = document.createRange(); r.selectNodeContents(el);
            const rects = [...r.getClientRects()];
            return rects.some(b => b.width < 12 && b.height > 0); }).length""")
    assert cut == 0
    title = page.locator(".pf-project", has_text="Broche Bob").bounding_box()
    assert title["width"] > 80 and title["height"] < 60        # not one letter a line
    if width == 1440:      # the whole table on the screen: nothing to scroll, no column cut
        assert page.locator("table.pf-dashboard").bounding_box()["width"] > 1000
        assert page.evaluate("""() => { const w = document.querySelector('.pf-dashboard-wrap');
            return w.scrollWidth <= w.clientWidth + 1; }""")
    axe = Path(__file__).parent.parent / "browser" / "vendor" / "axe.min.js"
    page.add_script_tag(path=str(axe))
    violations = page.evaluate("""async () => (await axe.run(document)).violations
        .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")
    assert violations == []
    assert page.outside_requests == []


def test_the_home_page_shows_the_pages_of_the_pdf(served):
    from pypdf import PdfReader

    _, url, _, _ = served
    home = fetch(url + "ana/")
    strip = re.search(r'<section class="pf-strip".*?</section>', home, re.S).group(0)
    with urllib.request.urlopen(url + "ana/dossier-ana.pdf") as response:
        pages = len(PdfReader(io.BytesIO(response.read())).pages)
    assert strip.count('<li class="pf-strip-page') == pages > 3      # contents, 3 sections
    images = re.findall(r'<img class="pf-nolightbox" src="(pages-a3/[^"]+\.webp)"', strip)
    assert len(images) == pages
    with urllib.request.urlopen(url + "ana/" + images[0]) as response:
        first = Image.open(io.BytesIO(response.read()))
    assert first.format == "WEBP" and first.height == 240 and first.width > first.height
    assert 'href="../ana/partie-2/"' not in strip and 'href="partie-2/"' in strip  # its section


def test_a_dossier_added_meanwhile_shows_once_its_pdf_is_rendered(served):
    project, url, _, _ = served
    _dossier(project / "students", "cleo", sections_of_one_page(1), prenom="Cléo",
             titre="Bracelet Cléo")
    first = wait_for(lambda: (lambda p: "Premier calcul du PDF" in p and p)(
        fetch(url + "cleo/")), timeout=30)           # never a 404, never a stuck server
    assert 'class="pf-overlay pf-overlay-pending"' in first
    _all_pages_answer(url)
    shown = wait_for(lambda: (lambda p: "pf-meter" in p and p)(fetch(url + "cleo/")),
                     timeout=120)
    assert "Bracelet Cléo" in shown and "pf-overlay" not in shown


def test_access_log_lines_are_not_warnings(served):
    _, url, log, _ = served
    with pytest.raises(urllib.error.HTTPError):
        fetch(url + "ana/nulle-part/")
    time.sleep(0.5)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if "attention" in line and '"GET' in line]


def test_a_second_preview_on_a_busy_port_says_which_port_to_use(served):
    project, url, _, _ = served
    port = int(url.rsplit(":", 1)[1].strip("/"))
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--project", str(project),
                             "serve", "--port", str(port)], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    found = re.fullmatch(rf"erreur : le port {port} est déjà utilisé : relancez avec --port "
                         r"(\d+)\n", result.stderr)
    assert found, result.stderr
    with socket.socket() as sock:           # the port suggested is free indeed
        sock.bind(("127.0.0.1", int(found[1])))


def test_the_overlay_and_the_page_strip_in_a_browser(served, page):
    project, url, _, _ = served
    section = project / "students" / "ana" / "sections" / "02-partie-2.md"
    good = section.read_text(encoding="utf-8")
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url + "ana/")
        page.wait_for_selector(".pf-strip img")
        assert page.locator(".pf-strip-page img").count() > 3
        screenshot(page, f"apercu-pages-pdf-{width}")
        if width == 1440:
            assert _axe(page) == []
        page.click(".pf-strip-page a[href='partie-2/']")      # its page, to its section
        page.wait_for_url("**/ana/partie-2/")
    section.write_text(good + "\n![Photo du fermoir](../images/fermoir.jpg \"Le fermoir\")\n",
                       encoding="utf-8")
    try:
        for width in (1440, 390):
            page.set_viewport_size({"width": width, "height": 900})
            # The open page shows the overlay by itself (live reload); going to it before
            # that reload would be cut short by it.
            page.wait_for_selector(".pf-overlay", timeout=30_000)
            page.goto(url + "ana/partie-2/")
            overlay = page.locator(".pf-overlay")
            assert "image introuvable" in overlay.inner_text()
            assert overlay.bounding_box()["y"] < 400              # where she is looking
            screenshot(page, f"apercu-erreur-{width}")
            # Pages a dirty rebuild did not read again keep their title (not "None").
            assert "None" not in fetch(url + "ana/partie-2/")
            assert "À propos" in fetch(url + "ana/partie-2/")
        assert _axe(page) == []
        # Fixed: the open page comes back by itself (live reload), no restart.
        section.write_text(good, encoding="utf-8")
        page.wait_for_selector(".pf-overlay", state="detached", timeout=30_000)
        assert "Texte court 2." in page.locator("article").inner_text()
    finally:
        section.write_text(good, encoding="utf-8")
    assert page.outside_requests == []


def _axe(page) -> list[str]:
    """Serious and critical accessibility violations of the page (axe-core, shipped)."""
    page.add_script_tag(path=str(Path(__file__).parent.parent / "browser" / "vendor"
                                 / "axe.min.js"))
    return page.evaluate("""async () => (await axe.run(document)).violations
        .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")


def _session_processes(sid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":     # ended ones (zombies) aside
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("sig, group", [(signal.SIGTERM, False), (signal.SIGINT, False),
                                        (signal.SIGINT, True)],
                         ids=["SIGTERM", "SIGINT", "Ctrl+C-au-terminal"])
def test_stopping_the_preview_ends_its_workers(project, sig, group):
    """Stopped while a background render runs: the workers end, nothing but « Aperçu arrêté. »
    is said (no KeyboardInterrupt traceback from a worker, even when Ctrl+C reaches them all)."""
    _dossier(project / "students", "ana", sections_of_one_page(2))
    port, log = free_port(), project / "serve.log"
    server = _start(project, port, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Bague Ana" in fetch(url), timeout=180)
        section = project / "students" / "ana" / "sections" / "02-partie-2.md"
        section.write_text(section.read_text() + "\nUn mot de plus.\n", encoding="utf-8")
        wait_for(lambda: "Un mot de plus" in fetch(url + "ana/partie-2/"), timeout=30)
        assert len(_session_processes(server.pid)) > 1     # a background render is running
    finally:
        code = _stop(server, sig, group)
    assert code == 0
    wait_for(lambda: _session_processes(server.pid) == [], timeout=10)   # no worker left
    said = log.read_text(encoding="utf-8")
    assert "Aperçu arrêté." in said and "Traceback" not in said
