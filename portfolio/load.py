"""A student's folder (dossier.yml + sections/*.md + annexes/*.md) -> a validated Dossier.

Every mistake (YAML syntax, unknown or misspelt key, wrong type, missing field, missing file)
becomes a French :class:`~portfolio.errors.DossierError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from pathlib import Path
from typing import Any

from .errors import ConfigError, DossierError, Problem, ProblemsError, gather
from .model import Candidate, Dossier, Part1, Period, Section, slugify
from .paths import nfc, resolve_ref, within
from .rules import load_rules
from .yamlfile import YamlDoc, load_yaml, parse_yaml

__all__ = ["find_dossiers", "load_dossier", "read_markdown"]

log = logging.getLogger(__name__)

MAX_MARKDOWN_BYTES = 2_000_000

# Keys of dossier.yml: name -> (types, required, French description for messages).
SCHEMA: dict[str, Any] = {
    "candidat": ({
        "prenom": ((str,), True, "le prénom"),
        "nom": ((str,), True, "le nom"),
        "numero": ((str, int), True, "le numéro de candidat"),
        "etablissement": ((str,), False, "l'établissement"),
    }, True, "le candidat"),
    "option": ((str,), True, "l'option"),
    "voie": ((str,), True, "la voie"),
    "session": ((str, int), True, "la session d'examen"),
    "projet": ({
        "titre": ((str,), True, "le titre du projet"),
        "theme": ((str,), False, "le thème du projet"),
    }, True, "le projet"),
    "couverture": ((str,), False, "l'image de couverture"),
    "brouillon": ((bool,), False, "brouillon (true ou false)"),
    "format": ((str,), False, "le format des pages"),
    "sections": ((list,), False, "la liste des sections"),
    "partie1": ((dict,), False, "les pièces de la 1re partie"),
}
SECTION_KEYS = {"fichier", "titre", "role"}
FRONT_MATTER_KEYS = {"titre", "role", "saut_de_page"}

# Words people type instead of ours (English, missing accents...).
SYNONYMS = {
    "draft": "brouillon", "title": "titre", "name": "nom", "firstname": "prenom",
    "prénom": "prenom", "numéro": "numero", "cover": "couverture", "candidate": "candidat",
    "project": "projet", "thème": "theme", "établissement": "etablissement",
    "school": "etablissement", "page_format": "format", "file": "fichier", "track": "voie",
    "début": "debut", "start": "debut", "end": "fin", "company": "entreprise",
    "employer": "employeur", "quotité": "quotite", "secteur_activite": "secteur",
    "partie_1": "partie1", "stage": "stages", "certificat": "certificats",
}

# partie1: (stages and certificats are lists of blocks with these keys; "*" = a file path).
PART1_KEYS = {"rapport", "stages", "certificats"}
STAGE_KEYS = {"entreprise": str, "secteur": str, "debut": dt.date, "fin": dt.date,
              "semaines": int, "attestation": "*", "rapport": "*", "bilan": "*"}
CERTIFICATE_KEYS = {"employeur": str, "secteur": str, "debut": dt.date, "fin": dt.date,
                    "temps": str, "quotite": int, "fichier": "*"}
_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")

TYPE_NAMES = {str: "un texte", int: "un nombre", bool: "true ou false", list: "une liste",
              dict: "un bloc de clés"}


def _suggest(key: str, valid: set[str] | dict) -> str:
    key_text = str(key)
    if key_text.lower() in SYNONYMS and SYNONYMS[key_text.lower()] in valid:
        return f"Vouliez-vous dire « {SYNONYMS[key_text.lower()]} » ?"
    close = difflib.get_close_matches(key_text, list(valid), n=1, cutoff=0.6)
    if close:
        return f"Vouliez-vous dire « {close[0]} » ?"
    return "Clés possibles : " + ", ".join(sorted(valid)) + "."


def _check_mapping(doc: YamlDoc, data: Any, schema: dict, key: tuple, what: str) -> None:
    if not isinstance(data, dict):
        raise doc.error(f"{what} doit être un bloc de clés (« clé: valeur »).", *key)
    for name in data:
        if name not in schema:
            raise doc.error(f"clé inconnue « {name} ».", *key, name,
                            hint=_suggest(name, schema))
    for name, (types, required, label) in schema.items():
        if name not in data or data[name] is None:
            if required:
                raise doc.error(f"il manque {label} (clé « {name} »).", *key,
                                hint=f"Ajoutez une ligne « {name}: ... ».")
            continue
        value = data[name]
        if isinstance(types, dict):
            _check_mapping(doc, value, types, key + (name,), label)
        elif not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = " ou ".join(TYPE_NAMES[t] for t in types)
            raise doc.error(f"« {name} » doit être {expected}, pas « {value} ».", *key, name)
        elif isinstance(value, str) and not value.strip() and required:
            raise doc.error(f"« {name} » est vide : indiquez {label}.", *key, name)


def _choice(doc: YamlDoc, value: str, allowed: dict | set, *key: str) -> str:
    if value in allowed:
        return value
    close = difflib.get_close_matches(str(value), list(allowed), n=1, cutoff=0.5)
    hint = (f"Vouliez-vous dire « {close[0]} » ? " if close else "") + \
        "Valeurs possibles : " + ", ".join(allowed) + "."
    raise doc.error(f"valeur inconnue « {value} » pour « {key[-1]} ».", *key, hint=hint)


def read_markdown(path: Path) -> tuple[str, list[Problem]]:
    """Read a Markdown file as text: UTF-8 (BOM tolerated) or, failing that, Windows-1252."""
    warnings: list[Problem] = []
    try:
        size = path.stat().st_size
        if size > MAX_MARKDOWN_BYTES:
            raise DossierError(
                f"fichier trop gros ({size // 1_000_000} Mo) pour une section.", path,
                hint="Une section tient en quelques pages : découpez-la ou retirez le contenu "
                "collé par erreur (images encodées dans le texte, par exemple).")
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
                            hint=_suggest(name, FRONT_MATTER_KEYS))
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
                            name, hint="« saut_de_page: non » fait commencer la section sur la "
                            "page où finit la précédente, dans le PDF.")
    body = text[match.end():]
    return data, body, text[: match.end()].count("\n") + 1, doc


_NUMBER_PREFIX = re.compile(r"^\d+[\s._-]*")


def title_from_name(stem: str) -> str:
    words = _NUMBER_PREFIX.sub("", nfc(stem)).replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) or stem


def _natural_key(path: Path) -> list:
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
    stem_key = slugify(_NUMBER_PREFIX.sub("", nfc(path.stem)))
    (title, body, body_line), section_roles = gather(   # both problems of a file at once
        [lambda: _title(declared, front, body, body_line, path),
         lambda: _roles(declared, front, front_doc, path, roles, stem_key)], lambda f: f())
    slug = base = stem_key or "section"
    n = 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return Section(path=path, slug=slug, title=title, role=section_roles[0], body=body,
                   body_line=body_line, annex=annex, roles=tuple(section_roles),
                   page_break={"oui": True, "non": False}.get(front.get("saut_de_page")))


def _markdown_files(folder: Path, suffix: str = ".md") -> list[Path]:
    """The ``suffix`` files of ``folder`` in natural order, without the hidden files and lock
    files that macOS (``._x.md``), Word (``~$x.md``) or editors (``.#x.md``) leave there."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*") if p.suffix.lower() == suffix and p.is_file()
                   and not p.name.startswith((".", "~"))), key=_natural_key)


def _section_files(doc: YamlDoc, root: Path) -> list[tuple[Path, dict]]:
    listed = doc.data.get("sections")
    if listed is None:
        folder = root / "sections"
        files = _markdown_files(folder)
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
                                hint=_suggest(name, SECTION_KEYS))
        path = resolve_ref(str(item["fichier"]), root, root, source=doc.path,
                           line=doc.line("sections", index), what="section")
        result.append((path, item))
    return result


def _date(doc: YamlDoc, value: Any, *key: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _FRENCH_DATE.match(str(value))
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise doc.error(f"date invalide « {value} ».", *key,
                        hint="Écrivez la date sous la forme 2026-05-31 (ou 31/05/2026).") from None


def _period(doc: YamlDoc, item: Any, kind: str, *key: Any) -> Period:
    schema = STAGE_KEYS if kind == "stage" else CERTIFICATE_KEYS
    if not isinstance(item, dict):
        raise doc.error("chaque élément doit être un bloc de clés.", *key,
                        hint="Exemple : « - entreprise: Atelier Durand » puis les autres clés "
                        "alignées dessous." if kind == "stage" else
                        "Exemple : « - employeur: Maison Roux » puis les autres clés.")
    values: dict[str, Any] = {}
    for name, value in item.items():
        if name not in schema:
            raise doc.error(f"clé inconnue « {name} ».", *key, name, hint=_suggest(name, schema))
        if value is None or value == "":
            continue
        wanted = schema[name]
        if wanted is dt.date:
            value = _date(doc, value, *key, name)
        elif wanted is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise doc.error(f"« {name} » doit être un nombre, pas « {value} ».", *key, name)
        elif name == "semaines" and not 1 <= value <= 104:
            raise doc.error(f"« semaines » doit être la durée écrite sur l'attestation, en "
                            f"semaines (1 à 104), pas « {value} ».", *key, name)
        elif wanted is not int and not isinstance(value, (str, int)):
            raise doc.error(f"« {name} » doit être un texte.", *key, name)
        values[name] = value
    if kind == "certificat" and "temps" in values:
        _choice(doc, values["temps"], ("plein", "partiel"), *key, "temps")
    pieces = {k: str(v) for k, v in values.items() if schema[k] == "*"}
    return Period(kind=kind, company=str(values.get("entreprise") or values.get("employeur")
                                        or "").strip(),
                  sector=str(values.get("secteur") or "").strip(), start=values.get("debut"),
                  end=values.get("fin"), time=values.get("temps", "plein"),
                  quota=values.get("quotite"), weeks=values.get("semaines"), pieces=pieces,
                  line=doc.line(*key),
                  key_lines={k: doc.line(*key, k) for k in values})


def _load_part1(doc: YamlDoc) -> Part1 | None:
    data = doc.data.get("partie1")
    if data is None:
        return None
    for name in data:
        if name not in PART1_KEYS:
            raise doc.error(f"clé inconnue « {name} ».", "partie1", name,
                            hint=_suggest(name, PART1_KEYS))
    lists = {}
    for name, kind in (("stages", "stage"), ("certificats", "certificat")):
        items = data.get(name) or []
        if not isinstance(items, list):
            raise doc.error(f"« {name} » doit être une liste (lignes commençant par « - »).",
                            "partie1", name)
        lists[name] = tuple(_period(doc, item, kind, "partie1", name, i)
                            for i, item in enumerate(items))
    report = data.get("rapport")
    if report is not None and not isinstance(report, str):
        raise doc.error("« rapport » doit être le chemin d'un fichier.", "partie1", "rapport")
    return Part1(report=report or None, report_line=doc.line("partie1", "rapport"),
                 stages=lists["stages"], certificates=lists["certificats"],
                 line=doc.line("partie1"))


def find_dossiers(students_dir: Path) -> list[Path]:
    """Folders of ``students_dir`` that hold a ``dossier.yml``, in name order."""
    if not students_dir.is_dir():
        return []
    return sorted((p for p in students_dir.iterdir()
                   if p.is_dir() and not p.name.startswith((".", "_"))
                   and (p / "dossier.yml").is_file()), key=_natural_key)


def _sections(doc: YamlDoc, root: Path, roles: dict, warnings: list[Problem]
              ) -> tuple[list[Section], list[Section]]:
    """The main part's sections and the annexes; every file's problems raised together."""
    used: set[str] = set()
    files = [(p, d, False) for p, d in _section_files(doc, root)]
    if not files:
        raise ConfigError("aucune section : le dossier est vide.", doc.path, 1,
                          "Ajoutez des fichiers .md dans sections/ (01-objectifs.md, ...).")
    files += [(p, {}, True) for p in _markdown_files(root / "annexes")]
    loaded = gather(files, lambda f: _load_section(f[0], f[2], f[1], roles, used, warnings))
    return [s for s in loaded if not s.annex], [s for s in loaded if s.annex]


def load_dossier(root: Path) -> Dossier:
    """Load and validate the dossier in folder ``root``; raises :class:`DossierError`
    (:class:`~portfolio.errors.ProblemsError` for the problems of dossier.yml and of every
    section file found in one pass)."""
    root = root.resolve()
    rules = load_rules()
    doc = load_yaml(root / "dossier.yml")
    if doc.data is None:
        raise ConfigError("fichier vide.", doc.path, 1,
                          "Partez du modèle créé par « python3 build.py new \"Prénom Nom\" ».")
    failed: list[DossierError] = []
    try:
        _check_mapping(doc, doc.data, SCHEMA, (), "dossier.yml")
        data = doc.data
        option = _choice(doc, data["option"], rules.options, "option")
        voie = _choice(doc, data["voie"], rules.voies, "voie")
        page_format = _choice(doc, data.get("format") or "A3-paysage", rules.formats, "format")
        cover = None
        if data.get("couverture"):
            cover = resolve_ref(data["couverture"], root, root, source=doc.path,
                                line=doc.line("couverture"), what="image de couverture")
        partie1 = _load_part1(doc)
    except DossierError as exc:
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get("sections", []),
                                                            list):
            raise
        failed.append(exc)
    warnings: list[Problem] = []
    try:
        sections, annexes = _sections(doc, root, rules.roles, warnings)
    except DossierError as exc:
        failed.append(exc)
    if failed:
        raise ProblemsError.of(failed)
    annex_pdfs = _markdown_files(root / "annexes", ".pdf")
    for pdf in annex_pdfs:
        if not within(pdf, root):
            raise ConfigError("cette annexe est un lien qui mène hors de votre dossier : "
                              "refusée.", pdf, hint="Copiez le fichier lui-même dans annexes/.")
    cand, projet = data["candidat"], data["projet"]
    return Dossier(
        root=root, slug=slugify(root.name, "candidat"),
        candidate=Candidate(str(cand["prenom"]).strip(), str(cand["nom"]).strip(),
                            str(cand["numero"]).strip(), str(cand.get("etablissement") or "")),
        option=option, voie=voie, session=str(data["session"]).strip(),
        title=str(projet["titre"]).strip(), theme=str(projet.get("theme") or "").strip(),
        cover=cover, draft=bool(data.get("brouillon", False)), page_format=page_format,
        page_size_mm=rules.formats[page_format], sections=sections, annexes=annexes,
        annex_pdfs=annex_pdfs, warnings=warnings, partie1=partie1)
