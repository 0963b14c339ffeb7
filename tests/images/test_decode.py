"""Decoding: orientation, metadata stripped, formats accepted, broken files refused in French."""

from __future__ import annotations

import pytest
from imagegen import broken, is_upright, line_art, metadata_of, photo
from PIL import Image, ImageCms

from portfolio.images import HEIF, ImageCache, open_image
from portfolio.images.decode import header
from portfolio.util.errors import AssetError


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_exif_orientation_is_applied(tmp_path, orientation):
    source = photo(tmp_path / "bague.jpg", (900, 600), orientation=orientation)
    with Image.open(source) as raw:
        assert is_upright(raw) == (orientation == 1)    # the stored pixels are turned
    cache = ImageCache(tmp_path / "cache")
    for variant in [*cache.web_variants(source), cache.variant(source, "print", placed_mm=50)]:
        with Image.open(variant.path) as img:
            assert img.size == (variant.width, variant.height)
            assert img.width > img.height                  # landscape, as it is displayed
            assert is_upright(img)


def test_no_published_copy_keeps_exif_gps_xmp_or_profile(tmp_path):
    source = photo(tmp_path / "gps.jpg", (1000, 700), orientation=6)
    with Image.open(source) as img:                       # the source does carry them
        assert img.getexif().get_ifd(0x8825) and "xmp" in img.info
    cache = ImageCache(tmp_path / "cache")
    variants = [*cache.web_variants(source), cache.variant(source, "print"),
                cache.variant(source, "thumb")]
    assert {v.suffix for v in variants} == {".webp", ".jpg"}
    for variant in variants:
        assert metadata_of(variant.path) == {"exif": {}, "info": []}, variant.path.name
        assert b"PhoneMaker" not in variant.path.read_bytes()


def test_a_colour_profile_is_converted_then_dropped(tmp_path):
    source = tmp_path / "profil.png"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (300, 200), (200, 120, 40)).save(source, icc_profile=profile)
    variant = ImageCache(tmp_path / "cache").variant(source, "print")
    assert metadata_of(variant.path)["info"] == []
    with Image.open(variant.path) as img:
        assert max(abs(a - b) for a, b in zip(img.convert("RGB").getpixel((5, 5)),
                                              (200, 120, 40), strict=True)) <= 2


@pytest.mark.parametrize(("kind", "message"), [
    ("corrupt", "image abîmée ou illisible"),
    ("empty", "image vide (0 octet)"),
    ("text", "n'est pas une image lisible (ou son extension ment)"),
    ("truncated", "image tronquée"),
    ("bomb", "image démesurée"),
])
def test_broken_files_give_a_french_message_and_the_others_still_process(tmp_path, kind,
                                                                          message):
    bad = broken(kind, tmp_path / "images")
    good = photo(tmp_path / "images" / "bonne.jpg", (800, 600))
    cache = ImageCache(tmp_path / "cache")
    errors = cache.prepare([bad, good], ("web", "print"))
    assert list(errors) == [bad]
    assert message in str(errors[bad]) and bad.name in str(errors[bad])
    assert cache.web_variants(good)[-1].width == 800
    with pytest.raises(AssetError) as caught:               # and again when asked directly
        cache.variant(bad, "web")
    assert message in str(caught.value) and caught.value.path == bad


def test_formats_outside_the_list_are_refused(tmp_path):
    source = tmp_path / "calque.psd"
    source.write_bytes(b"8BPS" + b"\0" * 100)
    with pytest.raises(AssetError, match="format d'image non pris en charge"):
        open_image(source)
    eps = tmp_path / "dessin.jpg"            # an EPS in disguise never reaches Ghostscript
    eps.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n")
    with pytest.raises(AssetError, match="n'est pas une image lisible"):
        open_image(eps)


@pytest.mark.skipif(not HEIF, reason="pillow-heif is not installed")
@pytest.mark.slow
def test_heic_phone_photo_is_read(tmp_path):
    from imagegen import upright_pattern
    from pillow_heif import from_pillow

    source = tmp_path / "IMG_0001.HEIC"
    from_pillow(upright_pattern((1000, 750))).save(source, quality=85)
    cache = ImageCache(tmp_path / "cache")
    variants = cache.web_variants(source)
    assert [v.width for v in variants] == [480, 960, 1000]
    with Image.open(variants[-1].path) as img:
        assert img.format == "WEBP" and is_upright(img)
    assert cache.variant(source, "print").suffix == ".jpg"


def test_sixteen_bit_tiff_scan_and_palette_gif(tmp_path):
    scan = tmp_path / "scan.tif"
    Image.linear_gradient("L").resize((600, 400)).convert("I;16").point(
        lambda v: v * 256).save(scan)
    gif = line_art(tmp_path / "motif.png", (300, 200)).with_suffix(".gif")
    Image.open(tmp_path / "motif.png").convert("P").save(gif)
    cache = ImageCache(tmp_path / "cache")
    with Image.open(cache.variant(scan, "print").path) as img:
        assert img.size == (600, 400)
        low, high = img.convert("L").getextrema()
        assert high > 200 and low < 60                     # not clipped to white
    assert cache.variant(gif, "print").suffix == ".png"


@pytest.mark.parametrize(("first", "then", "expected"), [
    # a student replaces a photo under the same name while the preview runs
    ((900, 600, 1), (600, 900, 1), (600, 900, "JPEG")),
    # the same stored pixels, now turned by the phone's EXIF orientation (6), or no longer
    ((900, 600, 1), (600, 900, 6), (600, 900, "JPEG")),
    ((900, 600, 6), (600, 900, 1), (600, 900, "JPEG")),
    # unchanged: the remembered size
    ((900, 600, 1), None, (900, 600, "JPEG")),
])
def test_an_image_header_is_read_again_when_its_file_changes(tmp_path, first, then, expected):
    """``(width, height, orientation)``: the size shown (photo() stores it turned)."""
    path = tmp_path / "bague.jpg"
    width, height, orientation = first
    photo(path, (width, height), orientation=orientation)
    header(path)
    if then is not None:
        width, height, orientation = then
        photo(path, (width, height), orientation=orientation, quality=70)
    assert header(path) == expected


def _png16(path, side: int) -> None:
    """A 16-bit RGB PNG of ``side`` x ``side`` (Pillow writes 8-bit RGB only)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\0" + b"\x80\x00" * 3 * side for _ in range(side))
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# Issue 28, item 8: the bytes a decoder produces are bounded, 16-bit samples counted twice.
# (bound set to 1 MB here; 400 MB in rules/limites.yml: 9400 x 9400 16-bit RGB is 530 MB)
DECODED = [   # (kind, side, refused)
    ("png16", 408, False),      # 408 x 408 x 3 x 2 = 998 784 bytes
    ("png16", 409, True),       # 1 003 686 bytes
    ("png8", 577, False),       # 577 x 577 x 3 = 998 787 bytes
    ("png8", 578, True),        # 1 002 252 bytes
]


@pytest.mark.parametrize("kind, side, refused", DECODED)
def test_the_decoded_size_is_bounded(tmp_path, monkeypatch, kind, side, refused):
    import dataclasses

    from portfolio.util.limits import load_limits

    limits = load_limits()
    monkeypatch.setitem(limits, "image_decodee",
                        dataclasses.replace(limits["image_decodee"], max=1_000_000))
    path = tmp_path / "photo.png"
    if kind == "png16":
        _png16(path, side)
    else:
        Image.new("RGB", (side, side), (120, 80, 40)).save(path)
    if not refused:
        assert open_image(path).size == (side, side)
        return
    with pytest.raises(AssetError) as error:
        open_image(path)
    assert "image trop lourde à décoder (" in str(error.value)
    assert "PNG 8 bits (pas 16 bits)" in str(error.value)
