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
                f"---\ntitre: Partie {i}\n---\n\nTexte {i}.\n", encoding="utf-8")
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
         "refused", "les alias YAML", f"{Y}:16"),
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
         "fichier trop gros", S, cli=True),
    Case("md-macos-resource-fork", steps(raw("sections/._01-texte.md", b"\x00\x05\x16\x07" * 64),
                                         raw("sections/~$-texte.md", b"\xff\xfe" * 80)),
         "published",
         verify=lambda result: [s.title for s in result.dossier.sections] == ["Texte"]),
    Case("md-uppercase-extension", steps(remove(SECTION),
                                         raw("sections/01-TEXTE.MD", (HEAD + "\nA.\n").encode())),
         "published"),
    Case("md-nested-list-6", section(nested_list(6)), "published"),
    Case("md-deep-list", section(nested_list(60)), "refused", "texte trop imbriqué", f"{S}:63"),
    Case("md-very-deep-list", section(nested_list(400)), "refused", "texte trop imbriqué",
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
         "refused", "Vouliez-vous dire « Photo.JPG » ?", f"{S}:7"),
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
         "mène hors de votre dossier", f"{S}:7"),
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
