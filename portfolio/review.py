"""A teacher's ``revue.yml`` in a dossier -> review notes attached to sections (preview only).

Review notes are never published: the site build ignores them and ``revue.yml`` is not a file
any page references.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import ConfigError
from .model import Dossier
from .yamlfile import load_yaml

__all__ = ["REVIEW_FILE", "Note", "load_notes"]

REVIEW_FILE = "revue.yml"
STATUSES = {"ouverte": "ouverte", "faite": "faite"}
KEYS = {"section", "auteur", "date", "statut", "texte"}


@dataclass(frozen=True)
class Note:
    section: str | None      # section slug, None for the whole dossier
    author: str
    date: str
    status: str              # "ouverte" | "faite"
    text: str
    line: int

    @property
    def open(self) -> bool:
        return self.status == "ouverte"


def _section_slug(dossier: Dossier, value: str) -> str | None:
    wanted = value.strip().removeprefix("sections/").removeprefix("annexes/")
    for section in dossier.all_sections():
        if wanted in (section.slug, section.path.name, section.path.stem, section.title):
            return section.slug
    return None


def load_notes(dossier: Dossier) -> list[Note]:
    """The notes of ``revue.yml`` (empty list when there is none)."""
    path = dossier.root / REVIEW_FILE
    if not path.is_file():
        return []
    doc = load_yaml(path)
    data = doc.data or {}
    if not isinstance(data, dict) or not isinstance(data.get("notes", []), list):
        raise ConfigError("revue.yml doit contenir « notes: » suivi d'une liste de notes.",
                          path, 1, hint="Exemple : « notes: » puis « - texte: ... ».")
    notes = []
    for index, item in enumerate(data.get("notes") or []):
        if not isinstance(item, dict):
            raise doc.error("chaque note est un bloc « texte: ... ».", "notes", index)
        unknown = set(item) - KEYS
        if unknown:
            raise doc.error(f"clé inconnue « {sorted(unknown)[0]} » dans la note.", "notes",
                            index, hint="Clés possibles : " + ", ".join(sorted(KEYS)) + ".")
        text = str(item.get("texte") or "").strip()
        if not text:
            raise doc.error("note sans « texte ».", "notes", index)
        section = None
        if item.get("section"):
            section = _section_slug(dossier, str(item["section"]))
            if section is None:
                raise doc.error(f"section inconnue « {item['section']} ».", "notes", index,
                                "section", hint="Donnez le nom du fichier, par exemple "
                                "« 02-recherches-plastiques.md ».")
        status = str(item.get("statut") or "ouverte").strip().lower()
        if status not in STATUSES:
            raise doc.error(f"statut inconnu « {status} ».", "notes", index, "statut",
                            hint="Écrivez « ouverte » ou « faite ».")
        date = item.get("date") or ""
        if isinstance(date, dt.date):
            date = date.isoformat()
        notes.append(Note(section, str(item.get("auteur") or "").strip(), str(date), status,
                          text, doc.line("notes", index) or 1))
    return notes
