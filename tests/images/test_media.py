"""A video's published copy: its source hashed once per version of the file, not at every render
(issue 27: a 200 MB phone video cost each rebuild its hash)."""

from __future__ import annotations

import hashlib
import os

import pytest
from helpers import make_mp4

import portfolio.util.hashes
from portfolio.images.media import clean_media


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files whose bytes are hashed (the real hash, counted)."""
    seen: list[str] = []
    real = hashlib.file_digest

    def counting(handle, digest):
        seen.append(os.path.basename(handle.name))
        return real(handle, digest)

    monkeypatch.setattr(portfolio.util.hashes.hashlib, "file_digest", counting)
    return seen


def _touch(path) -> None:
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def _append(path) -> None:
    with path.open("ab") as handle:
        handle.write(b"\0")


# action between two renders -> the video hashed again, the same copy
@pytest.mark.parametrize(("action", "hashed_again", "same_copy"), [
    (None, 0, True),            # nothing changed: the memo answers
    (_touch, 1, True),          # saved again, same bytes: read again, same copy
    (_append, 1, False),        # other bytes: another copy
])
def test_video_hashed_once_per_version(tmp_path, reads, action, hashed_again, same_copy):
    video, cache = tmp_path / "atelier.mp4", tmp_path / ".cache"
    make_mp4(video)
    first = clean_media(video, cache)
    assert reads == ["atelier.mp4"]
    if action is not None:
        action(video)
    second = clean_media(video, cache)
    assert len(reads) - 1 == hashed_again
    assert (first == second) == same_copy
    assert second.is_file() and second.stat().st_size > 0
