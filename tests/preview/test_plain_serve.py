"""A plain ``mkdocs serve`` is the preview: no environment variable, no ``build.py``.

MkDocs keeps the plugin across the server's rebuilds (it defines ``on_startup``): the session
(previous counts, background renders) lives on it, and ``on_serve`` watches students/.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from helpers import fetch, free_port, sections_of_one_page, wait_for

pytestmark = pytest.mark.slow      # a preview server per test


def test_plain_mkdocs_serve_shows_the_preview_and_follows_edits(project, make_dossier):
    make_dossier(project / "students", "ana", sections_of_one_page(3), titre="Bague Ana")
    make_dossier(project / "students", "zoe", sections_of_one_page(1), prenom="Zoé",
                 titre="Broche en cours", brouillon=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        page = wait_for(lambda: fetch(url + "ana/partie-2/"), timeout=120)
        assert 'class="pf-meter"' in page and "4 / 15</strong> pages" in page
        assert "Broche en cours" in fetch(url)                     # drafts: preview mode
        assert "Bague Ana" in fetch(url + "tableau-de-bord/")
        # A new section: the page appears, then its count once the PDF is rendered again in
        # the background (the session kept between rebuilds) and the server rebuilt.
        (project / "students" / "ana" / "sections" / "04-partie-4.md").write_text(
            "---\ntitre: Partie 4\nsaut_de_page: oui\n---\n\nENCORE-UNE-PAGE.\n", encoding="utf-8")
        fresh = wait_for(lambda: (lambda p: "5 / 15</strong>" in p and "pf-fresh" in p and p)(
            fetch(url + "ana/partie-4/")), timeout=90)
        assert "ENCORE-UNE-PAGE" in fresh
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


REBUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project = Path(sys.argv[1])
def rebuild():
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.site_url = "http://127.0.0.1:8000/"          # what serve does
    if rebuild.first:
        config.plugins.on_startup(command="serve", dirty=False)
        rebuild.first = False
    build(config, serve_url="http://127.0.0.1:8000/")
    return config
rebuild.first = True
config = rebuild()
section = project / "students" / "ana" / "sections" / "02-partie-2.md"
section.write_text("---\\ntitre: Partie 2\\nsaut_de_page: oui\\n---\\n\\n"
                   "![Le fermoir](../images/fermoir.jpg)\\n", encoding="utf-8")
config = rebuild()                                       # the same plugin, its session kept
config.plugins.on_shutdown()
print("REBUILT")
"""


def test_a_broken_image_saved_during_the_preview_leaves_that_dossier_out(project, make_dossier):
    """The page of a dossier counted before cannot be rendered: it is left out, the rebuild ends
    and the other dossiers are served (it looped for ever)."""
    make_dossier(project / "students", "ana", sections_of_one_page(2), titre="Bague Ana")
    make_dossier(project / "students", "bob", sections_of_one_page(1), prenom="Bob",
                 titre="Broche Bob")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO")}
    result = subprocess.run([sys.executable, "-c", REBUILD, str(project)], cwd=project,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                            text=True, timeout=300)
    assert "REBUILT" in result.stdout, result.stderr[-2000:]
    assert result.stderr.count("image introuvable") < 5        # said, not said for ever
    assert "Broche Bob" in (project / "site" / "bob" / "index.html").read_text()
