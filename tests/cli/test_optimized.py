"""The rules hold under ``python -O`` (asserts stripped): ``verifier`` and ``controler`` on bad
input print the same French report and exit code as without it, never a traceback."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, run_cli, write_project

pytestmark = pytest.mark.slow

CLI = "import sys; from portfolio.cli.main import main; sys.exit(main(sys.argv[1:]))"
# A progress line names the dossier that finished last: which one, the workers decide.
PROGRESS = re.compile(r"^.+ : \d+/\d+(, il en reste \d+|, terminé)( \(.*\))?\n", re.M)


def cli(project: Path, *args: str, optimized: bool) -> tuple[int, str]:
    command = [sys.executable, *(["-O"] if optimized else []), "-c", CLI,
               "--project", str(project), *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    return done.returncode, PROGRESS.sub("", done.stdout + done.stderr)


def _signed_snapshot(project: Path, signature: dict) -> Path:
    """A hand-in of ``ana`` whose files match their manifest, with this SIGNATURE.json."""
    folder = project / "rendus" / "ana" / "2027-01-10T100000"
    folder.mkdir(parents=True)
    record = json.dumps({"numero": "01234567890"}).encode()
    (folder / "RENDU.json").write_bytes(record)
    (folder / "MANIFEST.sha256").write_text(
        f"{hashlib.sha256(record).hexdigest()}  RENDU.json\n", encoding="utf-8")
    (folder / "SIGNATURE.json").write_text(json.dumps(signature), encoding="utf-8")
    return folder


@pytest.mark.parametrize("signature", [
    {"manifeste": 5, "signatures": {}, "cle": "SHA256:x"},          # not text
    {"manifeste": "x", "signatures": ["MANIFEST.sha256"], "cle": "SHA256:x"},   # not a table
])
def test_verifier_reports_an_unusable_signature_under_python_o(tmp_path, signature):
    project = write_project(tmp_path / "classe")
    key = tmp_path / "cle" / "cle.pem"
    assert run_cli(project, "cle", "--cle", str(key))[0] == 0
    _signed_snapshot(project, signature)
    args = ("verifier", "ana", "--cle-publique", str(key.with_name("cle.pub.pem")))
    plain, optimized = cli(project, *args, optimized=False), cli(project, *args, optimized=True)
    assert optimized == plain
    code, out = optimized
    assert code == 1 and "Traceback" not in out
    assert "SIGNATURE.json illisible : signature inutilisable." in out


def test_controler_reports_bad_dossiers_the_same_under_python_o(tmp_path, make_dossier):
    project = write_project(tmp_path / "classe")
    make_dossier(project / "students", "ana", {
        "01-objectifs.md": "---\ntitre: Objectifs\nrole: objectifs\n---\n\n![Bague](bague.jpg)\n"})
    couts = make_dossier(project / "students", "ben", prenom="Ben", numero="01234567891")
    (couts / "couts.yml").write_text("metaux:\n  - alliage: or jaune 750\n    perte_pct: 5\n",
                                     encoding="utf-8")
    plain = cli(project, "controler", optimized=False)
    optimized = cli(project, "controler", optimized=True)
    assert optimized == plain
    code, out = optimized
    assert code == 1 and "Traceback" not in out
    assert "bague.jpg" in out


def _unknown_check():
    from portfolio.conformance.contents import assess_contents
    from portfolio.rules import RequiredContent

    # the rules are checked before the dossier is read: none is needed
    assess_contents(None, (RequiredContent("x", "X", ("objectifs",), ("devinette",)),))


def _no_weight_nor_volume():
    from decimal import Decimal

    from portfolio.costing.compute import net_weight
    from portfolio.costing.model import Alloy, MetalLine

    net_weight(MetalLine(Alloy("or", "or", Decimal(15), "s"), "bague", None, None, Decimal(5),
                         Decimal(60), "s", "2026"))


def _no_problem():
    from portfolio.util.errors import ProblemsError

    ProblemsError([])


@pytest.mark.parametrize(("call", "error", "message"), [
    (_unknown_check, "ConfigError", "vérification inconnue « devinette »"),
    (_no_weight_nor_volume, "ValueError", "neither a weight nor a volume"),
    (_no_problem, "ValueError", "at least one problem"),
])
def test_former_asserts_raise_their_error(call, error, message):
    with pytest.raises(Exception) as info:
        call()
    assert type(info.value).__name__ == error and message in str(info.value)
