"""The preview shows a new page count once the pages are laid out, before the PDF is written."""

from __future__ import annotations

import pytest
from helpers import sections_of_one_page

from portfolio import BuildOptions, build_dossier

pytestmark = pytest.mark.slow      # a dossier laid out


def test_the_count_is_known_before_the_pdf_is_written(tmp_path, make_dossier):
    options = BuildOptions(cache_dir=tmp_path / ".cache", mode="preview")
    root = make_dossier(tmp_path / "students", "ana", sections_of_one_page(2))
    first = build_dossier(root, options)
    assert first.count.parts["principal"] == 3
    (root / "sections" / "03-partie-3.md").write_text(
        "---\ntitre: Partie 3\nsaut_de_page: oui\n---\n\nTexte.\n", encoding="utf-8")
    seen = []

    def counted() -> None:      # what a preview rebuild sees while the file is being written
        seen.append(build_dossier(root, options, render=False, previous=first))

    final = build_dossier(root, options, on_counted=counted)
    [meanwhile] = seen
    assert meanwhile.pdf_writing and not meanwhile.pending
    assert meanwhile.count.parts["principal"] == 4
    assert meanwhile.pdf_path == first.pdf_path          # the previous PDF until the new one
    assert final.count.parts["principal"] == 4 and final.pdf_path != first.pdf_path
    after = build_dossier(root, options, render=False, previous=meanwhile)
    assert after.pdf_cached and not after.pdf_writing and after.pdf_path == final.pdf_path
