"""A class build renders the PDFs that are not cached in worker processes, two at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, sections_of_one_page
from pypdf import PdfReader

pytestmark = pytest.mark.slow      # a class rendered by worker processes

SCRIPT = """
import json, sys
from pathlib import Path
from portfolio import BuildOptions
from portfolio.builder.pipeline import build_dossiers
roots = [Path(p) for p in sys.argv[2:]]
builds = build_dossiers(roots, BuildOptions(cache_dir=Path(sys.argv[1])))
print(json.dumps({
    "weasyprint_in_main": "weasyprint" in sys.modules,
    "builds": [{"root": str(b.root), "error": str(b.error) if b.error else None,
                "pdf": str(b.pdf_path) if b.pdf_path else None,
                "parts": b.count.parts if b.count else None} for b in builds]}))
"""


def run_class(cache: Path, roots: list[Path]) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(cache), *map(str, roots)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_class_pdfs_rendered_by_workers_and_cached(tmp_path, make_dossier):
    students = tmp_path / "students"
    roots = [make_dossier(students, f"eleve-{i}", sections_of_one_page(i + 2),
                          images={"photo.jpg": (1200, 900)}) for i in range(3)]
    (roots[0] / "sections" / "01-partie-1.md").write_text(
        "---\ntitre: Partie 1\n---\n\n![Bague](../images/photo.jpg)\n", encoding="utf-8")
    broken = make_dossier(students, "eleve-casse", {
        "01-objectifs.md": "---\ntitre: Objectifs\n---\n\n![Absente](../images/absente.jpg)\n"})
    cache = tmp_path / ".cache"

    cold = run_class(cache, [*roots, broken])

    # The main process never laid out a PDF: the workers did (WeasyPrint is imported lazily).
    assert cold["weasyprint_in_main"] is False, cold
    by_root = {Path(b["root"]).name: b for b in cold["builds"]}
    for i, root in enumerate(roots):
        build = by_root[root.name]
        assert build["error"] is None
        assert build["parts"]["principal"] == len(PdfReader(build["pdf"]).pages)
        assert Path(build["pdf"]).is_relative_to(cache)
        assert build["parts"]["principal"] >= i + 2
    # The broken dossier gets its own French error; the others are not affected.
    assert "absente.jpg" in by_root["eleve-casse"]["error"]
    assert by_root["eleve-casse"]["pdf"] is None

    warm = run_class(cache, roots)
    assert warm["weasyprint_in_main"] is False
    assert [b["pdf"] for b in warm["builds"]] == [by_root[r.name]["pdf"] for r in roots]


def test_two_folders_with_one_address_are_both_refused(tmp_path, make_dossier):
    from portfolio import BuildOptions
    from portfolio.builder.pipeline import build_dossiers

    students = tmp_path / "students"
    first = make_dossier(students, "Léa", titre="Bague")
    second = make_dossier(students, "lea", titre="Broche")
    builds = build_dossiers([first, second], BuildOptions(cache_dir=tmp_path / ".cache"))
    for build in builds:
        assert not build.publishable
        message = str(build.error)
        assert "même adresse" in message and "« lea/ »" in message
        assert "Léa et " in message and "/lea auraient" in message
