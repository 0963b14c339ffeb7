"""revue.yml -> review notes: a teacher's mistake is one French line with file and line."""

from __future__ import annotations

import pytest
from helpers import sections_of_one_page

from portfolio import ConfigError, load_dossier
from portfolio.dossier.review import load_notes


@pytest.mark.parametrize(("yaml", "message"), [
    ("notes:\n  - text: Revoir.\n",
     "revue.yml:2 : clé inconnue « text » dans la note n° 1. Vouliez-vous dire « texte » ?"),
    ("notes:\n  - texte: Bien.\n  - statut: faite\n",
     "revue.yml:3 : il manque le texte pour « la note n° 2 » (clé « texte »)."),
    ("notes:\n  - Revoir la fig. 3\n",
     "revue.yml:2 : la note n° 1 doit être un bloc de clés (« clé: valeur »), pas « Revoir"),
    ("notes:\n  - texte: Bien.\n    statut: fermée\n",
     "revue.yml:3 : statut inconnu « fermée ». Écrivez « ouverte » ou « faite »."),
    ("notes:\n  - texte: Bien.\n    section: 09-absente.md\n",
     "revue.yml:3 : section inconnue « 09-absente.md »."),
    ("notes:\n  - texte:\n      a: b\n",
     "revue.yml:2 : « texte » doit être un texte, pas un bloc ou une liste."),
])
def test_review_mistakes(tmp_path, make_dossier, yaml, message):
    root = make_dossier(tmp_path / "students", "ana", sections_of_one_page(2))
    (root / "revue.yml").write_text(yaml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_notes(load_dossier(root))
    assert message in str(info.value)


def test_notes_are_read(tmp_path, make_dossier):
    root = make_dossier(tmp_path / "students", "ana", sections_of_one_page(2))
    (root / "revue.yml").write_text(
        "notes:\n  - section: 02-partie-2.md\n    auteur: M. Garnier\n    date: 2026-11-20\n"
        "    texte: Ajoutez la source.\n  - texte: Bon début.\n    statut: faite\n",
        encoding="utf-8")
    first, second = load_notes(load_dossier(root))
    assert (first.section, first.author, first.date, first.status, first.line) == (
        "partie-2", "M. Garnier", "20/11/2026", "ouverte", 2)
    assert (second.section, second.text, second.open) == (None, "Bon début.", False)
