"""A dossier's Markdown files -> its Sections: text read, front matter checked, title, roles.

The sections are those listed in dossier.yml (``sections:``) or the ``.md`` files of
``sections/`` in natural order, then the annexes of ``annexes/``; each file's problems are
French :class:`~portfolio.util.errors.DossierError` with file and line, all raised together.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..util.errors import ConfigError, DossierError, Problem, gather
from ..util.limits import bound
from ..util.yamlfile import YamlDoc, parse_yaml
from .model import Section, slugify
from .paths import nfc, resolve_ref
from .yamlcheck import suggest_key

__all__ = ["PIECE_TITLES", "SECTION_SYNONYMS", "guess_sections", "image_piece_sections",
           "load_part1_sections", "load_sections", "markdown_files", "natural_key",
           "read_markdown", "title_from_name"]

SECTION_KEYS = {"fichier", "titre", "role"}
FRONT_MATTER_KEYS = {"titre", "role", "saut_de_page"}
SECTION_SYNONYMS = {"title": "titre", "file": "fichier"}   # and load.SYNONYMS for dossier.yml


def read_markdown(path: Path) -> tuple[str, list[Problem]]:
    """Read a Markdown file as text: UTF-8 (BOM tolerated) or, failing that, Windows-1252."""
    warnings: list[Problem] = []
    try:
        bound("section").check(path.stat().st_size, path)
        raw = path.read_bytes()
    except OSError as exc:
        raise DossierError(f"lecture impossible ({exc.strerror}).", path) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.append(Problem(
            "fichier enregistré en Windows-1252 ou Latin-1 (Word ?), lu comme tel.", path,
            hint="Enregistrez-le en UTF-8 pour être sûr des accents."))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text, warnings


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_OPEN = re.compile(r"\A---[ \t]*\n")
FRONT_MATTER_EXAMPLE = "« --- », « titre: Mon titre », « role: objectifs », « --- »"


def _split_front_matter(text: str, path: Path) -> tuple[dict, str, int, YamlDoc | None]:
    match = _FRONT.match(text)
    if not match:
        if _FRONT_OPEN.match(text):
            raise ConfigError(
                "l'en-tête ouvert par « --- » n'est jamais fermé : tout le fichier serait lu "
                "comme en-tête, ou l'en-tête imprimé comme texte.", path, 1,
                hint="Ajoutez une ligne « --- » juste après la dernière clé de l'en-tête "
                "(« role: ... »), avant le texte.")
        return {}, text, 1, None
    inner = match.group(1) or ""
    # Line numbers: the front matter's first line is line 2 of the file.
    doc = parse_yaml("\n" + inner, path)
    data = doc.data or {}
    if not isinstance(data, dict):
        raise ConfigError("l'en-tête « --- » doit contenir des clés (titre, role).", path, 2)
    for name in data:
        if name not in FRONT_MATTER_KEYS:
            raise doc.error(f"clé inconnue « {name} » dans l'en-tête.", name,
                            hint=suggest_key(name, FRONT_MATTER_KEYS, SECTION_SYNONYMS))
        if name == "saut_de_page" and data[name] in (True, False):
            data[name] = "oui" if data[name] else "non"     # YAML reads "yes"/"no" as booleans
        value = data[name]
        if name == "role" and isinstance(value, list) and value and all(
                isinstance(v, str) for v in value):
            continue                   # several roles: role: [recherches-plastiques, croquis]
        if not isinstance(value, str):
            raise doc.error(f"« {name} » doit être un texte" + (
                " ou une liste de rôles ([objectifs, croquis])" if name == "role" else "")
                + ".", name)
        if name == "saut_de_page" and value not in ("oui", "non"):
            raise doc.error(f"« saut_de_page » vaut « oui » ou « non », pas « {value} ».",
                            name, hint="« saut_de_page: oui » fait toujours commencer la "
                            "section sur une nouvelle page du PDF, « non » sur la page où finit "
                            "la précédente ; sans rien dire, la mise en page choisit.")
    body = text[match.end():]
    return data, body, text[: match.end()].count("\n") + 1, doc


_NUMBER_PREFIX = re.compile(r"^\d+[\s._-]*")


def title_from_name(stem: str) -> str:
    words = _NUMBER_PREFIX.sub("", nfc(stem)).replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) or stem


def natural_key(path: Path) -> list:
    return [int(t) if t.isdecimal() else t.casefold() for t in re.split(r"(\d+)", nfc(path.name))]


def _title(declared: dict, front: dict, body: str, body_line: int, path: Path
           ) -> tuple[str, str, int]:
    """The section's title (header, dossier.yml, or a first ``# Title``), body and body line."""
    title = declared.get("titre") or front.get("titre")
    if title:
        return str(title).strip(), body, body_line
    heading = re.match(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)", body)
    if not heading:       # a title from the file name would lose its accents: ask for one
        raise ConfigError(
            "en-tête manquant : la section n'a pas de titre.", path, 1,
            hint=f"Commencez le fichier par un en-tête de quatre lignes : "
            f"{FRONT_MATTER_EXAMPLE} (ou par un titre « # Mon titre »).")
    return (heading.group(1).strip(), body[heading.end():],
            body_line + body[: heading.end()].count("\n"))


def _roles(declared: dict, front: dict, front_doc: YamlDoc | None, path: Path, roles: dict,
           stem_key: str) -> list[str]:
    """The roles the section declares (``role: x`` or ``role: [x, y]``), else its file's."""
    value = declared.get("role") or front.get("role")
    if value is None:
        return [stem_key if stem_key in roles else "autre"]
    line = front_doc.line("role") if front_doc and not declared.get("role") else None
    if isinstance(value, list) and value:
        value = [str(r) for r in value]
    elif not isinstance(value, str):
        raise ConfigError("« role » doit être un rôle ou une liste de rôles ([objectifs, "
                          "croquis]).", path, line)
    found = [value] if isinstance(value, str) else value
    for role in found:
        if role not in roles:
            close = difflib.get_close_matches(role, list(roles), n=1, cutoff=0.5)
            raise ConfigError(
                f"rôle inconnu « {role} ».", path, line,
                (f"Vouliez-vous dire « {close[0]} » ? " if close else "")
                + "Rôles possibles : " + ", ".join(roles) + ".")
    return list(dict.fromkeys(found))


def _load_section(path: Path, annex: bool, declared: dict, roles: dict, used: set[str],
                  warnings: list[Problem]) -> Section:
    text, text_warnings = read_markdown(path)
    warnings.extend(text_warnings)
    front, body, body_line, front_doc = _split_front_matter(text, path)
    stem_key = _stem_key(path)
    (title, body, body_line), section_roles = gather(   # both problems of a file at once
        [lambda: _title(declared, front, body, body_line, path),
         lambda: _roles(declared, front, front_doc, path, roles, stem_key)], lambda f: f())
    slug = _unique_slug(stem_key, used)
    return Section(path=path, slug=slug, title=title, role=section_roles[0], body=body,
                   body_line=body_line, annex=annex, roles=tuple(section_roles),
                  page_break={"oui": True, "non": False}.get(front.get("saut_de_page")))


def _stem_key(path: Path) -> str:
    return slugify(_NUMBER_PREFIX.sub("", nfc(path.stem)))


def _unique_slug(stem_key: str, used: set[str]) -> str:
    slug = base = stem_key or "section"
    n = 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def guess_sections(root: Path) -> list[tuple[str, str]]:
    """``(slug, title)`` of the section files of ``root``'s sections/ and annexes/, named from
    the file names alone (for a dossier whose dossier.yml cannot be read: the preview's pages)."""
    used: set[str] = set()
    return [(_unique_slug(_stem_key(p), used), title_from_name(p.stem))
            for p in markdown_files(root / "sections") + markdown_files(root / "annexes")]


def markdown_files(folder: Path, suffix: str = ".md") -> list[Path]:
    """The ``suffix`` files of ``folder`` in natural order, without the hidden files and lock
    files that macOS (``._x.md``), Word (``~$x.md``) or editors (``.#x.md``) leave there."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*") if p.suffix.lower() == suffix and p.is_file()
                   and not p.name.startswith((".", "~"))), key=natural_key)


def _section_files(doc: YamlDoc, root: Path) -> list[tuple[Path, dict]]:
    listed = doc.data.get("sections")
    if listed is None:
        folder = root / "sections"
        files = markdown_files(folder)
        return [(p, {}) for p in files]
    result = []
    for index, item in enumerate(listed):
        if isinstance(item, str):
            item = {"fichier": item}
        if not isinstance(item, dict) or "fichier" not in item:
            raise doc.error("chaque section doit donner son « fichier ».", "sections", index,
                            hint="Exemple : « - fichier: sections/01-objectifs.md ».")
        for name in item:
            if name not in SECTION_KEYS:
                raise doc.error(f"clé inconnue « {name} ».", "sections", index, name,
                                hint=suggest_key(name, SECTION_KEYS, SECTION_SYNONYMS))
        path = resolve_ref(str(item["fichier"]), root, root, source=doc.path,
                           line=doc.line("sections", index), what="section")
        result.append((path, item))
    return result


def load_sections(doc: YamlDoc, root: Path, roles: dict, warnings: list[Problem]
              ) -> tuple[list[Section], list[Section]]:
    """The main part's sections and the annexes; every file's problems raised together."""
    used: set[str] = set()
    files = [(p, d, False) for p, d in _section_files(doc, root)]
    if not files:
        raise ConfigError("aucune section : le dossier est vide.", doc.path, 1,
                          "Ajoutez des fichiers .md dans sections/ (01-objectifs.md, ...).")
    files += [(p, {}, True) for p in markdown_files(root / "annexes")]
    loaded = gather(files, lambda f: _load_section(f[0], f[2], f[1], roles, used, warnings))
    return [s for s in loaded if not s.annex], [s for s in loaded if s.annex]


def load_part1_sections(pieces: list[tuple[str, int | None]], root: Path, doc: YamlDoc,
                        roles: dict, warnings: list[Problem]) -> list[Section]:
    """Part 1's Markdown pieces (``(path written in dossier.yml, its line)``) -> Sections.

    A piece declared but not found is left to the conformance check, which names it; a piece
    declared twice is loaded once. Every file's problems are raised together.
    """
    paths: list[Path] = []
    for ref, line in pieces:
        try:
            path = resolve_ref(ref, root, root, source=doc.path, line=line, what="pièce")
        except DossierError:
            continue
        if path not in paths:
            paths.append(path)
    used: set[str] = set()
    loaded = gather(paths, lambda p: _load_section(p, False, {}, roles, used, warnings))
    for section in loaded:
        section.part1 = True
    return loaded


# key of a part 1 piece in dossier.yml -> how it is titled (print, bookmarks, page report)
PIECE_TITLES = {"attestation": "Attestation", "rapport": "Rapport de stage", "bilan": "Bilan",
                "bilan_signe": "Bilan signé", "fichier": "Certificat de travail"}


def image_piece_sections(partie1, root: Path, image_suffixes: tuple[str, ...] | set[str]
                         ) -> list[Section]:
    """Part 1's pieces given as images (a phone's photo of an attestation): each one printed
    alone on a page of part 1, as a section of one full-page figure. Pieces not found are
    left to the conformance check."""
    refs: list[tuple[str, str]] = []
    if partie1.report:
        refs.append((partie1.report, "Rapport d'activité professionnelle"))
    for period in (*partie1.stages, *partie1.certificates):
        refs += [(ref, f"{PIECE_TITLES.get(key, key)} — {period.company}")
                 for key, ref in period.pieces.items()]
    sections: list[Section] = []
    seen: set[Path] = set()
    for ref, title in refs:
        if Path(ref.strip()).suffix.lower() not in image_suffixes:
            continue
        try:
            path = resolve_ref(ref, root, root)
        except DossierError:
            continue
        if path in seen:
            continue
        seen.add(path)
        caption = title.replace('"', "'").replace("\n", " ")
        target = path.relative_to(root).as_posix()
        sections.append(Section(
            path=root / "dossier.yml", slug=f"piece-{len(sections) + 1}", title=title,
            role="autre", body=f'!!! pleine-page "{caption}"\n    ![{caption}](<{target}>)\n',
            part1=True))
    return sections
