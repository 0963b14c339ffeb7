"""Security of a class build: what one hostile dossier can no longer do to the site or the class."""

from __future__ import annotations

import json
import time

import pytest
from conftest import site_text

from portfolio import BuildOptions, build_dossier
from portfolio.cli import main
from portfolio.errors import set_display_root

from .cases import CASES, base, link_out, one_page_sections


def test_a_dossier_refused_for_a_link_outside_is_withdrawn(project, capsys):
    """A symlink to /etc/passwd: the dossier is refused and its previous publication withdrawn
    (it may hold what leaked); a dossier refused for its pages keeps its previous one."""
    students = project / "students"
    base(students, "eve", title="Projet Eve")
    base(students, "zoe", title="Projet Zoe")
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    assert (site / "eve" / "index.html").is_file() and (site / "zoe" / "index.html").is_file()
    link_out("sections/02-passwd.md", "/etc/passwd")(students / "eve")
    one_page_sections(20)(students / "zoe")
    capsys.readouterr()
    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr()
    assert "students/eve/sections/02-passwd.md : ce fichier est un lien qui mène hors de " \
           "votre dossier" in out.out
    assert "« eve » pour raison de sécurité : sa version publiée précédente est retirée" \
           in out.err
    assert not (site / "eve").exists()
    assert (site / "zoe" / "index.html").is_file()
    manifest = json.loads((site / "portfolio.json").read_text(encoding="utf-8"))
    assert [entry["slug"] for entry in manifest["dossiers"]] == ["zoe"]
    assert "root:x:0:0" not in site_text(site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Projet Eve" not in home and "Projet Zoe" in home


@pytest.mark.parametrize("where", ["pipeline", "site"])
def test_an_internal_error_on_one_dossier_spares_the_others(project, monkeypatch, capsys, where):
    """A bug met on one dossier (while judging it, or rendering its pages) refuses it with a
    French message naming it; the others are published; no traceback."""
    from portfolio import pipeline, plugin

    students = project / "students"
    base(students, "ana", title="Projet Ana")
    base(students, "eve", title="Projet Eve")
    module, name = (pipeline, "evaluate") if where == "pipeline" else \
        (plugin, "render_dossier_pages")
    real = getattr(module, name)

    def failing(*args, **kwargs):
        if any("eve" in str(getattr(a, "slug", getattr(a, "root", ""))) for a in args):
            raise ValueError("a bug")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr()
    assert ("  ✗ eve : refusé — students/eve/dossier.yml : ce dossier n'a pas pu être construit "
            "(erreur interne : ValueError).") in out.out
    assert "Traceback" not in out.out + out.err
    assert (project / "site" / "ana" / "index.html").is_file()
    assert not (project / "site" / "eve").exists()


# The pathological inputs (and their kin): each answered, refused, in under 10 s.
PATHOLOGICAL = ["md-brackets-20k", "md-image-brackets-20k", "md-cdata-2000",
                "md-unclosed-tags-3000", "md-very-deep-list", "md-deep-blockquote",
                "svg-use-bomb", "svg-use-loop", "yaml-29-megabytes", "yaml-alias-bomb",
                "numero-5000-digits", "date-impossible", "pdf-annex-deep-tree",
                "pdf-part1-deep-tree", "pdf-annex-101-pages"]


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_each_pathological_input_is_answered_in_under_10_s(name, tmp_path):
    case = next(c for c in CASES if c.name == name)
    set_display_root(tmp_path)
    try:
        root = base(tmp_path / "students", "bad")
        case.recipe(root)
        start = time.perf_counter()
        result = build_dossier(root, BuildOptions(cache_dir=tmp_path / ".cache"))
        elapsed = time.perf_counter() - start
    finally:
        set_display_root(None)
    assert not result.publishable
    assert case.message in str(result.problems[0])
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"
