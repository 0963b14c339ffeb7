"""Nothing private is published: drafts, review notes, dossier.yml, unreferenced files, original
photos and their metadata (EXIF, GPS, XMP) never reach the site, the PDFs or the search index."""

from __future__ import annotations

import hashlib
import io
import shutil

import pytest
from conftest import REPO, pdf_text, site_text, write_project
from PIL import Image
from pypdf import PdfReader

from portfolio.cli import main
from portfolio.errors import set_display_root

pytestmark = pytest.mark.slow      # a class published once, then searched

SECRET_NOTE = "NOTE-DE-REVUE-CONFIDENTIELLE"
SECRET_DRAFT = "BROUILLON-CONFIDENTIEL"
SECRET_FILE = "FICHIER-NON-REFERENCE"
SECRET_YML = "COMMENTAIRE-DOSSIER-YML"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The example dossier plus private material, built once with ``build.py build``."""
    project = tmp_path_factory.mktemp("privacy")
    write_project(project)
    students = project / "students"
    lea = students / "lea-moreau"
    shutil.copytree(REPO / "students" / "lea-moreau", lea)
    yml = lea / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + f"# {SECRET_YML}\n", encoding="utf-8")
    (lea / "revue.yml").write_text(
        "notes:\n  - section: 01-objectifs.md\n    auteur: M. Prof\n    date: 2027-01-10\n"
        f"    statut: ouverte\n    texte: {SECRET_NOTE} à reprendre\n", encoding="utf-8")
    (lea / "notes-privees.txt").write_text(SECRET_FILE, encoding="utf-8")
    (lea / "idees.md").write_text(f"# {SECRET_FILE}\n", encoding="utf-8")
    Image.effect_noise((640, 480), 50).convert("RGB").save(lea / "images" / "inutile.jpg")
    draft = students / "zoe-brouillon"
    for folder in ("sections", "images", "annexes"):
        shutil.copytree(lea / folder, draft / folder)
    shutil.copy(lea / "couts.yml", draft / "couts.yml")
    (draft / "dossier.yml").write_text(
        yml.read_text(encoding="utf-8").replace("brouillon: false", "brouillon: true")
        .replace("Bague Ginkgo", SECRET_DRAFT).replace("Léa", "Zoé")
        .replace("partie1:", "autre:").split("autre:")[0], encoding="utf-8")
    sources = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in students.rglob("*")
               if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES | {".yml", ".md", ".txt"}}
    try:
        assert main(["--project", str(project), "build"]) == 0
    finally:
        set_display_root(None)
    return project / "site", sources


def test_no_private_file_is_copied(published):
    site, sources = published
    files = [p for p in site.rglob("*") if p.is_file()]
    assert files
    names = {p.name for p in files}
    assert not names & {"dossier.yml", "revue.yml", "notes-privees.txt", "idees.md",
                        "inutile.jpg", "couts.yml"}
    assert not (site / "zoe-brouillon").exists()
    for path in files:      # not even renamed: no byte-identical copy of a source file
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest not in sources, f"{path} is a copy of {sources[digest]}"


def test_no_private_text_in_pages_search_index_or_pdfs(published):
    site, _ = published
    text = site_text(site)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Bague Ginkgo" in text and "Bague Ginkgo" in pdf_text(
        (site / "lea-moreau" / "dossier-lea-moreau.pdf").read_bytes())
    for secret in (SECRET_NOTE, SECRET_DRAFT, SECRET_FILE, SECRET_YML, "Zoé"):
        assert secret not in text and secret not in index, secret
    for pdf in site.rglob("*.pdf"):
        content = pdf_text(pdf.read_bytes())
        for secret in (SECRET_NOTE, SECRET_DRAFT, SECRET_FILE, SECRET_YML):
            assert secret not in content, (pdf, secret)


def test_published_images_carry_no_metadata(published):
    site, _ = published
    images = [p for p in site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert len(images) >= 14
    for path in images:
        with Image.open(path) as img:
            assert not dict(img.getexif()), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(img.info), path
        data = path.read_bytes()
        assert b"Exif\0\0" not in data and b"ns.adobe.com/xap" not in data, path


def _image_streams(reader: PdfReader):
    """Every image XObject of the PDF, also inside form XObjects and soft masks."""
    seen: set[int] = set()

    def walk(xobjects):
        for ref in (xobjects or {}).values():
            key = getattr(ref, "idnum", id(ref))
            if key in seen:
                continue
            seen.add(key)
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                yield obj
                if "/SMask" in obj:
                    yield obj["/SMask"].get_object()
            elif obj.get("/Subtype") == "/Form":
                yield from walk(obj.get("/Resources", {}).get("/XObject"))

    for page in reader.pages:
        yield from walk(page.get("/Resources", {}).get("/XObject"))


def test_pdf_images_carry_no_metadata(published):
    site, _ = published
    pdf = site / "lea-moreau" / "dossier-lea-moreau.pdf"
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    streams = list(_image_streams(reader))
    assert len(streams) >= 10
    for stream in streams:
        for data in (stream._data, stream.get_data()):
            assert b"Exif\0\0" not in data and b"ns.adobe.com/xap" not in data
            assert b"ExampleCam" not in data and b"Phone 12" not in data
    assert b"ExampleCam" not in pdf.read_bytes()
