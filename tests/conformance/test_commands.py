"""build.py check (conformance report, --json, --rendre), build (not blocked), rendre, verifier."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

import pytest
from dossiers import PROJET, STAGES, conforming, paged, section

from portfolio.cli.main import main
from portfolio.handin.snapshot import latest_handin, verify

pytestmark = pytest.mark.slow      # check, rendre and verifier on built dossiers


def run(project, *args) -> int:
    return main(["--project", str(project), *args])


def test_check_prints_the_conformance_report(project, make_dossier, capsys):
    conforming(make_dossier, project / "students")
    assert run(project, "check") == 0
    out = capsys.readouterr().out
    assert "  contenus obligatoires : 8 / 8" in out
    assert "    ✓ étude des coûts de réalisation et de production (« Étude des coûts »)" in out
    assert "  1re partie (stages) : 2 stages, 12 semaines et 2 jours pour 12 semaines " \
        "exigées ✓" in out
    assert "    Atelier Durand (bijouterie-joaillerie) du 02/06/2025 au 11/07/2025 : " \
        "6 semaines ; attestation de stage ✓, rapport de stage ✓, bilan de formation en " \
        "milieu professionnel ✓" in out
    assert "  date de remise du dossier (session 2027) : 15/04/2027, " in out
    assert "  verdict (vérification) : conforme\n" in out
    assert "refusé" not in out and "non conforme" not in out


@pytest.mark.parametrize("fin, code, verdict", [
    ("2026-03-27", 0, "  verdict (vérification) : conforme\n"),     # Mon 5 Jan -> Fri 27 Mar
    ("2026-03-20", 1, "  verdict (vérification) : non conforme (1 motif)\n"
                      "    ✗ students/ana/dossier.yml:14 : formation en milieu professionnel "
                      "trop courte : 11 semaines pour les 12 semaines exigées : il manque "
                      "1 semaine.")])
def test_check_passes_twelve_weeks_monday_to_friday_and_says_what_eleven_lack(
        project, make_dossier, capsys, fin, code, verdict):
    partie1 = STAGES.replace("2025-06-02", "2026-01-05").replace("2025-07-11", "2026-02-13") \
        .replace("2026-01-05\n      fin: 2026-02-17", f"2026-02-16\n      fin: {fin}")
    conforming(make_dossier, project / "students", partie1=partie1)
    assert run(project, "check") == code
    out = capsys.readouterr().out
    assert verdict in out


def test_check_lists_what_to_complete_and_rendre_mode_refuses(project, make_dossier, capsys):
    sections = {k: v for k, v in PROJET.items() if k != "07-couts.md"}
    conforming(make_dossier, project / "students", sections=sections, partie1="")
    assert run(project, "check") == 0
    out = capsys.readouterr().out
    assert "    ✗ étude des coûts de réalisation et de production : manquant" in out
    assert "  1re partie (stages) : non déclarée" in out
    assert "  verdict (vérification) : à compléter avant la remise (2 points)\n" \
        "    • students/ana/dossier.yml : pièces de la 1re partie non déclarées" in out
    assert "    • students/ana/sections : contenu obligatoire manquant : étude des coûts" in out
    assert "dossier pas encore conforme" not in out      # the build's summary, not repeated
    assert "attention : students/ana/sections" not in out   # a reason is not also a warning
    assert run(project, "check", "--rendre") == 1
    out = capsys.readouterr().out
    assert "  verdict (remise) : non conforme (2 motifs)\n" in out
    assert "    ✗ students/ana/sections : contenu obligatoire manquant" in out


def test_check_json_carries_the_same_verdict(project, make_dossier, capsys):
    conforming(make_dossier, project / "students", partie1="", sections=paged(PROJET))
    assert run(project, "check", "--json") == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["verdict"] == "à compléter" and report["mode"] == "check"
    assert not {"conforme", "publiable", "conformite"} & set(report)   # one verdict, no other
    assert [(m["gravite"], m["fichier"], m["ligne"]) for m in report["motifs"]] == [
        ("à compléter", "students/ana/dossier.yml", None)]
    assert "pièces de la 1re partie non déclarées" in report["motifs"][0]["message"]
    assert all(c["present"] for c in report["contenus"])
    assert report["partie1"]["declaree"] is False
    assert report["remise"]["date"] == "2027-04-15" and report["remise"]["examen"] is None
    # the cover (the contents on it) and the seven sections of PROJET, a page each
    assert report["limites"][0] == {"limite": "document principal (2e partie)", "pages": 8,
                                    "max": 15}
    assert run(project, "check", "--json", "--rendre") == 1
    report = json.loads(capsys.readouterr().out)[0]
    assert report["verdict"] == "non conforme"
    assert report["motifs"][0]["gravite"] == "bloquant"


def test_an_over_budget_dossier_is_never_called_conforme(project, make_dossier, capsys):
    extra = {f"{n:02d}-suite.md": section(f"Suite {n}", "autre", "Une page de plus.")
             for n in range(8, 16)}          # 1 (contents on the cover) + 7 + 8 = 16 pages
    conforming(make_dossier, project / "students", sections=paged({**PROJET, **extra}))
    assert run(project, "check") == 1
    out = capsys.readouterr().out
    assert "  verdict (vérification) : non conforme (1 motif)\n    ✗ students/ana/dossier.yml :" \
        " document principal (2e partie) : 16 pages pour 15 autorisées" in out
    assert ": conforme" not in out
    assert run(project, "check", "--json") == 1
    report = json.loads(capsys.readouterr().out)[0]
    assert report["verdict"] == "non conforme"
    assert "conforme" not in json.dumps({k: v for k, v in report.items() if k != "verdict"},
                                        ensure_ascii=False).replace("non conforme", "")
    assert run(project, "build") == 1
    err = capsys.readouterr().err
    assert "erreur : dossier refusé : students/ana/dossier.yml : document principal" in err
    assert "attention : Dossier refusé" not in err and "attention : dossier refusé" not in err


def test_build_still_publishes_an_unfinished_dossier_and_says_so(project, make_dossier, capsys):
    make_dossier(project / "students", "ana")              # only its objectives
    assert run(project, "build") == 0
    assert (project / "site" / "ana" / "dossier-ana.pdf").is_file()
    assert "attention : students/ana/dossier.yml : dossier pas encore conforme au règlement : " \
        "8 contenus obligatoires manquants ou incomplets, pièces de la 1re partie non " \
        "déclarées. Détail : python3 build.py controler ana" in capsys.readouterr().err


def test_rendre_refuses_a_dossier_that_does_not_conform(project, make_dossier, capsys):
    sections = {k: v for k, v in PROJET.items() if k != "05-croquis.md"}
    conforming(make_dossier, project / "students", sections=sections)
    assert run(project, "rendre", "ana") == 1
    out = capsys.readouterr().out
    assert "Dossier « ana » non rendu : il n'est pas conforme au règlement." in out
    assert "  ✗ students/ana/sections : contenu obligatoire manquant : croquis. Ajoutez une " \
        "section avec « role: croquis » avec au moins une image." in out
    assert not (project / "rendus").exists()
    assert run(project, "rendre", "personne") == 1


def test_rendre_freezes_a_conforming_dossier_and_verifier_checks_it(project, make_dossier,
                                                                   capsys):
    root = conforming(make_dossier, project / "students")
    assert run(project, "rendre", "ana") == 0
    snapshot = latest_handin(project, "ana")
    assert snapshot is not None and snapshot.parent == project / "rendus" / "ana"
    assert f"Dossier rendu et figé (lecture seule) : rendus/ana/{snapshot.name}/" in \
        capsys.readouterr().out
    files = {p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*") if p.is_file()}
    assert {"MANIFEST.sha256", "RENDU.json", "dossier-ana.pdf", "sources/dossier.yml",
            "sources/sections/07-couts.md", "sources/partie1/bilan-roux.pdf",
            "sources/images/croquis.jpg"} <= files
    for path in [snapshot, *snapshot.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o555 if path.is_dir() else 0o444), path
    manifest = (snapshot / "MANIFEST.sha256").read_text()
    assert len(manifest.splitlines()) == len(files) - 1
    assert verify(snapshot) == []
    if shutil.which("sha256sum"):              # the manifest is plain sha256sum format
        subprocess.run(["sha256sum", "--quiet", "-c", "MANIFEST.sha256"], cwd=snapshot,
                       check=True)
    info = json.loads((snapshot / "RENDU.json").read_text())
    assert info["conformite"]["mode"] == "rendre"

    # Later edits of the sources never touch the handed-in snapshot.
    (root / "sections" / "01-objectifs.md").write_text("Version d'après.\n")
    assert run(project, "verifier", "ana") == 0
    assert f"  ✓ rendus/ana/{snapshot.name} : intact" in capsys.readouterr().out


def test_verifier_names_a_modified_file(project, make_dossier, capsys):
    conforming(make_dossier, project / "students")
    assert run(project, "rendre", "ana") == 0
    snapshot = latest_handin(project, "ana")
    target = snapshot / "sources" / "sections" / "01-objectifs.md"
    target.chmod(0o644)
    target.write_text("Réécrit après la remise.\n")
    (snapshot / "sources" / "sections").chmod(0o755)
    (snapshot / "sources" / "sections" / "99-ajout.md").write_text("Ajouté.\n")
    (snapshot / "dossier-ana.pdf").chmod(0o644)
    snapshot.chmod(0o755)
    os.remove(snapshot / "dossier-ana.pdf")
    capsys.readouterr()
    assert run(project, "verifier") == 1
    out = capsys.readouterr().out
    assert f"  ✗ rendus/ana/{snapshot.name} : modifié depuis la remise" in out
    assert "      fichier modifié depuis la remise : sources/sections/01-objectifs.md" in out
    assert "      fichier manquant : dossier-ana.pdf" in out
    assert "      fichier ajouté depuis la remise : sources/sections/99-ajout.md" in out


def test_two_hand_ins_keep_both_snapshots(project, make_dossier, capsys):
    """A second hand-in must be asked for: the bordereau takes the last one."""
    conforming(make_dossier, project / "students")
    (project / "students" / "ana" / "revue.yml").write_text(
        "notes:\n  - texte: Reprendre la conclusion\n    statut: ouverte\n"
        "  - texte: Orthographe\n    statut: faite\n", encoding="utf-8")
    assert run(project, "rendre", "ana") == 0
    out = capsys.readouterr().out
    assert "attention : 1 remarque de l'enseignant encore ouverte (revue.yml, non remise au " \
        "jury) :\n    - Reprendre la conclusion\n" in out and "Orthographe" not in out
    assert run(project, "rendre", "ana") == 1
    out = capsys.readouterr().out
    assert "Dossier « ana » non rendu : il a déjà été rendu le " in out
    assert "python3 build.py rendre ana --remplacer" in out
    assert len(list((project / "rendus" / "ana").iterdir())) == 1
    assert run(project, "rendre", "ana", "--remplacer") == 0
    assert "Ce rendu remplace le précédent" in capsys.readouterr().out
    snapshots = sorted((project / "rendus" / "ana").iterdir())
    assert len(snapshots) == 2 and latest_handin(project, "ana") == snapshots[-1]
    assert run(project, "verifier", "ana") == 0


@pytest.mark.parametrize("slug, code", [("ana", 1), (None, 0)])
def test_verifier_without_hand_ins(project, slug, code, capsys):
    assert run(project, "verifier", *([slug] if slug else [])) == code
    assert "Aucun dossier rendu" in capsys.readouterr().out


@pytest.mark.parametrize("voie, files", [
    ([], ["01-objectifs.md", "02-recherches-plastiques.md", "03-recherches-historiques.md",
          "04-recherches-techniques.md", "05-croquis.md", "06-etapes.md", "07-couts.md"]),
    (["--voie", "perfectionnement"], [
        "01-recherches-historiques.md", "02-methodes.md", "03-schemas.md", "04-dessins.md",
        "05-gouaches.md", "06-gestion.md", "07-couts.md"])])
def test_new_scaffolds_the_sections_of_the_voie(project, capsys, voie, files):
    assert run(project, "new", "Léa Dumas", *voie) == 0
    root = project / "students" / "lea-dumas"
    assert sorted(p.name for p in (root / "sections").iterdir()) == files
    expected = voie[1] if voie else "scolaire"
    assert f"voie: {expected} " in (root / "dossier.yml").read_text(encoding="utf-8")


def test_the_frozen_sources_keep_a_photos_date_and_device_not_its_place(project, make_dossier):
    """Decided for the exam office's archive: GPS position out, device and date kept; the
    student's own file is never touched."""
    from PIL import Image

    root = conforming(make_dossier, project / "students")
    photo = root / "images" / "etape.jpg"
    exif = Image.Exif()
    exif[0x0110], exif[0x0132] = "iPhone 13", "2026:11:02 10:12:00"    # model, date
    exif.get_ifd(0x8825).update({1: "N", 2: (45.0, 46.0, 12.0), 3: "E", 4: (4.0, 50.0, 1.0)})
    Image.new("RGB", (400, 300), (180, 140, 60)).save(photo, "JPEG", exif=exif.tobytes())
    original = photo.read_bytes()
    assert run(project, "rendre", "ana") == 0
    frozen = latest_handin(project, "ana") / "sources" / "images" / "etape.jpg"
    kept = Image.open(frozen).getexif()
    assert kept.get(0x0110) == "iPhone 13" and kept.get(0x0132) == "2026:11:02 10:12:00"
    assert dict(kept.get_ifd(0x8825)) == {}
    assert photo.read_bytes() == original
    assert run(project, "verifier", "ana") == 0
