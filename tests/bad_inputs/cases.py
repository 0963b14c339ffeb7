"""The bad-input corpus: one row per broken dossier a student could hand us, and what must happen.

Each :class:`Case` starts from a small valid dossier ``students/bad/`` (see :func:`base`) and a
recipe that breaks it. The expected outcome is what a person sees: the dossier is refused with a
French message (naming file and line where there is one), or published with a French warning.
Nothing here is committed as binary: images are generated in the temp dir.
"""

from __future__ import annotations

import io
import os
import struct
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

Recipe = Callable[[Path], None]

DOSSIER = """\
candidat:
  prenom: Ana
  nom: Dupont
  numero: "01234567890"
  etablissement: Lycée des métiers d'art
option: bijouterie-joaillerie
voie: scolaire
session: 2027
projet:
  titre: Pendentif Lune
  theme: Un thème de test
brouillon: false
format: A3-paysage
"""
SECTION = "sections/01-texte.md"
S = f"students/bad/{SECTION}"      # where messages about the section point
Y = "students/bad/dossier.yml"
HEAD = "---\ntitre: Texte\n---\n"     # the body's first line is line 4 of the file


def base(students: Path, slug: str = "bad", title: str = "Pendentif Lune") -> Path:
    """A small valid dossier: dossier.yml, one section, one image."""
    root = students / slug
    (root / "sections").mkdir(parents=True)
    (root / "dossier.yml").write_text(DOSSIER.replace("Pendentif Lune", title), encoding="utf-8")
    (root / SECTION).write_text(HEAD + "\nUn texte court.\n", encoding="utf-8")
    png(root / "images" / "ok.png", (300, 200))
    return root


# -- recipe building blocks ---------------------------------------------------------------------

def steps(*recipes: Recipe) -> Recipe:
    def run(root: Path) -> None:
        for recipe in recipes:
            recipe(root)
    return run


def yml(text: str, encoding: str = "utf-8") -> Recipe:
    return lambda root: (root / "dossier.yml").write_bytes(text.encode(encoding))


def yml_raw(data: bytes) -> Recipe:
    return lambda root: (root / "dossier.yml").write_bytes(data)


def yml_sub(old: str, new: str) -> Recipe:
    def run(root: Path) -> None:
        text = (root / "dossier.yml").read_text(encoding="utf-8")
        assert old in text, old
        (root / "dossier.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return run


def section(body: str, name: str = SECTION, head: str = HEAD, encoding: str = "utf-8") -> Recipe:
    def run(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((head + body).encode(encoding))
    return run


def raw(name: str, data: bytes | Callable[[], bytes]) -> Recipe:
    def run(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data() if callable(data) else data)
    return run


def remove(name: str) -> Recipe:
    return lambda root: (root / name).unlink()


def image_ref(ref: str, alt: str = "photo") -> Recipe:
    return section(f"\nTexte.\n\n![{alt}]({ref})\n")   # the image is on line 7


def png(path: Path, size=(300, 200), color=(180, 140, 60)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def png_bytes(size=(300, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size=(600, 400)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def image(name: str, data: Callable[[], bytes]) -> Recipe:
    return raw(f"images/{name}", data)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def bomb_png(side: int = 40_000) -> bytes:
    """A tiny PNG that declares ``side`` x ``side`` pixels."""
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + _chunk(b"IEND", b""))


def bad_crc_png() -> bytes:
    data = bytearray(png_bytes())
    data[29] ^= 0xFF            # the IHDR chunk's CRC (8 signature + 4 len + 4 type + 13 data)
    return bytes(data)


def wide_png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (30_000, 4), 128).save(out, "PNG")
    return out.getvalue()


def symlink_out(root: Path) -> None:
    secret = root.parent.parent / "secret.png"
    secret.write_bytes(png_bytes())
    os.symlink(secret, root / "images" / "lien.png")


def link_out(name: str, target: str | None = None, folder: bool = False) -> Recipe:
    """``name`` in the dossier becomes a symlink to a file (or folder) outside it: ``target``,
    or a secret file beside the class."""
    def run(root: Path) -> None:
        secret = Path(target) if target else root.parent.parent / "secret"
        if not target:
            if folder:
                secret.mkdir(exist_ok=True)
                png(secret / "ok.png")
            else:
                secret.write_text("SECRET-42\n", encoding="utf-8")
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            import shutil
            shutil.rmtree(path)
        path.unlink(missing_ok=True)
        os.symlink(secret, path)
    return run


def link_in(root: Path) -> None:
    os.symlink("ok.png", root / "images" / "alias.png")


MM = 72 / 25.4
XMP = (b'<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
       b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org'
       b'/dc/elements/1.1/"><dc:creator>Ana Dupont XMP</dc:creator></rdf:Description></rdf:RDF>'
       b'</x:xmpmeta><?xpacket end="w"?>')


def hostile_pdf(sizes_mm=((297, 420),), user_unit: float | None = None) -> bytes:
    """A PDF whose pages carry active content: page /AA JavaScript, /Launch and javascript:
    links, a file attachment, page XMP /Metadata and /PieceInfo, a catalog /OpenAction and
    /Names /JavaScript; and one web link that must stay."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    def name(text: str) -> NameObject:
        return NameObject(text)

    def js(code: str) -> DictionaryObject:
        return DictionaryObject({name("/S"): name("/JavaScript"),
                                 name("/JS"): TextStringObject(code)})

    def link(action: DictionaryObject) -> DictionaryObject:
        return DictionaryObject({name("/Type"): name("/Annot"), name("/Subtype"): name("/Link"),
                                 name("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 50,
                                                                                       50)]),
                                 name("/A"): action})

    writer = PdfWriter()
    for width, height in sizes_mm:
        page = writer.add_blank_page(width * MM, height * MM)
        page[name("/AA")] = DictionaryObject({name("/O"): js("app.alert('page-aa')")})
        if user_unit:
            page[name("/UserUnit")] = FloatObject(user_unit)
        xmp = DecodedStreamObject()
        xmp.set_data(XMP)
        xmp.update({name("/Type"): name("/Metadata"), name("/Subtype"): name("/XML")})
        page[name("/Metadata")] = writer._add_object(xmp)
        page[name("/PieceInfo")] = DictionaryObject({name("/Illustrator"): DictionaryObject({
            name("/Private"): TextStringObject("Ana Dupont PieceInfo")})})
        launch = DictionaryObject({name("/S"): name("/Launch"),
                                   name("/F"): TextStringObject("/bin/sh")})
        uri = lambda text: DictionaryObject({name("/S"): name("/URI"),    # noqa: E731
                                             name("/URI"): TextStringObject(text)})
        attachment = DictionaryObject({name("/Type"): name("/Annot"),
                                       name("/Subtype"): name("/FileAttachment"),
                                       name("/Rect"): ArrayObject([FloatObject(0)] * 4),
                                       name("/Contents"): TextStringObject("piece-jointe")})
        page[name("/Annots")] = ArrayObject([writer._add_object(a) for a in (
            link(launch), link(uri("javascript:app.alert('uri')")),
            link(uri("https://example.org/fiche")), attachment)])
    writer._root_object[name("/OpenAction")] = js("app.alert('open')")
    writer._root_object[name("/Names")] = DictionaryObject({name("/JavaScript"): DictionaryObject({
        name("/Names"): ArrayObject([TextStringObject("x"),
                                     writer._add_object(js("app.alert('names')"))])})})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def deep_pdf(depth: int = 150) -> bytes:
    """A one-page PDF whose page tree nests ``depth`` levels (pypdf gives up at 100)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        parent = b"" if level == 0 else b" /Parent %d 0 R" % (number - 1)
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>"
                       % (number + 1, parent))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (depth + 1))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def pdf_objects(data: bytes) -> str:
    """Every name, string and stream of a PDF, decoded, as one text (to look for leftovers)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    reader = PdfReader(io.BytesIO(data))
    seen, parts, stack = set(), [], [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data().decode("latin-1"))
        if isinstance(obj, DictionaryObject):
            parts.extend(str(key) for key in obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        else:
            parts.append(str(obj))
    return "\n".join(parts)


ACTIVE_PDF = ("/JavaScript", "/Launch", "/AA", "/OpenAction", "/PieceInfo", "/FileAttachment",
              "app.alert", "/bin/sh", "Ana Dupont XMP", "Ana Dupont PieceInfo", "piece-jointe")


def pdf_is_clean(data: bytes) -> bool:
    text = pdf_objects(data)
    left = [word for word in ACTIVE_PDF if word in text]
    assert not left, left
    assert "https://example.org/fiche" in text        # the web link stays
    return True


def annex_pdf_cleaned(result) -> bool:
    from portfolio.pdf.output.annexes import clean_copy

    [annex] = result.dossier.annex_pdfs
    return pdf_is_clean(result.pdf) and pdf_is_clean(clean_copy(annex))


def nfd_file(root: Path) -> None:
    png(root / "images" / unicodedata.normalize("NFD", "étoile-été.png"))


def nfc_file(root: Path) -> None:
    png(root / "images" / unicodedata.normalize("NFC", "étoile-été.png"))


def nested_list(depth: int) -> str:
    return "\n".join("    " * i + "- niveau" for i in range(depth)) + "\n"


def one_page_sections(count: int) -> Recipe:
    def run(root: Path) -> None:
        for i in range(2, count + 1):
            (root / "sections" / f"{i:02d}-partie.md").write_text(
                f"---\ntitre: Partie {i}\nsaut_de_page: oui\n---\n\nTexte {i}.\n", encoding="utf-8")
    return run


SVG_SCRIPT = (b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
              b'<script>alert(1)</script><rect width="200" height="100" fill="gold" '
              b'onload="alert(2)"/></svg>')
SVG_XXE = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}]\n" for i in range(9))


def use_bomb(levels: int = 8, fan: int = 10) -> bytes:
    """A 2 KB SVG whose ``<use>`` copies, expanded, draw ``fan ** levels`` circles."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             'width="100" height="100"><defs><circle id="l0" r="1"/>']
    for level in range(1, levels + 1):
        parts.append(f'<g id="l{level}">' + f'<use xlink:href="#l{level - 1}"/>' * fan + "</g>")
    parts.append(f'</defs><use xlink:href="#l{levels}"/></svg>')
    return "".join(parts).encode()


def blurred_circles(count: int) -> bytes:
    """An SVG of ``count`` circles, each blurred (99,000 took 65 s and 609 MB to draw)."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f">'
            '<feGaussianBlur stdDeviation="5"/></filter>'
            + "".join(f'<circle cx="{i % 100}" cy="{i // 100 % 100}" r="9" filter="url(#f)"/>'
                      for i in range(count)) + "</svg>").encode()


SVG_LOOP = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g id="a">'
            b'<circle r="1"/><use href="#a"/></g></svg>')
SVG_CSS_ESCAPES = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>'
                   b'rect { fill: \\75 rl(file:///etc/passwd) } @\\69mport "x.css";</style>'
                   b'<rect style="fill:\\75 rl(/etc/passwd)" width="5" height="5"/></svg>')
SVG_METADATA = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/'
    b'inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/'
    b'elements/1.1/" sodipodi:docname="ana-dupont-bague.svg" inkscape:export-filename='
    b'"/home/ana/bague.png" width="40" height="30"><title>Bague de Ana Dupont</title><desc>par '
    b'Ana Dupont</desc><metadata><rdf:RDF><dc:creator>Ana Dupont</dc:creator></rdf:RDF>'
    b'</metadata><sodipodi:namedview inkscape:document-units="mm"/><g inkscape:label="Calque '
    b'Dupont"><rect width="40" height="30" fill="gold"/></g></svg>')


SVG_ALLOWLIST = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="40" height="30"><a href="#r"><set attributeName="xlink:href" '
    b'to="javascript:alert(1)"/><animate attributeName="href" values="java\tscript:alert(2)"/>'
    b'<rect id="r" width="40" height="30" fill="gold" data-auteur="Ana Dupont" '
    b'aria-label="Ana Dupont"/></a><blink>x</blink></svg>')


SVG_MASK_LOOP = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><mask id="m">'
                 b'<rect mask="url(#m)" width="1" height="1"/></mask><rect mask="url(#m)" '
                 b'width="40" height="30"/></svg>')
SVG_INFINITE = (b'<svg xmlns="http://www.w3.org/2000/svg" width="1e999" height="10"><rect '
                b'width="5" height="5"/></svg>')


def ffmpeg_media(suffix: str) -> Callable[[], bytes]:
    """A one-second video (H.264 + AAC) or sound (MP3) that carries the candidate's name, a GPS
    position and, for the sound, a cover picture: what a phone or a tagger writes."""
    def make() -> bytes:
        import subprocess
        import tempfile

        import imageio_ffmpeg

        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / f"media{suffix}"
            inputs = ["-f", "lavfi", "-i", "sine=frequency=440"]
            if suffix == ".mp4":
                inputs = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", *inputs]
                codecs = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                          "-movflags", "+use_metadata_tags"]
            else:
                cover = Path(folder) / "cover.png"
                png(cover, (32, 32))
                inputs += ["-i", str(cover)]
                codecs = ["-map", "0:a", "-map", "1:v", "-c:a", "libmp3lame", "-c:v", "png",
                          "-disposition:v", "attached_pic"]
            subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel",
                            "error", "-y", *inputs, "-t", "1", *codecs,
                            "-metadata", "artist=Ana Dupont", "-metadata", "title=Ana Dupont",
                            "-metadata", "location=+48.8566+002.3522/",
                            "-metadata", "comment=/home/ana/Films", str(out)],
                           check=True, timeout=120)
            return out.read_bytes()
    return make


def media_ref(name: str) -> Recipe:
    return section(f'\nTexte.\n\n![Le polissage](../medias/{name} "Le polissage")\n')


def media_cleaned(name: str) -> Callable:
    def verify(result) -> bool:
        from portfolio.images.media import clean_media

        source = result.dossier.root / "medias" / name
        data = clean_media(source, result.dossier.root.parent.parent / ".cache").read_bytes()
        assert b"Dupont" in source.read_bytes()
        left = [w for w in (b"Dupont", b"48.8566", b"/home/", b"Lavf", b"\x89PNG")
                if w in data]
        assert not left, left
        return len(data) > 1000
    return verify


def glb_bytes(changes: dict | None = None, json_text: bytes | None = None) -> bytes:
    """A one-triangle GLB whose JSON carries ``changes`` (or is ``json_text``)."""
    import json

    positions = struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0)
    gltf = {"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}],
            "nodes": [{"mesh": 0}], "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
            "buffers": [{"byteLength": 36}],
            "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36}],
            "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                           "min": [0, 0, 0], "max": [1, 1, 0]}]}
    gltf.update(changes or {})
    text = json_text if json_text is not None else json.dumps(gltf).encode()
    text += b" " * (-len(text) % 4)
    body = (struct.pack("<I4s", len(text), b"JSON") + text
            + struct.pack("<I4s", len(positions), b"BIN\0") + positions)
    return struct.pack("<4sII", b"glTF", 2, 12 + len(body)) + body


# What a modelling program and a phone leave in a GLB: author, tool, GPS, names.
GLB_METADATA = {
    "asset": {"version": "2.0", "generator": "Blender 4.1 (poste de Ana Dupont)",
              "copyright": "Ana Dupont 2027"},
    "extras": {"gps": "48.8566,2.3522"},
    "nodes": [{"mesh": 0, "name": "bague-Ana-Dupont", "extras": {"auteur": "Ana Dupont"},
               "extensions": {"KHR_xmp_json_ld": {"packet": 0}}}],
    "meshes": [{"name": "Dupont-mesh", "primitives": [{"attributes": {"POSITION": 0}}]}],
    "materials": [{"name": "or-rose-Dupont", "extras": {"chemin": "/home/ana/modeles"}}],
    "extensionsUsed": ["KHR_xmp_json_ld"],
    "extensions": {"KHR_xmp_json_ld": {"packets": [{"dc:creator": ["Ana Dupont"]}]}},
}


def glb_cleaned(name: str) -> Callable:
    def verify(result) -> bool:
        from portfolio.images.media import clean_media

        source = result.dossier.root / "medias" / name
        data = clean_media(source, result.dossier.root.parent.parent / ".cache").read_bytes()
        assert b"Dupont" in source.read_bytes()
        left = [w for w in (b"Dupont", b"48.8566", b"/home/", b"Blender", b"KHR_xmp",
                            b"extras", b"copyright", b"name") if w in data]
        assert not left, left
        return data.startswith(b"glTF") and b"POSITION" in data
    return verify


def glb_case(name: str, changes: dict) -> Case:
    return Case(name, steps(raw("medias/modele.glb", lambda: glb_bytes(changes)),
                            media_ref("modele.glb")), "refused",
                "modèle 3D refusé : il charge des données hors du fichier", f"{S}:7", cli=True)


def variant_bytes(result, name: str) -> bytes:
    from portfolio.images import ImageCache

    source = result.dossier.root / "images" / name
    cache = ImageCache(result.dossier.root.parent.parent / ".cache")
    return b"".join(cache.variant(source, purpose).path.read_bytes()
                    for purpose in ("web", "print"))


def svg_without(name: str, *words: bytes) -> Callable:
    def verify(result) -> bool:
        data = variant_bytes(result, name)
        left = [w for w in words if w in data]
        assert not left, left
        return True
    return verify


# -- the corpus -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    name: str
    recipe: Recipe
    outcome: str            # "refused" | "published" (maybe with a warning) | "draft"
    message: str = ""       # French substring of the error (refused) or of a warning
    where: str = ""         # the message starts with this ("students/bad/x.md:4")
    cli: bool = False       # also part of the real command-line build
    verify: Callable | None = None   # more checks on the DossierBuild


CASES = [
    # dossier.yml: syntax
    Case("yaml-missing-colon", yml_sub("voie: scolaire", "voie scolaire"), "refused",
         "il manque « : » après une clé", f"{Y}:7", cli=True),
    Case("yaml-tab-indent", yml_sub("  nom: Dupont", "\tnom: Dupont"), "refused",
         "tabulation interdite", f"{Y}:3"),
    Case("yaml-duplicate-key", yml(DOSSIER + "voie: apprentissage\n"), "refused",
         "la clé « voie » apparaît deux fois (déjà ligne 7)", f"{Y}:14", cli=True),
    Case("yaml-unclosed-quote", yml_sub("titre: Pendentif Lune", 'titre: "Pendentif Lune'),
         "refused", "guillemet", f"{Y}:10"),
    Case("yaml-colon-in-value", yml_sub("titre: Pendentif Lune", "titre: Lune : éclipse"),
         "refused", "deux-points « : » inattendu", f"{Y}:10"),
    Case("yaml-bad-indent", yml_sub("  theme: Un", "     theme: Un"), "refused",
         "", f"{Y}:11"),
    Case("yaml-python-tag", yml_sub("titre: Pendentif Lune", "titre: !!python/object:os.system x"),
         "refused", "étiquette YAML", f"{Y}:10"),
    Case("yaml-alias-bomb", yml(DOSSIER + "extra:\n  " + ALIAS_BOMB.replace("\n", "\n  ")),
         "refused", "alias YAML (« *nom ») refusé", f"{Y}:16"),
    Case("yaml-empty-file", yml(""), "refused", "fichier vide", f"{Y}:1", cli=True),
    Case("yaml-only-comments", yml("# à compléter\n# plus tard\n"), "refused", "fichier vide",
         f"{Y}:1"),
    Case("yaml-top-level-list", yml("- candidat\n- projet\n"), "refused",
         "doit être un bloc de clés", f"{Y}:1"),
    Case("yaml-latin1", yml(DOSSIER, "latin-1"), "refused", "pas encodé en UTF-8", f"{Y}:5"),
    Case("yaml-utf8-bom", yml_raw(b"\xef\xbb\xbf" + DOSSIER.encode()), "published"),
    Case("yaml-crlf", yml_raw(DOSSIER.replace("\n", "\r\n").encode()), "published"),
    Case("yaml-nul-byte", yml_raw(DOSSIER.encode() + b"note: \x00\n"), "refused",
         "caractère invisible interdit (code U+0000)",
         f"{Y}:14"),
    # dossier.yml: schema
    Case("type-brouillon-text", yml_sub("brouillon: false", "brouillon: peut-être"), "refused",
         "« brouillon » doit être true ou false", f"{Y}:12"),
    Case("type-candidat-text", yml(DOSSIER.replace(
        'candidat:\n  prenom: Ana\n  nom: Dupont\n  numero: "01234567890"\n'
        "  etablissement: Lycée des métiers d'art\n", "candidat: Ana Dupont\n")), "refused",
         "le candidat doit être un bloc de clés", f"{Y}:1"),
    Case("type-session-list", yml_sub("session: 2027", "session: [2027, 2028]"), "refused",
         "« session » doit être", f"{Y}:8"),
    Case("type-session-date", yml_sub("session: 2027", "session: 2027-06-01"), "refused",
         "« session » doit être", f"{Y}:8"),
    Case("type-title-number", yml_sub("titre: Pendentif Lune", "titre: 1.5"), "refused",
         "« titre » doit être un texte", f"{Y}:10"),
    Case("unknown-key-english", yml_sub("brouillon: false", "draft: false"), "refused",
         "clé inconnue « draft ». Vouliez-vous dire « brouillon » ?", f"{Y}:12", cli=True),
    Case("unknown-key-accent", yml_sub("  prenom: Ana", "  prénom: Ana"), "refused",
         "clé inconnue « prénom »", f"{Y}:2"),
    Case("missing-title", yml_sub("  titre: Pendentif Lune\n", ""), "refused",
         "il manque le titre du projet (clé « titre »)", f"{Y}:9"),
    Case("missing-name", yml_sub("  nom: Dupont\n", ""), "refused", "il manque le nom",
         f"{Y}:1"),
    Case("empty-name", yml_sub("  nom: Dupont", '  nom: "  "'), "refused",
         "« nom » est vide", f"{Y}:3"),
    Case("unknown-voie", yml_sub("voie: scolaire", "voie: scolair"), "refused",
         "valeur inconnue « scolair » pour « voie ». Vouliez-vous dire « scolaire » ?",
         f"{Y}:7"),
    Case("cover-missing", yml(DOSSIER + "couverture: images/absente.jpg\n"), "refused",
         "image de couverture introuvable", f"{Y}:14"),
    Case("cover-outside", yml(DOSSIER + "couverture: ../ana/images/ok.png\n"), "refused",
         "sort de votre dossier", f"{Y}:14"),
    Case("sections-list-outside", yml(DOSSIER + "sections:\n  - ../ana/sections/01-texte.md\n"),
         "refused", "sort de votre dossier", f"{Y}:15"),
    Case("no-sections", remove(SECTION), "refused", "aucune section", f"{Y}:1"),
    # sections: front matter and encodings
    Case("front-unknown-key", section("\nTexte.\n", head="---\ntitle: Texte\n---\n"), "refused",
         "clé inconnue « title » dans l'en-tête. Vouliez-vous dire « titre » ?", f"{S}:2"),
    Case("front-yaml-error", section("\nTexte.\n", head="---\ntitre: Texte\nrole objectifs\n---\n"),
         "refused", "il manque « : »", f"{S}:3"),
    Case("front-unknown-role", section("\nTexte.\n", head="---\ntitre: T\nrole: objectif\n---\n"),
         "refused", "rôle inconnu « objectif ». Vouliez-vous dire « objectifs » ?", f"{S}:3"),
    Case("md-windows-1252", section("\nLes étapes du bijou « ciselé » — fin.\n",
                                    encoding="cp1252"), "published", "Windows-1252", S),
    Case("md-latin-1", section("\nÉtude des alliages à 750 ‰.\n".replace("‰", "o"),
                               encoding="latin-1"), "published", "Windows-1252", S),
    Case("md-bom-crlf", raw(SECTION, ("\ufeff" + HEAD + "\nTexte é.\n").replace("\n", "\r\n")
                            .encode("utf-8")), "published"),
    # No header (issue 14): the title would come from the file name, without its accents.
    Case("md-binary-garbage", raw(SECTION, bytes(range(256)) * 4), "refused",
         "en-tête manquant", f"{S}:1"),
    Case("md-empty-file", raw(SECTION, b""), "refused", "en-tête manquant", f"{S}:1"),
    Case("md-binary-garbage-with-header", raw(SECTION, HEAD.encode() + bytes(range(256)) * 4),
         "published", "Windows-1252", S),
    Case("md-20-megabytes", raw(SECTION, (HEAD + "Texte. " * 3_000_000).encode()), "refused",
         "section trop longue (21 Mo ; 200 ko au plus)", S, cli=True),
    Case("md-macos-resource-fork", steps(raw("sections/._01-texte.md", b"\x00\x05\x16\x07" * 64),
                                         raw("sections/~$-texte.md", b"\xff\xfe" * 80)),
         "published",
         verify=lambda result: [s.title for s in result.dossier.sections] == ["Texte"]),
    Case("md-uppercase-extension", steps(remove(SECTION),
                                         raw("sections/01-TEXTE.MD", (HEAD + "\nA.\n").encode())),
         "published"),
    Case("md-nested-list-6", section(nested_list(6)), "published"),
    Case("md-deep-list", section(nested_list(60)), "refused", "texte trop imbriqué", f"{S}:63"),
    Case("md-very-deep-list", section(nested_list(250)), "refused", "texte trop imbriqué",
         f"{S}:4"),
    Case("md-deep-blockquote", section("\n" + ">" * 3000 + " citation\n"), "refused",
         "texte trop imbriqué", f"{S}:5"),
    Case("md-deep-html", section("\n" + "<div>" * 500 + "x" + "</div>" * 500 + "\n"), "refused",
         "texte trop imbriqué", f"{S}:5"),
    Case("md-huge-table", section("\n| a | b |\n|---|---|\n" + "| x | y |\n" * 1200), "refused",
         "pages pour 15 autorisées"),
    Case("md-link-loop", steps(section("\nVoir [la suite](02-suite.md#fin).\n"),
                               raw("sections/02-suite.md", b"---\ntitre: Suite\n---\n\n"
                                   b"Retour au [debut](01-texte.md).\n\n## Fin\n")), "published"),
    Case("md-link-missing-section", section("\nVoir [ceci](09-absent.md).\n"), "refused",
         "fichier lié introuvable « 09-absent.md »", f"{S}:5"),
    Case("over-budget", one_page_sections(20), "refused", "pages pour 15 autorisées",
         cli=True),
    Case("draft", yml_sub("brouillon: false", "brouillon: true"), "draft", cli=True),
    # images
    Case("img-missing", image_ref("../images/absente.jpg"), "refused",
         "image introuvable « ../images/absente.jpg »", f"{S}:7", cli=True),
    Case("img-wrong-case", steps(image("Photo.JPG", jpeg_bytes), image_ref("../images/photo.jpg")),
         "refused", "Vouliez-vous dire « ../images/Photo.JPG » ? Les majuscules comptent.",
         f"{S}:7"),
    Case("img-upper-extension", steps(image("Photo.JPG", jpeg_bytes),
                                      image_ref("../images/Photo.JPG")), "published"),
    Case("img-nfd-name-nfc-ref", steps(nfd_file, image_ref(
        "../images/" + unicodedata.normalize("NFC", "étoile-été.png"))), "published"),
    Case("img-nfc-name-nfd-ref", steps(nfc_file, image_ref(
        "../images/" + unicodedata.normalize("NFD", "étoile-été.png"))), "published"),
    Case("img-space-apostrophe", steps(image("l'atelier de Léa.png", png_bytes),
                                       image_ref("<../images/l'atelier de Léa.png>")),
         "published"),
    Case("img-percent-encoded", steps(image("mon atelier.png", png_bytes),
                                      image_ref("../images/mon%20atelier.png")), "published"),
    Case("img-other-student", image_ref("../../ana/images/ok.png"), "refused",
         "sort de votre dossier", f"{S}:7", cli=True),
    Case("img-absolute-path", image_ref("/etc/passwd"), "refused", "chemin absolu", f"{S}:7"),
    Case("img-windows-path", image_ref("C:\\Users\\ana\\photo.jpg"), "refused", "chemin absolu",
         f"{S}:7"),
    Case("img-file-url", section('\n<img src="file:///etc/passwd" alt="x">\n'), "refused",
         "adresse « file:///etc/passwd » refusée", f"{S}:5"),
    Case("img-http-url", image_ref("https://example.org/x.jpg"), "refused",
         "image distant", f"{S}:7"),
    Case("img-data-url", image_ref("data:image/png;base64,iVBORw0KGgo="), "refused",
         "refusée (data:)", f"{S}:7"),
    Case("img-symlink-out", steps(symlink_out, image_ref("../images/lien.png")), "refused",
         "lien qui mène hors de votre dossier", "students/bad/images/lien.png"),
    Case("img-zero-bytes", steps(image("vide.jpg", lambda: b""), image_ref("../images/vide.jpg")),
         "refused", "image vide (0 octet)", f"{S}:7", cli=True),
    Case("img-truncated-jpeg", steps(image("coupee.jpg", lambda: jpeg_bytes()[:3000]),
                                     image_ref("../images/coupee.jpg")), "refused",
         "image tronquée", f"{S}:7"),
    Case("img-png-bad-crc", steps(image("crc.png", bad_crc_png), image_ref("../images/crc.png")),
         "refused", "image abîmée", f"{S}:7"),
    Case("img-decompression-bomb", steps(image("bombe.png", bomb_png),
                                         image_ref("../images/bombe.png")), "refused",
         "image démesurée", f"{S}:7", cli=True),
    Case("img-30000-px-wide", steps(image("large.png", wide_png),
                                    image_ref("../images/large.png")), "refused",
         "image démesurée (30000 x 4 px)", f"{S}:7"),
    Case("img-text-named-jpg", steps(image("texte.jpg", lambda: b"Ceci n'est pas une photo.\n"),
                                     image_ref("../images/texte.jpg")), "refused",
         "n'est pas une image lisible", f"{S}:7", cli=True),
    Case("img-unsupported-format", steps(image("calque.psd", lambda: b"8BPS" + b"\0" * 40),
                                         image_ref("../images/calque.psd")), "refused",
         "format d'image non pris en charge (.psd)", f"{S}:7"),
    Case("img-folder-as-image", steps(lambda root: (root / "images" / "dossier.png").mkdir(),
                                      image_ref("../images/dossier.png")), "refused",
         "image introuvable", f"{S}:7"),
    Case("svg-script", steps(image("dessin.svg", lambda: SVG_SCRIPT),
                             image_ref("../images/dessin.svg")), "published",
         "dessin SVG nettoyé", "students/bad/images/dessin.svg", cli=True),
    Case("svg-xxe", steps(image("xxe.svg", lambda: SVG_XXE), image_ref("../images/xxe.svg")),
         "refused", "DOCTYPE", f"{S}:7"),
    # symlinks: anything leading outside the dossier is refused, wherever it is (issue 13)
    Case("link-section-passwd", link_out("sections/02-passwd.md", "/etc/passwd"), "refused",
         "lien qui mène hors de votre dossier : le dossier est refusé",
         "students/bad/sections/02-passwd.md", cli=True),
    Case("link-annex-md", link_out("annexes/01-annexe.md"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/annexes/01-annexe.md"),
    Case("link-annex-pdf", link_out("annexes/plan.pdf"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/annexes/plan.pdf"),
    Case("link-media", link_out("medias/film.mp4"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/medias/film.mp4"),
    Case("link-couts", link_out("couts.yml"), "refused", "lien qui mène hors de votre dossier",
         "students/bad/couts.yml"),
    Case("link-dossier-yml", link_out("dossier.yml"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/dossier.yml"),
    Case("link-partie1-piece", link_out("partie1/attestation.pdf"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/partie1/attestation.pdf"),
    Case("link-images-folder", link_out("images", folder=True), "refused",
         "lien qui mène hors de votre dossier", "students/bad/images"),
    Case("link-hidden-file", link_out("sections/.cache/x"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/sections/.cache/x"),
    Case("link-loop", lambda root: os.symlink("boucle", root / "images" / "boucle"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/images/boucle"),
    Case("link-nowhere", link_out("images/rien.png", "/nonexistent/rien.png"), "refused",
         "lien qui mène hors de votre dossier", "students/bad/images/rien.png"),
    Case("link-inside-kept", steps(link_in, image_ref("../images/alias.png")), "published"),
    # values PyYAML cannot build, sizes and counts past their bound (issue 13)
    Case("date-impossible", yml_sub("format: A3-paysage", "format: A3-paysage\npartie1:\n"
                                    "  stages:\n    - entreprise: Atelier\n      debut: 2026-02-30"
                                    "\n      fin: 2026-03-30\n"), "refused",
         "date impossible « 2026-02-30 » : ce jour n'existe pas", f"{Y}:17", cli=True),
    Case("front-title-month-13", section("\nTexte.\n", head="---\ntitre: 2026-13-01\n---\n"),
         "refused", "date impossible « 2026-13-01 »", f"{S}:2", cli=True),
    Case("numero-5000-digits", yml_sub('numero: "01234567890"', "numero: " + "9" * 5000),
         "refused", "nombre trop long (5 000 chiffres ; 30 chiffres au plus)", f"{Y}:4",
         cli=True),
    Case("session-5000-digits", yml_sub("session: 2027", "session: " + "2" * 5000), "refused",
         "nombre trop long", f"{Y}:8"),
    Case("yaml-29-megabytes", yml(DOSSIER + "# " + "x" * 29_000_000 + "\n"), "refused",
         "fichier YAML trop gros (29 Mo ; 500 ko au plus)", Y, cli=True),
    Case("yaml-value-too-long", yml_sub("titre: Pendentif Lune", "titre: " + "L" * 6000),
         "refused", "valeur trop longue (6 000 caractères ; 5 000 caractères au plus)",
         f"{Y}:10"),
    Case("md-brackets-20k", section("\nTexte.\n\n" + "[" * 20_000 + "\n"), "refused",
         "trop de crochets « [ » dans la section (20 000 ; 5 000 au plus)", f"{S}:7", cli=True),
    Case("md-image-brackets-20k", section("\nTexte.\n\n" + "![" * 20_000 + "\n"), "refused",
         "trop de crochets « [ » dans la section (20 000 ; 5 000 au plus)", f"{S}:7"),
    Case("md-brackets-one-paragraph", section("\nTexte.\n\nDébut\n" + "[" * 600 + "\n"),
         "refused", "trop de crochets « [ » dans un même paragraphe (600 ; 500 au plus)",
         f"{S}:8"),
    Case("md-brackets-500-per-paragraph", section(("\n" + "[" * 500 + "\n") * 3), "published"),
    Case("md-cdata-2000", section("\n" + "<![CDATA[" * 2000 + "\n"), "refused",
         "trop de commentaires ou déclarations HTML « <! » dans la section (2 000 ; 100 au plus)",
         f"{S}:5"),
    Case("md-unclosed-tags-3000", section("\n" + "<a href='" * 3000 + "\n"), "refused",
         "trop de chevrons « < » (balises HTML) dans la section (3 000 ; 2 000 au plus)",
         f"{S}:5"),
    Case("svg-use-bomb", steps(image("bombe.svg", use_bomb), image_ref("../images/bombe.svg")),
         "refused", "image « ../images/bombe.svg » : dessin SVG trop complexe (469 135 793 "
         "éléments à dessiner, copies « <use> » comprises ; 100 000 éléments au plus)", f"{S}:7",
         cli=True),
    Case("svg-use-deep", steps(image("profond.svg", lambda: use_bomb(12, 1)),
                               image_ref("../images/profond.svg")), "refused",
         "des copies « <use> » imbriquées sur 13 niveaux (10 niveaux au plus)", f"{S}:7"),
    Case("svg-use-loop", steps(image("boucle.svg", lambda: SVG_LOOP),
                               image_ref("../images/boucle.svg")), "refused",
         "une copie « <use> » se contient elle-même", f"{S}:7"),
    Case("svg-blurred-circles", steps(image("flou.svg", lambda: blurred_circles(20_000)),
                                      image_ref("../images/flou.svg")), "refused",
         "image « ../images/flou.svg » : dessin SVG trop long à dessiner (20 000 éléments "
         "dessinés à travers un filtre", f"{S}:7"),
    Case("svg-blurred-few", steps(image("ombre.svg", lambda: blurred_circles(40)),
                                  image_ref("../images/ombre.svg")), "published"),
    Case("svg-use-small", steps(image("motif.svg", lambda: use_bomb(3, 10)),
                                image_ref("../images/motif.svg")), "published"),
    Case("svg-css-escapes", steps(image("css.svg", lambda: SVG_CSS_ESCAPES),
                                  image_ref("../images/css.svg")), "published",
         "dessin SVG nettoyé", "students/bad/images/css.svg",
         verify=svg_without("css.svg", b"rl(", b"mport", b"passwd")),
    Case("svg-metadata", steps(image("bague.svg", lambda: SVG_METADATA),
                               image_ref("../images/bague.svg")), "published",
         verify=svg_without("bague.svg", b"Dupont", b"/home/", b"inkscape", b"sodipodi",
                            b"<title", b"<desc", b"rdf")),
    # issue 28, item 9: an allowlist (animations, unknown elements, data-*, aria-* removed)
    Case("svg-set-href", steps(image("lien.svg", lambda: SVG_ALLOWLIST),
                               image_ref("../images/lien.svg")), "published",
         "dessin SVG nettoyé", verify=svg_without("lien.svg", b"<set", b"<animate", b"script:",
                                                    b"data-", b"aria-", b"Dupont", b"<blink")),
    Case("svg-mask-loop", steps(image("masque.svg", lambda: SVG_MASK_LOOP),
                                image_ref("../images/masque.svg")), "published",
         "image impossible à imprimer : elle manque dans le PDF",
         "students/bad/images/masque.svg", cli=True),
    Case("svg-infinite-width", steps(image("infini.svg", lambda: SVG_INFINITE),
                                     image_ref("../images/infini.svg")), "published"),
    # media: published without their metadata (issue 13)
    Case("media-mp4-metadata", steps(raw("medias/polissage.mp4", ffmpeg_media(".mp4")),
                                     media_ref("polissage.mp4")), "published",
         verify=media_cleaned("polissage.mp4")),
    Case("media-mp3-id3-cover", steps(raw("medias/voix.mp3", ffmpeg_media(".mp3")),
                                      media_ref("voix.mp3")), "published",
         verify=media_cleaned("voix.mp3")),
    Case("media-mp4-garbage", steps(raw("medias/faux.mp4", b"\x00\x00\x00\x18ftypmp42" * 50),
                                    media_ref("faux.mp4")), "refused",
         "vidéo illisible : ce fichier ne peut pas être publié sans ses métadonnées", f"{S}:7",
         cli=True),
    # 3D models: embedded data only, metadata dropped (issue 28, items 6 and 11)
    glb_case("glb-remote-buffer", {"buffers": [{"byteLength": 36},
                                               {"uri": "https://evil.example/b.bin",
                                                "byteLength": 36}]}),
    glb_case("glb-remote-image", {"images": [{"uri": "http://evil.example/gps.png"}]}),
    glb_case("glb-file-uri", {"buffers": [{"uri": "file:///etc/passwd", "byteLength": 36}]}),
    glb_case("glb-relative-uri", {"images": [{"uri": "../../../ana/images/photo.jpg"}]}),
    glb_case("glb-data-html-uri", {"images": [{"uri": "data:text/html,<script>x</script>"}]}),
    Case("glb-metadata", steps(raw("medias/modele.glb", lambda: glb_bytes(GLB_METADATA)),
                               media_ref("modele.glb")), "published",
         verify=glb_cleaned("modele.glb")),
    Case("glb-deep-json", steps(raw("medias/modele.glb", lambda: glb_bytes(
        json_text=b'{"asset":{"version":"2.0"},"extras":' + b"[" * 200_000 + b"]" * 200_000
        + b"}")), media_ref("modele.glb")), "refused",
         "modèle 3D illisible : ce fichier ne peut pas être publié", f"{S}:7", cli=True),
    Case("glb-json-longer-than-file", steps(raw("medias/modele.glb", lambda: glb_bytes()[:40]),
                                            media_ref("modele.glb")), "refused",
         "modèle 3D illisible", f"{S}:7"),
    # annex and part 1 PDFs (issue 13)
    Case("pdf-annex-active-content", raw("annexes/plan.pdf", hostile_pdf), "published",
         verify=annex_pdf_cleaned, cli=True),
    Case("pdf-annex-user-unit", raw("annexes/plan.pdf", lambda: hostile_pdf(user_unit=4)),
         "refused", "page 1 au format 1188 x 1680 mm : plus grande que le format A3",
         "students/bad/annexes/plan.pdf"),
    Case("pdf-annex-deep-tree", raw("annexes/plan.pdf", deep_pdf), "refused",
         "PDF trop complexe (arborescence des pages sur 31 niveaux ; 30 niveaux au plus)",
         "students/bad/annexes/plan.pdf", cli=True),
    Case("pdf-annex-deep-tree-30", raw("annexes/plan.pdf", lambda: deep_pdf(28)), "published"),
    Case("pdf-annex-101-pages", raw("annexes/plan.pdf", lambda: hostile_pdf([(297, 420)] * 101)),
         "refused", "PDF de 101 pages : bien plus que ce que le dossier peut compter",
         "students/bad/annexes/plan.pdf"),
    Case("pdf-part1-deep-tree", steps(
        raw("partie1/rapport.pdf", deep_pdf), yml_sub("voie: scolaire", "voie: perfectionnement"),
        yml_sub("format: A3-paysage", "format: A3-paysage\npartie1:\n  rapport: "
                "partie1/rapport.pdf\n")), "refused", "PDF trop complexe",
         "students/bad/partie1/rapport.pdf", cli=True),
    Case("too-many-files", lambda root: [(root / "images" / f"{i}.txt").write_bytes(b"")
                                         for i in range(5001)], "refused",
         "dossier trop fourni (5 003 fichiers ; 5 000 fichiers au plus)", "students/bad"),
    Case("link-terminal-escapes", section("\nVoir [ceci](\x1b]0;pirate\x07\x1b[2J\x9b31m.md).\n"),
         "refused", "fichier lié introuvable « \\x1b]0;pirate\\x07\\x1b[2J\\x9b31m.md »",
         f"{S}:5", cli=True),
    # raw HTML (sanitised, and said)
    Case("html-script", section('\nAvant <script>alert("x")</script> après.\n'), "published",
         "code HTML actif « <script", f"{S}:5", cli=True),
    Case("html-onerror", section('\n<img src="../images/ok.png" alt="x" onerror="alert(1)">\n'),
         "published", "code HTML actif", f"{S}:5"),
    Case("html-javascript-link", section("\n[clic](javascript:alert(1))\n"), "published",
         "code HTML actif « javascript:", f"{S}:5"),
    Case("html-iframe", section('\n<iframe src="https://example.org"></iframe>\n'), "published",
         "code HTML actif « <iframe", f"{S}:5"),
    Case("html-style-tag", section("\n<style>body { display: none }</style>\n\nTexte.\n"),
         "published", "code HTML actif « <style", f"{S}:5"),
    Case("html-link-tag", section('\n<link rel="stylesheet" href="../../ana/x.css">\n\nTexte.\n'),
         "published", "code HTML actif « <link", f"{S}:5"),
    Case("html-data-link", section("\n[voir](data:text/html;base64,PHNjcmlwdD4=)\n"), "refused",
         "refusée (data:)", f"{S}:5"),
    Case("css-url-other-file", section(
        "\n<p style=\"background: url('../../ana/images/ok.png')\">Texte</p>\n"), "published",
         "code HTML actif « <p style=", f"{S}:5"),
    # costs
    Case("couts-block-without-file", section("\n```couts\n```\n"), "refused",
         "le bloc « couts » demande un fichier couts.yml, absent"),
    Case("couts-yaml-error", steps(section("\n```couts\n```\n"),
                                   raw("couts.yml", b"metaux:\n  - designation Or\n")),
         "refused", "le métal n° 1 doit être un bloc de clés", "students/bad/couts.yml:2"),
]
