"""The page budget's rules, one row per case: hand-built page counts in, verdict and the French
message the student reads out (``budget.evaluate``, ``format_report``), every boundary of
rules/voies.yml. No PDF is rendered here: tests/conformance/test_budget.py shows on real PDFs that
the counts are the rendered pages."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import DOSSIER_YML

from portfolio import load_dossier
from portfolio.conformance.budget import evaluate, format_report
from portfolio.pdf.output.count import PageCount, SectionPages
from portfolio.rules import load_rules

RULES = load_rules()
A3 = (420.0, 297.0)
LABELS = {"scolaire": "voie scolaire", "apprentissage": "voie de l'apprentissage",
          "formation-continue": "formation professionnelle continue (première formation ou "
                                "reconversion)",
          "perfectionnement": "formation continue en perfectionnement",
          "experience": "candidat au titre de l'expérience professionnelle"}
PROJET_VOIES = ("scolaire", "apprentissage", "formation-continue")
PERFECTIONNEMENT_VOIES = ("perfectionnement", "experience")


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory) -> dict:
    """One real dossier (dossier.yml loaded and validated) per voie."""
    found = {}
    for voie in LABELS:
        root = tmp_path_factory.mktemp("budget") / "ana"
        (root / "sections").mkdir(parents=True)
        (root / "dossier.yml").write_text(DOSSIER_YML.format(
            prenom="Ana", nom="Dupont", numero="01234567890", titre="Pendentif Lune", voie=voie,
            brouillon="false", format="A3-paysage"), encoding="utf-8")
        (root / "sections" / "01-objectifs.md").write_text(
            "---\ntitre: Objectifs\nrole: objectifs\n---\n\nNotre but.\n", encoding="utf-8")
        found[voie] = load_dossier(root)
    return found


def count(principal: int = 0, annexes: int = 0, partie1: int | None = None, *,
          front: int = 2, sizes: list[tuple[float, float]] | None = None,
          sections: list[SectionPages] | None = None) -> PageCount:
    """A page count as a render makes it (``partie1`` only when part 1 was counted)."""
    parts = {"principal": principal, "annexes": annexes}
    if partie1 is not None:
        parts["partie1"] = partie1
    return PageCount(parts, sections or [], sizes or [A3] * (principal + annexes),
                     front_pages=front)


def over(label: str, used: int, limit: int, voie: str) -> str:
    cut = used - limit
    return (f"{label} : {used} pages pour {limit} autorisées ({LABELS[voie]}). "
            f"Il faut retirer {cut} page{'s' if cut > 1 else ''}.")


MAIN, ANNEXES = "document principal (2e partie)", "annexes (2e partie)"
PART2, PART1, TOTAL = ("2e partie (annexes comprises)", "1re partie",
                       "dossier complet (annexes comprises)")

# (voie, count, messages of the verdict's errors, in order; [] = within budget)
ROWS = [
    *[row for voie in PROJET_VOIES for row in [
        (voie, count(15, 10), []),
        (voie, count(16, 0), [over(MAIN, 16, 15, voie)]),
        (voie, count(17, 0), [over(MAIN, 17, 15, voie)]),              # "2 pages"
        (voie, count(3, 11), [over(ANNEXES, 11, 10, voie)]),
        (voie, count(16, 11), [over(MAIN, 16, 15, voie), over(ANNEXES, 11, 10, voie)]),
        (voie, count(15, 10, 99), []),          # part 1 has no page limit in these voies
    ]],
    *[row for voie in PERFECTIONNEMENT_VOIES for row in [
        (voie, count(14, 6), []),                                    # 20 = the part 2 limit
        (voie, count(20, 0), []),                # no limit of its own for the main document
        (voie, count(9, 11), []),                # nor for the annexes
        (voie, count(15, 6), [over(PART2, 21, 20, voie)]),
        (voie, count(14, 6, 30), []),                                # 50 = the whole limit
        (voie, count(14, 6, 31), [over(PART1, 31, 30, voie), over(TOTAL, 51, 50, voie)]),
        (voie, count(15, 6, 30), [over(PART2, 21, 20, voie), over(TOTAL, 51, 50, voie)]),
        (voie, count(15, 6, 29), [over(PART2, 21, 20, voie)]),        # 50 in all: one over
    ]],
]


@pytest.mark.parametrize(("voie", "pages", "messages"), ROWS,
                         ids=[f"{voie}-{'-'.join(map(str, pages.parts.values()))}"
                              for voie, pages, _ in ROWS])
def test_page_limits_of_each_voie(dossiers, voie, pages, messages):
    verdict = evaluate(dossiers[voie], pages, RULES)
    assert [e.message for e in verdict.errors] == messages
    assert verdict.ok == (messages == [])
    assert all(e.path == dossiers[voie].yml for e in verdict.errors)


def _rules(cover: bool, contents: bool):
    return dataclasses.replace(RULES, count_cover=cover, count_contents=contents)


# (cover counted, contents counted, main pages, front pages, pages counted against the 15)
@pytest.mark.parametrize(("cover", "contents", "main", "front", "counted"), [
    (True, True, 15, 2, 15),
    (True, True, 16, 2, 16),
    (False, True, 16, 2, 15),           # the cover left out
    (True, False, 16, 2, 15),           # the contents left out
    (True, False, 17, 3, 15),           # contents of two pages, both left out
    (False, False, 17, 2, 15),
    (False, False, 18, 2, 16),
    (False, False, 1, 2, 0),            # never below nothing
])
def test_cover_and_contents_count_as_the_rules_say(dossiers, cover, contents, main, front,
                                                   counted):
    verdict = evaluate(dossiers["scolaire"], count(main, front=front), _rules(cover, contents))
    assert verdict.uses[0].used == counted
    assert [e.message for e in verdict.errors] == (
        [] if counted <= 15 else [over(MAIN, counted, 15, "scolaire")])


def _sections(*spec: tuple[str, str, int]) -> list[SectionPages]:
    """(title, part, pages) -> sections laid one after the other in their part."""
    sections, next_page = [], {"principal": 3, "annexes": 1}
    for title, part, pages in spec:
        first = next_page[part]
        sections.append(SectionPages(title.lower(), title, part, first, first + pages - 1))
        next_page[part] = first + pages
    return sections


@pytest.mark.parametrize(("pages", "hint"), [
    # The three longest sections of the part over its limit, longest first.
    (count(16, 1, sections=_sections(("Objectifs", "principal", 2), ("Croquis", "principal", 5),
                                     ("Étapes", "principal", 4), ("Bilan", "principal", 3),
                                     ("Glossaire", "annexes", 9))),
     "Sections les plus longues : « Croquis » (5 p.), « Étapes » (4 p.), « Bilan » (3 p.)."),
    # Annexes over: only annexes are named.
    (count(4, 11, sections=_sections(("Croquis", "principal", 2), ("Plan", "annexes", 8),
                                     ("Glossaire", "annexes", 3))),
     "Sections les plus longues : « Plan » (8 p.), « Glossaire » (3 p.)."),
    # Pages without a section (cover, contents) are not named.
    (count(16, 0), ""),
])
def test_refusal_names_the_longest_sections(dossiers, pages, hint):
    [error] = evaluate(dossiers["scolaire"], pages, RULES).errors
    assert error.hint == hint


@pytest.mark.parametrize(("sizes", "message"), [
    ([A3, (297.0, 420.0), (210.0, 297.0), (297.0, 210.0)], None),    # A3 and A4 either way
    ([A3, (420.0, 297.11)], None),                    # 124 786 mm²: within the 50 mm² margin
    ([A3, (420.0, 297.13)],                           # 124 795 mm²: just past it
     "page 2 au format 420 x 297.13 mm : plus grande que le format A3 autorisé (297 x 420 mm)."),
    ([A3, (420.0, 297.2), (594.0, 420.0)],            # 124 824 mm²; the first such page only
     "page 2 au format 420 x 297.2 mm : plus grande que le format A3 autorisé (297 x 420 mm)."),
    ([(594.0, 420.0)],
     "page 1 au format 594 x 420 mm : plus grande que le format A3 autorisé (297 x 420 mm)."),
    ([(300.0, 420.0)],                                # 3 mm too wide: 126 000 mm²
     "page 1 au format 300 x 420 mm : plus grande que le format A3 autorisé (297 x 420 mm)."),
])
def test_no_page_larger_than_a3(dossiers, sizes, message):
    verdict = evaluate(dossiers["scolaire"], count(len(sizes), sizes=sizes), RULES)
    assert [e.message for e in verdict.errors] == ([message] if message else [])
    if message:
        assert "« format: A3-paysage »" in verdict.errors[0].hint


@pytest.mark.parametrize(("voie", "pages", "lines"), [
    ("scolaire", count(13, 9, front=1), [
        "  document principal (2e partie) : 13 / 15 pages (reste 2 pages)",
        "  annexes (2e partie) : 9 / 10 pages (reste 1 page)",
        "  dont couverture et sommaire : 1 page"]),
    ("scolaire", count(15, 12), [
        "  document principal (2e partie) : 15 / 15 pages (reste 0 page)",
        "  annexes (2e partie) : 12 / 10 pages (dépassement de 2)",
        "  dont couverture et sommaire : 2 pages"]),
    ("perfectionnement", count(14, 6, 30), [
        "  2e partie (annexes comprises) : 20 / 20 pages (reste 0 page)",
        "  1re partie : 30 / 30 pages (reste 0 page)",
        "  dossier complet (annexes comprises) : 50 / 50 pages (reste 0 page)",
        "  dont couverture et sommaire : 2 pages"]),
])
def test_page_report(dossiers, voie, pages, lines):
    dossier = dossiers[voie]
    assert format_report(dossier, pages, evaluate(dossier, pages, RULES)) == lines


@pytest.mark.parametrize(("pages", "shown"), [
    (count(14, 6), [PART2, TOTAL]),                  # part 1 not counted yet: not shown
    (count(14, 6, 0), [PART2, TOTAL]),
    (count(14, 6, 12), [PART2, PART1, TOTAL]),
])
def test_part_1_limit_shown_once_counted(dossiers, pages, shown):
    verdict = evaluate(dossiers["perfectionnement"], pages, RULES)
    assert [use.limit.label for use in verdict.shown] == shown
