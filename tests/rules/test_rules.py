"""The rules file (voies.yml) is checked with French errors at its lines, never with asserts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from portfolio import ConfigError
from portfolio.rules import RULES_FILE, load_rules

ORIGINAL = RULES_FILE.read_text(encoding="utf-8")
SCOLAIRE = "parts: [principal], max: 15}"


@pytest.mark.parametrize(("old", "new", "message"), [
    (SCOLAIRE, "parts: [principale], max: 15}",
     "voies.yml:25 : règles : partie inconnu(e) « principale » ; possibles : partie1, "
     "principal, annexes."),
    (SCOLAIRE, "parts: [principal], max: 0}", "voies.yml:25 : règles : limite de 0 page(s)"),
    (SCOLAIRE, "parts: [principal], max: quinze}",
     "voies.yml:25 : règles : « max » n'a pas la forme attendue (un nombre)."),
    ("roles: [objectifs], verifs", "roles: [objectif], verifs",
     "voies.yml:99 : règles : rôle inconnu(e) « objectif »"),
    ("  A3-paysage: [420, 297]", "  A3-paysage: [420]",
     "voies.yml:83 : règles : le format « A3-paysage » doit être [largeur, hauteur] en mm."),
    ("  rendre: {contenus: erreur,", "  remettre: {contenus: erreur,",
     "règles : mode inconnu(e) « remettre »"),
    ("partie1-absente: erreur, echeance: erreur,",
     "partie1-absente: erreur, echeance: bloquant,",
     "règles : niveau inconnu(e) « bloquant » ; possibles : erreur, avertissement."),
    ("    partie1: pfmp\n", "", "voies.yml:20 : règles : il manque « partie1 »."),
    ("      periode: période en entreprise", "      period: période en entreprise",
     "voies.yml:145 : règles : mot inconnu(e) « period » ; possibles : periode, periodes, "
     "partie, attestation."),
    ("semaines_min: 12 ", "semaines_min: douze ",
     "voies.yml:142 : règles : « semaines_min » n'a pas la forme attendue (un nombre)."),
    ("  bijouterie: [bijou,", "  bijou: [bijou,", "règles : il manque « bijouterie »."),
])
def test_a_mistake_in_the_rules_is_a_french_error_at_its_line(tmp_path, old, new, message):
    assert old in ORIGINAL
    path = tmp_path / "voies.yml"
    path.write_text(ORIGINAL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    assert message in str(info.value)
    assert "Corrigez portfolio/rules/voies.yml" in str(info.value)


def test_the_checks_hold_under_python_dash_o(tmp_path):
    """Asserts vanish under ``python -O``: the rules' checks must not."""
    path = tmp_path / "voies.yml"
    path.write_text(ORIGINAL.replace(SCOLAIRE, "parts: [principale], max: 15}"),
                    encoding="utf-8")
    code = ("import sys; from portfolio.rules import load_rules\n"
            "try: load_rules(__import__('pathlib').Path(sys.argv[1]))\n"
            "except Exception as exc: print(type(exc).__name__, exc)\n")
    result = subprocess.run([sys.executable, "-O", "-c", code, str(path)], capture_output=True,
                            text=True, timeout=60)
    assert "ConfigError" in result.stdout and "partie inconnu(e)" in result.stdout
