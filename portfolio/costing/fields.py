"""A mapping of couts.yml -> its typed values (numbers with units, rates, dates, flags), checked.

Each wrong value is a French :class:`ConfigError` at its line, naming the value as the student
wrote it (never a Python repr) and what to write instead.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..dossier.yamlcheck import Block
from ..util.yamlfile import YamlDoc
from .values import KINDS, NumberError, parse_date, parse_flag, parse_number

__all__ = ["MAX_NUMBER", "CostBlock"]

MAX_NUMBER = Decimal(10) ** 9  # no weight, price or duration of a workshop study comes near

# How a numeric key is named in a message: (French noun, feminine?).
NOUNS = {
    "poids_g": ("poids", False), "volume_cm3": ("volume", False), "densite": ("densité", True),
    "prix_g": ("prix au gramme", False), "carats": ("poids en carats", False),
    "nombre": ("nombre de pierres", False), "quantite": ("quantité", True),
    "prix_unitaire": ("prix unitaire", False), "prix_carat": ("prix au carat", False),
    "heures": ("durée", True), "taux_horaire": ("taux horaire", False),
    "prix_ttc": ("prix TTC", False),
}
RATE_NAMES = {"perte": "perte", "frais_generaux": "frais généraux", "marge": "marge",
              "tva": "TVA"}


class CostBlock(Block):
    """One mapping of couts.yml being read: checks its keys, then reads typed values from it."""

    def __init__(self, doc: YamlDoc, data: Any, key: tuple, allowed: tuple[str, ...],
                 what: str) -> None:
        super().__init__(doc, data, key, allowed, what,
                         example="Voyez l'exemple students/lea-moreau/couts.yml.")

    def date(self, name: str, *, required: bool = False) -> str:
        value = self.data.get(name)
        text = parse_date(value) if value is not None else None
        if text is None:
            if value is not None:
                raise self.error(f"« {name} » doit être une date (« 2026-10 » ou "
                                 f"« 2026-10-15 »), pas « {value} ».", name)
            if required:
                raise self.error(f"il manque la date du prix pour « {self.name} » "
                                 f"(clé « {name} »).", None,
                                 "Indiquez quand le prix a été relevé, par exemple "
                                 f"« {name}: 2026-10 ».")
            return ""
        return text

    def number(self, name: str, kind: str, *, required: bool = False,
               default: Decimal | None = None, zero: bool = False,
               missing_hint: str = "") -> Decimal | None:
        """A number >= 0 (> 0 unless ``zero``); ``None``/``default`` when absent and optional."""
        noun, feminine = NOUNS.get(name, (name, False))
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.error(f"il manque le {noun} pour « {self.name} » (clé « {name} »)."
                                 if not feminine else
                                 f"il manque la {noun} pour « {self.name} » (clé « {name} »).",
                                 name if name in self.data else None,
                                 missing_hint or f"Ajoutez une ligne « {name}: ... ».")
            return default
        try:
            number = parse_number(value, KINDS[kind])
        except NumberError as exc:
            raise self.error(
                f"« {name} » doit être {KINDS[kind].description}, pas « {value} ».", name,
                exc.hint or f"Écrivez seulement le nombre, par exemple « {name}: 4.5 ».") from None
        if number > MAX_NUMBER:
            raise self.error(f"{noun} trop grand ({value}) pour « {self.name} ».", name,
                             "Vérifiez l'unité et la place de la virgule.")
        if number < 0:
            raise self.error(f"{noun} {'négative' if feminine else 'négatif'} ({value}) "
                             f"pour « {self.name} ».", name, "Indiquez un nombre positif.")
        if number == 0 and not zero:
            raise self.error(f"{noun} {'nulle' if feminine else 'nul'} pour « {self.name} ».",
                             name, "Indiquez un nombre supérieur à zéro, ou retirez la ligne.")
        return number

    def rate(self, name: str, *, required: bool = False, default: Decimal | None = None,
             hint: str = "", maximum: int = 100) -> Decimal:
        label = RATE_NAMES.get(name, name)
        value = self.data.get(name)
        if value is None:
            if required or default is None:
                raise self.error(f"il manque le taux de {label} (clé « {name} »).",
                                 name if name in self.data else None, hint)
            return default
        try:
            number = parse_number(value, KINDS["percent"])
        except NumberError:
            raise self.error(f"« {name} » doit être un pourcentage, pas « {value} ».", name,
                             f"Écrivez par exemple « {name}: 20 » pour 20 %.") from None
        if number < 0 or number > maximum:
            what = "négatif" if number < 0 else f"supérieur à {maximum} %"
            raise self.error(f"taux de {label} {what} ({value}).", name,
                             f"Indiquez un pourcentage entre 0 et {maximum}, par exemple "
                             f"« {name}: 20 » pour 20 %.")
        return number

    def flag(self, name: str, default: bool) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        flag = parse_flag(value)
        if flag is None:
            raise self.error(f"« {name} » doit être true ou false, pas « {value} ».", name,
                             "Écrivez « fixe: true » pour un coût payé une fois pour toute la "
                             "série, « fixe: false » pour un coût payé à chaque pièce.")
        return flag
