"""A teacher's ``revue.yml`` in a dossier -> review notes attached to sections (preview only).

Review notes are never published: the site build ignores them and ``revue.yml`` is not a file
any page references.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..util.errors import ConfigError
from ..util.yamlfile import load_yaml
from .model import Dossier
from .yamlcheck import Block

__all__ = ["REVIEW_FILE", "Note", "load_notes"]

REVIEW_FILE = "revue.yml"
STATUSES = {"ouverte": "ouverte", "faite": "faite"}
KEYS = {"section", "auteur", "date", "statut", "texte"}
SYNONYMS = {"text": "texte", "author": "auteur", "status": "statut", "état": "statut"}


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
        note = Block(doc, item, ("notes", index), KEYS, f"la note n° {index + 1}",
                     synonyms=SYNONYMS, example="Exemple : « - texte: ... ».")
        text = note.text("texte", required=True, what="le texte")
        section = None
        if note.has("section"):
            section = _section_slug(dossier, note.text("section"))
            if section is None:
                raise note.error(f"section inconnue « {item['section']} ».", "section",
                                 hint="Donnez le nom du fichier, par exemple "
                                 "« 02-recherches-plastiques.md ».")
        status = (note.text("statut") or "ouverte").lower()
        if status not in STATUSES:
            raise note.error(f"statut inconnu « {status} ».", "statut",
                             hint="Écrivez « ouverte » ou « faite ».")
        date = item.get("date") or ""
        if isinstance(date, dt.date):
            date = date.strftime("%d/%m/%Y")      # as a French reader writes it
        notes.append(Note(section, note.text("auteur"), str(date), status, text,
                          doc.line("notes", index) or 1))
    return notes
