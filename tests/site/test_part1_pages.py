"""Part 1 on the jury's site: the reports and bilans written in the tool are pages, listed first
on the dossier's home; the scans (attestations, signed bilans) stay in the PDF only."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import NAMED_IN_PART1, SECRET_NOTE, blank_pdf, plain_spaces

PART1 = "lea-moreau/partie1"
PAGES = [   # (page, what a jury reads on it, where it is in the PDF)
    ("rapport-stage-1", "Les activités et travaux significatifs", "1re partie, p. 1"),
    ("bilan-stage-1", "Performances pour chaque compétence du contrat", "1re partie, p. 2"),
    ("rapport-stage-2", NAMED_IN_PART1, "1re partie, p. 3"),
    ("bilan-stage-2", "Points faibles et remédiation", "1re partie, p. 4"),
]


def _text(path: Path) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    return re.sub(r"\s+", " ", plain_spaces(text))


@pytest.mark.parametrize(("slug", "shown", "pages"), PAGES)
def test_each_piece_written_here_is_a_page(jury_project, slug, shown, pages):
    text = _text(jury_project / "site" / PART1 / slug / "index.html")
    assert shown in text
    assert f"PDF : {pages}" in text
    assert SECRET_NOTE not in text            # review notes: the preview's only


def test_the_home_lists_part_1_first_and_its_scans_without_a_link(jury_project):
    home = (jury_project / "site" / "lea-moreau" / "index.html").read_text(encoding="utf-8")
    first, second = home.find("1re partie : milieu professionnel"), home.find("2e partie : projet")
    assert 0 < first < second
    assert 'href="partie1/rapport-stage-1/"' in home
    scans = re.findall(r"<li>((?:Attestation|Bilan signé) — [^<]+) <span class=\"pf-pdf-only",
                       home)
    assert len(scans) == 4 and home.count("(dans le PDF)") == 4, scans


def test_no_scan_of_part_1_is_published(jury_project):
    site = jury_project / "site" / "lea-moreau"
    published = sorted(p.name for p in site.rglob("*.pdf"))
    assert published == ["dossier-lea-moreau.pdf"]
    assert not [p for p in site.rglob("*") if "attestation" in p.name.lower()]


ACTIVITY = """\
partie1:
  rapport: partie1/rapport-activite.md
  certificats: [{employeur: Maison Roux, secteur: bijouterie, debut: 2026-09-01,
                 fin: 2027-02-28, temps: plein, fichier: partie1/certificat-roux.pdf}]
"""


def test_the_activity_report_of_perfectionnement_is_a_page_its_certificate_is_not(
        project, make_dossier, build):
    """The pages the site plans and renders (no MkDocs): perfectionnement's part 1."""
    from portfolio.images import ImageCache
    from portfolio.site import plan_site, render_dossier_pages

    root = make_dossier(project / "students", "ana", voie="perfectionnement")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(ACTIVITY)
    (root / "partie1").mkdir()
    (root / "partie1" / "rapport-activite.md").write_text(
        "---\ntitre: Mon activité\n---\n\n## L'atelier\n\nSertissage <script>x()</script>"
        "de pavages.\n", encoding="utf-8")
    blank_pdf(root / "partie1" / "certificat-roux.pdf")
    built = build(root)
    assert built.error is None, built.error
    plan = plan_site([built], ImageCache(project / ".cache"))
    pages = [p.src_uri for p in plan.pages]
    assert "ana/partie1/rapport-activite.md" in pages
    assert not [p for p in pages if "certificat" in p] and not [
        f for f in plan.files if "certificat" in f]
    urls = {p.src_uri: p.src_uri.removesuffix(".md").removesuffix("index") + "/"
            for p in plan.pages}
    page, toc = render_dossier_pages(plan, built, urls)["ana/partie1/rapport-activite.md"]
    assert "Sertissage" in page and "<script" not in page        # sanitised as part 2 is
    assert "PDF : 1re partie, p. 1" in plain_spaces(page)
    assert html.unescape(toc[0]["name"]) == "L'atelier"
