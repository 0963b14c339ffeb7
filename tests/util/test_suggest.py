"""Names that match nothing -> the names meant: files of a dossier, dossiers of students/."""

from __future__ import annotations

import pytest
from helpers import sections_of_one_page

from portfolio.cli.main import main
from portfolio.util.suggest import close_names, file_hint, unknown_dossier

IMAGES = ["meduse-mue.jpg", "etape-scie.jpg", "etape-cire.jpg", "etape-fonte.jpg",
          "Croquis 1.PNG", "couverture.jpg", "plan.pdf"]


@pytest.mark.parametrize("written, meant", [
    ("meduse-muse.jpg", ["meduse-mue.jpg"]),               # a letter too many
    ("etape_scie.jpg", ["etape-scie.jpg"]),                # _ for -
    ("etape-cire", ["etape-cire.jpg"]),                    # no extension
    ("etape-fonte.png", ["etape-fonte.jpg"]),              # another extension
    ("croquis_1.png", ["Croquis 1.PNG"]),                  # case, space, extension case
    ("couvertûre.jpg", ["couverture.jpg"]),                # an accent
    ("photo-atelier.jpg", []),                             # nothing close: nothing said
    ("plan.jpg", ["plan.pdf"]),
    ("etape-bruc.jpg", []),                                # a different word, not a typo
    ("etape-sice.jpg", ["etape-scie.jpg", "etape-cire.jpg"]),   # letters swapped
    ("etape-fontes.jpg", ["etape-fonte.jpg"]),
])
def test_close_names(written, meant):
    assert close_names(written, IMAGES) == meant


@pytest.mark.parametrize("written, meant", [
    ("attestation-roux.pdf", []),          # another stage's piece is not what was meant
    ("attestation-rou.pdf", ["attestation-roux.pdf"]),
    ("atestation-roux.pdf", ["attestation-roux.pdf"]),
])
def test_another_placement_piece_is_not_suggested(written, meant):
    names = ["attestation-durand.pdf", "bilan-durand.pdf"] + (
        ["attestation-roux.pdf"] if meant else [])
    assert close_names(written, names) == meant


@pytest.mark.parametrize("written, hint", [
    ("../images/meduse-muse.jpg", "Vouliez-vous dire « ../images/meduse-mue.jpg » ?"),
    ("../images/etape_scie.jpg", "Vouliez-vous dire « ../images/etape-scie.jpg » ?"),
    ("../images/Meduse-Mue.jpg",
     "Vouliez-vous dire « ../images/meduse-mue.jpg » ? Les majuscules comptent."),
    ("../photos/meduse-mue.jpg", "Vouliez-vous dire « ../images/meduse-mue.jpg » ?"),  # folder
    ("meduse-mue.jpg", "Vouliez-vous dire « ../images/meduse-mue.jpg » ?"),
    ("../images/rien-de-tel.jpg", ""),
])
def test_file_hint_writes_what_to_write_instead(tmp_path, written, hint):
    root = tmp_path / "ana"
    (root / "sections").mkdir(parents=True)
    (root / "images").mkdir()
    for name in ("meduse-mue.jpg", "etape-scie.jpg"):
        (root / "images" / name).write_bytes(b"x")
    assert file_hint(written, root / "sections", root) == hint


def test_a_missing_image_is_named_with_the_close_one(project, make_dossier, capsys):
    root = make_dossier(project / "students", "ana", {
        "01-a.md": "---\ntitre: A\n---\n\n![Méduse](../images/meduse-muse.jpg \"La méduse\")\n"},
        images={"meduse-mue.jpg": (40, 30)})
    assert main(["--project", str(project), "controler"]) == 1
    out = capsys.readouterr().out
    assert ("students/ana/sections/01-a.md:5 : image introuvable « ../images/meduse-muse.jpg ». "
            "Vouliez-vous dire « ../images/meduse-mue.jpg » ?") in out
    assert root.is_dir()


@pytest.mark.parametrize("typed, message", [
    ("lea-moraeu", "aucun dossier « lea-moraeu » dans students/. Vouliez-vous dire "
                   "« lea-moreau » ? Dossiers : ana, lea-moreau."),
    ("Lea_Moreau", "aucun dossier « Lea_Moreau » dans students/. Vouliez-vous dire "
                   "« lea-moreau » ? Dossiers : ana, lea-moreau."),
    ("zzz", "aucun dossier « zzz » dans students/. Dossiers : ana, lea-moreau."),
])
def test_unknown_dossier(typed, message):
    assert unknown_dossier(typed, ["ana", "lea-moreau"]) == message


def test_unknown_dossier_in_an_empty_class():
    assert unknown_dossier("ana", []) == ("aucun dossier « ana » dans students/. Créez-en un : "
                                          "python3 build.py nouveau \"Prénom Nom\"")


@pytest.mark.parametrize("command", [["controler"], ["rendre"]])
def test_a_mistyped_dossier_lists_the_dossiers(project, make_dossier, capsys, command):
    make_dossier(project / "students", "lea-moreau", sections_of_one_page(1))
    make_dossier(project / "students", "hugo-petit", sections_of_one_page(1))
    assert main(["--project", str(project), *command, "lea-moraeu"]) == 1
    err = capsys.readouterr().err
    assert err == ("erreur : aucun dossier « lea-moraeu » dans students/. Vouliez-vous dire "
                   "« lea-moreau » ? Dossiers : hugo-petit, lea-moreau.\n")
