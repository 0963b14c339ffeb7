"""Nothing private is published: drafts, review notes, dossier.yml, unreferenced files, original
photos and their metadata (EXIF, GPS, XMP) never reach the site, the PDFs or the search index."""

from __future__ import annotations

import hashlib
import io

import pytest
from helpers import SECRET_DRAFT, SECRET_FILE, SECRET_NOTE, SECRET_YML, pdf_text, site_text
from PIL import Image
from pypdf import PdfReader

from portfolio.cli.main import main
from portfolio.util.errors import set_display_root

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


@pytest.fixture(scope="module")
def published(jury_project):
    """The small class (the example with the teacher's notes and private files beside it, a
    draft; :func:`helpers.make_class`) as ``publier`` published it, and its source files by
    hash (builds never write under students/: tests/bad_inputs/test_nothing_lost.py)."""
    # The draft is a dossier that builds: only its ``brouillon: true`` keeps it off the site.
    try:
        assert main(["--project", str(jury_project), "check", "zoe-brouillon"]) == 0
    finally:
        set_display_root(None)
    students = jury_project / "students"
    sources = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in students.rglob("*")
               if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES | {".yml", ".md", ".txt"}}
    return jury_project / "site", sources


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
