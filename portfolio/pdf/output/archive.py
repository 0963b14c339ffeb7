"""A PDF's bytes -> the PDF/A part it declares and what in it contradicts that (read with pypdf).

The hand-in's PDF is rendered as PDF/A-3b (:data:`VARIANT`, WeasyPrint's ``pdf_variant``), then
the annex PDFs are appended with pypdf. veraPDF, the reference validator, is a Java program that
none of the registries this project installs from (PyPI, Debian, npm) ships, so this module
checks the rules of ISO 19005-2/-3 that a WeasyPrint render or an appended annex can break:
header and binary comment, file identifier, no encryption, XMP identification (``pdfaid``)
agreeing with the document information, sRGB output intent with its ICC profile, and, page by
page, fonts embedded, no device CMYK colour without a CMYK output intent, no LZW, no JavaScript,
annotations printable and drawn. It is not a full validator (content streams are not parsed).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

__all__ = ["VARIANT", "Archive", "inspect_pdf", "page_problems", "printable"]

VARIANT = "pdf/a-3b"
PRINT = 4                       # annotation flags (ISO 32000-1, 12.5.3)
HIDDEN = 1 | 2 | 32 | 256       # Invisible, Hidden, NoView, ToggleNoView
_PART = re.compile(rb"pdfaid:part(?:=\"|>)\s*(\d)")
_CONFORMANCE = re.compile(rb"pdfaid:conformance(?:=\"|>)\s*([ABUabu])")
_XMP_TEXT = {   # Info key -> the XMP element that must say the same (ISO 19005-2, 6.6.2.3)
    "/Title": rb"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "/Author": rb"<dc:creator>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "/Producer": rb"pdf:Producer(?:=\"([^\"]*)\"|>([^<]*)<)",
    "/Subject": rb"<dc:description>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "/Keywords": rb"pdf:Keywords(?:=\"([^\"]*)\"|>([^<]*)<)",
    "/Creator": rb"xmp:CreatorTool(?:=\"([^\"]*)\"|>([^<]*)<)",
}


@dataclass
class Archive:
    """What a PDF declares (``PDF/A-3B``) and the French problems found against it."""

    part: str | None = None
    conformance: str | None = None
    output_intent: str | None = None
    problems: list[str] = field(default_factory=list)                  # the whole document's
    pages: dict[int, list[str]] = field(default_factory=dict)          # 1-based page -> its

    @property
    def declared(self) -> str | None:
        return f"PDF/A-{self.part}{self.conformance}" if self.part else None

    @property
    def ok(self) -> bool:
        return self.declared is not None and not self.problems and not self.pages

    def all_problems(self, page_name=lambda number: f"page {number}") -> list[str]:
        """Every problem as one French line; ``page_name(n)`` says where page ``n`` comes from."""
        return self.problems + [f"{page_name(n)} : {p}" for n, found in self.pages.items()
                                for p in found]


def _obj(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _unescape_xml(text: bytes) -> str:
    return (text.decode("utf-8", "replace").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&"))


def inspect_pdf(data: bytes) -> Archive:
    """Read back ``data``'s PDF/A identification and check it (see the module's docstring)."""
    result = Archive()
    problems = result.problems
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", data[:20]):
        problems.append("en-tête PDF sans la ligne de commentaire binaire exigée")
    try:
        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"].get_object()
    except (PyPdfError, KeyError, ValueError) as exc:
        problems.append(f"PDF illisible ({type(exc).__name__})")
        return result
    if reader.is_encrypted:
        problems.append("PDF chiffré")
    if "/ID" not in reader.trailer:
        problems.append("identifiant de fichier (/ID) absent")
    xmp = _obj(root.get("/Metadata"))
    xml = xmp.get_data() if xmp is not None else b""
    if (part := _PART.search(xml)) and (level := _CONFORMANCE.search(xml)):
        result.part, result.conformance = part[1].decode(), level[1].decode().upper()
    else:
        problems.append("métadonnées XMP sans identification PDF/A (pdfaid:part)")
    info = reader.trailer.get("/Info")
    info = _obj(info) if info is not None else {}
    for key, pattern in _XMP_TEXT.items() if xml else ():
        if key in info:
            found = re.search(pattern, xml, re.S)
            value = _unescape_xml(next(g for g in found.groups() if g is not None)) \
                if found else None
            if value != str(info[key]):
                problems.append(f"métadonnée {key[1:]} différente dans le XMP "
                                f"(« {info[key]} » / « {value} »)")
    result.output_intent = _output_intent(root, problems)
    if "/AA" in root or "/JavaScript" in _obj(root.get("/Names", DictionaryObject())):
        problems.append("JavaScript dans le document")
    for number, page in enumerate(reader.pages, start=1):
        if found := page_problems(page, cmyk_ok=result.output_intent == "CMYK"):
            result.pages[number] = found
    return result


def _output_intent(root, problems: list[str]) -> str | None:
    intents = [_obj(i) for i in _obj(root.get("/OutputIntents", ArrayObject()))]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        problems.append("aucun OutputIntent PDF/A (GTS_PDFA1)")
        return None
    profile = _obj(pdfa[0].get("/DestOutputProfile"))
    if profile is None:
        problems.append("OutputIntent sans profil ICC (DestOutputProfile)")
        return None
    icc = profile.get_data()
    if icc[36:40] != b"acsp":
        problems.append("profil ICC de l'OutputIntent invalide")
    return {1: "Gray", 3: "RGB", 4: "CMYK"}.get(int(profile.get("/N", 0)), "?")


def page_problems(page, cmyk_ok: bool = False) -> list[str]:
    """What on one page (resources, nested forms, annotations) breaks PDF/A-2/3 level B."""
    problems: list[str] = []
    seen: set[int] = set()

    def resources(res) -> None:
        res = _obj(res)
        if not isinstance(res, DictionaryObject) or id(res) in seen:
            return
        seen.add(id(res))
        for font in _obj(res.get("/Font", DictionaryObject())).values():
            font = _obj(font)
            if font.get("/Subtype") == "/Type3":
                continue
            descendant = font
            if font.get("/Subtype") == "/Type0":
                descendant = _obj(_obj(font["/DescendantFonts"])[0])
            descriptor = _obj(descendant.get("/FontDescriptor", DictionaryObject()))
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"police « {str(font.get('/BaseFont', '?'))[1:]} » non "
                                "incorporée")
        spaces = _obj(res.get("/ColorSpace", DictionaryObject())).values()
        if not cmyk_ok and any(_obj(s) == "/DeviceCMYK" for s in spaces):
            problems.append("couleurs CMJN sans profil (DeviceCMYK)")
        for xobject in _obj(res.get("/XObject", DictionaryObject())).values():
            xobject = _obj(xobject)
            filters = _obj(xobject.get("/Filter"))
            names = filters if isinstance(filters, ArrayObject) else [filters]
            if NameObject("/LZWDecode") in names:
                problems.append("flux compressé en LZW")
            if xobject.get("/Subtype") == "/Image" and not cmyk_ok \
                    and _obj(xobject.get("/ColorSpace")) == "/DeviceCMYK":
                problems.append("image CMJN sans profil (DeviceCMYK)")
            if xobject.get("/Subtype") == "/Form":
                resources(xobject.get("/Resources"))

    resources(page.get("/Resources"))
    for annot in _obj(page.get("/Annots", ArrayObject())):
        annot = _obj(annot)
        action = _obj(annot.get("/A", DictionaryObject()))
        kind = annot.get("/Subtype")
        if action.get("/S") == "/JavaScript":
            problems.append("lien JavaScript")
        if kind == "/Popup":
            continue
        flags = int(annot.get("/F", 0))
        if not flags & PRINT or flags & HIDDEN:
            problems.append(f"annotation {kind or ''} non imprimable")
        if kind != "/Link" and "/AP" not in annot:
            problems.append(f"annotation {kind or ''} sans apparence (/AP)")
    return list(dict.fromkeys(problems))


def printable(annotation: DictionaryObject) -> None:
    """Set the flags PDF/A wants on an annotation: printed, never hidden (ISO 19005-2, 6.3.2)."""
    flags = int(annotation.get("/F", 0))
    annotation[NameObject("/F")] = NumberObject((flags | PRINT) & ~HIDDEN)
