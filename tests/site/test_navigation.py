"""The navigation of a class: each dossier's pages list that dossier's sections only."""

from __future__ import annotations

import re
from pathlib import Path

# The primary navigation: up to the table of contents' sidebar (its groups nest <nav>s).
_PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary".*?(?=md-sidebar--secondary)', re.S)


def _navigation(html: str) -> tuple[list[str], str]:
    nav = _PRIMARY.search(html).group(0)
    return re.findall(r'href="([^"]+)"', nav), re.sub(r"<[^>]+>", " ", nav)


def _neighbours(home: Path) -> str:
    return re.search(r'<nav class="pf-voisins".*?</nav>', home.read_text(), re.S).group(0)


def test_a_dossier_page_lists_only_its_dossiers_sections(jury_project):
    """The small class (tests/conftest.py): Hugo, Léa, and Zoé's draft, which is not published."""
    site = jury_project / "site"
    links, text = _navigation((site / "lea-moreau" / "index.html").read_text())
    assert "Léa Moreau — Bague Ginkgo" in text
    assert "Objectifs du projet" in text and "Annexe : Glossaire" in text
    assert "Hugo" not in text and "Réalisation" not in text and "Zoé" not in text
    # Léa's part 1 written in the tool comes first, in its own group; part 2 in the other.
    parts = [text.find(label) for label in ("1re partie : milieu professionnel",
                                            "Rapport de stage — Atelier Varenne",
                                            "2e partie : projet", "Objectifs du projet")]
    assert -1 not in parts and parts == sorted(parts), parts
    assert "partie1/bilan-stage-2/" in " ".join(links)
    assert "Attestation" not in text and "signé" not in text     # scans: in the PDF only
    assert [href for href in links if "hugo-petit" in href or "zoe" in href] == []
    links, text = _navigation((site / "hugo-petit" / "recherches" / "index.html").read_text())
    assert "Hugo Petit — Pendentif Marée" in text and "Réalisation" in text
    assert "Léa" not in text and "Objectifs" not in text and "Croquis" not in text
    assert [href for href in links if "lea-moreau" in href or "zoe" in href] == []
    # The home lists the common pages, not the dossiers' sections: the gallery leads to them.
    links, text = _navigation((site / "index.html").read_text())
    assert not any(slug in href for href in links for slug in ("lea-moreau", "hugo-petit"))
    assert "Objectifs" not in text and "Réalisation" not in text
    assert (site / "index.html").read_text().count('class="pf-card"') == 2
    # From a dossier's home to the previous and the next dossier, in the gallery's order.
    first, last = _neighbours(site / "hugo-petit" / "index.html"), \
        _neighbours(site / "lea-moreau" / "index.html")
    assert 'href="../lea-moreau/"' in first and "Dossier suivant" in first
    assert "Léa Moreau — Bague Ginkgo" in first and "Dossier précédent" not in first
    assert 'href="../hugo-petit/"' in last and "Dossier précédent" in last
    assert "Hugo Petit — Pendentif Marée" in last and "Dossier suivant" not in last


def test_the_404_page_is_french(jury_project):
    page = (jury_project / "site" / "404.html").read_text(encoding="utf-8")
    assert "Page introuvable (erreur 404)" in page and "Retour à l'accueil" in page
    assert "Not found" not in page
