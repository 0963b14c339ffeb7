"""The PDF's text layer read back with poppler's pdftotext (issue 25, defect 6): a word the
layout hyphenates at a line's end prints with its hyphen, and is extracted whole (copy-paste,
search, screen readers: "jusqu'au", not "jus‐ / qu'au")."""

from __future__ import annotations

import re
import subprocess

import pytest

from portfolio import BuildOptions, build_dossier

pytestmark = pytest.mark.slow      # PDFs laid out and read back

# A word cut at a line's end as printed: letters, the hyphen, the line's end, letters.
CUT = re.compile(r"(\w+)[-\u2010]\n(\w+)")

LONG_WORDS = ("Les anticonstitutionnellement ornementales transformations microcristallines "
              "caractéristiques du rhodiage électrolytique contemporain nécessitent "
              "incontestablement une préparation méticuleuse, jusqu’au polissage final. ")


def pdftotext(pdf, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def assert_words_whole(pdf) -> int:
    """Each word printed cut by a hyphen at a line's end is extracted whole; returns how many
    such words were printed."""
    printed = pdftotext(pdf, "-raw")                  # the lines as printed, hyphens kept
    extracted = pdftotext(pdf)                        # what copy-paste and search read
    cuts = [m for m in CUT.finditer(printed) if m.group(2)[0].islower()]
    assert "\u2010\n" not in extracted
    flat = " ".join(extracted.split())
    missing = [m.group(0) for m in cuts if m.group(1) + m.group(2) not in flat]
    assert missing == []
    return len(cuts)


@pytest.mark.parametrize("page_format", ["A3-paysage", "A4-portrait"])
def test_hyphenated_words_are_whole_in_the_text_layer(tmp_path, make_dossier, page_format):
    root = make_dossier(tmp_path / "students", "ana", {
        "01-objectifs.md": "---\ntitre: Objectifs\nrole: objectifs\n---\n\n## Le projet\n\n"
                           + (LONG_WORDS * 6 + "\n\n") * 4}, page_format=page_format)
    build = build_dossier(root, BuildOptions(cache_dir=tmp_path / "cache"))
    assert build.error is None, build.error
    assert assert_words_whole(build.pdf_path) >= 3     # hyphens printed, words whole


def test_hyphenated_words_are_whole_on_the_example(jury_project):
    pdf = jury_project / "site" / "lea-moreau" / "dossier-lea-moreau.pdf"
    assert assert_words_whole(pdf) >= 10
    assert "jusqu’au" in pdftotext(pdf)
