"""Jury fixtures: a small class (the example + a dossier with a video, its subtitles, a 3D model
and a board) built once, normally and anonymously, and served on localhost for the browser tests
(browser and page fixtures: tests/conftest.py)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import struct
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import DOSSIER_YML, REPO, write_image, write_project


def make_mp4(path: Path) -> None:
    """A real 2-second H.264 video (ffmpeg from the imageio-ffmpeg wheel)."""
    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
                    "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                    str(path)], check=True, timeout=120)


def make_glb(path: Path) -> None:
    """A minimal valid glTF 2.0 binary: one triangle."""
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
    """The shipped example plus a second candidate with a video and a 3D model."""
    shutil.copytree(REPO / "students" / "lea-moreau", project / "students" / "lea-moreau")
    root = project / "students" / "hugo-petit"
    (root / "sections").mkdir(parents=True)
    (root / "medias").mkdir()
    yml = DOSSIER_YML.format(prenom="Hugo", nom="Petit", numero="02417583999",
                             titre="Pendentif Marée", voie="apprentissage", brouillon="false",
                             format="A3-paysage")
    (root / "dossier.yml").write_text(yml.replace("session: 2027", "session: 2028").replace(
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


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


def _serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(jury_project: Path):
    yield from _serve(jury_project / "site")


@pytest.fixture(scope="session")
def anonymous_url(anonymous_project: Path):
    yield from _serve(anonymous_project / "site")
