"""A stage report's ```devis``` block: amounts to the cent, VAT, the gap to the market price,
and each mistake in French at the report's line (rows: YAML in, numbers or message out)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from portfolio.costing.quote import quote_from_block, render_quote_html
from portfolio.util.errors import DossierError

PATH = Path("students/ana/partie1/rapport.md")
LINE = 10        # the block's YAML starts on line 11 of the report


def quote(text: str):
    return quote_from_block(text, LINE, PATH)


BASE = "objet: Mise à taille\nlignes:\n  - {designation: Main-d'œuvre, montant: 25}\n"

ROWS = [   # (YAML, total excluding VAT, total with VAT, gap to the market in %)
    (BASE, "25", "25", None),
    (BASE + "tva: 20\n", "25", "30.00", None),
    (BASE + "tva: 20\nprix_marche: 30\nsource: s\n", "25", "30.00", "0"),
    (BASE + "tva: 20\nprix_marche: 40\nsource: s\n", "25", "30.00", "-25"),
    (BASE + "prix_marche: \"20 €\"\nsource: s\n", "25", "25", "25"),
    ("objet: x\nlignes:\n  - {designation: Or, quantite: 0.8, prix_unitaire: \"62,50 €\"}\n"
     "  - {designation: Rhodiage, montant: \"12,30\"}\n", "62.30", "62.30", None),
]


@pytest.mark.parametrize(("text", "total", "with_vat", "gap"), ROWS)
def test_amounts_and_the_gap_to_the_market(text, total, with_vat, gap):
    result = quote(text)
    assert result.total == Decimal(total)
    assert result.total_with_vat == Decimal(with_vat)
    assert result.gap == (None if gap is None else Decimal(gap))


ERRORS = [
    ("objet: x\n", "students/ana/partie1/rapport.md:11 : le devis n'a pas de lignes (clé "
     "« lignes »)."),
    ("objet: x\nlignes:\n  - {designation: Or}\n", "students/ana/partie1/rapport.md:13 : il "
     "manque le montant de la ligne 1 du devis (« montant », ou « quantite » et "
     "« prix_unitaire »)."),
    (BASE + "tva: vingt\n", "students/ana/partie1/rapport.md:14 : « tva » doit être un "
     "pourcentage, pas « vingt »."),
    (BASE + "prix_du_marche: 30\n", "students/ana/partie1/rapport.md:14 : clé inconnue "
     "« prix_du_marche » dans le devis."),
    ("lignes:\n  - {designation: Or, montant: 3}\n", "students/ana/partie1/rapport.md:11 : il "
     "manque l'objet du devis pour « le devis » (clé « objet »)."),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_mistakes_are_french_at_the_reports_line(text, message):
    with pytest.raises(DossierError) as caught:
        quote(text)
    assert str(caught.value).startswith(message)


def test_the_table_shows_the_market_price_its_source_and_the_gap():
    html = render_quote_html(quote(BASE + "tva: 20\nprix_marche: 40\nsource: <b>trois</b>\n"))
    assert "<caption>Devis : Mise à taille</caption>" in html
    assert "Total TTC" in html and "30,00\u00a0€" in html
    assert ("Prix du marché :</strong> 40,00\u00a0€ TTC (source : &lt;b&gt;trois&lt;/b&gt;)"
            in html)
    assert "−25\u00a0%" in html or "-25\u00a0%" in html
    assert "moins cher" in html
