"""A rendered PDF is reused only while every input that shapes it is the same."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO, sections_of_one_page

from portfolio import BuildOptions, load_dossier
from portfolio.builder.pdfcache import fingerprint


@pytest.mark.parametrize("changed", [
    "common/templates/couts.html",     # the cost tables' template
    "common/couts.css",
    "print/print.css",
])
def test_a_change_to_the_print_theme_changes_the_key(tmp_path, make_dossier, changed):
    themes = tmp_path / "themes"
    for folder in ("common", "print"):
        shutil.copytree(REPO / "themes" / folder, themes / folder)
    dossier = load_dossier(make_dossier(tmp_path / "students", "ana", sections_of_one_page(1)))
    options = BuildOptions(cache_dir=tmp_path / ".cache", themes_dir=themes)
    before = fingerprint(dossier, options)
    assert fingerprint(dossier, options) == before                # nothing changed
    with (themes / changed).open("a", encoding="utf-8") as file:
        file.write("\n")
    assert fingerprint(dossier, options) != before


def test_a_class_moved_to_another_folder_keeps_its_pdfs(tmp_path, make_dossier):
    """The key names the dossier's files relative to it: a teacher who moves or copies the
    class (another disk, a renamed folder) does not lay out every PDF again."""
    first = make_dossier(tmp_path / "a" / "students", "ana", sections_of_one_page(2))
    moved = tmp_path / "b" / "classe-2027" / "students"
    shutil.copytree(first.parent, moved)
    options = BuildOptions(cache_dir=tmp_path / ".cache")
    key = fingerprint(load_dossier(first), options)
    assert fingerprint(load_dossier(moved / "ana"), options) == key
    # ...but a file renamed inside it, or the dossier's own folder, changes it
    (moved / "ana" / "sections" / "01-partie-1.md").rename(
        moved / "ana" / "sections" / "01-autre-1.md")
    assert fingerprint(load_dossier(moved / "ana"), options) != key
    shutil.copytree(first, moved / "bea")
    assert fingerprint(load_dossier(moved / "bea"), options) != key


# a file written in the dossier's folder -> whether the PDF is laid out again
@pytest.mark.parametrize(("name", "changes_key"), [
    ("revue.yml", False),                        # the teacher's notes: the preview only
    ("sections/.~lock.01-partie-1.md#", False),  # LibreOffice's lock file
    ("sections/~$01-partie-1.md", False),        # Word's
    ("sections/.01-partie-1.md.swp", False),     # Vim's swap file
    ("sections/.#01-partie-1.md", False),        # Emacs's lock
    ("sections/01-partie-1.md~", False),         # a backup copy
    (".DS_Store", False),
    ("images/Thumbs.db", False),
    ("sections/revue.yml", True),                # only the dossier's own revue.yml is skipped
    ("couts.yml", True),                         # read by the cost tables
    ("images/photo.jpg", True),                  # an image, referenced or not
    ("annexes/01-glossaire.md", True),           # a new annex
    ("annexes/notice.pdf", True),                # an annex PDF
])
def test_the_key_covers_what_a_render_reads(tmp_path, make_dossier, name, changes_key):
    root = make_dossier(tmp_path / "students", "ana", sections_of_one_page(1))
    options = BuildOptions(cache_dir=tmp_path / ".cache")
    before = fingerprint(load_dossier(root), options)
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text("# Glossaire\n", encoding="utf-8")
    assert (fingerprint(load_dossier(root), options) != before) == changes_key
