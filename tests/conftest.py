"""Shared fixtures: tiny dossiers and throw-away projects in temp dirs (no committed binaries)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from PIL import Image

from portfolio import BuildOptions, build_dossier
from portfolio.errors import set_display_root

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

DOSSIER_YML = """\
candidat:
  prenom: {prenom}
  nom: {nom}
  numero: "{numero}"
  etablissement: Lycée des métiers d'art
option: bijouterie-joaillerie
voie: {voie}
session: 2027
projet:
  titre: {titre}
  theme: Un thème de test
brouillon: {brouillon}
format: {format}
"""


def write_image(path: Path, size: tuple[int, int] = (800, 600), color=(180, 140, 60)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


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


@cache
def _session_fonts() -> list[Path]:
    """The site's WOFF2 font subsets, made once per test session (seconds per font)."""
    from portfolio.site.fonts import web_fonts

    return [web.path for web in web_fonts(Path(tempfile.mkdtemp(prefix="polices-")))]


def write_project(folder: Path) -> Path:
    """Make ``folder`` a project: this repo's mkdocs.yml and themes, an empty ``students/``,
    a content cache holding the fonts' subsets already (tests/site/ makes them from nothing)."""
    fonts = folder / ".cache" / "portfolio" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for path in _session_fonts():
        if not (fonts / path.name).exists():
            os.link(path, fonts / path.name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^docs_dir: .*$", f"docs_dir: {REPO / 'themes' / 'pages'}", config,
                    flags=re.M)
    config = config.replace("custom_dir: themes/overrides",
                            f"custom_dir: {REPO / 'themes' / 'overrides'}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "students").mkdir(exist_ok=True)
    return folder


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
def build(tmp_path: Path):
    """``build(root)`` -> DossierBuild, with a cache in the temp dir."""
    options = BuildOptions(cache_dir=tmp_path / ".cache")
    return lambda root: build_dossier(root, options)


def sections_of_one_page(count: int) -> dict[str, str]:
    """``count`` short sections: each starts a new page, so each takes exactly one page."""
    return {f"{i:02d}-partie-{i}.md": f"---\ntitre: Partie {i}\n---\n\nTexte court {i}.\n"
            for i in range(1, count + 1)}


def annexes_of_one_page(count: int) -> dict[str, str]:
    """``count`` short annexes that each start a new page (annexes follow one another unless
    they say ``saut_de_page: oui``)."""
    return {f"{i:02d}-annexe.md": f"---\nsaut_de_page: oui\n---\n\n# Annexe {i}\n\nTexte.\n"
            for i in range(1, count + 1)}


def plain_spaces(text: str) -> str:
    """The print sets French no-break spaces and apostrophes (pdf/typography.py): compare
    as plain spaces and typewriter apostrophes."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, no-break spaces read as spaces."""
    import io

    from pypdf import PdfReader

    return [plain_spaces(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


def site_text(site: Path) -> str:
    """Every text file of a built site, concatenated (to search for leaks)."""
    chunks = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".css", ".txt"}:
            chunks.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(chunks)


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

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"     # as portfolio/system.py finds it
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--autoplay-policy=no-user-gesture-required"]
ARTIFACTS = REPO / "test-artifacts"


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


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
