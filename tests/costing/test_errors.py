"""Bad couts.yml: each mistake is one French ConfigError naming the file, the line, what to do."""

from __future__ import annotations

import textwrap

import pytest

from portfolio.costing import load_costs
from portfolio.util import errors
from portfolio.util.errors import ConfigError

RATES = "frais_generaux: 30\nmarge: 25\n"
METAL = """\
metaux:
  - alliage: or-jaune-750
    {field}
    prix_g: 104
    date: 2026-10
    source: cours de test
"""


def _load(tmp_path, monkeypatch, text: str) -> ConfigError:
    monkeypatch.setattr(errors, "_display_root", tmp_path.resolve())
    path = tmp_path / "couts.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_costs(path)
    return info.value


def _line_of(text: str, marker: str) -> int:
    """1-based line of the first line containing ``marker`` (the key the message must point at)."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


# (YAML, marker of the offending line, expected message after "couts.yml:<line> : ")
CASES = [
    pytest.param(
        "apprets:\n  - designation: Fermoir\n    prix_unitaire: 4\n"
        "  - designation: Saphir\n    quantite: -2\n    prix_unitaire: 5\n" + RATES,
        "quantite: -2",
        "quantité négative (-2) pour « Saphir ». Indiquez un nombre positif.",
        id="negative-quantity"),
    pytest.param(
        METAL.format(field="poids_g: -4.5") + RATES, "poids_g",
        "poids négatif (-4.5) pour « Or jaune 750 (18 carats) ». Indiquez un nombre positif.",
        id="negative-weight"),
    pytest.param(
        "main_oeuvre:\n  - operation: Polissage\n    heures: -1\n    taux_horaire: 30\n" + RATES,
        "heures", "durée négative (-1) pour « Polissage ». Indiquez un nombre positif.",
        id="negative-hours"),
    pytest.param(
        "main_oeuvre:\n  - operation: Polissage\n    heures: 0\n    taux_horaire: 30\n" + RATES,
        "heures", "durée nulle pour « Polissage ». Indiquez un nombre supérieur à zéro, "
        "ou retirez la ligne.", id="zero-hours"),
    pytest.param(
        METAL.replace("or-jaune-750", "or jaune 75").format(field="poids_g: 4") + RATES,
        "alliage", "alliage inconnu « or jaune 75 ». Vouliez-vous dire « or-jaune-750 »",
        id="unknown-alloy"),
    pytest.param(
        "pierres:\n  - nature: Saphir\n    carats: 0.3\n    source: devis\n" + RATES,
        "nature", "il manque le prix unitaire pour « Saphir » (clé « prix_unitaire »). "
        "Ajoutez « prix_unitaire: ... »", id="missing-price"),
    pytest.param(
        METAL.format(field="poids_g: 4\n    volume_cm3: 0.3") + RATES, "volume_cm3",
        "poids et volume donnés tous les deux pour « Or jaune 750 (18 carats) ». Gardez "
        "« poids_g » (pièce pesée) ou « volume_cm3 »", id="weight-and-volume"),
    pytest.param(
        METAL.format(field='poids_g: "3 kg"') + RATES, "poids_g",
        "« poids_g » doit être un poids en grammes, pas « 3 kg ». Convertissez (1 kg = 1000 g) "
        "et écrivez seulement le nombre.", id="kilograms"),
    pytest.param(
        METAL.format(field="poids_g: beaucoup") + RATES, "poids_g",
        "« poids_g » doit être un poids en grammes, pas « beaucoup ». Écrivez seulement le "
        "nombre, par exemple « poids_g: 4.5 ».", id="not-a-number"),
    pytest.param(
        METAL.format(field="poids_g: 4") + "frais_generaux: 150\nmarge: 25\n",
        "frais_generaux", "taux de frais généraux supérieur à 100 % (150). Indiquez un "
        "pourcentage entre 0 et 100",
        id="rate-over-100"),
    pytest.param(
        METAL.format(field="poids_g: 4") + "frais_generaux: 30\nmarge: 450\n", "marge",
        "taux de marge supérieur à 400 % (450). Indiquez un pourcentage entre 0 et 400",
        id="margin-over-400"),
    pytest.param(
        METAL.format(field="poids_g: 4") + RATES + "tva: -5\n", "tva",
        "taux de TVA négatif (-5).", id="negative-rate"),
    pytest.param(
        "pierres:\n  - nature: Saphir\n    prix_unitiare: 150\n    source: devis\n" + RATES,
        "prix_unitiare", "clé inconnue « prix_unitiare » dans la pierre n° 1. Vouliez-vous "
        "dire « prix_unitaire » ?", id="typo-key"),
    pytest.param(
        "métaux: []\n" + RATES, "métaux",
        "clé inconnue « métaux » dans le fichier des coûts. Écrivez « metaux » (sans accent",
        id="accented-key"),
    pytest.param(
        "pierres: Saphir\n" + RATES, "pierres",
        "« pierres » doit être une liste de lignes commençant par « - ».", id="not-a-list"),
    pytest.param(
        "main_oeuvre:\n  - operation: Sertissage\n    heures: 1\n    taux_horaire: 30\n"
        "    fixe: peut-être\n" + RATES, "fixe",
        "« fixe » doit être true ou false, pas « peut-être ».", id="wrong-flag"),
    pytest.param(
        "main_oeuvre:\n  - operation: Sertissage\n    heures: 1\n" + RATES, "operation",
        "il manque le taux horaire pour « Sertissage ».", id="missing-rate"),
    pytest.param(
        "pierres:\n  - nature: Saphir\n    prix_carat: 500\n    source: devis\n" + RATES,
        "prix_carat", "prix au carat sans poids en carats pour « Saphir ».",
        id="price-per-carat-without-carats"),
    pytest.param(
        METAL.format(field="poids_g: 4") + RATES + "series: [1, 0]\n", "series",
        "taille de série invalide « 0 ».", id="bad-series"),
    pytest.param(
        METAL.format(field="poids_g: 4") + RATES + "series:\n  - 1\n  - dix\n", "- dix",
        "taille de série invalide « dix ». Indiquez des nombres entiers de pièces",
        id="series-not-a-number"),
    pytest.param(
        METAL.format(field="poids_g: 4") + "marge: 25\n", "metaux",
        "il manque le taux de frais généraux (clé « frais_generaux »).", id="missing-overheads"),
    pytest.param(
        "titre: Bague\n" + RATES, "titre", "aucune ligne de coût.", id="no-lines"),
    pytest.param(
        "reference_marche:\n  - description: bague\n" + METAL.format(field="poids_g: 4") + RATES,
        "reference_marche", "la référence marché doit être un bloc de clés (« clé: valeur »), pas "
        "une liste (retirez les « - »).", id="wrong-type"),
    pytest.param("", None, "fichier vide.", id="empty"),
    pytest.param("# seulement un commentaire\n", None, "fichier vide.", id="only-comments"),
]


@pytest.mark.parametrize(("text", "marker", "expected"), CASES)
def test_bad_input_message(tmp_path, monkeypatch, text, marker, expected):
    error = _load(tmp_path, monkeypatch, text)
    line = _line_of(text, marker) if marker else 1
    assert error.line == line
    assert str(error).startswith(f"couts.yml:{line} : {expected}"), str(error)


def test_message_shape_from_the_brief(tmp_path, monkeypatch):
    text = textwrap.dedent("""\
        titre: Bague
        pierres:
          - nature: Saphir
            nombre: 1
            prix_unitaire: 150
            source: devis
        apprets:
          - designation: Saphir
            quantite: -2
            prix_unitaire: 3
        frais_generaux: 30
        marge: 25
        """)
    error = _load(tmp_path, monkeypatch, text)
    assert str(error) == ("couts.yml:9 : quantité négative (-2) pour « Saphir ». "
                          "Indiquez un nombre positif.")


def test_yaml_syntax_error_names_the_line(tmp_path, monkeypatch):
    error = _load(tmp_path, monkeypatch, "metaux:\n  - alliage: or-jaune-750\n\tpoids_g: 4\n")
    assert error.line == 3
    assert "tabulation" in str(error)



def test_absurd_number_is_refused(tmp_path, monkeypatch):
    text = METAL.format(field="poids_g: 2000000000") + RATES
    error = _load(tmp_path, monkeypatch, text)
    assert str(error).startswith("couts.yml:3 : poids trop grand (2000000000) pour « Or jaune 750")


def test_empty_list_item(tmp_path, monkeypatch):
    error = _load(tmp_path, monkeypatch, "pierres:\n  -\n" + RATES)
    assert str(error).startswith("couts.yml:2 : la pierre n° 1 doit être un bloc de clés "
                                 "(« clé: valeur »), pas une ligne vide.")


def test_a_price_without_source_loads_and_is_listed(tmp_path):
    """Issue 14: a missing source is for the conformance check to weigh, not a load error."""
    path = tmp_path / "couts.yml"
    path.write_text("metaux:\n  - alliage: argent-925\n    poids_g: 10\n    prix_g: 1.2\n"
                    "    date: 2026-10\npierres:\n  - nature: Saphir\n    prix_unitaire: 40\n"
                    + RATES, encoding="utf-8")
    assert load_costs(path).unsourced == (("Argent 925 (argent massif)", 2), ("Saphir", 7))
