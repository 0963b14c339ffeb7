"""The navigation of a class: each dossier's pages list that dossier's sections only."""

from __future__ import annotations

import re

from portfolio.cli import main

_PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary".*?</ul>\s*</nav>', re.S)


def _navigation(html: str) -> tuple[list[str], str]:
    nav = _PRIMARY.search(html).group(0)
    return re.findall(r'href="([^"]+)"', nav), re.sub(r"<[^>]+>", " ", nav)


def test_a_dossier_page_of_a_30_dossier_class_lists_only_its_sections(project, make_dossier):
    for i in range(30):
        make_dossier(project / "students", f"eleve-{i:02d}", {
            "01-objectifs.md": f"---\ntitre: Objectifs {i:02d}\n---\n\nNotre but.\n",
            "02-etapes.md": f"---\ntitre: Étapes {i:02d}\n---\n\nSciage.\n"},
            prenom="Élève", nom=f"N{i:02d}", numero=f"{i:011d}", titre=f"Bijou {i:02d}")
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    links, text = _navigation((site / "eleve-07" / "etapes" / "index.html").read_text())
    assert "Objectifs 07" in text and "Étapes 07" in text and "Élève N07 — Bijou 07" in text
    assert not re.search(r"(Objectifs|Étapes) (?!07)\d\d", text), text
    assert "Élève N08" not in text
    assert [href for href in links if "eleve-" in href and "eleve-07" not in href] == []
    # The home lists the common pages, not the dossiers' sections: the gallery leads to them.
    links, text = _navigation((site / "index.html").read_text())
    assert not any("eleve-" in href for href in links) and "Objectifs" not in text
    assert (site / "index.html").read_text().count('class="pf-card"') == 30
    # From a dossier's home to the previous and the next dossier.
    home = (site / "eleve-07" / "index.html").read_text()
    voisins = re.search(r'<nav class="pf-voisins".*?</nav>', home, re.S).group(0)
    assert 'href="../eleve-06/"' in voisins and "Dossier précédent" in voisins
    assert 'href="../eleve-08/"' in voisins and "Dossier suivant" in voisins
    assert "Élève N08 — Bijou 08" in voisins
    first = (site / "eleve-00" / "index.html").read_text()
    assert "Dossier précédent" not in first and 'href="../eleve-01/"' in first
