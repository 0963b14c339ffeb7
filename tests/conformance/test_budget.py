"""The page budget on real PDFs: the pages counted are the rendered pages, a refused dossier is
never published. Its rules, boundary by boundary, are tested on hand-built page counts in
tests/conformance/test_budget_rules.py."""

from __future__ import annotations

import io

import pytest
from helpers import (
    annexes_of_one_page,
    blank_pdf,
    pdf_text,
    sections_of_one_page,
    site_text,
    write_image,
)
from pypdf import PdfReader

from portfolio.cli.main import main

pytestmark = pytest.mark.slow      # dossiers laid out to the page


def test_exactly_at_budget_is_accepted(project, make_dossier, build):
    # cover (with the contents) + 14 one-page sections = 15 pages = the scolaire limit.
    root = make_dossier(project / "students", "ana", sections_of_one_page(14))
    result = build(root)
    assert result.error is None
    assert result.count.parts == {"principal": 15, "annexes": 0}
    assert result.verdict.ok
    assert len(PdfReader(io.BytesIO(result.pdf)).pages) == 15


def test_annexes_count_on_their_own(project, make_dossier, build):
    root = make_dossier(project / "students", "ana", annexes=annexes_of_one_page(11))
    result = build(root)
    assert result.count.parts["annexes"] == 11
    assert [str(e) for e in result.verdict.errors] and \
        "annexes (2e partie) : 11 pages pour 10 autorisées" in str(result.verdict.errors[0])
    # Annex pages are numbered on their own in the footer.
    assert "annexes · page A1 / A11" in pdf_text(result.pdf)


def test_over_budget_dossier_is_not_published_and_others_are(project, make_dossier, capsys):
    make_dossier(project / "students", "bea", sections_of_one_page(2), prenom="Béa",
                 nom="Valide", titre="Broche Comète")
    # A first build publishes both; then Zoé goes one page over budget.
    zoe = make_dossier(project / "students", "zoe", sections_of_one_page(2), prenom="Zoé",
                       nom="Longue", titre="Bague Tempête")
    assert main(["--project", str(project), "build"]) == 0
    previous_pdf = (project / "site" / "zoe" / "dossier-zoe.pdf").read_bytes()
    for name, text in sections_of_one_page(15).items():
        (zoe / "sections" / name).write_text(text.replace("Texte court", "VERSION-DEUX"))
    (project / "students" / "bea" / "sections" / "01-partie-1.md").write_text(
        "---\ntitre: Partie 1\n---\n\nBÉA-MISE-À-JOUR\n")
    capsys.readouterr()

    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr().out
    assert "✗ zoe : refusé" in out and "16 pages pour 15 autorisées" in out
    assert "1 dossier(s) refusé(s) : zoe" in out
    site = project / "site"
    text = site_text(site)
    assert "BÉA-MISE-À-JOUR" in text                  # the other dossier is published anew
    assert "VERSION-DEUX" not in text                 # nothing of the refused version
    # The refused dossier's previous publication stays as it was.
    assert (site / "zoe" / "dossier-zoe.pdf").read_bytes() == previous_pdf


def test_over_budget_first_publication_leaves_nothing(project, make_dossier):
    make_dossier(project / "students", "zoe", sections_of_one_page(15), prenom="Zoé",
                 nom="Longue", titre="Bague Tempête")
    assert main(["--project", str(project), "build"]) == 1
    site = project / "site"
    assert not (site / "zoe").exists()
    assert "Zoé" not in site_text(site) and "Tempête" not in site_text(site)


def test_perfectionnement_counts_the_part_1_pieces_in_its_30_pages(project, make_dossier, build):
    from portfolio.cli.main import main as cli


    root = make_dossier(project / "students", "ana", sections_of_one_page(3),
                        voie="perfectionnement")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write("partie1:\n  rapport: partie1/rapport.pdf\n  certificats:\n"
                  "    - employeur: Maison Roux\n      secteur: bijouterie\n"
                  "      debut: 2026-09-01\n      fin: 2027-02-28\n"
                  "      fichier: partie1/certificat.pdf\n")
    blank_pdf(root / "partie1" / "rapport.pdf", 26)
    blank_pdf(root / "partie1" / "certificat.pdf", 4)
    result = build(root)
    assert result.count.parts["partie1"] == 30
    assert not any("1re partie" in str(e) for e in result.verdict.errors)
    blank_pdf(root / "partie1" / "rapport.pdf", 27)     # one page over the 30 of part 1
    result = build(root)
    assert result.count.parts["partie1"] == 31
    assert any("1re partie : 31 pages pour 30 autorisées" in str(e)
               for e in result.verdict.errors)
    assert cli(["--project", str(project), "check", "ana"]) == 1


def test_part_1_written_in_the_tool_is_laid_out_after_part_2_and_counted(project, make_dossier,
                                                                           build):
    """The activity report written in Markdown is laid out as part 1, after part 2, numbered
    apart; the certificate's scan and a phone photo of a certificate follow it; all of it counts
    in the 30 pages of part 1 (perfectionnement)."""

    root = make_dossier(project / "students", "ana", sections_of_one_page(2),
                        voie="perfectionnement")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write("partie1:\n  rapport: partie1/rapport-activite.md\n  certificats:\n"
                  "    - employeur: Maison Roux\n      secteur: bijouterie\n"
                  "      debut: 2026-09-01\n      fin: 2027-02-28\n"
                  "      fichier: partie1/certificat.pdf\n"
                  "    - employeur: Atelier Vidal\n      secteur: bijouterie\n"
                  "      debut: 2025-09-01\n      fin: 2026-02-28\n"
                  "      fichier: partie1/certificat-photo.jpg\n")
    (root / "partie1").mkdir()
    (root / "partie1" / "rapport-activite.md").write_text(
        "---\ntitre: Mon activité à la Maison Roux\n---\n\n## L'atelier\n\nUn atelier de "
        "six personnes.\n", encoding="utf-8")
    write_image(root / "partie1" / "certificat-photo.jpg", (900, 1270))
    blank_pdf(root / "partie1" / "certificat.pdf", 27)
    result = build(root)
    # one page of report, the photo on a page of its own, then the 27 pages of the scan
    assert result.count.parts["partie1"] == 29
    parts = [(s.part, s.title, s.first, s.last) for s in result.count.sections
             if s.part == "partie1"]
    assert parts == [("partie1", "Mon activité à la Maison Roux", 1, 1),
                     ("partie1", "Certificat de travail — Atelier Vidal", 2, 2),
                     ("partie1", "Certificat de travail — Maison Roux", 3, 29)]
    pages = PdfReader(io.BytesIO(result.pdf)).pages
    assert len(pages) == result.count.parts["principal"] + 29
    text = [page.extract_text().replace("\xa0", " ") for page in pages]   # French spacing
    first = result.count.parts["principal"]
    assert "Mon activité à la Maison Roux" in text[first]
    assert "1re partie · page 1" in text[first]
    # Part 2 is left as it was; the contents on its cover list part 1 (page 1re·1).
    assert "Mon activité à la Maison Roux 1re·1" in text[0]
    assert "Mon activité" not in "".join(text[1:first])
    assert not any("1re partie" in str(e) for e in result.verdict.errors)
    blank_pdf(root / "partie1" / "certificat.pdf", 29)     # 31 pages: one over the 30 of part 1
    result = build(root)
    assert any("1re partie : 31 pages pour 30 autorisées" in str(e)
               for e in result.verdict.errors)
