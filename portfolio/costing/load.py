"""couts.yml (a YamlDoc) -> a validated CostStudy; each mistake is a French ConfigError at its line.

The whole file is checked before anything is computed or rendered, so a table with wrong numbers
is never produced: an unknown or misspelt key, a wrong type, a number with the wrong unit, a
negative quantity, a missing price, a rate outside 0-100 % each stop the load. A price given
without its source is loaded and listed in ``CostStudy.unsourced`` (the conformance check
decides how serious that is).
The format is documented in the example ``students/lea-moreau/couts.yml``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from ..dossier.yamlcheck import Block, plain_key
from ..util.errors import ConfigError
from ..util.yamlfile import YamlDoc, load_yaml
from .fields import CostBlock
from .format import NBSP, format_decimal, format_euros
from .model import Alloy, CostStudy, ItemLine, LabourLine, MarketReference, MetalLine

__all__ = ["ALLOYS_FILE", "DEFAULT_SERIES", "load_alloys", "load_costs", "parse_costs"]

ALLOYS_FILE = Path(__file__).resolve().parent.parent / "data" / "alliages.yml"
DEFAULT_SERIES = (1, 10, 50)
DEFAULT_VAT = Decimal(20)
MAX_SERIES = 100_000

# Keys of each block. Order is the order of the documentation in the example file.
TOP_KEYS = ("titre", "date", "metaux", "pierres", "apprets", "sous_traitance", "main_oeuvre",
            "taux_horaire", "frais_generaux", "marge", "tva", "series", "reference_marche")
METAL_KEYS = ("alliage", "designation", "poids_g", "volume_cm3", "densite", "source_densite",
              "perte", "prix_g", "date", "source", "fixe")
STONE_KEYS = ("nature", "taille", "carats", "nombre", "prix_unitaire", "prix_carat", "source",
              "date", "fixe")
SUPPLY_KEYS = ("designation", "quantite", "unite", "prix_unitaire", "source", "date", "fixe")
SERVICE_KEYS = ("prestation", "prestataire", "quantite", "prix_unitaire", "source", "date", "fixe")
LABOUR_KEYS = ("operation", "heures", "taux_horaire", "fixe")
REFERENCE_KEYS = ("description", "prix_ttc", "lieu", "date")

# A line is a fixed cost (paid once for the whole series) by default when its name says so.
FIXED_WORDS = re.compile(
    r"\b(conception|cao|dao|modelisation|modelage 3d|prototypes?|prototypage|maquettes?|"
    r"moules?|outillages?|dessins?|recherches?)\b")


def _default_fixed(label: str) -> bool:
    return bool(FIXED_WORDS.search(plain_key(label).replace("_", " ")))


def _lines(doc: YamlDoc, key: str, allowed: tuple[str, ...], what: str,
           label_key: str | None, read: Callable[[CostBlock], Any]) -> tuple:
    data = doc.data.get(key)
    if data is None:
        return ()
    if not isinstance(data, list):
        raise doc.error(f"« {key} » doit être une liste de lignes commençant par « - ».", key,
                        hint="Voyez l'exemple students/lea-moreau/couts.yml.")
    out = []
    for index, item in enumerate(data):
        block = CostBlock(doc, item, (key, index), allowed, f"{what} n° {index + 1}")
        if label_key:
            block.name = block.text(label_key, required=True, what=f"le nom ({label_key})")
        out.append(read(block))
    return tuple(out)


@cache
def load_alloys(path: Path = ALLOYS_FILE) -> dict[str, Alloy]:
    """The alloys data file -> {key: Alloy}; a mistake in it is a French error at its line."""
    doc = load_yaml(path)
    top = Block(doc, doc.data, (), list(doc.data or {}), "le fichier des alliages")
    alloys = {}
    for key in top.data:
        entry = Block(doc, top.data[key], (key,), ("nom", "densite", "source"),
                      f"l'alliage « {key} »")
        if not isinstance(entry.data.get("densite"), (int, float)) or entry.data["densite"] <= 0:
            raise entry.error("la densité doit être un nombre positif (g/cm³).", "densite")
        alloys[key] = Alloy(key, entry.text("nom", required=True),
                            Decimal(repr(entry.data["densite"])),
                            " ".join(entry.text("source", required=True).split()))
    return alloys


def _read_metal(block: CostBlock, alloys: dict[str, Alloy]) -> MetalLine:
    key = block.text("alliage", required=True, what="l'alliage")
    block.name = key
    density = block.number("densite", "g/cm3")
    alloy = alloys.get(key)
    if density is not None:
        source = block.text("source_densite", required=True, what="la source de la densité",
                            hint="Indiquez d'où vient la densité (fiche technique du "
                                 "fournisseur...) : « source_densite: ... ».")
        alloy = Alloy(key, alloy.name if alloy else key, density, source)
    elif alloy is None:
        close = difflib.get_close_matches(plain_key(key).replace("_", "-"), list(alloys), n=3,
                                          cutoff=0.5)
        hint = (("Vouliez-vous dire " + " ou ".join(f"« {c} »" for c in close) + " ? ")
                if close else "Alliages connus : " + ", ".join(alloys) + ". ")
        raise block.error(f"alliage inconnu « {key} ».", "alliage",
                          hint + "Pour un autre alliage, donnez sa densité (« densite: ») et "
                          "sa source (« source_densite: »).")
    block.name = block.text("designation") or alloy.name
    if block.has("poids_g") and block.has("volume_cm3"):
        raise block.error(f"poids et volume donnés tous les deux pour « {block.name} ».",
                          "volume_cm3", "Gardez « poids_g » (pièce pesée) ou « volume_cm3 » "
                          "(volume du modèle CAO), pas les deux.")
    if not block.has("poids_g") and not block.has("volume_cm3"):
        raise block.error(f"il manque le poids ou le volume pour « {block.name} ».", None,
                          "Ajoutez « poids_g: ... » (en grammes) ou « volume_cm3: ... » (volume "
                          "du modèle CAO en cm³).")
    return MetalLine(
        alloy=alloy, label=block.text("designation"),
        weight=block.number("poids_g", "g"), volume=block.number("volume_cm3", "cm3"),
        loss=block.rate("perte", default=Decimal(0)),
        price_per_gram=block.number("prix_g", "eur/g", required=True, missing_hint=(
            "Ajoutez « prix_g: ... » (prix de l'alliage en euros par gramme), avec « date: » "
            "et « source: ».")),
        price_date=block.date("date", required=True),
        price_source=block.text("source"), fixed=block.flag("fixe", False))


def _read_stone(block: CostBlock) -> ItemLine:
    carats = block.number("carats", "ct")
    if block.has("prix_unitaire") and block.has("prix_carat"):
        raise block.error(f"prix unitaire et prix au carat donnés tous les deux pour "
                          f"« {block.name} ».", "prix_carat",
                          "Gardez « prix_unitaire » (prix d'une pierre) ou « prix_carat », "
                          "pas les deux.")
    if block.has("prix_carat"):
        if carats is None:
            raise block.error(f"prix au carat sans poids en carats pour « {block.name} ».",
                              "prix_carat", "Ajoutez « carats: ... » (poids d'une pierre), ou "
                              "donnez « prix_unitaire » à la place.")
        unit_price = carats * block.number("prix_carat", "eur/ct", zero=True)
    else:
        unit_price = block.number("prix_unitaire", "eur", required=True, zero=True, missing_hint=(
            "Ajoutez « prix_unitaire: ... » (prix d'une pierre, en euros) ou « prix_carat: ... »."))
    parts = [block.text("taille")]
    if carats is not None:
        places = 2 if carats.as_tuple().exponent >= -2 else None  # 0.3 -> "0,30 ct"
        parts.append(f"{format_decimal(carats, places)}{NBSP}ct")
    if block.has("prix_carat"):
        parts.append(f"à {format_euros(block.number('prix_carat', 'eur/ct', zero=True))}/ct")
    detail = ", ".join(x for x in parts if x)
    return ItemLine(
        label=block.name, detail=detail,
        quantity=block.number("nombre", "count", default=Decimal(1)), unit="pierre",
        unit_price=unit_price, fixed=block.flag("fixe", False),
        source=block.text("source"), date=block.date("date"))


def _read_supply(block: CostBlock) -> ItemLine:
    return ItemLine(
        label=block.name, detail="",
        quantity=block.number("quantite", "qty", default=Decimal(1)),
        unit=block.text("unite"),
        unit_price=block.number("prix_unitaire", "eur", required=True, zero=True,
                                missing_hint="Ajoutez « prix_unitaire: ... » (en euros)."),
        fixed=block.flag("fixe", _default_fixed(block.name)),
        source=block.text("source"), date=block.date("date"))


def _read_service(block: CostBlock) -> ItemLine:
    return ItemLine(
        label=block.name, detail=block.text("prestataire"),
        quantity=block.number("quantite", "qty", default=Decimal(1)), unit="",
        unit_price=block.number("prix_unitaire", "eur", required=True, zero=True, missing_hint=(
            "Ajoutez « prix_unitaire: ... » (prix du devis du sous-traitant, en euros HT).")),
        fixed=block.flag("fixe", _default_fixed(block.name)),
        source=block.text("source"), date=block.date("date"))


def _read_labour(block: CostBlock, default_rate: Decimal | None) -> LabourLine:
    rate = block.number("taux_horaire", "eur/h", default=default_rate, missing_hint="")
    if rate is None:
        raise block.error(f"il manque le taux horaire pour « {block.name} ».", None,
                          "Ajoutez « taux_horaire: ... » (euros par heure) sur la ligne, ou une "
                          "fois pour toutes en haut du fichier.")
    return LabourLine(operation=block.name,
                      hours=block.number("heures", "h", required=True), rate=rate,
                      fixed=block.flag("fixe", _default_fixed(block.name)))


def _read_series(doc: YamlDoc) -> tuple[int, ...]:
    data = doc.data.get("series")
    if data is None:
        return DEFAULT_SERIES
    items = data if isinstance(data, list) else [data]
    sizes = set()
    for index, value in enumerate(items):
        key = ("series", index) if isinstance(data, list) else ("series",)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise doc.error(f"taille de série invalide « {value} ».", *key,
                            hint="Indiquez des nombres entiers de pièces, par exemple "
                                 "« series: [1, 10, 50] ».")
        if value > MAX_SERIES:
            raise doc.error(f"série de {value} pièces : trop grande pour une étude d'atelier.",
                            *key, hint=f"Restez sous {MAX_SERIES} pièces.")
        sizes.add(value)
    return tuple(sorted(sizes | {1}))


def _read_reference(doc: YamlDoc) -> MarketReference | None:
    data = doc.data.get("reference_marche")
    if data is None:
        return None
    block = CostBlock(doc, data, ("reference_marche",), REFERENCE_KEYS, "la référence marché")
    block.name = "référence marché"
    return MarketReference(
        description=block.text("description", required=True, what="la description"),
        price=block.number("prix_ttc", "eur", required=True),
        place=block.text("lieu", required=True, what="le lieu (boutique, site)"),
        date=block.date("date", required=True))


def parse_costs(doc: YamlDoc) -> CostStudy:
    """Check a parsed couts.yml entirely and return its :class:`CostStudy`."""
    if doc.data is None:
        raise ConfigError("fichier vide.", doc.path, 1,
                          "Partez de l'exemple students/lea-moreau/couts.yml et adaptez-le.")
    top = CostBlock(doc, doc.data, (), TOP_KEYS, "le fichier des coûts")
    top.name = "le fichier"
    alloys = load_alloys()
    default_rate = top.number("taux_horaire", "eur/h")
    study = CostStudy(
        path=doc.path,
        title=top.text("titre"),
        date=top.date("date"),
        metals=_lines(doc, "metaux", METAL_KEYS, "le métal", None,
                      lambda b: _read_metal(b, alloys)),
        stones=_lines(doc, "pierres", STONE_KEYS, "la pierre", "nature", _read_stone),
        supplies=_lines(doc, "apprets", SUPPLY_KEYS, "l'apprêt", "designation", _read_supply),
        subcontracting=_lines(doc, "sous_traitance", SERVICE_KEYS, "la sous-traitance",
                              "prestation", _read_service),
        labour=_lines(doc, "main_oeuvre", LABOUR_KEYS, "la main-d'œuvre", "operation",
                      lambda b: _read_labour(b, default_rate)),
        overheads=top.rate("frais_generaux", required=True, hint=(
            "Ajoutez « frais_generaux: ... » en pourcentage du coût direct (loyer, énergie, "
            "outillage, assurance...), par exemple « frais_generaux: 30 ».")),
        # A jeweller's margin on cost often exceeds 100 % (a x2 to x3 coefficient).
        margin=top.rate("marge", required=True, maximum=400, hint=(
            "Ajoutez « marge: ... » en pourcentage du coût de revient, par exemple "
            "« marge: 25 ».")),
        vat=top.rate("tva", default=DEFAULT_VAT),
        series=_read_series(doc),
        reference=_read_reference(doc),
    )
    if not (study.metals or study.stones or study.supplies or study.subcontracting
            or study.labour):
        raise ConfigError("aucune ligne de coût.", doc.path, 1,
                          "Ajoutez au moins un bloc « metaux », « pierres », « apprets », "
                          "« sous_traitance » ou « main_oeuvre ».")
    unsourced = [(m.label or m.alloy.name, doc.line("metaux", i))
                 for i, m in enumerate(study.metals) if not m.price_source]
    unsourced += [(s.label, doc.line("pierres", i)) for i, s in enumerate(study.stones)
                  if not s.source]
    return replace(study, unsourced=tuple(unsourced))


def load_costs(path: Path) -> CostStudy:
    """Read and check a couts.yml file; every failure is a French :class:`ConfigError`."""
    return parse_costs(load_yaml(Path(path)))
