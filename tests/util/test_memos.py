"""The process's memos (util/memos.py): bounded, and emptied in one call."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.images.decode import header
from portfolio.util import memos
from portfolio.util.hashes import FileHashes


@pytest.mark.parametrize(("keys", "kept"), [
    (["a", "b"], {"a", "b"}),              # under the bound: all kept
    (["a", "b", "c"], {"c"}),              # past it: emptied, then the new key
    (["a", "b", "a"], {"a", "b"}),         # a key it holds is updated, nothing dropped
])
def test_a_bounded_memo_empties_itself_past_its_limit(keys, kept):
    memo = memos.BoundedMemo(2)
    for key in keys:
        memo.remember(key, key.upper())
    assert set(memo) == kept and all(memo[k] == k.upper() for k in kept)


def test_clear_empties_every_memo_the_package_fills(tmp_path: Path):
    from PIL import Image

    Image.new("RGB", (30, 20)).save(tmp_path / "a.png")
    assert header(tmp_path / "a.png") == (30, 20, "PNG")
    FileHashes.for_cache(tmp_path / "cache")
    assert memos.IMAGE_HEADERS and memos.FILE_HASHES
    memos.clear()
    assert not memos.IMAGE_HEADERS and not memos.FILE_HASHES and not memos.LAYOUTS
