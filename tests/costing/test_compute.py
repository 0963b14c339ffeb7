"""Hand-computed cost studies: every expected amount is written as Decimal arithmetic."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

from portfolio.costing import format_euros, parse_costs, render_costs_html
from portfolio.costing.compute import (
    category_totals,
    costs_by_series,
    gross_weight,
    line_amount,
    market_gap,
    net_weight,
    series_cost,
)
from portfolio.util.yamlfile import parse_yaml

STUDY = """\
titre: Bague de test
metaux:
  - alliage: or-jaune-750
    volume_cm3: 0.25
    perte: 10
    prix_g: 100
    date: 2026-10
    source: cours de test
pierres:
  - nature: Saphir
    carats: 0.10
    nombre: 2
    prix_carat: 400
    source: devis de test
apprets:
  - designation: Soudure
    quantite: "0,5"
    unite: g
    prix_unitaire: 12
sous_traitance:
  - prestation: Prototype résine
    prix_unitaire: 30
  - prestation: Fonte à cire perdue
    prix_unitaire: 20
taux_horaire: 25
main_oeuvre:
  - operation: CAO
    heures: 4
  - operation: Polissage
    heures: "1 h 30"
frais_generaux: 20
marge: 25
series: [10, 1]
reference_marche:
  description: bague comparable
  prix_ttc: 1000
  lieu: boutique de test
  date: 2026-10
"""

D = Decimal  # short name for the hand computations


def study_from(text: str):
    return parse_costs(parse_yaml(textwrap.dedent(text), Path("couts.yml")))


def test_weight_from_volume_and_loss():
    metal = study_from(STUDY).metals[0]
    assert metal.alloy.density == D("15.5")  # or jaune 750 in portfolio/data/alliages.yml
    assert net_weight(metal) == D("0.25") * D("15.5") == D("3.875")  # grams
    assert gross_weight(metal) == D("3.875") * (1 + D(10) / 100) == D("4.2625")
    assert line_amount(metal) == D("4.2625") * 100 == D("426.25")


def test_line_amounts_and_fixed_defaults():
    study = study_from(STUDY)
    stone, = study.stones
    assert stone.unit_price == D("0.10") * 400 == D(40)  # prix au carat x carats
    assert line_amount(stone) == 2 * D(40)
    assert line_amount(study.supplies[0]) == D("0.5") * 12 == D(6)
    prototype, casting = study.subcontracting
    assert prototype.fixed and not casting.fixed  # "prototype" is a fixed cost by default
    cad, polishing = study.labour
    assert cad.fixed and not polishing.fixed  # "CAO" fixed, bench work per piece
    assert line_amount(cad) == 4 * D(25) == D(100)
    assert polishing.hours == D("1.5")  # "1 h 30"
    assert line_amount(polishing) == D("1.5") * 25 == D("37.5")


def test_category_totals_split_fixed_and_per_piece():
    totals = {t.key: (t.fixed, t.variable) for t in category_totals(study_from(STUDY))}
    assert totals == {
        "metals": (0, D("426.25")),
        "stones": (0, D(80)),
        "supplies": (0, D(6)),
        "subcontracting": (D(30), D(20)),
        "labour": (D(100), D("37.5")),
    }


def test_unit_cost_overheads_margin_vat():
    study = study_from(STUDY)
    fixed = D(30) + D(100)  # prototype + CAO
    variable = D("426.25") + 80 + 6 + 20 + D("37.5")
    assert variable == D("569.75")
    cost = series_cost(study, 1)
    direct = variable + fixed  # 699.75
    overheads = direct * D(20) / 100  # 139.95
    cost_price = direct + overheads  # 839.70
    margin = cost_price * D(25) / 100  # 209.925
    price_ht = cost_price + margin  # 1049.625
    vat = price_ht * D(20) / 100  # 209.925 (TVA 20 % by default)
    assert (cost.direct, cost.overheads, cost.cost_price) == (direct, overheads, cost_price)
    assert cost.cost_price == D("839.70")
    assert (cost.margin, cost.price_ht, cost.vat) == (margin, price_ht, vat)
    assert cost.price_ht == D("1049.625")
    assert cost.price_ttc == price_ht + vat == D("1259.55")
    # Rounded once, at display, half up: 1049.625 -> 1 049,63 €.
    assert format_euros(cost.price_ht) == "1\u202f049,63\u00a0€"


def test_series_amortise_fixed_costs():
    study = study_from(STUDY)
    assert study.series == (1, 10)  # sorted; the single piece is always studied
    one, ten = costs_by_series(study)
    assert ten.fixed_share == D(130) / 10 == D(13)
    assert ten.direct == D("569.75") + 13 == D("582.75")
    assert ten.cost_price == D("582.75") * D("1.2") == D("699.30")
    assert ten.price_ht == D("699.30") * D("1.25") == D("874.125")
    assert ten.price_ttc == D("874.125") * D("1.2") == D("1048.95")
    assert ten.series_cost == 10 * D("699.30")
    assert one.price_ttc > ten.price_ttc
    assert market_gap(study, ten) == (D("1048.95") - 1000) / 1000 * 100  # +4.895 %


def test_series_of_three_is_not_rounded_before_display():
    study = study_from(STUDY)
    three = series_cost(study, 3)
    assert three.fixed_share == D(130) / 3  # 43.333... kept unrounded
    # R = (569.75 + 130/3) x 1.2 = 683.70 + 52 = 735.70
    assert format_euros(three.cost_price) == "735,70\u00a0€"


def test_subtotal_is_computed_from_unrounded_lines():
    study = study_from("""\
        apprets:
          - {designation: Rivet A, prix_unitaire: 0.005}
          - {designation: Rivet B, prix_unitaire: 0.005}
          - {designation: Rivet C, prix_unitaire: 0.005}
        frais_generaux: 0
        marge: 0
        tva: 0
        """)
    supplies, = category_totals(study)
    assert supplies.total == 3 * D("0.005") == D("0.015")
    html = render_costs_html(study)
    # Each line shows 0,01 € (0.005 rounded half up) but the subtotal is 0.015 -> 0,02 €,
    # not the 0,03 € a spreadsheet of rounded cells would give.
    assert html.count("<td class=\"pf-couts-montant\">0,01\u00a0€</td>") == 3
    subtotal = "Sous-total apprêts et fournitures</th><td class=\"pf-couts-montant\">0,02\u00a0€"
    assert subtotal in html


def test_defaults_vat_and_series():
    study = study_from("""\
        main_oeuvre:
          - {operation: Sciage, heures: 1, taux_horaire: 30}
        frais_generaux: 10
        marge: 10
        """)
    assert study.vat == D(20)
    assert study.series == (1, 10, 50)
    # 30 x 1.10 x 1.10 = 36.30 HT; x 1.20 = 43.56 TTC
    assert series_cost(study, 1).price_ttc == D(30) * D("1.1") * D("1.1") * D("1.2") == D("43.56")


def test_density_given_on_the_line():
    study = study_from("""\
        metaux:
          - alliage: or vert 750
            densite: "15,9"
            source_densite: fiche technique du fournisseur
            volume_cm3: 0.1
            prix_g: 100
            date: 2026-10
            source: cours de test
        frais_generaux: 0
        marge: 0
        """)
    metal, = study.metals
    assert net_weight(metal) == D("0.1") * D("15.9") == D("1.59")
    assert metal.alloy.source == "fiche technique du fournisseur"
