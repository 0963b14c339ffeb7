"""Security of a class build: what one hostile dossier can no longer do to the site or the class."""

from __future__ import annotations

import json

from conftest import site_text

from portfolio.cli import main

from .cases import base, link_out, one_page_sections


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
