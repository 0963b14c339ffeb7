"""3D models in Chromium (issue 28, item 6): a GLB that would load a buffer or a texture from the
internet is refused; the one published loads in the page with every request recorded, none off
the site's own host, and keeps none of its author's metadata, named or anonymous."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from bad_inputs.cases import GLB_METADATA, glb_bytes
from helpers import DOSSIER_YML, served, write_project

from portfolio.cli.main import main
from portfolio.util.errors import set_display_root

REMOTE = {   # loaded by the viewer from evil.example when the page is opened
    "buffers": [{"byteLength": 36}, {"uri": "https://evil.example/b.bin", "byteLength": 36}],
    "bufferViews": [{"buffer": 1, "byteOffset": 0, "byteLength": 36}],
    "images": [{"uri": "https://evil.example/gps.png"}],
    "textures": [{"source": 0}],
    "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0}}}],
    "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "material": 0}]}],
}
SECTION = ("---\ntitre: Réalisation\nrole: etapes\n---\n\n## Le modèle\n\n"
           '![Modèle 3D du pendentif](../medias/pendentif.glb "Le pendentif en 3D")\n')


def dossier(students: Path, slug: str, numero: str, glb: bytes) -> None:
    root = students / slug
    (root / "sections").mkdir(parents=True)
    (root / "medias").mkdir()
    (root / "dossier.yml").write_text(DOSSIER_YML.format(
        prenom="Ana", nom="Dupont", numero=numero, titre=f"Pendentif {slug}", voie="scolaire",
        brouillon="false", format="A3-paysage"), encoding="utf-8")
    (root / "sections" / "01-realisation.md").write_text(SECTION, encoding="utf-8")
    (root / "medias" / "pendentif.glb").write_bytes(glb)


@pytest.fixture(scope="module", params=[False, True], ids=["nomme", "anonyme"])
def models(request, tmp_path_factory) -> dict:
    project = write_project(tmp_path_factory.mktemp("modeles"))
    dossier(project / "students", "ana", "02400000001", glb_bytes(GLB_METADATA))
    dossier(project / "students", "eve", "02400000002", glb_bytes(REMOTE))
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--project", str(project), "build",
                         *(["--anonyme"] if request.param else [])])
    finally:
        set_display_root(None)
    return {"project": project, "code": code, "out": out.getvalue(),
            "ana": "candidat-02400000001" if request.param else "ana",
            "section": "section-1" if request.param else "realisation",
            "eve": "candidat-02400000002" if request.param else "eve"}


def test_a_model_loading_from_the_internet_is_refused(models):
    assert models["code"] == 1
    assert "students/eve/sections/01-realisation.md:8 : modèle 3D « ../medias/pendentif.glb » " \
        ": modèle 3D refusé : il charge des données hors du fichier (buffers[].uri = " \
        "« https://evil.example/b.bin », images[].uri = « https://evil.example/gps.png »)" \
        in models["out"]
    assert not (models["project"] / "site" / models["eve"]).exists()


def test_the_published_model_loads_with_no_request_off_the_site(models, page):
    site = models["project"] / "site"
    shown = [slug for slug in (models["ana"], models["eve"]) if (site / slug).is_dir()]
    assert models["ana"] in shown
    with served(site) as url:
        for slug in shown:        # every page with a model that was published
            page.goto(f"{url}{slug}/{models['section']}/")
            page.locator("model-viewer").scroll_into_view_if_needed()
            page.wait_for_function("() => { const v = document.querySelector('model-viewer');"
                                   " return v && (v.loaded || v.modelIsVisible === false); }",
                                   timeout=20_000)
            page.wait_for_timeout(500)
            assert page.outside_requests == [], slug
        assert page.evaluate("document.querySelector('model-viewer').loaded") is True
    (glb,) = (site / models["ana"] / "media").glob("*.glb")
    data = glb.read_bytes()
    for word in (b"Dupont", b"48.8566", b"/home/", b"Blender", b"KHR_xmp", b"extras", b"name"):
        assert word not in data, word
