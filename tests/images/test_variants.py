"""Variants: web widths and formats, print size for the place on the page, never upscaled."""

from __future__ import annotations

import json

import pytest
from imagegen import diagram, is_upright, line_art, pencil_scan, photo
from PIL import Image

from portfolio.images import ImageCache, print_width, web_widths
from portfolio.pdf.page.placement import column_width_mm


@pytest.mark.parametrize(("width", "expected"), [
    (5472, [480, 960, 1600, 2400]), (2400, [480, 960, 1600, 2400]),
    (2000, [480, 960, 1600, 2000]), (1200, [480, 960, 1200]), (480, [480]), (300, [300]),
])
def test_web_widths_are_never_wider_than_the_source(width, expected):
    assert web_widths(width) == expected


@pytest.mark.slow
def test_a_20_megapixel_photo_gives_the_web_widths_and_a_print_copy_for_its_column(tmp_path):
    source = photo(tmp_path / "grande.jpg", (5472, 3648), orientation=1, quality=85)
    cache = ImageCache(tmp_path / "cache")
    variants = cache.web_variants(source)
    assert [(v.width, v.height) for v in variants] == [
        (480, 320), (960, 640), (1600, 1067), (2400, 1600)]
    for variant in variants:
        with Image.open(variant.path) as img:
            assert img.format == "WEBP" and img.size == (variant.width, variant.height)
    assert cache.variant(source, "web").width == 1600          # the <img src>
    assert cache.variant(source, "thumb").width == 960
    column = column_width_mm((420, 297))                # A3 landscape: 118.67 mm
    printed = cache.variant(source, "print", placed_mm=column)
    assert printed.width == print_width(5472, column) == 1402 and printed.suffix == ".jpg"
    full = cache.variant(source, "print")                         # default: 380 mm wide
    assert full.width == 4488 and full.height == 2992
    assert cache.processed == 3                                   # one decode per request


def test_a_small_image_is_never_upscaled(tmp_path):
    source = photo(tmp_path / "petite.jpg", (300, 200))
    cache = ImageCache(tmp_path / "cache")
    assert [(v.width, v.height) for v in cache.web_variants(source)] == [(300, 200)]
    assert cache.variant(source, "print", placed_mm=380).width == 300
    assert cache.variant(source, "web").width == 300


def test_line_art_is_lossless_and_transparency_is_kept(tmp_path):
    cache = ImageCache(tmp_path / "cache")
    drawing = line_art(tmp_path / "croquis.png", (1400, 900))
    web = cache.variant(drawing, "web")
    assert web.suffix == ".webp" and web.path.read_bytes()[12:16] == b"VP8L"   # lossless
    assert cache.variant(drawing, "print").suffix == ".png"
    cutout = line_art(tmp_path / "detour.png", (600, 400), alpha=True)
    with Image.open(cache.variant(cutout, "print").path) as img:
        assert img.mode == "RGBA" and img.getpixel((599, 0))[3] == 0
    with Image.open(cache.variant(cutout, "web").path) as img:
        assert img.mode == "RGBA"


def test_a_photo_saved_as_png_stays_lossy_on_the_web(tmp_path):
    source = tmp_path / "photo.png"
    Image.open(photo(tmp_path / "p.jpg", (1000, 700))).save(source)
    cache = ImageCache(tmp_path / "cache")
    assert cache.variant(source, "web").path.read_bytes()[12:16] == b"VP8 "
    assert cache.variant(source, "print").suffix == ".jpg"


@pytest.mark.slow
def test_a_large_turned_jpeg_decoded_at_reduced_scale_stays_upright_and_sharp(tmp_path):
    source = photo(tmp_path / "tournee.jpg", (5000, 3000), orientation=6)   # stored 3000 x 5000
    cache = ImageCache(tmp_path / "cache")
    variants = cache.web_variants(source)                  # draft decode at 1/2: 2500 x 1500
    assert [(v.width, v.height) for v in variants][-1] == (2400, 1440)
    with Image.open(variants[-1].path) as img:
        assert is_upright(img)


def test_a_grained_grey_scan_prints_as_a_one_channel_jpeg(tmp_path):
    """256 grey levels at most, but the paper's grain is not line art: JPEG, one channel."""
    scan = pencil_scan(tmp_path / "croquis.png", (1500, 1000), grain=4)
    cache = ImageCache(tmp_path / "cache")
    printed = cache.variant(scan, "print", placed_mm=150)     # wants 1772 px: all 1500 kept
    assert printed.suffix == ".jpg"
    with Image.open(printed.path) as img:
        assert img.mode == "L" and img.size == (1500, 1000)
    assert cache.variant(scan, "web").path.read_bytes()[12:16] == b"VP8 "      # lossy


@pytest.mark.parametrize("grey", [False, True])
def test_an_anti_aliased_diagram_stays_lossless(tmp_path, grey):
    """Thousands of in-between colours on the edges, but flat everywhere else: PNG."""
    drawing = diagram(tmp_path / "plan.png", (1200, 800), grey=grey)
    cache = ImageCache(tmp_path / "cache")
    printed = cache.variant(drawing, "print")
    assert printed.suffix == ".png"
    with Image.open(printed.path) as img:
        assert img.mode == ("L" if grey else "RGB")
    assert cache.variant(drawing, "web").path.read_bytes()[12:16] == b"VP8L"   # lossless


def test_a_kind_cached_by_older_rules_is_examined_again(tmp_path):
    """A scan recorded as line art by an earlier version is printed as a JPEG now."""
    scan = pencil_scan(tmp_path / "croquis.png", (900, 600), grain=6)
    cache = ImageCache(tmp_path / "cache")
    cache.variant(scan, "print")
    [info] = (tmp_path / "cache" / "images" / "info").rglob("*.json")
    for path in (tmp_path / "cache" / "images").rglob("*"):
        if path.is_file() and "info" not in path.parts:
            path.unlink()                           # an older cache: none of today's variants
    info.write_text(json.dumps({"w": 900, "h": 600, "kind": "line-art"}))
    assert ImageCache(tmp_path / "cache").variant(scan, "print").suffix == ".jpg"
