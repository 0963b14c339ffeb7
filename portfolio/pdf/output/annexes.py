"""Annex PDFs of a dossier (technical drawings, scans) -> checked pages appended to the dossier PDF.

Each page's area (``/UserUnit`` included) is checked against the A3 limit; the pages count in the
annex budget; the dossier PDF gets one bookmark per annex. Only the pages are copied, and cleaned:
no action (``/AA``, ``/OpenAction``, ``/Launch``, JavaScript, form submission), no attached file,
no page or image metadata (``/Metadata`` XMP, ``/PieceInfo``), no annotation's author (``/T``)
reaches the dossier PDF or the copy the site publishes; the annex files' own metadata (author,
software, dates) is not copied either.
A file whose page tree is too deep or holds too many pages (rules/limites.yml) is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from ...rules import load_rules
from ...util.errors import AssetError
from ...util.limits import bound

__all__ = ["AnnexPdf", "append_annexes", "clean_copy", "page_count", "page_sizes_mm", "read_annex",
           "written"]

PT_TO_MM = 25.4 / 72
# Keys removed from every page, annotation and XObject copied: actions, metadata, app data.
DROPPED_KEYS = ("/AA", "/Metadata", "/PieceInfo", "/OpenAction", "/JS", "/JavaScript")
# Also removed from annotations: their author (``/T``, which Acrobat fills with the account's
# name) and their app data.
DROPPED_ANNOTATION_KEYS = ("/T",)
# A link's action is kept when it goes to a page of the file or opens a web address.
KEPT_ACTIONS = {"/GoTo", "/URI"}
WEB = (b"http://", b"https://", b"mailto:")
# Annotations kept (with their actions removed); the others (files, sounds, movies, widgets of
# forms, 3D, rich media, screens...) are dropped.
KEPT_ANNOTATIONS = {"/Link", "/Text", "/FreeText", "/Highlight", "/Underline", "/Squiggly",
                    "/StrikeOut", "/Square", "/Circle", "/Line", "/Polygon", "/PolyLine",
                    "/Ink", "/Stamp", "/Caret", "/Popup"}
# Catalog entries that act (or carry files) when the PDF is opened.
DROPPED_CATALOG = ("/OpenAction", "/AA", "/AcroForm")
DROPPED_NAMES = ("/JavaScript", "/EmbeddedFiles")


@dataclass(frozen=True)
class AnnexPdf:
    path: Path
    slug: str
    title: str
    sizes_mm: tuple[tuple[float, float], ...]

    @property
    def pages(self) -> int:
        return len(self.sizes_mm)


def _unreadable(path: Path) -> AssetError:
    return AssetError("PDF illisible ou abîmé.", path,
                      hint="Exportez-le de nouveau depuis le logiciel d'origine.")


def _tree_depth(reader: PdfReader, path: Path) -> None:
    """Refuse a page tree deeper than the bound (pypdf gives up at 100 levels with an English
    LimitReachedError, after much work) or holding more pages than the bound."""
    depth_bound, pages_bound = bound("pdf_profondeur"), bound("pdf_pages")
    try:
        root = reader.trailer["/Root"].get_object()["/Pages"]
    except (KeyError, TypeError, AttributeError):
        raise _unreadable(path) from None
    declared = root.get_object().get("/Count") if root is not None else None
    if isinstance(declared, int) and declared > pages_bound.max:
        raise pages_bound.error(int(declared), path, kind=AssetError)
    seen: set[tuple[int, int]] = set()
    stack = [(root, 1)]
    leaves = 0
    while stack:
        node, depth = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                raise _unreadable(path)          # a page tree that loops
            seen.add((node.idnum, node.generation))
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            raise _unreadable(path)
        if depth > depth_bound.max:
            raise depth_bound.error(depth, path, kind=AssetError)
        kids = node.get("/Kids")
        if kids is None:
            leaves += 1
            if leaves > pages_bound.max:
                raise pages_bound.error(leaves, path, kind=AssetError)
            continue
        kids = kids.get_object()
        if not isinstance(kids, ArrayObject):
            raise _unreadable(path)
        stack.extend((kid, depth + 1) for kid in kids)


def _reader(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise AssetError("PDF protégé par un mot de passe : il ne peut pas être joint.",
                             path, hint="Exportez-le de nouveau sans protection.")
        _tree_depth(reader, path)
        _ = len(reader.pages)
        return reader
    except AssetError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError):
        raise _unreadable(path) from None


def page_count(path: Path) -> int:
    """Pages of a PDF handed in as it is (part 1 pieces); raises AssetError if unreadable."""
    return len(_reader(path).pages)


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    """Width and height in mm of each page of a PDF (part 1 pieces); AssetError if unreadable."""
    return [(round(float(page.mediabox.width) * PT_TO_MM, 1),
             round(float(page.mediabox.height) * PT_TO_MM, 1)) for page in _reader(path).pages]


def read_annex(path: Path, slug: str, title: str,
               oversized: list[AssetError] | None = None) -> AnnexPdf:
    """Open and check an annex PDF: readable, not encrypted, every page at most A3 in area.

    A page larger than A3 raises, unless ``oversized`` is given: its error is added there and
    the page counted as an A3 page (the pages are counted all the same, issue 26 edge 2)."""
    reader = _reader(path)
    if not reader.pages:
        raise AssetError("PDF sans aucune page.", path)
    rules = load_rules()
    limit = rules.max_area_mm2 + rules.tolerance_mm2
    sizes = []
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        try:     # /UserUnit: the size of one unit in 1/72 inch (PDF 1.6), 1 by default
            unit = float(page.get("/UserUnit", 1))
        except (TypeError, ValueError):
            unit = 1.0
        unit = unit if unit > 0 else 1.0
        width = round(float(box.width) * unit * PT_TO_MM, 1)
        height = round(float(box.height) * unit * PT_TO_MM, 1)
        if width * height > limit:
            error = AssetError(
                f"page {number} au format {width:g} x {height:g} mm : plus grande que le format "
                "A3 autorisé (297 x 420 mm).", path,
                hint="Réduisez ce plan au format A3 (impression « ajuster à la page ») ou "
                "découpez-le en plusieurs pages A3.")
            if oversized is None:
                raise error
            if not any(e.problem.path == path for e in oversized):    # once per file
                oversized.append(error)
            width, height = (420.0, 297.0) if width > height else (297.0, 420.0)
        sizes.append((width, height))
    return AnnexPdf(path, slug, title, tuple(sizes))


def _strip(obj: DictionaryObject) -> None:
    for key in DROPPED_KEYS:
        if key in obj:
            del obj[key]


def _clean_action(annot: DictionaryObject) -> None:
    """Keep a link's action only when it goes to a page or to a web address (no chain)."""
    action = annot.get("/A")
    action = action.get_object() if action is not None else None
    if action is None:
        return
    uri = action.get("/URI") if isinstance(action, DictionaryObject) else None
    uri = uri.get_object() if uri is not None else None
    web = isinstance(uri, (str, bytes)) and (
        uri.encode("latin-1", "replace") if isinstance(uri, str) else uri
    ).strip().lower().startswith(WEB)
    if (not isinstance(action, DictionaryObject) or action.get("/S") not in KEPT_ACTIONS
            or (action.get("/S") == "/URI" and not web)):
        del annot["/A"]
        return
    for key in ("/Next", *DROPPED_KEYS):
        if key in action:
            del action[key]


def _clean_xobjects(resources, depth: int = 0) -> None:
    """Metadata and app data of the images and forms a page draws (forms nest: bounded)."""
    if depth > 5 or not isinstance(resources, DictionaryObject):
        return
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not isinstance(xobjects, DictionaryObject):
        return
    for ref in xobjects.values():
        xobject = ref.get_object()
        if isinstance(xobject, DictionaryObject):
            _strip(xobject)
            inner = xobject.get("/Resources")
            _clean_xobjects(inner.get_object() if inner is not None else None, depth + 1)


def _clean_page(page: DictionaryObject) -> None:
    _strip(page)
    annots = page.get("/Annots")
    if annots is not None:
        kept = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            if not isinstance(annot, DictionaryObject):
                continue
            if annot.get("/Subtype") in KEPT_ANNOTATIONS:
                _strip(annot)
                for key in DROPPED_ANNOTATION_KEYS:
                    if key in annot:
                        del annot[key]
                _clean_action(annot)
                kept.append(ref)
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            del page["/Annots"]
    resources = page.get("/Resources")
    _clean_xobjects(resources.get_object() if resources is not None else None)


def _clean_catalog(writer: PdfWriter) -> None:
    catalog = writer._root_object
    for key in DROPPED_CATALOG:
        if key in catalog:
            del catalog[key]
    names = catalog.get("/Names")
    names = names.get_object() if names is not None else None
    if isinstance(names, DictionaryObject):
        for key in DROPPED_NAMES:
            if key in names:
                del names[key]


def _append(writer: PdfWriter, path: Path, position: int | None = None, **options) -> int:
    """Put ``path``'s pages in ``writer`` at ``position`` (None: at the end), each one cleaned
    (see the module's docstring); returns how many."""
    before = len(writer.pages)
    at = before if position is None else position
    writer.merge(at, _reader(path), import_outline=False, **options)
    added = len(writer.pages) - before
    for page in writer.pages[at:at + added]:
        _clean_page(page)
    _clean_catalog(writer)
    return added


def append_annexes(pdf: bytes, annexes: list[AnnexPdf], archive: bool = False,
                   position: int | None = None) -> bytes:
    """The dossier PDF with the annex PDFs' pages put at ``position`` (None: at the end: after
    the rendered annexes, before part 1 when it follows), one bookmark per annex.

    ``archive``: ``pdf`` is PDF/A; the annexes' annotations are made printable to keep it so.
    """
    if not annexes:
        return pdf
    writer = PdfWriter(clone_from=io.BytesIO(pdf), keep_initial_header=True)  # PDF/A: 1.7
    first = len(writer.pages) if position is None else position
    following = _bookmark_from(writer, first)      # part 1's, when it follows the annexes
    at = first
    for annex in annexes:
        added = _append(writer, annex.path, at)
        item = writer.add_outline_item(title=f"Annexe : {annex.title}", page_number=at)
        if following is not None:
            _move_before(writer.get_outline_root(), item, following)
        at += added
    return written(writer, first, archive, at)


def _move_before(root, item, following) -> None:
    """Move the top-level bookmark ``item``, the last one, before ``following`` (pypdf's own
    ``before`` only finds the last bookmark)."""
    node, after = item.get_object(), following.get_object()
    previous = node.raw_get("/Prev")          # references, not the objects (pypdf's [] reads)
    del previous.get_object()["/Next"]
    root[NameObject("/Last")] = previous
    if "/Prev" in after:
        before = after.raw_get("/Prev")
        before.get_object()[NameObject("/Next")] = item
        node[NameObject("/Prev")] = before
    else:
        del node["/Prev"]
        root[NameObject("/First")] = item
    node[NameObject("/Next")] = following
    after[NameObject("/Prev")] = item


def _bookmark_from(writer: PdfWriter, index: int):
    """The first top-level bookmark leading to page ``index`` or later (None: none does)."""
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(writer.pages)}
    for item in writer.get_outline_root().children():
        target = item.get("/Dest")
        if isinstance(target, list) and target and \
                pages.get(getattr(target[0], "idnum", None), -1) >= index:
            return item.indirect_reference
    return None


def written(writer: PdfWriter, first: int, archive: bool, end: int | None = None) -> bytes:
    """The bytes of ``writer`` once pages were added from ``first`` to ``end`` (None: the
    last; ``archive``: their annotations made printable, which PDF/A asks)."""
    if archive:
        from .archive import printable

        for page in writer.pages[first:end]:
            for annotation in page.get("/Annots", ()):
                printable(annotation.get_object())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_copy(path: Path) -> bytes:
    """The annex's pages in a new PDF without its metadata (for the site's download link)."""
    writer = PdfWriter()
    _append(writer, path)
    writer.add_metadata({"/Producer": "portfolio"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
