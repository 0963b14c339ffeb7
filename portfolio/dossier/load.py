"""A student's folder (dossier.yml + sections/*.md + annexes/*.md) -> a validated Dossier.

Every mistake (YAML syntax, unknown or misspelt key, wrong type, missing field, missing file)
becomes a French :class:`~portfolio.util.errors.DossierError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from pathlib import Path
from typing import Any

from ..images.decode import IMAGE_SUFFIXES
from ..rules import load_rules
from ..util.errors import ConfigError, DossierError, Problem, ProblemsError, SecurityError
from ..util.yamlfile import YamlDoc, load_yaml
from .model import Candidate, Dossier, Part1, Period, slugify
from .paths import outside_links, resolve_ref
from .sections import (
    SECTION_SYNONYMS,
    image_piece_sections,
    load_part1_sections,
    load_sections,
    markdown_files,
    natural_key,
)
from .yamlcheck import Block, suggest_key

__all__ = ["find_dossiers", "load_dossier"]

log = logging.getLogger(__name__)

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

# Words people type instead of ours (English, missing accents...).
SYNONYMS = {
    **SECTION_SYNONYMS, "draft": "brouillon", "name": "nom", "firstname": "prenom",
    "prénom": "prenom", "numéro": "numero", "cover": "couverture", "candidate": "candidat",
    "project": "projet", "thème": "theme", "établissement": "etablissement",
    "school": "etablissement", "page_format": "format", "track": "voie",
    "début": "debut", "start": "debut", "end": "fin", "company": "entreprise",
    "employer": "employeur", "quotité": "quotite", "secteur_activite": "secteur",
    "partie_1": "partie1", "stage": "stages", "certificat": "certificats",
    "tutor": "tuteur", "tutrice": "tuteur", "bilan_signé": "bilan_signe",
}

# partie1: (stages and certificats are lists of blocks with these keys; "*" = a file path).
PART1_KEYS = {"rapport", "stages", "certificats"}
STAGE_KEYS = {"entreprise": str, "secteur": str, "debut": dt.date, "fin": dt.date,
              "semaines": int, "attestation": "*", "rapport": "*", "bilan": "*",
              "bilan_signe": "*", "tuteur": str}
CERTIFICATE_KEYS = {"employeur": str, "secteur": str, "debut": dt.date, "fin": dt.date,
                    "temps": str, "quotite": int, "fichier": "*"}
_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")

TYPE_NAMES = {str: "un texte", int: "un nombre", bool: "true ou false", list: "une liste",
              dict: "un bloc de clés"}


def _suggest(key: str, valid: set[str] | dict) -> str:
    return suggest_key(key, valid, SYNONYMS)


def _check_mapping(doc: YamlDoc, data: Any, schema: dict, key: tuple, what: str) -> None:
    Block(doc, data, key, schema, what, named=False, synonyms=SYNONYMS)
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


def _date(doc: YamlDoc, value: Any, *key: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _FRENCH_DATE.match(str(value))
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        if match or _ISO_DATE.match(str(value)):   # the form is right, the day is not
            raise doc.error(f"date impossible « {value} » : ce jour n'existe pas.", *key,
                            hint="Vérifiez le jour et le mois (" + (
                                "JJ/MM/AAAA" if match else "AAAA-MM-JJ") + ").") from None
        raise doc.error(f"date invalide « {value} ».", *key,
                        hint="Écrivez la date sous la forme 2026-05-31 (ou 31/05/2026).") from None


def _period(doc: YamlDoc, item: Any, kind: str, *key: Any, errors: list[Problem]) -> Period:
    """One period of ``partie1:``; a date that cannot be read is added to ``errors`` (the
    dossier is refused, its other problems reported with it) and left out."""
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
            try:
                value = _date(doc, value, *key, name)
            except DossierError as exc:
                errors.extend(exc.problems)
                continue
        elif name == "semaines" and isinstance(value, float):
            raise doc.error(f"« semaines » doit être un nombre entier de semaines, pas "
                            f"« {value} ».", *key, name, hint=(
                                "Écrivez le nombre de semaines de l'attestation (« semaines: 12 »)"
                                " ; si elle compte aussi des jours, retirez « semaines » et "
                                "donnez les dates « debut » et « fin » : les jours du lundi au "
                                "vendredi sont comptés."))
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
                  tutor=str(values.get("tuteur") or "").strip(),
                  line=doc.line(*key),
                  key_lines={k: doc.line(*key, k) for k in item if k in schema})


def _load_part1(doc: YamlDoc, errors: list[Problem]) -> Part1 | None:
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
        lists[name] = tuple(_period(doc, item, kind, "partie1", name, i, errors=errors)
                            for i, item in enumerate(items))
    report = data.get("rapport")
    if report is not None and not isinstance(report, str):
        raise doc.error("« rapport » doit être le chemin d'un fichier.", "partie1", "rapport")
    return Part1(report=report or None, report_line=doc.line("partie1", "rapport"),
                 stages=lists["stages"], certificates=lists["certificats"],
                 line=doc.line("partie1"))


def written_pieces(partie1: Part1) -> list[tuple[str, int | None]]:
    """The part 1 pieces written in the tool (Markdown files), ``(path, line)`` in the order
    dossier.yml declares them: the activity report, then each stage's report and bilan."""
    pieces = [(partie1.report, partie1.report_line)] if partie1.report else []
    for period in (*partie1.stages, *partie1.certificates):
        pieces += [(ref, period.key_lines.get(key)) for key, ref in period.pieces.items()
                   if key in ("rapport", "bilan")]
    return [(ref, line) for ref, line in pieces if ref.lower().endswith(".md")]


def find_dossiers(students_dir: Path) -> list[Path]:
    """Folders of ``students_dir`` that hold a ``dossier.yml``, in name order."""
    if not students_dir.is_dir():
        return []
    return sorted((p for p in students_dir.iterdir()
                   if p.is_dir() and not p.name.startswith((".", "_"))
                   and (p / "dossier.yml").is_file()), key=natural_key)


def _refuse_outside_links(root: Path) -> None:
    """A link (symlink) anywhere in the dossier that leads outside it could publish any file of
    the machine: the dossier is refused, the first such link named."""
    links = outside_links(root)
    if links:
        others = f" (et {len(links) - 1} autre(s))" if len(links) > 1 else ""
        raise SecurityError(
            f"ce fichier est un lien qui mène hors de votre dossier{others} : le dossier est "
            "refusé.", links[0], hint="Remplacez le lien par une copie du fichier lui-même, "
            "ou retirez-le.")


# Top-level addresses of the site that are not dossiers: its pages (themes/pages), MkDocs'
# and Material's folders and files, the preview's dashboard.
RESERVED_SLUGS = {"a-propos", "assets", "search", "tableau-de-bord", "404", "sitemap", "index",
                  "portfolio"}


def _refuse_reserved(root: Path, doc: YamlDoc) -> None:
    slug = slugify(root.name, "candidat")
    if slug in RESERVED_SLUGS:
        raise ConfigError(f"le nom de dossier « {root.name} » donnerait l'adresse « {slug}/ », "
                          "réservée à une page du site : elle la remplacerait.", doc.path, 1,
                          "Renommez le dossier dans students/ (par exemple prenom-nom).")


def load_dossier(root: Path) -> Dossier:
    """Load and validate the dossier in folder ``root``; raises :class:`DossierError`
    (:class:`~portfolio.util.errors.ProblemsError` for the problems of dossier.yml and of every
    section file found in one pass)."""
    root = root.resolve()
    _refuse_outside_links(root)
    rules = load_rules()
    doc = load_yaml(root / "dossier.yml", keep_bad_dates=True)
    if doc.data is None:
        raise ConfigError("fichier vide.", doc.path, 1,
                          "Partez du modèle créé par « python3 build.py nouveau \"Prénom Nom\" ».")
    failed: list[DossierError] = []
    input_errors: list[Problem] = []
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
        partie1 = _load_part1(doc, input_errors)
    except DossierError as exc:
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get("sections", []),
                                                            list):
            raise
        failed.append(exc)
    warnings: list[Problem] = []
    try:
        sections, annexes = load_sections(doc, root, rules.roles, warnings)
    except DossierError as exc:
        failed.append(exc)
    try:
        _refuse_reserved(root, doc)
    except DossierError as exc:
        failed.append(exc)
    part1_sections = []
    if not failed and partie1 is not None:
        try:
            part1_sections = load_part1_sections(written_pieces(partie1), root, doc,
                                                 rules.roles, warnings)
            part1_sections += image_piece_sections(partie1, root, IMAGE_SUFFIXES)
        except DossierError as exc:
            failed.append(exc)
    if failed:
        raise ProblemsError.of(failed) if not input_errors else ProblemsError(
            [*input_errors, *(p for error in failed for p in error.problems)])
    annex_pdfs = markdown_files(root / "annexes", ".pdf")
    cand, projet = data["candidat"], data["projet"]
    return Dossier(
        root=root, slug=slugify(root.name, "candidat"),
        candidate=Candidate(str(cand["prenom"]).strip(), str(cand["nom"]).strip(),
                            str(cand["numero"]).strip(), str(cand.get("etablissement") or "")),
        option=option, voie=voie, session=str(data["session"]).strip(),
        title=str(projet["titre"]).strip(), theme=str(projet.get("theme") or "").strip(),
        cover=cover, draft=bool(data.get("brouillon", False)), page_format=page_format,
        page_size_mm=rules.formats[page_format], sections=sections, annexes=annexes,
        annex_pdfs=annex_pdfs, warnings=warnings, errors=input_errors, partie1=partie1,
        part1_sections=part1_sections)
