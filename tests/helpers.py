"""What tests share besides fixtures: paths, tiny dossiers and projects written in temp dirs,
text read back from PDFs and sites, a local HTTP server, the preview's polling, the browser's
search. A plain module (``from helpers import ...``; ``tests/`` is on ``sys.path`` through
pyproject's ``pythonpath``); fixtures and hooks stay in the conftest files."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import os
import re
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "tests" / "browser" / "vendor" / "axe.min.js"

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


@cache
def blank_pdf(path: Path, pages: int = 1, size_pt: tuple[float, float] = (595, 842)) -> Path:
    """A PDF of ``pages`` blank pages (A4 portrait by default): a scan, an annex."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size_pt)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        writer.write(file)
    return path


def session_font_cache() -> Path:
    """A content cache holding the site's WOFF2 font subsets (seconds per font;
    tests/site/test_web_fonts.py makes them from nothing once more). It is kept between runs
    in the repository's ``.cache/tests/`` (keyed by the fonts' bytes and the subset's options,
    as the build's cache is; safe to delete) and made under a file lock: the workers of a run
    make them once, later runs not at all."""
    from portfolio.site.fonts import web_fonts

    folder = REPO / ".cache" / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "polices.verrou", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # released when the file is closed
        web_fonts(folder)
    return folder


@cache
def _session_fonts() -> list[Path]:
    from portfolio.site.fonts import web_fonts

    return [web.path for web in web_fonts(session_font_cache())]


def write_project(folder: Path) -> Path:
    """Make ``folder`` a project: this repo's mkdocs.yml and themes, an empty ``students/``,
    a content cache holding the fonts' subsets already (tests/site/ makes them from nothing)."""
    fonts = folder / ".cache" / "portfolio" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for path in _session_fonts():       # copies: a test may corrupt its project's cache
        if not (fonts / path.name).exists():
            shutil.copyfile(path, fonts / path.name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^docs_dir: .*$", f"docs_dir: {REPO / 'themes' / 'pages'}", config,
                    flags=re.M)
    config = config.replace("custom_dir: themes/overrides",
                            f"custom_dir: {REPO / 'themes' / 'overrides'}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copyfile(REPO / "sessions.yml", folder / "sessions.yml")
    (folder / "students").mkdir(exist_ok=True)
    return folder


def sections_of_one_page(count: int) -> dict[str, str]:
    """``count`` short sections: each starts a new page, so each takes exactly one page."""
    return {f"{i:02d}-partie-{i}.md":
            f"---\ntitre: Partie {i}\nsaut_de_page: oui\n---\n\nTexte court {i}.\n"
            for i in range(1, count + 1)}


def annexes_of_one_page(count: int) -> dict[str, str]:
    """``count`` short annexes that each start a new page (annexes follow one another unless
    they say ``saut_de_page: oui``)."""
    return {f"{i:02d}-annexe.md": f"---\nsaut_de_page: oui\n---\n\n# Annexe {i}\n\nTexte.\n"
            for i in range(1, count + 1)}


def plain_spaces(text: str) -> str:
    """The print sets French no-break spaces and apostrophes (pdf/draw/typography.py): compare
    as plain spaces and typewriter apostrophes."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, no-break spaces read as spaces."""
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


# -- HTTP: a built site served on localhost, the preview server polled ----------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` served on a free localhost port; yields its URL (ending in ``/``)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cli(project: Path, *args: str) -> tuple[int, str]:
    """``build.py --project <project> <args>`` in this process: its exit code and everything
    it printed (stdout and stderr)."""
    from portfolio.cli.main import main
    from portfolio.util.errors import set_display_root

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--project", str(project), *args])
    finally:
        set_display_root(None)
    return code, out.getvalue()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 90.0, step: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(step)
    raise AssertionError("délai dépassé")


# -- real browser (Playwright driving Debian's Chromium; no browser download) ---------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"     # as portfolio/cli/system.py finds it
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--autoplay-policy=no-user-gesture-required"]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def type_search(page, word: str) -> None:
    """Type ``word`` in Material's search once its index is loaded, until results show."""
    page.click(".md-search__input")
    page.wait_for_function("() => /Taper/.test(document.querySelector("
                           "'.md-search-result__meta')?.textContent || '')", timeout=15_000)
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    page.wait_for_function("() => /trouvé/.test(document.querySelector("
                           "'.md-search-result__meta')?.textContent || '')", timeout=15_000)


def search(page, word: str) -> str:
    """The results' text for ``word`` (see :func:`type_search`)."""
    type_search(page, word)
    return page.locator(".md-search-result").inner_text().lower()


# -- the small class (tests/conftest.py builds it once per run as ``jury_project``) ---------

SECRET_NOTE = "NOTE-DE-REVUE-CONFIDENTIELLE"
SECRET_DRAFT = "BROUILLON-CONFIDENTIEL"
SECRET_FILE = "FICHIER-NON-REFERENCE"
SECRET_YML = "COMMENTAIRE-DOSSIER-YML"
# What a student writes who forgets the jury may be anonymous: their tutor's name and their own.
NAMED_IN_PART1 = "Inès Carpentier, ma tutrice, a relu ce rapport avec Léa Moreau."


def make_mp4(path: Path) -> None:
    """A real 2-second H.264 video (ffmpeg from the imageio-ffmpeg wheel)."""
    import subprocess

    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
                    "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                    str(path)], check=True, timeout=120)


def make_glb(path: Path) -> None:
    """A minimal valid glTF 2.0 binary: one triangle."""
    import json
    import struct

    positions = struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0)
    gltf = {
        "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "buffers": [{"byteLength": len(positions)}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(positions)}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                       "min": [0, 0, 0], "max": [1, 1, 0]}],
    }
    text = json.dumps(gltf).encode()
    text += b" " * (-len(text) % 4)
    binary = positions + b"\0" * (-len(positions) % 4)
    body = (struct.pack("<I4s", len(text), b"JSON") + text
            + struct.pack("<I4s", len(binary), b"BIN\0") + binary)
    path.write_bytes(struct.pack("<4sII", b"glTF", 2, 12 + len(body)) + body)


def make_class(project: Path) -> None:
    """A class of three, as a teacher's folder looks: the shipped example (Léa) with the
    teacher's review notes and a few private files beside it, a second candidate (Hugo) with a
    video, its subtitles, a 3D model and a board, and a draft (Zoé) that is never published."""
    students = project / "students"
    lea = students / "lea-moreau"
    shutil.copytree(REPO / "students" / "lea-moreau", lea)
    yml = lea / "dossier.yml"
    example_yml = yml.read_text(encoding="utf-8")
    yml.write_text(example_yml + f"# {SECRET_YML}\n", encoding="utf-8")
    (lea / "revue.yml").write_text(
        "notes:\n  - section: 01-objectifs.md\n    auteur: M. Prof\n    date: 2027-01-10\n"
        f"    statut: ouverte\n    texte: {SECRET_NOTE} à reprendre\n", encoding="utf-8")
    (lea / "notes-privees.txt").write_text(SECRET_FILE, encoding="utf-8")
    (lea / "idees.md").write_text(f"# {SECRET_FILE}\n", encoding="utf-8")
    Image.effect_noise((640, 480), 50).convert("RGB").save(lea / "images" / "inutile.jpg")
    with (lea / "partie1" / "rapport-stage-2.md").open("a", encoding="utf-8") as report:
        report.write(f"\n{NAMED_IN_PART1}\n")      # masked in an anonymous publication

    draft = students / "zoe-brouillon"
    (draft / "sections").mkdir(parents=True)
    (draft / "dossier.yml").write_text(
        example_yml.replace("brouillon: false", "brouillon: true")
        .replace("Bague Ginkgo", SECRET_DRAFT).replace("Léa", "Zoé")
        .replace('"02417583901"', '"02417583902"').replace("couverture:", "# couverture:")
        .replace("partie1:", "autre:").split("autre:")[0], encoding="utf-8")
    (draft / "sections" / "01-objectifs.md").write_text(
        f"---\ntitre: Objectifs\nrole: objectifs\n---\n\nZoé écrit {SECRET_DRAFT}.\n",
        encoding="utf-8")

    root = students / "hugo-petit"
    (root / "sections").mkdir(parents=True)
    (root / "medias").mkdir()
    hugo_yml = DOSSIER_YML.format(prenom="Hugo", nom="Petit", numero="02417583999",
                                  titre="Pendentif Marée", voie="apprentissage",
                                  brouillon="false", format="A3-paysage")
    (root / "dossier.yml").write_text(hugo_yml.replace("session: 2027", "session: 2028").replace(
        "option: bijouterie-joaillerie", "option: bijouterie-sertissage")
        + "couverture: images/couverture.png\n", encoding="utf-8")
    write_image(root / "images" / "couverture.png", (1200, 800), (40, 90, 140))
    write_image(root / "images" / "poster.png", (640, 480), (200, 170, 90))
    make_mp4(root / "medias" / "polissage.mp4")
    (root / "medias" / "polissage.vtt").write_text(
        "WEBVTT\n\nNOTE sous-titres de Hugo\n\n00:00.000 --> 00:02.000\nLe polissage au tour.\n",
        encoding="utf-8")
    make_glb(root / "medias" / "pendentif.glb")
    for i, color in enumerate(((150, 120, 60), (90, 110, 140), (120, 140, 90)), start=1):
        write_image(root / "images" / f"essai-{i}.png", (900, 600), color)
    (root / "sections" / "02-recherches.md").write_text(
        "---\ntitre: Recherches\nrole: recherches-plastiques\n---\n\n## Essais de formes\n\n"
        '!!! planche "Trois essais de vagues"\n\n'
        + "".join(f'    ![Essai de vague n° {i}](../images/essai-{i}.png "Essai {i}")\n\n'
                  for i in range(1, 4)), encoding="utf-8")
    (root / "sections" / "01-realisation.md").write_text(
        "---\ntitre: Réalisation\nrole: etapes\n---\n\n## Le polissage\n\n"
        '![Polissage du pendentif au tour](../medias/polissage.mp4 "Le polissage au tour")'
        '{: poster="../images/poster.png" }\n\n## Le modèle\n\n'
        '![Modèle 3D du pendentif](../medias/pendentif.glb "Le pendentif en 3D")\n',
        encoding="utf-8")


# -- workers of the suite (pytest-xdist, tests/conftest.py's scheduler) -----------------------

def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name`` in the run's common temp folder, made by ``make`` once per run:
    under pytest-xdist the first worker to ask makes it while holding a file lock, the others
    wait for it and read the same folder."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.construite"
    with open(shared / f"{name}.verrou", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # released when the file is closed
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@cache
def files_sharing_a_module_fixture() -> frozenset[str]:
    """The test files (paths from the repository) that define a module-scoped fixture: their
    tests run on one worker, so that the fixture is made once; every other test goes to
    whichever worker is free."""
    return frozenset(path.relative_to(REPO).as_posix() for path in (REPO / "tests").rglob("*.py")
                     if 'scope="module"' in path.read_text(encoding="utf-8"))
