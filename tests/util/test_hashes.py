"""Files -> SHA-256 memoised by stat; atomic writes leave the old file or the new, never half."""

from __future__ import annotations

import hashlib
import os

import pytest

from portfolio.util.files import atomic_write, replacing
from portfolio.util.hashes import FileHashes


def test_a_file_is_hashed_again_only_when_it_changed(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"a" * 1000)
    memo = FileHashes(tmp_path / "hashes.json")
    assert memo.sha256(path) == hashlib.sha256(b"a" * 1000).hexdigest()
    memo.save()
    again = FileHashes(tmp_path / "hashes.json")              # read back from the index
    assert again.entries == memo.entries and not again.dirty
    stat = path.stat()
    path.write_bytes(b"b" * 1000)                             # same size...
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))   # ...and date: ctime tells
    assert again.sha256(path) == hashlib.sha256(b"b" * 1000).hexdigest()


@pytest.mark.parametrize("index", ["[1, 2", "[]", "", "\x00"])
def test_a_broken_index_is_rebuilt(tmp_path, index):
    (tmp_path / "hashes.json").write_text(index)
    path = tmp_path / "texte.md"
    path.write_text("Bonjour")
    memo = FileHashes(tmp_path / "hashes.json")
    assert memo.sha256(path) == hashlib.sha256(b"Bonjour").hexdigest()
    memo.save()
    assert FileHashes(tmp_path / "hashes.json").entries == memo.entries


def test_an_interrupted_write_leaves_the_previous_file(tmp_path):
    path = tmp_path / "index.json"
    atomic_write(path, "ancien")
    with pytest.raises(RuntimeError), replacing(path) as tmp:
        tmp.write_text("nouv")
        raise RuntimeError("build killed")
    assert path.read_text() == "ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]   # no temporary left
    atomic_write(path, b"nouveau")
    assert path.read_text() == "nouveau"
