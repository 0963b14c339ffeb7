"""A ```devis``` block of a stage report (YAML) -> a Quote -> its table, against the market price.

The regulation asks that quotes be discussed "en prenant pour référence le prix du marché": a
quote gives its lines, its VAT rate, and the market price of a comparable work with where it
was found (``source``). Amounts are Decimal, rounded to the cent only when shown. The block's
problems are French with the report's lines; a quote without its market price or source is
the conformance check's business (:mod:`portfolio.conformance.reports`), not an error here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..dossier.yamlcheck import Block
from ..util.templates import render
from ..util.yamlfile import YamlDoc, parse_yaml
from .format import format_euros, format_percent
from .values import KINDS, NumberError, parse_number

__all__ = ["Quote", "QuoteLine", "parse_quote", "quote_from_block", "render_quote_html"]

KEYS = ("objet", "client", "date", "lignes", "tva", "prix_marche", "source")
LINE_KEYS = ("designation", "montant", "quantite", "prix_unitaire")
EXAMPLE = ("Exemple : « objet: Mise à taille d'une bague », « lignes: », "
           "« - {designation: Main-d'œuvre (0,5 h), montant: 25} », « prix_marche: 65 », "
           "« source: tarifs de trois bijouteries ».")


@dataclass(frozen=True)
class QuoteLine:
    designation: str
    amount: Decimal          # excluding VAT
    line: int | None = None


@dataclass(frozen=True)
class Quote:
    subject: str
    lines: tuple[QuoteLine, ...]
    vat: Decimal | None = None           # percent; None: amounts without VAT
    market: Decimal | None = None        # the market price of a comparable work (TTC if vat)
    source: str = ""
    client: str = ""
    date: str = ""
    line: int | None = None              # the block's first line

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.lines), Decimal(0))

    @property
    def total_with_vat(self) -> Decimal:
        return self.total * (1 + (self.vat or 0) / Decimal(100))

    @property
    def gap(self) -> Decimal | None:
        """The quote against the market price, in percent (+: dearer than the market)."""
        if not self.market:
            return None
        return (self.total_with_vat - self.market) / self.market * Decimal(100)


def _number(block: Block, data: dict, name: str, kind: str, key: tuple) -> Decimal | None:
    value = data.get(name)
    if value is None:
        return None
    try:
        return parse_number(value, KINDS[kind])
    except NumberError as exc:
        raise block.doc.error(f"« {name} » doit être {KINDS[kind].description}, pas "
                              f"« {value} ».", *key, name, hint=str(exc) or "") from None


def parse_quote(doc: YamlDoc) -> Quote:
    """The quote in ``doc`` (a ```devis``` block's YAML), checked key by key."""
    block = Block(doc, doc.data, (), KEYS, "le devis", example=EXAMPLE)
    items = doc.data.get("lignes")
    if not isinstance(items, list) or not items:
        raise doc.error("le devis n'a pas de lignes (clé « lignes »).", *(
            ("lignes",) if "lignes" in doc.data else ()), hint=EXAMPLE)
    lines = []
    for index, item in enumerate(items):
        key = ("lignes", index)
        what = f"la ligne {index + 1} du devis"
        row = Block(doc, item, key, LINE_KEYS, what, example=EXAMPLE)
        amount = _number(row, item, "montant", "eur", key)
        if amount is None:
            quantity = _number(row, item, "quantite", "qty", key)
            unit = _number(row, item, "prix_unitaire", "eur", key)
            if quantity is None or unit is None:
                raise row.error(f"il manque le montant de {what} (« montant », ou "
                                "« quantite » et « prix_unitaire »).", hint=EXAMPLE)
            amount = quantity * unit
        lines.append(QuoteLine(row.text("designation", required=True, what="la désignation"),
                               amount, doc.line(*key)))
    return Quote(block.text("objet", required=True, what="l'objet du devis"), tuple(lines),
                 _number(block, doc.data, "tva", "percent", ()),
                 _number(block, doc.data, "prix_marche", "eur", ()),
                 block.text("source"), block.text("client"), block.text("date"), doc.line())


def quote_from_block(text: str, line: int, path: Path) -> Quote:
    """The quote of a ```devis``` block whose YAML starts on ``line`` of ``path``."""
    doc = parse_yaml("\n" * line + text, path)     # messages give the report's lines
    if not isinstance(doc.data, dict):
        raise doc.error("le bloc « devis » doit contenir des clés (objet, lignes, "
                        "prix_marche, source).", hint=EXAMPLE)
    return parse_quote(doc)


def render_quote_html(quote: Quote) -> str:
    """The quote as a table (lines, totals) and its comparison with the market price."""
    rows = [(item.designation, format_euros(item.amount)) for item in quote.lines]
    totals = [("Total HT" if quote.vat is not None else "Total", format_euros(quote.total))]
    if quote.vat is not None:
        totals += [(f"TVA {format_percent(quote.vat)}",
                    format_euros(quote.total_with_vat - quote.total)),
                   ("Total TTC", format_euros(quote.total_with_vat))]
    gap = quote.gap
    return render("common/templates/devis.html", quote=quote, rows=rows, totals=totals,
                  market=format_euros(quote.market) if quote.market is not None else "",
                  gap=format_percent(gap, 0, sign=True) if gap is not None else "",
                  dearer=gap is not None and gap > 0)
