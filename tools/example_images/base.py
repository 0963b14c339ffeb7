"""Small helpers: seeded randomness, gradients, noise, masks, ellipses, saving, fonts."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "students" / "lea-moreau" / "images"

SS = 2  # supersampling factor for the rendered pictures


def rng(name: str) -> random.Random:
    """One seeded generator per picture, so that editing one picture leaves the others alone."""
    return random.Random("lea-moreau/" + name)


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def mix(c1, c2, t):
    return tuple(int(round(lerp(a, b, t))) for a, b in zip(c1, c2, strict=False))


def lut(stops):
    """Colour stops [(pos 0..1, (r, g, b)), ...] -> three 256-entry lookup tables."""
    tables = ([], [], [])
    for i in range(256):
        x = i / 255
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= x <= p1:
                t = 0 if p1 == p0 else (x - p0) / (p1 - p0)
                t = t * t * (3 - 2 * t)  # smoothstep: softer transitions, like real reflections
                c = mix(c0, c1, t)
                break
        else:
            c = stops[-1][1] if x > stops[-1][0] else stops[0][1]
        for k in range(3):
            tables[k].append(c[k])
    return tables


def colorize(gray: Image.Image, stops) -> Image.Image:
    r, g, b = lut(stops)
    return Image.merge("RGB", [gray.point(r), gray.point(g), gray.point(b)])


def linear(size, angle_deg: float = 90.0, start=0.0, end=1.0) -> Image.Image:
    """'L' gradient over ``size``; 0 -> 255 along ``angle_deg`` (90 = top to bottom)."""
    w, h = size
    diag = int(math.hypot(w, h)) + 4
    g = Image.linear_gradient("L").resize((diag, diag), Image.BILINEAR)
    if start != 0.0 or end != 1.0:
        g = g.point(lambda v: int(max(0, min(255, (v / 255 - start) / (end - start) * 255))))
    g = g.rotate(90 - angle_deg, resample=Image.BILINEAR, expand=False, fillcolor=128)
    left, top = (diag - w) // 2, (diag - h) // 2
    return g.crop((left, top, left + w, top + h))


def radial(size, center=None, radius=None) -> Image.Image:
    """'L' radial gradient: 0 at ``center``, 255 at ``radius`` and beyond."""
    w, h = size
    cx, cy = center or (w / 2, h / 2)
    radius = radius or max(w, h) / 2
    g = Image.radial_gradient("L")  # 256 x 256, 0 in the centre, 255 at distance 128
    scale = radius / 128
    big = g.resize((max(1, int(256 * scale)), max(1, int(256 * scale))), Image.BILINEAR)
    out = Image.new("L", (w, h), 255)
    out.paste(big, (int(cx - 128 * scale), int(cy - 128 * scale)))
    return out


def noise(size, sigma: float, seed: int, blur: float = 0.0, mean: int = 128) -> Image.Image:
    """Deterministic grey noise ('L'): Pillow's effect_noise is not seeded, so build our own."""
    w, h = size
    r = random.Random(seed)
    t = 256  # a seeded tile, repeated with random offsets on each row of tiles
    data = bytes(max(0, min(255, int(r.gauss(mean, sigma)))) for _ in range(t * t))
    tile = Image.frombytes("L", (t, t), data)
    img = Image.new("L", (w, h))
    for y in range(0, h, t):
        shift = r.randrange(t)
        row = ImageChops.offset(tile, shift, r.randrange(t))
        for x in range(0, w, t):
            img.paste(row if (x // t + y // t) % 2 == 0 else row.transpose(
                Image.Transpose.FLIP_LEFT_RIGHT), (x, y))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    return img


def solid(size, color) -> Image.Image:
    return Image.new("RGB", size, color)


def mask_of(size) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    m = Image.new("L", size, 0)
    return m, ImageDraw.Draw(m)


def shrink(img: Image.Image, factor: int = SS) -> Image.Image:
    return img.resize((img.width // factor, img.height // factor), Image.LANCZOS)


def ellipse_box(cx, cy, ax, ay):
    return (cx - ax, cy - ay, cx + ax, cy + ay)


def ellipse_points(cx, cy, ax, ay, a0=0.0, a1=360.0, n=180, rot=0.0):
    pts = []
    cr, sr = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    for i in range(n + 1):
        a = math.radians(lerp(a0, a1, i / n))
        x, y = ax * math.cos(a), ay * math.sin(a)
        pts.append((cx + x * cr - y * sr, cy + x * sr + y * cr))
    return pts


def save_jpg(img: Image.Image, name: str, exif=None, quality: int = 85) -> None:
    path = OUT / name
    kwargs = {"quality": quality, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
    if exif is not None:
        kwargs["exif"] = exif
    img.convert("RGB").save(path, "JPEG", **kwargs)


def save_png(img: Image.Image, name: str, colors: int = 0, dpi: float = 0) -> None:
    """``dpi``: the resolution recorded in the file (a drawing at a scale prints at it)."""
    path = OUT / name
    if colors:
        img = img.convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                                          dither=Image.Dither.NONE)
    img.save(path, "PNG", optimize=True, **({"dpi": (dpi, dpi)} if dpi else {}))


def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's built-in font: the same on every machine (no system font needed)."""
    return ImageFont.load_default(size=size)
