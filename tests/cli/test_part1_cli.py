"""``build.py bilans``: the forms of a dossier's stages written outside students/, French
messages and exit codes."""

from __future__ import annotations

import pytest

from portfolio.cli.main import main

pytestmark = pytest.mark.slow      # a PDF laid out

STAGE = """\
partie1:
  stages:
    - {entreprise: Atelier Durand, secteur: bijouterie, debut: 2026-01-05, fin: 2026-02-13}
"""


def test_bilans_writes_the_forms_beside_the_class(project, make_dossier, capsys):
    root = make_dossier(project / "students", "ana")
    with (root / "dossier.yml").open("a", encoding="utf-8") as yml:
        yml.write(STAGE)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert main(["--project", str(project), "bilans", "ana"]) == 0
    assert (project / "bilans" / "bilans-ana.pdf").is_file()
    assert capsys.readouterr().out.startswith("Bilans à imprimer : bilans/bilans-ana.pdf")
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before   # students/ intact
    assert main(["--project", str(project), "bilans", "anna"]) == 1
    assert "Vouliez-vous dire « ana » ?" in capsys.readouterr().err
