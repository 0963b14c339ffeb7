"""Nothing is lost: a build killed midway leaves the previous site whole, builds never touch
students/, and a deleted or corrupted cache only costs time (same pages, valid PDF)."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.cli.main import main
from portfolio.util import memos

from .cases import base, image_ref, jpeg_bytes, one_page_sections, raw, steps

pytestmark = pytest.mark.slow      # builds interrupted and rebuilt


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def class_of(students: Path, count: int = 3) -> None:
    for i in range(count):
        root = base(students, f"eleve-{i}", title=f"Projet {i}")
        steps(raw("images/photo.jpg", jpeg_bytes), image_ref("../images/photo.jpg"),
              one_page_sections(4))(root)


def test_killed_build_leaves_the_previous_site_whole(project):
    class_of(project / "students", 4)
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    before = tree_hashes(site)
    (project / "students" / "eleve-0" / "sections" / "01-texte.md").write_text(
        "---\ntitre: Texte\n---\n\nUn autre texte.\n", encoding="utf-8")
    for root in (project / "students").iterdir():       # force every PDF to be rendered again
        (root / "sections" / "09-ajout.md").write_text("# Ajout\n\nTexte.\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "build.py", "--project", str(project), "build"],
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            temp = list(project.glob(".site.build-*"))
            if temp and any(p.is_file() for p in temp[0].rglob("*")):
                break            # MkDocs has started writing the new site
            time.sleep(0.005)
        assert child.poll() is None, "the build ended before it could be interrupted"
        os.killpg(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert tree_hashes(site) == before
    assert list(project.glob(".site.build-*"))          # the killed build's half-written folder
    # The next build goes through, publishes the change and removes that folder.
    assert main(["--project", str(project), "build"]) == 0
    assert not list(project.glob(".site.build-*"))
    assert "Un autre texte." in (site / "eleve-0" / "texte" / "index.html").read_text()


def test_builds_and_checks_never_write_under_students(project):
    students = project / "students"
    class_of(students, 2)
    steps(raw("images/vide.jpg", b""), image_ref("../images/vide.jpg"))(base(students, "zoe"))
    before = tree_hashes(students)
    stamps = {p: p.stat().st_mtime_ns for p in students.rglob("*")}
    assert main(["--project", str(project), "build"]) == 1          # zoe is refused
    assert main(["--project", str(project), "build", "--drafts"]) == 1
    assert main(["--project", str(project), "check"]) == 1
    assert tree_hashes(students) == before
    assert {p: p.stat().st_mtime_ns for p in students.rglob("*")} == stamps


def _corrupt(cache: Path, how: str) -> None:
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        if how == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif how == "empty":
            path.write_bytes(b"")
        elif how == "garbage-json" and path.suffix == ".json":
            path.write_bytes(b'\x00{"garbage": [1, 2')
        elif how == "wrong-json" and path.suffix == ".json":
            path.write_bytes(b'["a", 1, null]')
        elif how == "random":
            path.write_bytes(os.urandom(len(data)))
        elif how == "pdf-truncated" and path.suffix == ".pdf":
            path.write_bytes(data[: len(data) // 2])
        elif how == "images-truncated" and path.suffix in (".webp", ".jpg", ".png"):
            path.write_bytes(data[: len(data) // 2])
    if how == "deleted":
        import shutil

        shutil.rmtree(cache)


CORRUPTIONS = ["deleted", "truncated", "empty", "garbage-json", "wrong-json", "random",
               "images-truncated", "pdf-truncated"]


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_corrupted_cache_is_rebuilt(tmp_path, how):
    students = tmp_path / "students"
    root = base(students, "ana")
    steps(raw("images/photo.jpg", jpeg_bytes), image_ref("../images/photo.jpg"),
          one_page_sections(3), raw("annexes/01-annexe.md", b"# Annexe\n\nTexte.\n"))(root)
    cache = tmp_path / ".cache" / "portfolio"
    first = build_dossier(root, BuildOptions(cache_dir=cache))
    assert first.publishable, first.problems
    _corrupt(cache, how)
    memos.FILE_HASHES.clear()                 # as in a new process: the memo is read again
    again = build_dossier(root, BuildOptions(cache_dir=cache))
    assert again.publishable, again.problems
    assert again.count.parts == first.count.parts
    reader = PdfReader(io.BytesIO(again.pdf))
    assert len(reader.pages) == sum(first.count.parts.values())
    assert "Pendentif Lune" in "".join(page.extract_text() for page in reader.pages)
