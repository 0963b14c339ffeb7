"""The preview's dashboard: for each dossier, the periods of part 1 and the pieces received."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfWriter

from portfolio.builder.results import DossierBuild
from portfolio.conformance import assess
from portfolio.dossier.load import load_dossier
from portfolio.site.preview import PreviewState, dashboard_html

PARTIE1 = """\
partie1:
  stages:
    - {entreprise: Atelier Durand, secteur: bijouterie, debut: 2026-01-05, fin: 2026-02-13,
       attestation: partie1/attestation.pdf, rapport: partie1/rapport.md,
       bilan: partie1/bilan.pdf}
    - {entreprise: Maison Roux, secteur: joaillerie, debut: 2026-05-18, fin: 2026-06-30,
       rapport: partie1/rapport-roux.md}
"""


@pytest.mark.parametrize(("declared", "expected"), [
    (PARTIE1, ["Atelier Durand : attestation ✓ · rapport ✓ · bilan ✗",
               "Maison Roux : attestation ✗ · rapport ✗ · bilan ✗"]),
    ("", ["non déclarée"]),
])
def test_the_pieces_of_each_period(project, make_dossier, declared, expected):
    root = make_dossier(project / "students", "ana")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(declared)
    (root / "partie1").mkdir()
    (root / "partie1" / "rapport.md").write_text("---\ntitre: Rapport\n---\n\nTexte.\n",
                                                 encoding="utf-8")
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with (root / "partie1" / "attestation.pdf").open("wb") as file:
        writer.write(file)
    dossier = load_dossier(root)
    build = DossierBuild(root=root, dossier=dossier,
                         conformance=assess(dossier, "preview", today=dt.date(2027, 1, 10)))
    html = dashboard_html([build], PreviewState(), {}, "tableau-de-bord/")
    assert "1re partie (pièces reçues)" in html
    text = html.replace("&#39;", "'").replace("\u00a0", " ").replace("\u202f", " ")
    for line in expected:         # the page's French spacing: no-break spaces before « : »
        assert line in text
