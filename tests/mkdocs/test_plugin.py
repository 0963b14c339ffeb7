"""The plugin under plain MkDocs: ``mkdocs build`` with ``plugins: [portfolio]`` behaves."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import site_text

pytestmark = pytest.mark.slow      # a plain mkdocs build


def test_plain_mkdocs_build_publishes_the_dossiers(project, make_dossier):
    make_dossier(project / "students", "ana", {
        "01-objectifs.md": "---\ntitre: Objectifs\n---\n\n## Le bijou\n\nUne bague.\n",
        "02-etapes.md": "# Étapes\n\nSciage puis soudure.\n"})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                             str(project / "mkdocs.yml")], capture_output=True, text=True,
                            cwd=project, timeout=300)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    home = (site / "index.html").read_text()
    assert 'lang="fr"' in home
    assert "Pendentif Lune" in home and 'href="ana/"' in home
    page = (site / "ana" / "objectifs" / "index.html").read_text()
    assert "Une bague." in page
    assert 'class="pf-meter"' not in page           # the preview is for "mkdocs serve" only
    assert (site / "ana" / "dossier-ana.pdf").read_bytes().startswith(b"%PDF")
    # Navigation: one section per candidate, sections in their numbered order.
    assert page.index("Objectifs") < page.index("Étapes")
    # No network: no Google Fonts, no CDN; fonts are served by the site itself.
    text = site_text(site)
    assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text
    css = (site / "assets" / "portfolio" / "fonts.css").read_text()
    served = re.findall(r"url\('(fonts/[^']+)'\)", css)
    assert served and all((site / "assets" / "portfolio" / name).is_file() for name in served)
    assert all(name.endswith(".woff2") for name in served)     # subsets (site/fonts.py)
    # The search index (French) holds the dossier's words.
    index = (site / "search" / "search_index.json").read_text()
    assert "Sciage puis soudure" in index


STARTUP = """
import signal, sys
from portfolio.mkdocs.plugin import PortfolioPlugin
PortfolioPlugin().on_startup(command=sys.argv[1], dirty=False)
print(signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL)
"""


@pytest.mark.parametrize("command, installed", [("serve", "True"), ("build", "False"),
                                                ("gh-deploy", "False")])
def test_sigterm_stops_the_preview_as_ctrl_c_from_the_serve_command(command, installed):
    """Plain ``mkdocs serve`` starts the plugin: SIGTERM then takes Ctrl+C's clean path (workers
    ended, on_shutdown run); a build keeps the default (a fresh process: no state leaks)."""
    result = subprocess.run([sys.executable, "-c", STARTUP, command],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == installed
