"""The rendered cost study: escaped, accessible, with a chart; the same totals on screen and PDF."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pypdf
import weasyprint

from portfolio.costing import load_costs, parse_costs, render_costs_html
from portfolio.util.yamlfile import parse_yaml

REPO = Path(__file__).resolve().parents[2]
CSS = REPO / "themes" / "common" / "couts.css"
EXAMPLE = REPO / "students" / "lea-moreau" / "couts.yml"

STUDY = """\
titre: Bague <b>Ginkgo</b>
metaux:
  - alliage: or-jaune-750
    volume_cm3: 0.25
    perte: 10
    prix_g: 100
    date: 2026-10
    source: cours "négociant" & co
pierres:
  - nature: <script>alert("pierre")</script>
    carats: 0.10
    nombre: 2
    prix_carat: 400
    source: <img src=x onerror=alert(1)>
apprets:
  - designation: Soudure
    quantite: 0.5
    unite: g
    prix_unitaire: 12
sous_traitance:
  - prestation: Prototype résine
    prestataire: <i>atelier</i>
    prix_unitaire: 30
  - prestation: Fonte à cire perdue
    prix_unitaire: 20
taux_horaire: 25
main_oeuvre:
  - operation: CAO
    heures: 4
  - operation: Polissage
    heures: 1.5
frais_generaux: 20
marge: 25
series: [1, 10]
reference_marche:
  description: bague comparable
  prix_ttc: 1000
  lieu: <a href="javascript:alert(1)">boutique</a>
  date: 2026-10
"""
# Hand computation in tests/costing/test_compute.py: TTC 1 259,55 € (1 piece), 1 048,95 € (10).
TTC_ONE = "1\u202f259,55\u00a0€"
TTC_TEN = "1\u202f048,95\u00a0€"


def _html() -> str:
    return render_costs_html(parse_costs(parse_yaml(STUDY, Path("couts.yml"))))


def test_every_user_string_is_escaped():
    html = _html()
    assert "<script" not in html and "<img" not in html and "<i>" not in html
    assert "<a " not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;pierre&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "cours &#34;négociant&#34; &amp; co" in html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;boutique&lt;/a&gt;" in html
    assert "javascript:" not in html.replace("href=&#34;javascript:", "")


def test_tables_are_accessible_and_french():
    html = _html()
    captions = [unescape(c) for c in re.findall(r"<caption>(.*?)</caption>", html)]
    assert captions == [
        "Métal", "Pierres et perles", "Apprêts et fournitures", "Sous-traitance", "Main-d'œuvre",
        "Coût de réalisation d'une pièce (pièce unique) et prix de vente",
        "Coût de production et prix par pièce selon la taille de la série"]
    assert html.count("<table") == len(captions)
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert "<th>" not in html  # every header cell says what it heads
    assert "Sous-total métal" in html and "Prix de vente TTC" in html
    assert "Série de 10\u00a0pièces" in html
    assert TTC_ONE in html and TTC_TEN in html
    assert "Fixe (une fois)" in html and "Par pièce" in html
    assert "octobre 2026" in html  # dates in words


def test_svg_chart_is_present_and_self_describing():
    html = _html()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-label="Répartition du prix de vente HT' in svg
    assert "<title>Répartition du prix de vente HT d&#39;une pièce unique</title>" in svg
    assert svg.count("<pattern ") >= 5  # hatchings: readable in black and white print
    for label in ("Métal", "Main-d&#39;œuvre", "Frais généraux", "Marge"):
        assert f">{label}</text>" in svg
    assert "<script" not in svg and " on" not in re.sub(r'"[^"]*"', '""', svg)
    # Pattern ids are unique to the study, so two studies on one page do not collide.
    ids = re.findall(r'<pattern id="([^"]+)"', svg)
    assert len(ids) == len(set(ids)) and all(i.startswith("pf-couts-") for i in ids)


def test_market_reference_and_gap():
    html = _html()
    assert "Référence marché :" in html
    # (1 048,95 - 1 000) / 1 000 = +4,895 % -> +4,9 %
    assert "(écart +4,9\u00a0%)" in html


def _pdf_text(html: str) -> str:
    page = (f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><style>"
            f"{CSS.read_text(encoding='utf-8')} @page {{ size: A3; }}</style></head>"
            f"<body>{html}</body></html>")
    pdf = weasyprint.HTML(string=page).write_pdf()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_pdf_shows_the_same_totals_as_the_html():
    text = _pdf_text(_html())
    assert TTC_ONE.replace("\u202f", " ").replace("\u00a0", " ") in text
    assert TTC_TEN.replace("\u202f", " ").replace("\u00a0", " ") in text
    assert "Prix de vente TTC" in text


def test_example_dossier_study_loads_and_renders():
    study = load_costs(EXAMPLE)
    assert study.title == "Bague Ginkgo"
    assert study.series == (1, 10, 50)
    assert study.metals[0].alloy.key == "or-jaune-750"
    html = render_costs_html(study)
    # 0,29 cm3 x 15,5 g/cm3 = 4,495 g -> 4,50 g
    assert "4,50\u00a0g" in html
    assert "Sous-traitance" in html and "<svg" in html
