"""The page strip: every page of the PDF, what it shows, whether it is over the limit; its images
drawn once per PDF."""

from __future__ import annotations

import pytest
from helpers import sections_of_one_page
from PIL import Image

from portfolio.builder.thumbnails import HEIGHT, cached_thumbs, draw_thumbs
from portfolio.conformance.budget import LimitUse
from portfolio.pdf.output.count import PageCount, SectionPages
from portfolio.rules import Limit
from portfolio.site.overlay import strip_pages

MAIN = Limit("principal", "document principal (2e partie)", ("principal",), 15)
ANNEXES = Limit("annexes", "annexes (2e partie)", ("annexes",), 10)


def _count(main: int, annexes: int, front: int = 2) -> PageCount:
    sections = [SectionPages("objectifs", "Objectifs", "principal", front + 1, main)]
    if annexes:
        sections.append(SectionPages("glossaire", "Glossaire", "annexes", 1, annexes))
    return PageCount({"principal": main, "annexes": annexes}, sections,
                     [(420, 297)] * (main + annexes), front_pages=front)


@pytest.mark.parametrize("main, annexes, uncounted, labels, over", [
    # cover and contents not counted: 17 pages of the main part are 15 counted, none over
    (17, 0, 2, ["1", "2", "3"], []),
    (18, 0, 2, ["1", "2", "3"], ["18"]),                  # one page over
    (18, 0, 1, ["1", "2", "3"], ["17", "18"]),            # contents counted: two over
    (5, 11, 2, ["1", "2", "3"], ["A11"]),                 # annexes over their own limit
    (5, 10, 2, ["1", "2", "3"], []),
])
def test_strip_pages(main, annexes, uncounted, labels, over):
    uses = [LimitUse(MAIN, main - uncounted), LimitUse(ANNEXES, annexes)]
    pages = strip_pages(_count(main, annexes), uses)
    assert len(pages) == main + annexes
    assert [p.label for p in pages][:3] == labels
    assert [p.title for p in pages][:3] == ["Couverture", "Sommaire", "Objectifs"]
    assert [p.label for p in pages if p.over] == over
    if annexes:
        assert pages[main].label == "A1" and pages[main].section.slug == "glossaire"


def test_thumbnails_are_drawn_once_per_pdf(project, make_dossier, build, tmp_path):
    result = build(make_dossier(project / "students", "ana", sections_of_one_page(3)))
    cache = tmp_path / "cache"
    assert cached_thumbs(cache, result.pdf_path) is None
    assert draw_thumbs(cache, result.pdf_path) == result.count.parts["principal"]
    thumbs = cached_thumbs(cache, result.pdf_path)
    assert len(thumbs) == result.count.parts["principal"]
    with Image.open(thumbs[0].path) as image:
        assert image.format == "WEBP" and image.height == HEIGHT == thumbs[0].height
        assert image.width == thumbs[0].width > image.height          # A3 landscape
    (thumbs[-1].path).unlink()                  # an incomplete set is drawn again
    assert cached_thumbs(cache, result.pdf_path) is None


def test_part_1_pages_follow_with_their_own_numbers():
    count = _count(5, 1)
    count.parts["partie1"] = 3
    count.sections.append(SectionPages("rapport-stage-1", "Rapport de stage", "partie1", 1, 2))
    count.sections.append(SectionPages("piece-1", "Attestation", "partie1", 3, 3, "a.pdf"))
    pages = strip_pages(count, [LimitUse(MAIN, 3), LimitUse(ANNEXES, 1)])
    assert [p.label for p in pages][5:] == ["A1", "1re·1", "1re·2", "1re·3"]
    assert [p.title for p in pages][6:] == ["Rapport de stage", "Rapport de stage",
                                            "Attestation"]
    assert not any(p.over for p in pages)
