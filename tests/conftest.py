"""Fixtures and hooks only: tiny dossiers and throw-away projects in temp dirs (no committed
binaries), the browser, the markers. What tests import (paths, writers, readers) is in
``tests/helpers.py``."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import (
    ARGS,
    CHROMIUM,
    DOSSIER_YML,
    files_sharing_a_module_fixture,
    made_once,
    make_class,
    write_image,
    write_project,
)
from variable_fonts import reuse_variable_font_instances

from portfolio import BuildOptions, build_dossier
from portfolio.images import ImageCache
from portfolio.util.errors import set_display_root

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def make_dossier() -> Callable[..., Path]:
    """``make_dossier(students_dir, slug, sections={name: markdown}, ...)`` -> dossier folder."""

    def make(students: Path, slug: str, sections: dict[str, str] | None = None, *,
             prenom: str = "Ana", nom: str = "Dupont", numero: str = "01234567890",
             titre: str = "Pendentif Lune", voie: str = "scolaire", brouillon: bool = False,
             page_format: str = "A3-paysage", annexes: dict[str, str] | None = None,
             images: dict[str, tuple[int, int]] | None = None, yml: str | None = None) -> Path:
        root = students / slug
        (root / "sections").mkdir(parents=True)
        (root / "dossier.yml").write_text(yml if yml is not None else DOSSIER_YML.format(
            prenom=prenom, nom=nom, numero=numero, titre=titre, voie=voie,
            brouillon="true" if brouillon else "false", format=page_format), encoding="utf-8")
        sections = sections if sections is not None else {
            "01-objectifs.md": "---\ntitre: Objectifs\nrole: objectifs\n---\n\nNotre but.\n"}
        for name, text in sections.items():
            (root / "sections" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in (annexes or {}).items():
            (root / "annexes").mkdir(exist_ok=True)
            (root / "annexes" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        for name, size in (images or {}).items():
            write_image(root / "images" / name, size)
        return root

    return make


@pytest.fixture(autouse=True, scope="session")
def _variable_fonts_instanced_once() -> None:
    """WeasyPrint instances each variable font once per identical input in a test process
    (:func:`variable_fonts.reuse_variable_font_instances`): every PDF still rendered whole."""
    reuse_variable_font_instances()


@pytest.fixture(autouse=True)
def _no_school_key(tmp_path_factory, monkeypatch) -> None:
    """No test signs hand-ins with this machine's key: the default key path is a fresh temp."""
    monkeypatch.setenv("PORTFOLIO_CLE", str(tmp_path_factory.mktemp("cle") / "cle-rendus.pem"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away project (see :func:`write_project`)."""
    write_project(tmp_path)
    set_display_root(tmp_path)
    yield tmp_path
    set_display_root(None)


@pytest.fixture
def build(tmp_path: Path, shared_images: Path):
    """``build(root)`` -> DossierBuild, with a cache in the temp dir; the image variants in
    the worker's :func:`shared_images` (a picture another test printed is not encoded again)."""
    options = BuildOptions(cache_dir=tmp_path / ".cache")
    return lambda root: build_dossier(root, options, ImageCache(shared_images))


@pytest.fixture(scope="session")
def shared_images(tmp_path_factory) -> Path:
    """A content cache for the image variants of a worker's tests that print the same pictures
    again (``ImageCache(shared_images)`` given to ``build_dossier``): keyed by the pictures'
    bytes, so a test still gets its own variants; each test keeps its own PDF cache."""
    return tmp_path_factory.mktemp("images-partagees")


@pytest.fixture(scope="session")
def jury_project(tmp_path_factory) -> Path:
    """The small class of three (:func:`helpers.make_class`), published once per test run with
    ``publier`` and shared by the site, privacy and browser tests. Read it, never change it: a
    test that edits or rebuilds a class copies it first (``shutil.copytree``).

    Under pytest-xdist the workers share it: the first one to ask builds it in the run's common
    temp folder while holding a file lock, the others wait for it and read the same class."""
    from portfolio.cli.main import main

    def make(project: Path) -> None:
        write_project(project)
        make_class(project)
        try:
            assert main(["--project", str(project), "build"]) == 0
        finally:
            set_display_root(None)

    return made_once(tmp_path_factory, "classe-partagee", make)


# -- workers (pytest-xdist, pyproject.toml's addopts) -------------------------------------------

def pytest_xdist_make_scheduler(config, log):
    """Tests go one by one to whichever worker is free, except the tests of a file with a
    module-scoped fixture, sent together (:func:`helpers.files_sharing_a_module_fixture`). The
    small class is shared through a lock (``jury_project``). (xdist 3.8's ``loadgroup`` marks
    group nothing under pytest 9: it renames ``item._nodeid``, which pytest 9 does not read.)"""
    from xdist.scheduler import LoadScopeScheduling

    shared = files_sharing_a_module_fixture()

    class ByFixtureScope(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in shared else nodeid

    return ByFixtureScope(config, log)


# -- markers: `build.py test -m "not browser and not slow"` for a quick loop -----------------

# Fixtures that build a whole class once for their module or session: a test using one is slow.
SLOW_FIXTURES = {"jury_project", "hostile_site", "published", "handed"}


def pytest_collection_modifyitems(items) -> None:
    """A test that uses the browser fixture (directly or through ``page``) is marked browser;
    one that uses a class-building fixture, slow. Slow tests on their own carry the mark."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


# -- real browser (Playwright driving Debian's Chromium; no browser download) ---------------

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A page that records every request to anything but localhost or file:.

    The tests assert there is none: a page must not need the network. (Intercepting with
    ``page.route`` or Chromium's host resolver rules stalls Material's search worker, so
    requests are observed rather than blocked; the machine has no network anyway.)
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.outside_requests = []

    def record(request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "file:", "data:", "blob:")):
            page.outside_requests.append(request.url)

    context.on("request", record)
    yield page
    context.close()
