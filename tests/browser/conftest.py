"""Jury fixtures: a small class (the example + a dossier with a video, its subtitles, a 3D model
and a board; :func:`helpers.make_class`) built once, normally and anonymously, and served on
localhost for the browser tests (browser and page fixtures: tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import make_class, served, write_project


@pytest.fixture(scope="session")
def jury_project(tmp_path_factory) -> Path:
    from portfolio.cli import main

    project = tmp_path_factory.mktemp("jury")
    write_project(project)
    make_class(project)
    assert main(["--project", str(project), "build"]) == 0
    return project


@pytest.fixture(scope="session")
def anonymous_project(jury_project: Path, tmp_path_factory) -> Path:
    """The same class built with ``--anonyme`` (candidates by number only)."""
    from portfolio.cli import main

    project = tmp_path_factory.mktemp("jury-anonyme")
    shutil.copytree(jury_project, project, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("site", ".cache"))
    fonts = Path(".cache") / "portfolio" / "fonts"      # subsets made once (site/fonts.py)
    shutil.copytree(jury_project / fonts, project / fonts)
    assert main(["--project", str(project), "build", "--anonyme"]) == 0
    return project


@pytest.fixture(scope="session")
def site_url(jury_project: Path):
    with served(jury_project / "site") as url:
        yield url


@pytest.fixture(scope="session")
def anonymous_url(anonymous_project: Path):
    with served(anonymous_project / "site") as url:
        yield url
