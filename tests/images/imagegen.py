"""Test images generated on the fly -> files in a temp dir (photos with EXIF/GPS, broken...)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

# What exif_transpose applies for each orientation; its inverse makes the stored pixels.
_STORE = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90,
          8: Image.Transpose.ROTATE_270}
GPS = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="48,51.29N" xmlns:exif="http://'
       b'ns.adobe.com/exif/1.0/"/></rdf:RDF></x:xmpmeta>')


def upright_pattern(size: tuple[int, int]) -> Image.Image:
    """Asymmetric picture: red top-left corner, blue bottom-right, grey gradient elsewhere."""
    width, height = size
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width // 4, height // 4), fill=(255, 0, 0))
    draw.rectangle((width * 3 // 4, height * 3 // 4, width, height), fill=(0, 0, 255))
    noise = Image.merge("RGB", [Image.effect_noise(size, 12) for _ in range(3)])
    return ImageChops.add(img, noise, offset=-128)


def photo(path: Path, size: tuple[int, int] = (1200, 800), orientation: int = 1,
          gps: bool = True, quality: int = 90) -> Path:
    """A JPEG whose *displayed* picture is :func:`upright_pattern` (EXIF orientation applied)."""
    img = upright_pattern(size)
    if _STORE[orientation]:
        img = img.transpose(_STORE[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif.get_ifd(0x8825).update(GPS)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, exif=exif, xmp=XMP, comment=b"secret")
    return path


def line_art(path: Path, size: tuple[int, int] = (1200, 800), alpha: bool = False) -> Path:
    img = Image.new("RGBA" if alpha else "RGB", size, (0, 0, 0, 0) if alpha else "white")
    draw = ImageDraw.Draw(img)
    for i in range(0, size[0], 40):
        draw.line((i, 0, size[0] - i, size[1]), fill=(20, 30, 90, 255), width=3)
    draw.rectangle((50, 50, 300, 200), fill=(230, 200, 120, 255), outline="black", width=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG")
    return path


def pencil_scan(path: Path, size: tuple[int, int] = (1500, 1000), grain: int = 4) -> Path:
    """A greyscale PNG scan: soft pencil strokes on paper with ``grain`` (noise sigma) levels."""
    width, height = size
    paper = Image.new("L", size, 236)
    if grain:
        paper = ImageChops.add(paper, Image.effect_noise(size, grain), offset=-128)
    strokes = Image.new("L", size, 255)
    draw = ImageDraw.Draw(strokes)
    for i in range(60):
        x, y = (i * 97) % width, (i * 53) % height
        draw.arc((x - 200, y - 120, x + 200, y + 120), 20, 300, fill=60 + i % 90, width=3)
    path.parent.mkdir(parents=True, exist_ok=True)
    ImageChops.multiply(paper, strokes.filter(ImageFilter.GaussianBlur(1.2))).save(path, "PNG")
    return path


def diagram(path: Path, size: tuple[int, int] = (1200, 800), grey: bool = False) -> Path:
    """A technical drawing exported anti-aliased: flat fills, lines and text, smooth edges."""
    width, height = size
    big = Image.new("RGB", (width * 4, height * 4), "white")
    draw = ImageDraw.Draw(big)
    for i in range(0, width * 4, 160):
        draw.line((i, 0, width * 4 - i, height * 4), fill=(20, 30, 90), width=5)
    draw.ellipse((width // 2, height // 2, width * 2, height * 2), outline=(180, 40, 40),
                 width=12, fill=(240, 220, 160))
    draw.rectangle((width * 2 + 300, 300, width * 4 - 300, height * 2), outline="black", width=10)
    for k in range(40):
        draw.text((300 + (100 * k) % (width * 3), height * 3 + 10 * k), "Cote 12,5 mm",
                  fill="black")
    img = big.resize(size, Image.Resampling.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    (img.convert("L") if grey else img).save(path, "PNG")
    return path


def bomb_png(path: Path, side: int = 30_000) -> Path:
    """A tiny PNG declaring ``side`` x ``side`` pixels (never decoded: refused from its header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    return path


def broken(kind: str, folder: Path) -> Path:
    """A broken image file of ``kind``: corrupt, empty, text, truncated, bomb."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "bomb":
        return bomb_png(folder / "bombe.png")
    if kind == "empty":
        path = folder / "vide.jpg"
        path.write_bytes(b"")
        return path
    if kind == "text":
        path = folder / "texte.jpg"
        path.write_text("Ceci n'est pas une photo.\n", encoding="utf-8")
        return path
    data = io.BytesIO()
    upright_pattern((400, 300)).save(data, "PNG" if kind == "corrupt" else "JPEG")
    raw = data.getvalue()
    if kind == "truncated":
        path = folder / "coupee.jpg"
        path.write_bytes(raw[: len(raw) // 2])
        return path
    path = folder / "abimee.png"             # valid signature and header, garbage after
    path.write_bytes(raw[:40] + bytes(range(256)) * 8)
    return path


def metadata_of(path: Path) -> dict:
    """What a published copy still says about itself (must be nothing private)."""
    private = ("exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp")
    with Image.open(path) as img:
        return {"exif": dict(img.getexif()), "info": sorted(k for k in img.info if k in private)}


def is_upright(img: Image.Image) -> bool:
    """Red in the top-left corner and blue in the bottom-right one, as drawn."""
    img = img.convert("RGB")
    w, h = img.size
    r1, g1, b1 = img.getpixel((w // 10, h // 10))
    r2, g2, b2 = img.getpixel((w - 1 - w // 10, h - 1 - h // 10))
    return r1 > 150 and b1 < 100 and b2 > 150 and r2 < 100
