"""A mapping of a student's YAML file -> keys checked, texts read, French errors at file:line.

One helper for dossier.yml, couts.yml and revue.yml: a block that is not a mapping, an unknown
key (with the key meant: a synonym, the same word without accents, a close spelling), a missing
or empty text all raise a :class:`ConfigError` naming the file and the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from typing import Any

from ..util.errors import ConfigError
from ..util.text import ascii_fold
from ..util.yamlfile import YamlDoc

__all__ = ["Block", "describe", "plain_key", "suggest_key"]


def plain_key(text: object) -> str:
    """Lower case, no accents, ``-``/spaces/apostrophes as ``_``: for comparing keys and words."""
    return re.sub(r"[\s\-'’]+", "_", ascii_fold(str(text)).strip().casefold())


def suggest_key(key: object, valid: Collection[str],
                synonyms: Mapping[str, str] | None = None) -> str:
    """What to write instead of an unknown ``key`` (French hint)."""
    text = str(key)
    meant = (synonyms or {}).get(text.lower())
    if meant in valid:
        return f"Vouliez-vous dire « {meant} » ?"
    plain = plain_key(text)
    if plain != text and plain in valid:
        return f"Écrivez « {plain} » (sans accent, avec « _ »)."
    close = difflib.get_close_matches(plain, list(valid), n=1, cutoff=0.6)
    if close:
        return f"Vouliez-vous dire « {close[0]} » ?"
    return "Clés possibles : " + ", ".join(sorted(valid)) + "."


def describe(value: Any) -> str:
    """How a wrong value is named in a message (never a Python repr)."""
    if isinstance(value, list):
        return "une liste (retirez les « - »)"
    if value is None:
        return "une ligne vide"
    text = str(value)
    return f"« {text if len(text) <= 60 else text[:57] + '...'} »"


class Block:
    """One mapping of a YAML file being read: checks its keys, then reads values from it.

    ``key`` is where the mapping is in the file (for the line of messages), ``what`` how it is
    named in them ("la pierre n° 2"); ``named`` says whether the unknown-key message names it.
    """

    def __init__(self, doc: YamlDoc, data: Any, key: tuple, allowed: Collection[str],
                 what: str, *, named: bool = True, synonyms: Mapping[str, str] | None = None,
                 example: str = "") -> None:
        if not isinstance(data, dict):
            raise doc.error(f"{what} doit être un bloc de clés (« clé: valeur »), pas "
                            f"{describe(data)}.", *key, hint=example)
        for name in data:
            if name not in allowed:
                raise doc.error(f"clé inconnue « {name} »" + (f" dans {what}." if named else "."),
                                *key, name, hint=suggest_key(name, allowed, synonyms))
        self.doc, self.data, self.key, self.what = doc, data, key, what
        self.name = what

    def has(self, name: str) -> bool:
        return self.data.get(name) is not None

    def error(self, message: str, name: str | None = None, hint: str = "") -> ConfigError:
        key = self.key + ((name,) if name else ())
        return self.doc.error(message, *key, hint=hint)

    def text(self, name: str, *, required: bool = False, what: str = "", hint: str = "") -> str:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(f"il manque {what or name} pour « {self.name} » "
                                 f"(clé « {name} »).", name if name in self.data else None,
                                 hint or f"Ajoutez une ligne « {name}: ... ».")
            return ""
        if isinstance(value, (dict, list)):
            raise self.error(f"« {name} » doit être un texte, pas un bloc ou une liste.", name)
        return str(value).strip()
