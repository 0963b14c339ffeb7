"""Hand-in as the exam office needs it: signed (cle, rendre, verifier), on record (RENDU.json),
archived (PDF/A), listed (bordereau), on time (--hors-delai). Issue 19 and issue 14, item 8.

A class of four is made once: chloe hands in before the school has a key (unsigned), then the
key is made and ana and ben hand in (signed); dan never hands in. Tests that tamper with a
hand-in work on a copy of that class.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from dossiers import conforming
from helpers import pdf_text, write_image
from pdfgen import helvetica_pdf, weasy
from pypdf import PdfReader

from portfolio.cli import handin as handin_cli
from portfolio.cli.main import main, parser
from portfolio.handin.snapshot import latest_handin
from portfolio.pdf.output.archive import inspect_pdf
from portfolio.rules import RULES_FILE
from portfolio.util.errors import set_display_root

CLASS = {   # slug -> (numero, prenom, nom, titre)
    "ana": ("02400000001", "Ana", "Dupont", "Pendentif Lune"),
    "ben": ("02400000002", "Ben", "Martin", "Broche Ginkgo"),
    "chloe": ("02400000003", "Chloé", "Roux", "Bague « Écume » & saphir"),
    "dan": ("02400000004", "Dan", "Petit", "Collier"),
}
PRIVATE = ("revue.yml", ".cache/portfolio/x.json", ".DS_Store", "sections/.#01-objectifs.md",
           "__pycache__/x.pyc", "~$notes.docx")


def run(project: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--project", str(project), *args])
    finally:
        set_display_root(None)
    return code, out.getvalue() + err.getvalue()


def make(students: Path, slug: str, sections: dict, *, voie: str, images: dict,
         yml: str) -> Path:
    """``make_dossier`` for a fixture made once per module (same files, see conftest)."""
    numero, prenom, nom, titre = CLASS[slug]
    root = students / slug
    (root / "sections").mkdir(parents=True)
    (root / "dossier.yml").write_text(
        yml.replace("01234567890", numero).replace("prenom: Ana", f"prenom: {prenom}")
        .replace("nom: Dupont", f"nom: {nom}").replace("Pendentif Lune", f'"{titre}"'),
        encoding="utf-8")
    for name, text in sections.items():
        (root / "sections" / name).write_text(text, encoding="utf-8")
    for name, size in images.items():
        write_image(root / "images" / name, size)
    return root


@pytest.fixture(scope="module")
def handed(tmp_path_factory) -> dict:
    """The class handed in; returns the project, the key pair and what each command printed."""
    from helpers import write_project

    project = write_project(tmp_path_factory.mktemp("classe"))
    key = tmp_path_factory.mktemp("cle-ecole") / "cle.pem"
    students = project / "students"
    roots = {slug: conforming(make, students, slug=slug) for slug in CLASS}
    for path in PRIVATE:                       # the teacher's notes and junk, never frozen
        (roots["ana"] / path).parent.mkdir(parents=True, exist_ok=True)
        (roots["ana"] / path).write_text("notes: []\n" if path == "revue.yml" else "x")
    (roots["ana"] / "annexes").mkdir()         # an annex PDF with a link, appended as pages
    (roots["ana"] / "annexes" / "fiche.pdf").write_bytes(weasy(None))
    (roots["ben"] / "annexes").mkdir()         # an annex that cannot be PDF/A as it is
    (roots["ben"] / "annexes" / "plan.pdf").write_bytes(helvetica_pdf())
    printed = {"chloe": run(project, "rendre", "chloe")[1],      # no key made yet
               "cle": run(project, "cle", "--cle", str(key))}
    for slug in ("ana", "ben"):
        printed[slug] = run(project, "rendre", slug, "--cle", str(key))
    return {"project": project, "key": key, "public": key.with_name("cle.pub.pem"),
            "printed": printed}


@pytest.fixture
def copy(handed, tmp_path) -> Path:
    """A writable copy of the handed-in class, to tamper with."""
    target = tmp_path / "classe"
    shutil.copytree(handed["project"], target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def snapshot(project: Path, slug: str) -> Path:
    return latest_handin(project, slug)


# -- The key --------------------------------------------------------------------------------------


def test_the_key_is_made_once_private_and_outside_the_dossiers(project, tmp_path):
    key = tmp_path / "ecole" / "cle-rendus.pem"
    code, out = run(project, "cle", "--cle", str(key))
    assert code == 0
    assert f"Clé de signature créée : {key}" in out
    assert f"Clé publique : {key.with_name('cle-rendus.pub.pem')}" in out
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in key.read_bytes()
    assert b"PUBLIC KEY" in key.with_name("cle-rendus.pub.pem").read_bytes()
    before = key.read_bytes()
    code, out = run(project, "cle", "--cle", str(key))
    assert code == 1 and "une clé existe déjà ici : elle n'est pas remplacée" in out
    assert key.read_bytes() == before
    for inside in ("students", "site", "rendus"):
        code, out = run(project, "cle", "--cle", str(project / inside / "cle.pem"))
        assert code == 1, inside
        assert f"la clé de signature ne doit pas se trouver dans {inside}/" in out
        assert not (project / inside / "cle.pem").exists()


def test_the_default_key_place_is_a_setting(project, tmp_path, monkeypatch):
    key = tmp_path / "reglage" / "cle.pem"
    monkeypatch.setenv("PORTFOLIO_CLE", str(key))
    assert run(project, "cle")[0] == 0
    assert key.is_file() and key.with_name("cle.pub.pem").is_file()


def test_a_key_readable_by_others_is_refused(project, make_dossier, tmp_path):
    conforming(make_dossier, project / "students")
    key = tmp_path / "cle.pem"
    assert run(project, "cle", "--cle", str(key))[0] == 0
    key.chmod(0o644)
    code, out = run(project, "rendre", "ana", "--cle", str(key))
    assert code == 1 and "la clé privée est lisible par d'autres comptes" in out
    assert f"chmod 600 {key}" in out
    assert not (project / "rendus").exists()


# -- Signed and verified --------------------------------------------------------------------------


def test_a_signed_hand_in_verifies(handed):
    project, key = handed["project"], handed["key"]
    code, out = handed["printed"]["ana"]
    assert code == 0
    assert "  signé par l'établissement (clé SHA256:" in out
    assert "NON signée" not in out
    code, out = run(project, "verifier", "ana", "--cle", str(key))
    assert code == 0
    assert f"  ✓ rendus/ana/{snapshot(project, 'ana').name} : intact, signature valide " \
        "(clé SHA256:" in out
    # The exam centre checks with the public key alone: every hand-in must then be signed.
    code, out = run(project, "verifier", "--cle-publique", str(handed["public"]))
    assert code == 1
    assert out.count("intact, signature valide") == 2
    assert f"  ✗ rendus/chloe/{snapshot(project, 'chloe').name} : non signé" in out


def test_the_signature_checks_without_this_tool(handed):
    """openssl verifies the manifest's signature; sha256sum then checks the files."""
    if not shutil.which("openssl"):
        pytest.skip("openssl absent")
    folder = snapshot(handed["project"], "ana")
    signature = json.loads((folder / "SIGNATURE.json").read_text())
    sig = folder.parent.parent.parent / "manifest.sig"
    sig.write_bytes(base64.b64decode(signature["signatures"]["MANIFEST.sha256"]))
    subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", handed["public"],
                    "-rawin", "-in", folder / "MANIFEST.sha256", "-sigfile", sig],
                   check=True, capture_output=True)
    subprocess.run(["sha256sum", "--quiet", "-c", "MANIFEST.sha256"], cwd=folder, check=True)


def _rewrite(folder: Path, name: str, data: bytes) -> None:
    """Change a frozen file and its manifest line, as a student who read the docs would."""
    (folder / name).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    manifest = folder / "MANIFEST.sha256"
    lines = [f"{digest}  {name}" if line.endswith(f"  {name}") else line
             for line in manifest.read_text().splitlines()]
    if not any(line.endswith(f"  {name}") for line in lines):
        lines.append(f"{digest}  {name}")
    manifest.write_text("\n".join(lines) + "\n")


def _record(folder: Path, **changes) -> bytes:
    record = json.loads((folder / "RENDU.json").read_text())
    return (json.dumps({**record, **changes}, ensure_ascii=False, indent=1) + "\n").encode()


def _forged_copy(folder: Path) -> None:
    _rewrite(folder, "sources/sections/01-objectifs.md", b"Recopie.\n")
    data = json.loads((folder / "SIGNATURE.json").read_text())
    data["manifeste"] = (folder / "MANIFEST.sha256").read_text()
    (folder / "SIGNATURE.json").write_text(json.dumps(data))


TAMPERING = [   # (what the student does, the command's status, lines it prints)
    ("a section and its manifest line",
     lambda f: _rewrite(f, "sources/sections/01-objectifs.md", b"Recopie.\n"),
     "modifié depuis la remise",
     ["MANIFEST.sha256 modifié après la signature (lignes de : "
      "sources/sections/01-objectifs.md).",
      "fichier modifié depuis la remise : sources/sections/01-objectifs.md"]),
    ("the PDF and its manifest line",
     lambda f: _rewrite(f, "dossier-ana.pdf", b"%PDF-1.7\n"),
     "modifié depuis la remise", ["fichier modifié depuis la remise : dossier-ana.pdf"]),
    ("a file added with a manifest line",
     lambda f: _rewrite(f, "sources/images/ajout.jpg", b"jpeg"),
     "modifié depuis la remise", ["fichier ajouté depuis la remise : sources/images/ajout.jpg"]),
    ("RENDU.json and its manifest line",
     lambda f: _rewrite(f, "RENDU.json", _record(f, pages={"principal": 9})),
     "modifié depuis la remise",
     ["RENDU.json modifié après la signature.",
      "fichier modifié depuis la remise : RENDU.json"]),
    ("the signed copy of the manifest too",
     _forged_copy, "signature invalide",
     ["signature invalide pour la clé SHA256:", "la copie signée du manifeste a été modifiée"]),
    ("the signature removed",
     lambda f: (f / "SIGNATURE.json").unlink(),
     "modifié depuis la remise", ["SIGNATURE.json supprimé : ce rendu avait été signé"]),
]


@pytest.mark.parametrize("what, tamper, status, lines", TAMPERING, ids=[t[0] for t in TAMPERING])
def test_tampering_with_a_signed_hand_in_is_caught_and_named(copy, handed, what, tamper, status,
                                                             lines):
    folder = snapshot(copy, "ana")
    tamper(folder)
    code, out = run(copy, "verifier", "ana", "--cle", str(handed["key"]))
    assert code == 1, out
    assert f"  ✗ rendus/ana/{folder.name} : {status}" in out
    for line in lines:
        assert line in out


def test_a_wrong_key_fails(handed, tmp_path):
    other = tmp_path / "autre" / "cle.pem"
    assert run(handed["project"], "cle", "--cle", str(other))[0] == 0
    for option in (["--cle", str(other)], ["--cle-publique", str(other.with_name("cle.pub.pem"))]):
        code, out = run(handed["project"], "verifier", "ana", *option)
        assert code == 1
        assert "  ✗ rendus/ana/" in out and " : signature invalide" in out
        assert "ce rendu a été signé avec une autre clé (SHA256:" in out


def test_without_a_key_rendre_says_not_signed_and_verifier_non_signe(handed):
    out = handed["printed"]["chloe"]
    assert "  attention : copie NON signée, aucune clé de signature" in out
    assert "Créez la clé une fois : python3 build.py cle" in out
    code, out = run(handed["project"], "verifier", "chloe")
    assert code == 0
    assert f"  ✓ rendus/chloe/{snapshot(handed['project'], 'chloe').name} : intact, non signé" \
        in out
    assert "1 rendu(s) non signé(s)" in out
    assert not (snapshot(handed["project"], "chloe") / "SIGNATURE.json").exists()
    assert json.loads((snapshot(handed["project"], "chloe") / "RENDU.json").read_text())[
        "signature"] is None


def test_the_help_says_signed_only_when_it_is():
    commands = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    helps = {action.dest: action.help for action in commands._choices_actions}
    assert helps["rendre"].endswith("signée si l'établissement a une clé (voir « cle »)")
    assert "non signé" in helps["verifier"] or "signature" in helps["verifier"]


# -- On record, archived --------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["ana", "ben", "chloe"])
def test_review_notes_and_caches_never_enter_a_frozen_copy(handed, slug):
    folder = snapshot(handed["project"], slug)
    names = {p.relative_to(folder / "sources").as_posix() for p in (folder / "sources").rglob("*")}
    assert "dossier.yml" in names and "sections/01-objectifs.md" in names
    assert not names & set(PRIVATE)
    assert not [n for n in names for part in n.split("/")
                if part.startswith((".", "~$")) or part == "__pycache__"]
    assert "revue.yml" not in (folder / "MANIFEST.sha256").read_text()


def test_rendu_json_records_what_was_handed_in(handed):
    folder = snapshot(handed["project"], "ana")
    record = json.loads((folder / "RENDU.json").read_text())
    pdf = (folder / "dossier-ana.pdf").read_bytes()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert record["verdict"] == "conforme"
    assert record["numero"] == "02400000001" and record["candidat"] == "Ana Dupont"
    assert record["pages"]["annexes"] >= 1 and sum(record["pages"].values()) == pages
    assert {u["limite"]: u["pages"] for u in record["limites"]}[
        "document principal (2e partie)"] >= 1
    warning = next(w for w in record["avertissements"] if "résolution insuffisante" in w)
    assert f"  attention : {warning}" in handed["printed"]["ana"][1]     # as printed
    assert record["pdf"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert record["outil"] == {"nom": "portfolio", "version": __import__("portfolio").__version__}
    assert record["regles"]["sha256"] == hashlib.sha256(RULES_FILE.read_bytes()).hexdigest()
    assert record["hors_delai"] is None
    assert record["signature"]["algorithme"] == "Ed25519"
    assert record["signature"]["cle"] in handed["printed"]["cle"][1]
    assert record["conformite"]["mode"] == "rendre" and record["verdict"] == "conforme"
    dt.datetime.fromisoformat(record["rendu_le"])


def test_the_frozen_pdf_is_pdfa_with_its_annex(handed):
    """PDF/A-3b declared in the XMP and read back (see tests/pdf/test_archive.py for why not
    veraPDF); veraPDF itself runs when it is installed."""
    folder = snapshot(handed["project"], "ana")
    pdf = folder / "dossier-ana.pdf"
    reader = PdfReader(pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"
    result = inspect_pdf(pdf.read_bytes())
    assert result.declared == "PDF/A-3B" and result.ok, result.all_problems()
    assert "Annexe" in pdf_text(pdf.read_bytes()) or len(reader.pages) > 1
    record = json.loads((folder / "RENDU.json").read_text())
    assert record["pdf"]["pdfa"] == "PDF/A-3B" and record["pdf"]["pdfa_conforme"] is True
    if shutil.which("verapdf"):
        done = subprocess.run(["verapdf", "--flavour", "3b", str(pdf)], capture_output=True,
                              text=True)
        assert 'isCompliant="true"' in done.stdout


def test_an_annex_that_breaks_pdfa_is_named_and_recorded(handed):
    code, out = handed["printed"]["ben"]
    assert code == 0
    assert "attention : le PDF se déclare PDF/A-3B mais ne l'est pas : " \
        "students/ben/annexes/plan.pdf, page 1 : police « Helvetica » non incorporée. " \
        "Réexportez ces annexes en PDF/A" in out
    record = json.loads((snapshot(handed["project"], "ben") / "RENDU.json").read_text())
    assert record["pdf"]["pdfa_conforme"] is False
    assert record["pdf"]["pdfa_problemes"] == [
        "students/ben/annexes/plan.pdf, page 1 : police « Helvetica » non incorporée"]
    assert any("plan.pdf" in w for w in record["avertissements"])


# -- The class receipt ----------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_class_receipt_lists_every_hand_in(handed, tmp_path, anonymous):
    project = handed["project"]
    code, out = run(project, "bordereau", "--sortie", str(tmp_path), "--cle", str(handed["key"]),
                    *(["--anonyme"] if anonymous else []))
    # Chloé handed in before the school made its key: with the key, her unsigned copy cannot
    # be told from one whose signature was stripped (issue 28, item 2); it is flagged.
    assert code == 1, out
    (pdf,) = tmp_path.glob("bordereau*.pdf")
    (table,) = tmp_path.glob("bordereau*.csv")
    rows = _csv_rows(table)
    assert [r["Numéro"] for r in rows] == [CLASS[s][0] for s in ("ana", "ben", "chloe")]
    text = pdf_text(pdf.read_bytes())
    for row, slug in zip(rows, ("ana", "ben", "chloe"), strict=True):
        numero, prenom, nom, titre = CLASS[slug]
        record = json.loads((snapshot(project, slug) / "RENDU.json").read_text())
        when = dt.datetime.fromisoformat(record["rendu_le"])
        assert row["Titre"] == titre
        assert row["Pages (principal)"] == str(record["pages"]["principal"])
        assert row["Pages (annexes)"] == str(record["pages"].get("annexes", 0))
        assert row["Date de remise"] == when.strftime("%d/%m/%Y")
        assert row["Heure"] == when.strftime("%H:%M:%S")
        assert record["pdf"]["sha256"].startswith(
            row["Empreinte du PDF (SHA-256, 16 premiers caractères)"])
        assert row["Signé"] == ("non" if slug == "chloe" else "oui")
        assert row["Intact"] == ("non" if slug == "chloe" else "oui")
        assert numero in text and record["pdf"]["sha256"][:16] in text
        assert (f"{prenom} {nom}" in text) is not anonymous
        assert (row.get("Candidat") == f"{prenom} {nom}") is not anonymous
    # the candidate without a hand-in is named as the exam office knows them
    assert "Sans rendu" in text and ("Dan Petit (n° 02400000004)" in text) is not anonymous
    assert inspect_pdf(pdf.read_bytes()).ok
    # The class's archive: the bordereau and each candidate's last hand-in, as frozen.
    (bundle,) = tmp_path.glob("remise-*.zip")
    assert f"À envoyer au centre d'examen, tel quel : {bundle}" in out
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        for _row, slug in zip(rows, ("ana", "ben", "chloe"), strict=True):
            folder = CLASS[slug][0] if anonymous else slug
            frozen = snapshot(project, slug)
            assert f"{folder}/dossier-{slug}.pdf" in names
            assert archive.read(f"{folder}/MANIFEST.sha256") == \
                (frozen / "MANIFEST.sha256").read_bytes()
        assert {pdf.name, table.name, "LISEZMOI.txt"} <= names
        assert not any(n.startswith("dan/") for n in names)
    fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(pdf).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("+Inter") for name in fonts), fonts   # shipped, not a fallback


@pytest.mark.slow
def test_the_receipt_flags_a_hand_in_changed_since(copy, handed, tmp_path):
    _rewrite(snapshot(copy, "ana"), "sources/sections/01-objectifs.md", b"Recopie.\n")
    code, out = run(copy, "bordereau", "--sortie", str(tmp_path), "--cle", str(handed["key"]))
    assert code == 1 and "NON INTACT (voir python3 build.py verifier)" in out
    (table,) = tmp_path.glob("bordereau*.csv")
    ana = _csv_rows(table)[0]
    assert (ana["Signé"], ana["Intact"]) == ("invalide", "non")


# -- Late hand-in (issue 14, item 8) --------------------------------------------------------------

LATE = [   # (clock, options, exit code, printed fragment, recorded reason)
    (dt.datetime(2027, 4, 15, 23, 59), [], 0, "Dossier rendu et figé", None),
    (dt.datetime(2027, 4, 16, 8, 0), [], 1,
     "Dossier « ana » non rendu : la date de remise était le 15/04/2027 (il y a 1 jour).", None),
    (dt.datetime(2027, 4, 16, 8, 0), ["--hors-delai", "  "], 1,
     "--hors-delai demande la raison entre guillemets", None),
    (dt.datetime(2027, 4, 25, 8, 0), ["--hors-delai", "hospitalisation, accord du centre",
                                      "--remplacer"], 0,
     "rendu hors délai (10 jours après le 15/04/2027), accepté : « hospitalisation, accord "
     "du centre »", "hospitalisation, accord du centre"),
    (dt.datetime(2027, 4, 1, 8, 0), ["--hors-delai", "par erreur", "--remplacer"], 0,
     "--hors-delai ignoré, le dossier est rendu dans les délais", None),
]


@pytest.mark.slow
def test_late_hand_in_needs_the_teachers_reason(project, make_dossier, monkeypatch):
    conforming(make_dossier, project / "students")
    for clock, options, code, fragment, reason in LATE:
        monkeypatch.setattr(handin_cli, "_now", lambda clock=clock: clock)
        before = set((project / "rendus").rglob("RENDU.json"))
        got, out = run(project, "rendre", "ana", *options)
        assert (got, fragment in out) == (code, True), (clock, options, out)
        made = set((project / "rendus").rglob("RENDU.json")) - before
        assert len(made) == (code == 0)
        if code == 0:
            record = json.loads(made.pop().read_text())
            assert record["rendu_le"] == clock.isoformat()
            late = record["hors_delai"]
            assert (late and late["raison"]) == reason
            if reason:
                assert late == {"raison": reason, "remise": "2027-04-15", "jours_de_retard": 10}


# -- One clock: rendre judges the dossier on its own hand-in clock (issue 26) ---------------------

AHEAD = [   # (rendre's clock, exit code, printed fragment): the machine's date is 07/12/2026
    (dt.datetime(2027, 2, 1, 9, 0), 1, "(stages prévu(s), pas encore terminé(s), non compté(s) "
     "pour la remise : « Maison Roux » (fin le 16/02/2027))"),
    (dt.datetime(2027, 2, 17, 9, 0), 0, "Dossier rendu et figé"),
]


@pytest.mark.slow
@pytest.mark.parametrize("clock, code, fragment", AHEAD, ids=["avant-la-fin", "apres-la-fin"])
def test_rendre_judges_on_its_own_clock(project, make_dossier, monkeypatch, clock, code,
                                        fragment):
    """A placement declared ahead counts once it is over on the day ``rendre`` hands in (its
    clock, the one that dates RENDU.json), whatever the machine's date says."""
    import importlib

    from dossiers import STAGES
    assess_module = importlib.import_module("portfolio.conformance.assess")
    partie1 = STAGES.replace("debut: 2026-01-05\n      fin: 2026-02-17",
                             "debut: 2027-01-04\n      fin: 2027-02-16")
    assert partie1 != STAGES
    conforming(make_dossier, project / "students", partie1=partie1)
    monkeypatch.setattr(assess_module, "_today", lambda: dt.date(2026, 12, 7))
    monkeypatch.setattr(handin_cli, "_now", lambda: clock)
    got, out = run(project, "rendre", "ana")
    assert (got, fragment in out) == (code, True), out
