"""An anonymous publication and part 1: the candidate's and the tutors' names found in the
reports written in the tool, the scans (which bear names) left out of the anonymous PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfWriter

from portfolio.builder.anonymity import anonymize, mask_names
from portfolio.dossier.load import load_dossier
from portfolio.pdf.output.part1 import joined_pieces

PARTIE1 = """\
partie1:
  stages:
    - entreprise: Atelier Durand
      secteur: bijouterie
      tuteur: M. Jean Morel
      debut: 2026-01-05
      fin: 2026-02-13
      attestation: partie1/attestation.pdf
      rapport: partie1/rapport.md
"""


def dossier(make_dossier, project, report: str):
    root = make_dossier(project / "students", "ana")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(PARTIE1)
    (root / "partie1").mkdir()
    (root / "partie1" / "rapport.md").write_text("---\ntitre: Rapport\n---\n\n" + report,
                                                 encoding="utf-8")
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with (root / "partie1" / "attestation.pdf").open("wb") as file:
        writer.write(file)
    return load_dossier(root)


ROWS = [   # (report text, the warnings on it)
    ("Mon tuteur m'a confié les mises à taille.\n", []),
    ("Le matin, Jean Morel m'a montré l'atelier.\n",
     ["students/ana/partie1/rapport.md:5 : anonymat : le nom du tuteur ou de la tutrice (M. Jean "
      "Morel) apparaît dans le texte."]),
    ("L'atelier.\n\nMORÉL m'a conseillée.\n",
     ["students/ana/partie1/rapport.md:7 : anonymat : le nom du tuteur ou de la tutrice (M. Jean "
      "Morel) apparaît dans le texte."]),
    ("Moreleau n'est pas un nom cité.\n", []),
    ("Ana Dupont, stagiaire.\n",
     ["students/ana/partie1/rapport.md:5 : anonymat : le nom du candidat apparaît dans le "
      "texte."]),
]


@pytest.mark.parametrize(("report", "expected"), ROWS)
def test_names_in_part_1_written_here(project, make_dossier, report, expected):
    leaks = [p for p in anonymize(dossier(make_dossier, project, report))
             if "pièces numérisées" not in p.message]
    assert [f"{p.path.relative_to(project).as_posix()}:{p.line} : {p.message}"
            for p in leaks] == expected


def test_scans_are_left_out_of_the_anonymous_pdf(project, make_dossier):
    named = dossier(make_dossier, project, "Texte.\n")
    assert [p.title for p in joined_pieces(named)[0]] == ["Attestation — Atelier Durand"]
    leaks = anonymize(named)
    assert joined_pieces(named) == ([], [])
    assert [s.title for s in named.part1_sections] == ["Rapport"]
    assert [p.message for p in leaks] == [
        "anonymat : les pièces numérisées de la 1re partie (attestations, certificats, bilans "
        "signés) portent des noms et des signatures : elles ne sont pas jointes au PDF anonyme."]


NAMES = ("Ana", "Dupont", "Jean", "Morel")      # the candidate's and the tutor's (M. Jean Morel)
MASKED = [   # (published HTML, what an anonymous build shows)
    ("<p>Jean Morel m'a montré l'atelier.</p>", "<p>[nom masqué] m'a montré l'atelier.</p>"),
    ("<p>Avec M. MORÉL et Ana-Dupont.</p>", "<p>Avec M. [nom masqué] et [nom masqué].</p>"),
    ('<img alt="Jean au poste" src="jean.jpg">',
     '<img alt="[nom masqué] au poste" src="jean.jpg">'),
    ('<a href="#morel" title="Morel">lien</a>', '<a href="#morel" title="[nom masqué]">lien</a>'),
    ("<p>Un petit jean, des morels.</p>", "<p>Un petit jean, des morels.</p>"),    # no capital
    ("<p>Jeanne Morelli, Anaïs.</p>", "<p>Jeanne Morelli, Anaïs.</p>"),           # other names
]


@pytest.mark.parametrize(("html", "shown"), MASKED)
def test_names_masked_in_what_is_published(html, shown):
    assert mask_names(html, NAMES) == shown


def test_anonymous_dossier_knows_the_names_to_mask(project, make_dossier):
    named = dossier(make_dossier, project, "Texte.\n")
    anonymize(named)
    assert named.hidden_names == ("Ana", "Dupont", "Jean", "Morel")
    assert [s.slug for s in named.part1_sections] == ["piece-1"]
