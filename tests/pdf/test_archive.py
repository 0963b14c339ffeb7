"""PDF/A read back: what a PDF declares in its XMP and what in it breaks PDF/A-3b
(pdf/output/archive.py).

Why not veraPDF: it is a Java program that none of the registries this project installs from
(PyPI, Debian, npm) ships (checked 2026-11-30: no `verapdf` Debian package, the PyPI wrappers
download its jar from Maven Central at run time). So the PDF/A identification in the XMP, the
output intent and the rules an appended annex can break are read back with pypdf; when a
`verapdf` command is on the PATH, the hand-in test runs it as well.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from pdfgen import helvetica_pdf, weasy
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from portfolio.pdf.output.annexes import append_annexes, read_annex
from portfolio.pdf.output.archive import inspect_pdf


def appended(pdf: bytes, annex: bytes, archive: bool = True) -> bytes:
    """``annex`` appended to ``pdf`` by the code that makes the hand-in's PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.pdf"
        path.write_bytes(annex)
        return append_annexes(pdf, [read_annex(path, "plan", "Plan")], archive=archive)


def retitled(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf), keep_initial_header=True)
    writer._info.get_object()[NameObject("/Title")] = TextStringObject("Autre titre")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = [   # (name, make the PDF, declared, problems expected (fragments), on page)
    ("WeasyPrint PDF/A-3b", lambda: weasy(), "PDF/A-3B", [], None),
    ("PDF/A-2b", lambda: weasy("pdf/a-2b"), "PDF/A-2B", [], None),
    ("plain PDF", lambda: weasy(None), None,
     ["identifiant de fichier (/ID) absent", "sans identification PDF/A",
      "aucun OutputIntent PDF/A", "page 1 : annotation /Link non imprimable"], None),
    ("PDF/A + annex with a link, appended as for the hand-in",
     lambda: appended(weasy(), weasy(None)), "PDF/A-3B", [], None),
    ("PDF/A + annex with a link, appended as is",
     lambda: appended(weasy(), weasy(None), archive=False), "PDF/A-3B",
     ["annotation /Link non imprimable"], 2),
    ("PDF/A + annex without embedded font", lambda: appended(weasy(), helvetica_pdf()),
     "PDF/A-3B", ["police « Helvetica » non incorporée"], 2),
    ("title changed outside the XMP", lambda: retitled(weasy()), "PDF/A-3B",
     ["métadonnée Title différente dans le XMP"], None),
]


@pytest.mark.parametrize("name, make, declared, expected, page", CASES,
                         ids=[c[0] for c in CASES])
def test_pdfa_read_back(name, make, declared, expected, page):
    result = inspect_pdf(make())
    assert result.declared == declared
    found = result.all_problems()
    assert len(found) == len(expected), found
    for fragment, problem in zip(expected, found, strict=True):
        assert fragment in problem
        if page:
            assert problem.startswith(f"page {page} : "), problem
    assert result.ok is (declared is not None and not expected)
    if declared:
        assert result.output_intent == "RGB"


def test_appending_keeps_the_pdf_version_of_the_pdfa_render():
    data = appended(weasy(), helvetica_pdf())      # the annex says 1.4, the render 1.7
    assert data.startswith(b"%PDF-1.7\n%")
