"""Jury fixtures: the small class (``jury_project``, tests/conftest.py) built anonymously too,
and both sites served on localhost for the browser tests (browser and page fixtures:
tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import made_once, served

from portfolio.util.errors import set_display_root


@pytest.fixture(scope="session")
def anonymous_project(jury_project: Path, tmp_path_factory) -> Path:
    """The same class built with ``--anonyme`` (candidates by number only), on a copy that keeps
    the named build's cache, as a teacher's second build would: nothing cached may carry a
    name into the anonymous site. Built once per run, shared by the workers as the class is
    (:func:`helpers.made_once`)."""
    from portfolio.cli.main import main

    def make(project: Path) -> None:
        shutil.copytree(jury_project, project, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("site", ".*.tmp"))  # another worker's writes
        try:
            assert main(["--project", str(project), "build", "--anonyme"]) == 0
        finally:
            set_display_root(None)

    return made_once(tmp_path_factory, "jury-anonyme", make)


@pytest.fixture(scope="session")
def site_url(jury_project: Path):
    with served(jury_project / "site") as url:
        yield url


@pytest.fixture(scope="session")
def anonymous_url(anonymous_project: Path):
    with served(anonymous_project / "site") as url:
        yield url
