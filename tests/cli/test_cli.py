"""build.py's commands as a user runs them: exit codes, French summaries, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import REPO, sections_of_one_page, site_text

from portfolio.cli.main import main

pytestmark = pytest.mark.slow      # build.py run in subprocesses


def run(project, *args):
    """Run build.py in a child process, as a user would (inside the environment)."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--project", str(project),
                           *args], capture_output=True, text=True, timeout=300)


def test_new_scaffolds_a_dossier_that_checks_and_never_overwrites(project, capsys):
    assert main(["--project", str(project), "new", "Éloïse D'Arc-Martin"]) == 0
    root = project / "students" / "eloise-d-arc-martin"
    assert (root / "dossier.yml").is_file()
    assert len(list((root / "sections").glob("*.md"))) >= 6
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert main(["--project", str(project), "check", "eloise-d-arc-martin"]) == 0
    assert "document principal (2e partie)" in capsys.readouterr().out
    assert main(["--project", str(project), "new", "Éloïse D'Arc-Martin"]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert before == {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_draft_is_never_published(project, make_dossier):
    make_dossier(project / "students", "ana", titre="Projet Public")
    make_dossier(project / "students", "zoe", prenom="Zoé", nom="Secrète",
                 titre="Brouillon Confidentiel", brouillon=True)
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    assert (site / "ana" / "dossier-ana.pdf").is_file()
    assert not (site / "zoe").exists()
    text = site_text(site)
    assert "Projet Public" in text
    assert "Secrète" not in text and "Confidentiel" not in text


def test_yaml_typo_gives_one_french_line_and_exit_1(project, make_dossier):
    root = make_dossier(project / "students", "ana")
    (root / "dossier.yml").write_text(
        (root / "dossier.yml").read_text().replace("voie: scolaire", "voie scolaire"))
    result = run(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "students/ana/dossier.yml:7 : il manque « : » après une clé" in result.stdout


def test_check_prints_the_page_report_and_json(project, make_dossier, capsys):
    make_dossier(project / "students", "ana", sections_of_one_page(3))
    assert main(["--project", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert "document principal (2e partie) : 4 / 15 pages (reste 11 pages)" in out
    assert "p. 2" in out and "Partie 1 (1 p.)" in out
    assert not (project / "site").exists()          # check never publishes
    assert main(["--project", str(project), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report[0]["pages"] == {"principal": 4, "annexes": 0}


def test_a_crash_leaves_the_previous_site_intact(project, make_dossier, monkeypatch):
    make_dossier(project / "students", "ana", titre="Version Une")
    assert main(["--project", str(project), "build"]) == 0
    before = {p.relative_to(project): p.read_bytes()
              for p in (project / "site").rglob("*") if p.is_file()}

    import portfolio.site as site_module

    def explode(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(site_module, "_home_html", explode)
    (project / "students" / "ana" / "dossier.yml").write_text(
        (project / "students" / "ana" / "dossier.yml").read_text().replace("Version Une",
                                                                           "Version Deux"))
    with pytest.raises(RuntimeError):
        main(["--project", str(project), "build"])
    after = {p.relative_to(project): p.read_bytes()
             for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site.build-*"))


def test_build_never_writes_under_students(project, make_dossier):
    make_dossier(project / "students", "ana", images={"a.jpg": (50, 50)})
    before = {p: p.stat().st_mtime_ns for p in (project / "students").rglob("*")}
    assert main(["--project", str(project), "build"]) == 0
    assert before == {p: p.stat().st_mtime_ns for p in (project / "students").rglob("*")}


@pytest.mark.parametrize(("french", "old"), [
    (["publier", "--brouillons"], ["build", "--drafts"]),
    (["controler", "ana", "--json"], ["check", "ana", "--json"]),
    (["nouveau", "Ana Dupont"], ["new", "Ana Dupont"]),
    (["apercu", "--hote", "0.0.0.0", "--port", "8001"], ["serve", "--host", "0.0.0.0",
                                                         "--port", "8001"]),
    (["hors-ligne", "--anonyme"], ["pack", "--anonyme"]),
    (["--projet", "/tmp/p", "--processus", "3", "controler"],
     ["--project", "/tmp/p", "--processus", "3", "check"]),
])
def test_french_commands_and_their_old_english_aliases(french, old):
    from portfolio.cli.main import parser

    new_args, old_args = vars(parser().parse_args(french)), vars(parser().parse_args(old))
    new_args.pop("command"), old_args.pop("command")
    assert new_args == old_args


@pytest.mark.parametrize("value", ["0", "-2", "deux"])
def test_processus_must_be_a_count(value, capsys):
    from portfolio.cli.main import parser

    with pytest.raises(SystemExit):
        parser().parse_args(["--processus", value, "controler"])
    assert f"« {value} » : un nombre entier, 1 ou plus." in capsys.readouterr().err


def test_the_readme_commands_still_work(project, make_dossier):
    """``build.py build`` and ``build.py test`` are the README's two commands."""
    make_dossier(project / "students", "ana", sections_of_one_page(1))
    assert main(["--project", str(project), "build"]) == 0
    assert (project / "site" / "ana" / "dossier-ana.pdf").is_file()
    for command in ("test", "tester"):
        result = subprocess.run([sys.executable, str(REPO / "build.py"), command, "--co", "-q",
                                 "tests/cli/test_cli.py"], capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "test_the_readme_commands_still_work" in result.stdout


@pytest.mark.parametrize("args, expected", [
    ([], "build.py : erreur : arguments requis : commande"),
    (["publir"], "build.py : erreur : argument commande : choix invalide « publir ». "
                 "Vouliez-vous dire « publier » ?"),
    (["controler", "--inconnu"], "build.py : erreur : arguments non reconnus : --inconnu"),
    (["nouveau", "Ana Dupont", "--voie", "scolair"],
     "build.py nouveau : erreur : argument --voie : choix invalide « scolair ». "
     "Vouliez-vous dire « scolaire » ?"),
    (["nouveau"], "build.py nouveau : erreur : arguments requis : \"Prénom Nom\""),
    (["apercu", "--port", "huit"],
     "build.py apercu : erreur : argument --port : « huit » : un numéro de port, de 1 à 65535."),
    (["apercu", "--port"], "build.py apercu : erreur : argument --port : une valeur attendue"),
])
def test_command_line_mistakes_are_told_in_french(args, expected):
    """argparse's own words in French, usage first, exit code 1 (a person's mistake)."""
    result = run(REPO, *args)
    assert result.returncode == 1
    assert result.stderr.startswith("utilisation : build.py")
    assert expected in result.stderr, result.stderr
    assert "error" not in result.stderr and "usage" not in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["controler", "-h"], ["apercu", "--help"]])
def test_help_is_in_french(args):
    result = run(REPO, *args)
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : build.py")
    assert "affiche cette aide et quitte" in result.stdout
    for english in ("usage:", "show this help", "positional arguments", "subcommands"):
        assert english not in result.stdout


def test_other_parsers_keep_their_words():
    """The French words are argparse's only while our parser works (pytest's stay English)."""
    import argparse

    from portfolio.cli.main import parser

    parser().format_help()
    assert "show this help message" in argparse.ArgumentParser().format_help()


def test_site_url_is_the_teachers_setting_said_once_at_publier(project, make_dossier):
    from helpers import make_mp4

    for slug in ("ana", "bob"):
        root = make_dossier(project / "students", slug, {"01-film.md": (
            "---\ntitre: Le film\n---\n\n![Le polissage](../medias/film.mp4 \"Le polissage\")\n")})
        (root / "medias").mkdir()
        make_mp4(root / "medias" / "film.mp4")
    check = run(project, "controler")
    assert "site_url" not in check.stdout + check.stderr        # not the students' business
    build = run(project, "publier")
    assert build.returncode == 0, build.stdout + build.stderr
    notice = [line for line in build.stderr.splitlines() if "site_url" in line]
    assert notice == [
        "attention : mkdocs.yml:4 : « site_url » est vide : les PDF de 2 dossier(s) (ana, bob) "
        "ne peuvent pas donner l'adresse de leurs vidéos, sons et modèles 3D. Écrivez l'adresse "
        "où le site sera publié (site_url: https://...) puis relancez : python3 build.py publier"]
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace('site_url: ""',
                                                 'site_url: "https://lycee.test/dossiers/"'))
    assert "site_url" not in run(project, "publier").stderr


def test_tester_help_is_french(capsys):
    assert main(["tester", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : build.py tester [options de pytest]")
    assert "s'arrêter au premier échec" in out and "usage:" not in out


def test_a_reader_that_stops_reading_gets_no_traceback(project, make_dossier):
    """« controler | head » : the reader (head) has gone before the report is written; the
    command ends quietly (code 1), at exit too (Python's last flush of stdout)."""
    import os

    make_dossier(project / "students", "ana", sections_of_one_page(2))
    read, write = os.pipe()
    os.close(read)                                     # the reader is gone
    try:
        done = subprocess.run([sys.executable, str(REPO / "build.py"), "--project",
                               str(project), "controler"], stdout=write, stderr=subprocess.PIPE,
                              text=True, timeout=300)
    finally:
        os.close(write)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr


@pytest.mark.parametrize("verbose, shown", [(False, False), (True, True)])
def test_weasyprints_english_log_is_kept_for_verbose(capsys, verbose, shown):
    import logging

    from portfolio.cli.main import _setup_logging
    _setup_logging(verbose)
    logging.getLogger("weasyprint").error("Image file:///x has no required alt description")
    logging.getLogger("pypdf._reader").warning("EOF marker not found")
    logging.getLogger("portfolio.builder.pipeline").error("message français")
    err = capsys.readouterr().err
    assert ("alt description" in err) is shown and "erreur : message français" in err
    assert ("EOF marker" in err) is shown
