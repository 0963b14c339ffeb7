"""One student cannot take another's address (issue 28, item 4): on a real class build, a folder
that differs from a classmate's only by case, Unicode normalisation or an invisible character,
or (anonymous) a dossier bearing a classmate's candidate number, refuses both dossiers, names
both folders, and the previous publication stays online."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import run_cli, site_text

from .cases import base

pytestmark = pytest.mark.slow      # two class builds per row

LEA = "02417583901"


def publish(project: Path, *options: str) -> tuple[int, str]:
    return run_cli(project, "build", *options)


def student(students: Path, folder: str, numero: str, title: str) -> Path:
    root = base(students, folder, title=title)
    yml = root / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("01234567890", numero),
                   encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=[False, True], ids=["nomme", "anonyme"])
def published(request, tmp_path_factory) -> dict:
    """Léa and Ben published once (named, or anonymous)."""
    from helpers import write_project

    project = write_project(tmp_path_factory.mktemp("classe"))
    options = ["--anonyme"] if request.param else []
    student(project / "students", "lea-moreau", LEA, "Projet Léa")
    student(project / "students", "ben", "02417583902", "Projet Ben")
    code, out = publish(project, *options)
    assert code == 0, out
    address = f"candidat-{LEA}" if request.param else "lea-moreau"
    return {"project": project, "options": options, "address": address,
            "pdf": (project / "site" / address / f"dossier-{address}.pdf").read_bytes()}


IMPOSTORS = [   # (folder, numero, shown as, collides when named, collides when anonymous)
    ("Lea-moreau", "02417583999", "students/Lea-moreau", True, False),
    ("LEA-MOREAU", "02417583999", "students/LEA-MOREAU", True, False),
    ("lea\u200b-moreau", "02417583999", "students/lea\\u200b-moreau", True, False),
    ("Le\u0301a-moreau", "02417583999", "students/Le\u0301a-moreau", True, False),
    ("aaa-impostor", LEA, "students/aaa-impostor", False, True),
    ("lea-moreau-2", "02417583999", None, False, False),
]


@pytest.mark.parametrize("folder, numero, shown, named, anonymous", IMPOSTORS,
                         ids=[repr(i[0]) for i in IMPOSTORS])
def test_a_folder_that_would_take_a_classmates_address_refuses_both(
        published, tmp_path, folder, numero, shown, named, anonymous):
    project = tmp_path / "classe"
    shutil.copytree(published["project"], project)
    student(project / "students", folder, numero, "Projet Imposteur")
    code, out = publish(project, *published["options"])
    collides = anonymous if published["options"] else named
    site, address = project / "site", published["address"]
    if not collides:
        assert code == 0, out
        assert "Projet Imposteur" in site_text(site)
        return
    assert code == 1, out
    refusals = [line for line in out.splitlines() if line.startswith("  ✗ ")]
    assert len(refusals) == 2, out                   # both dossiers, each naming both folders
    for line in refusals:
        assert f"{shown} et students/lea-moreau" in line or \
            f"students/lea-moreau et {shown}" in line, line
        assert "les deux sont refusés" in line
        assert "\u200b" not in line
    if published["options"]:
        assert f"même numéro de candidat ({LEA})" in out
    # Léa's previous publication stays as it was; nothing of the impostor is published.
    assert (site / address / f"dossier-{address}.pdf").read_bytes() == published["pdf"]
    assert "Projet Imposteur" not in site_text(site)
    assert (site / "ben" if not published["options"] else site).is_dir()
