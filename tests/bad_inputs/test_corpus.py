"""Every case of the bad-input corpus gives its French message, never a traceback, and spares
the other dossiers (one real command-line build of a class mixing good and broken dossiers)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import REPO, pdf_text

from portfolio import BuildOptions, build_dossier
from portfolio.util.errors import set_display_root

from .cases import CASES, Case, base

pytestmark = pytest.mark.slow      # a dossier built per bad input, then a class

# English words that would betray an untranslated message (library text leaking through).
ENGLISH = re.compile(r"\b(the|could not|cannot|expected|found|error|invalid|failed|while)\b",
                     re.I)


def messages(result) -> list[str]:
    if result.error is not None or not result.publishable:
        return [str(p) for p in result.problems]
    return [str(w) for w in result.warnings]


def check(case: Case, result) -> None:
    texts = messages(result)
    if case.outcome == "refused":
        assert not result.publishable, f"{case.name}: published, expected a refusal"
    else:
        assert result.publishable, f"{case.name}: refused: {texts}"
        assert result.dossier.draft == (case.outcome == "draft")
        assert result.pdf.startswith(b"%PDF")
    for text in texts:
        assert "Traceback" not in text and not ENGLISH.search(text), text
    if case.message or case.where:
        assert any(case.message in t and t.startswith(case.where) for t in texts), (
            f"{case.name}: no message starting {case.where!r} containing {case.message!r} "
            f"in {texts}")
    if case.verify is not None:
        assert case.verify(result), f"{case.name}: extra check failed"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path):
    set_display_root(tmp_path)
    try:
        students = tmp_path / "students"
        base(students, "ana")
        root = base(students, "bad")
        case.recipe(root)
        result = build_dossier(root, BuildOptions(cache_dir=tmp_path / ".cache"))
        check(case, result)
    finally:
        set_display_root(None)


def test_corpus_is_large_and_names_are_unique():
    assert len(CASES) >= 50
    assert len({c.name for c in CASES}) == len(CASES)


CLI_CASES = [c for c in CASES if c.cli]


def test_command_line_build_of_a_class_with_broken_dossiers(project):
    """build.py build: exit 1, no traceback, every broken one named, the good one published."""
    students = project / "students"
    base(students, "ana", title="Projet Intact")
    for case in CLI_CASES:
        case.recipe(base(students, case.name))
    result = subprocess.run([sys.executable, "build.py", "--project", str(project), "build"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert not any(char in output for char in "\x1b\x07\x9b"), "terminal escape printed"
    site = project / "site"
    pdf = (site / "ana" / "dossier-ana.pdf").read_bytes()
    assert "Projet Intact" in pdf_text(pdf)
    assert "Projet Intact" in (site / "index.html").read_text(encoding="utf-8")
    for case in CLI_CASES:
        published = (site / case.name).is_dir()
        assert published == (case.outcome == "published"), (case.name, output)
        if case.outcome == "refused":
            line = next((text for text in result.stdout.splitlines()
                         if text.startswith(f"  ✗ {case.name} : refusé")), "")
            where = case.where.replace("students/bad/", f"students/{case.name}/")
            assert case.message in line and where in line, (case.name, result.stdout)
