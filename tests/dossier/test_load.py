"""dossier.yml and section files: every mistake gets a French message with file and line."""

from __future__ import annotations

import unicodedata

import pytest
from helpers import DOSSIER_YML

from portfolio import ConfigError, DossierError, load_dossier

GOOD = DOSSIER_YML.format(prenom="Ana", nom="Dupont", numero="0123", titre="Bague",
                          voie="scolaire", brouillon="false", format="A3-paysage")


@pytest.mark.parametrize(("yml", "expected"), [
    (GOOD.replace("brouillon:", "draft:"),
     "dossier.yml:12 : clé inconnue « draft ». Vouliez-vous dire « brouillon » ?"),
    (GOOD.replace("  titre:", "  tittre:"),
     "dossier.yml:10 : clé inconnue « tittre ». Vouliez-vous dire « titre » ?"),
    (GOOD.replace("brouillon: false", "brouillon: peut-être"),
     "dossier.yml:12 : « brouillon » doit être true ou false, pas « peut-être »."),
    (GOOD.replace("voie: scolaire", "voie: scolair"),
     "dossier.yml:7 : valeur inconnue « scolair » pour « voie ». Vouliez-vous dire « scolaire » ?"),
    (GOOD.replace("format: A3-paysage", "format: A2-paysage"),
     "dossier.yml:13 : valeur inconnue « A2-paysage » pour « format »."),
    (GOOD.replace("  nom: Dupont\n", ""),
     "dossier.yml:1 : il manque le nom (clé « nom »)."),
    (GOOD.replace("option: bijouterie-joaillerie\n", ""),
     "dossier.yml:1 : il manque l'option (clé « option »)."),
    (GOOD.replace("session: 2027", "session: [2027"),
     "dossier.yml:"),
    (GOOD.replace("  prenom: Ana", "\tprenom: Ana"),
     "dossier.yml:2 : tabulation interdite"),
    (GOOD + "voie: apprentissage\n",
     "dossier.yml:14 : la clé « voie » apparaît deux fois (déjà ligne 7)."),
    ("", "dossier.yml:1 : fichier vide."),
])
def test_yaml_mistakes_name_file_and_line(tmp_path, make_dossier, yml, expected):
    root = make_dossier(tmp_path, "ana", yml=yml)
    with pytest.raises(ConfigError) as info:
        load_dossier(root)
    assert expected in str(info.value)
    assert "Traceback" not in str(info.value)


def test_bom_and_crlf_are_fine(tmp_path, make_dossier):
    root = make_dossier(tmp_path, "ana")
    (root / "dossier.yml").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert load_dossier(root).candidate.full_name == "Ana Dupont"


def test_windows_1252_markdown_is_read_with_a_warning(tmp_path, make_dossier):
    root = make_dossier(tmp_path, "ana", {"01-objectifs.md": "x"})
    (root / "sections" / "01-objectifs.md").write_bytes("# Créé sous Word\n\nÉté".encode("cp1252"))
    dossier = load_dossier(root)
    assert dossier.sections[0].title == "Créé sous Word"
    assert "Été" in dossier.sections[0].body
    assert "Windows-1252" in str(dossier.warnings[0])


def test_sections_in_numbered_order_with_roles(tmp_path, make_dossier):
    root = make_dossier(tmp_path, "ana", {
        "10-couts.md": "# Les coûts\n", "2-croquis.md": "# Croquis\n\nTexte",
        "1-objectifs.md": "# Objectifs\n\nTexte"})
    dossier = load_dossier(root)
    assert [(s.slug, s.role) for s in dossier.sections] == [
        ("objectifs", "objectifs"), ("croquis", "croquis"), ("couts", "couts")]
    assert dossier.sections[1].title == "Croquis"


def test_explicit_section_list_and_unknown_role(tmp_path, make_dossier):
    yml = GOOD + "sections:\n  - fichier: sections/b.md\n    role: couts\n  - sections/a.md\n"
    root = make_dossier(tmp_path, "ana", {"a.md": "# A\n", "b.md": "# B\n"}, yml=yml)
    assert [s.slug for s in load_dossier(root).sections] == ["b", "a"]
    (root / "sections" / "a.md").write_text("---\nrole: coûts-de-revient\n---\nA")
    with pytest.raises(DossierError, match="rôle inconnu « coûts-de-revient »"):
        load_dossier(root)


def test_nfd_file_names_from_macos_are_found(tmp_path, make_dossier):
    nfd = unicodedata.normalize("NFD", "étape-soudée.png")
    root = make_dossier(tmp_path, "ana", images={nfd: (10, 10)})
    (root / "sections" / "01-a.md").write_text("# A\n\n![soudure](../images/étape-soudée.png)")
    yml = GOOD + "couverture: images/étape-soudée.png\n"
    (root / "dossier.yml").write_text(yml)
    assert load_dossier(root).cover.name == nfd


def test_missing_cover_says_where(tmp_path, make_dossier):
    root = make_dossier(tmp_path, "ana", yml=GOOD + "couverture: images/Couv.jpg\n",
                        images={"couv.jpg": (10, 10)})
    with pytest.raises(DossierError) as info:
        load_dossier(root)
    assert "dossier.yml:14 : image de couverture introuvable « images/Couv.jpg »" in str(info.value)
    assert "Vouliez-vous dire « images/couv.jpg » ? Les majuscules comptent." in str(info.value)


def test_no_sections_is_an_error(tmp_path, make_dossier):
    root = make_dossier(tmp_path, "ana", {})
    with pytest.raises(ConfigError, match="aucune section"):
        load_dossier(root)
