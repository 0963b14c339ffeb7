"""The content cache keeps the PDFs the dossiers' current inputs name and a few recent ones per
dossier, not one PDF per edit (issue 27: 507 MB after a few preview sessions)."""

from __future__ import annotations

import hashlib

from helpers import sections_of_one_page

from portfolio import BuildOptions
from portfolio.builder.pipeline import build_dossiers
from portfolio.builder.prune import KEEP, prune_pdfs


def _key(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def _entry(cache, key: str) -> None:
    for suffix in (".pdf", ".json"):
        (cache / "pdf").mkdir(parents=True, exist_ok=True)
        (cache / "pdf" / f"{key}{suffix}").write_bytes(b"%PDF")
    (cache / "vignettes" / f"{key}-1").mkdir(parents=True, exist_ok=True)


def _keys(cache) -> set[str]:
    return {p.name.split(".", 1)[0] for p in (cache / "pdf").glob("*.pdf")}


def test_edits_keep_the_current_pdf_and_a_few_recent(tmp_path):
    """Rows: one edit of ana after another (a new key each time, the preview or ``controler
    ana``) -> the cache holds ana's last KEEP PDFs and bea's, and nothing else."""
    cache = tmp_path / ".cache"
    _entry(cache, _key("bea"))
    _entry(cache, _key("stray"))          # a PDF of inputs that no dossier has any more
    prune_pdfs(cache, {"ana": None, "bea": _key("bea")})
    assert _keys(cache) == {_key("bea")}
    for edit in range(KEEP + 3):
        _entry(cache, _key(edit))
        prune_pdfs(cache, {"ana": _key(edit)})
        expected = {_key(n) for n in range(max(0, edit - KEEP + 1), edit + 1)} | {_key("bea")}
        assert _keys(cache) == expected
        strips = {p.name.rsplit("-", 1)[0] for p in (cache / "vignettes").iterdir()}
        assert strips == expected
        assert all((cache / "pdf" / f"{k}.json").is_file() for k in expected)
    # A dossier back to an earlier state: that key is current again, the oldest goes.
    prune_pdfs(cache, {"ana": _key(KEEP + 1)})
    assert _key(KEEP + 1) in _keys(cache) and len(_keys(cache)) == KEEP + 1


def test_a_class_build_prunes_and_keeps_its_pdfs(tmp_path, make_dossier):
    students, cache = tmp_path / "students", tmp_path / ".cache"
    roots = [make_dossier(students, slug, sections_of_one_page(1)) for slug in ("ana", "bea")]
    options = BuildOptions(cache_dir=cache, workers=1)
    first = build_dossiers(roots, options)
    _entry(cache, _key("stray"))
    again = build_dossiers(roots, options)
    assert all(b.pdf_cached for b in again)
    assert _keys(cache) == {b.key for b in first}
    assert not (cache / "vignettes" / f"{_key('stray')}-1").exists()
