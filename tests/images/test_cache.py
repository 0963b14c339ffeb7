"""The variant cache: nothing processed twice, broken entries rebuilt, the content hash decides."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from imagegen import photo

from portfolio.images import ImageCache
from portfolio.images import cache as cache_module


def _all(cache: ImageCache, sources) -> list:
    return [v for s in sources for v in (*cache.web_variants(s), cache.variant(s, "print"))]


@pytest.mark.slow
def test_a_second_build_processes_nothing_and_reads_no_source(tmp_path, monkeypatch):
    sources = [photo(tmp_path / f"p{i}.jpg", (1800, 1200)) for i in range(3)]
    first = ImageCache(tmp_path / "cache")
    assert first.prepare(sources) == {}
    assert first.processed == 3 and first.misses == 3 * 5
    made = _all(first, sources)
    reads = []
    real = cache_module.hashlib.file_digest
    monkeypatch.setattr(cache_module.hashlib, "file_digest",
                        lambda *a, **k: reads.append(a) or real(*a, **k))
    second = ImageCache(tmp_path / "cache")
    assert second.prepare(sources) == {}
    assert _all(second, sources) == made
    assert (second.processed, second.misses, reads) == (0, 0, [])
    assert second.hits == len(made)


def test_broken_cache_entries_are_rebuilt(tmp_path):
    source = photo(tmp_path / "bague.jpg", (1200, 800))
    cache = ImageCache(tmp_path / "cache")
    printed = cache.variant(source, "print")
    web = cache.web_variants(source)
    printed.path.write_bytes(printed.path.read_bytes()[:100])           # truncated file
    web[0].path.with_suffix(".json").write_text("{pas du json")         # broken manifest
    (tmp_path / "cache" / "hashes.json").write_text("[1, 2")            # broken memo
    again = ImageCache(tmp_path / "cache")
    rebuilt = again.variant(source, "print")
    assert rebuilt.path.stat().st_size == printed.path.stat().st_size > 100
    assert again.web_variants(source)[0].width == 480
    assert again.misses == 2


def test_broken_source_info_and_deleted_cache_are_safe(tmp_path):
    source = photo(tmp_path / "bague.jpg", (1200, 800))
    cache = ImageCache(tmp_path / "cache")
    cache.variant(source, "web")
    for info in (cache.dir / "info").rglob("*.json"):
        info.write_text(json.dumps({"w": "?"}))
    assert ImageCache(tmp_path / "cache").variant(source, "web").width == 1200
    shutil.rmtree(tmp_path / "cache")
    assert ImageCache(tmp_path / "cache").variant(source, "web").path.is_file()


def test_a_changed_image_is_processed_again_even_with_the_same_date(tmp_path):
    source = photo(tmp_path / "bague.jpg", (1200, 800), orientation=1)
    cache = ImageCache(tmp_path / "cache")
    before = cache.variant(source, "web")
    stat = source.stat()
    photo(source, (800, 1200), orientation=1)                  # new content, old timestamps
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = ImageCache(tmp_path / "cache").variant(source, "web")
    assert (after.width, after.height) == (800, 1200) and after.path != before.path


def test_prepare_spreads_images_over_two_processes(tmp_path):
    sources = [photo(tmp_path / f"p{i}.jpg", (1000, 700)) for i in range(4)]
    cache = ImageCache(tmp_path / "cache", workers=2)
    assert cache.prepare(sources, ("web",)) == {}
    assert cache.processed == 4
    cache.hits = 0
    assert [v.width for v in cache.web_variants(sources[0])] == [480, 960, 1000]
    assert cache.hits == 3 and cache.misses == 4 * 3


@pytest.mark.parametrize(("shown", "orientation"), [
    ((900, 600), 1),
    ((900, 600), 6),         # a phone photo stored turned: its upright size
    ((600, 900), 8),
])
def test_a_sources_size_comes_from_the_cache_once_its_variants_are_made(
        tmp_path, monkeypatch, shown, orientation):
    source = photo(tmp_path / "bague.jpg", shown, orientation=orientation)
    cache = ImageCache(tmp_path / "cache")
    assert cache.size(source) is None                  # nothing made yet: the caller reads it
    cache.variant(source, "print", placed_mm=50)
    monkeypatch.setattr(cache_module, "header", None)  # no header is read from here on
    assert cache.size(source) == shown
    assert ImageCache(tmp_path / "cache").size(source) == shown   # another process
    photo(source, (shown[1], shown[0]), orientation=orientation, quality=70)
    assert cache.size(source) is None                  # replaced: its record is another's
    assert cache.size(tmp_path / "absente.jpg") is None


def test_an_svg_has_no_size_from_the_cache(tmp_path):
    """Its placement reads it as before (Pillow reads no SVG: an unknown size)."""
    source = tmp_path / "croquis.svg"
    source.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
                      '<rect width="300" height="100"/></svg>')
    cache = ImageCache(tmp_path / "cache")
    cache.variant(source, "print")
    assert cache.size(source) is None
