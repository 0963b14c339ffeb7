#!/usr/bin/env python3
"""Draw the images of the shipped example dossier ``students/lea-moreau/``.

Run from the repository root::

    python tools/make_example_images.py            # writes students/lea-moreau/images/

Only the standard library and Pillow are used, and every random choice comes from a seeded
``random.Random``: the same Pillow version gives the same files, so the outputs are committed
as the example's assets and this script documents how they were made.

The pictures are stylised stand-ins for what a student would scan or photograph: a rendered
cover, pencil sketch sheets, gouache renderings, research plates, a dimensioned drawing and
photographs of the making stages.

Deliberate oddity: ``etape-finale.jpg`` is written the way a phone writes a photo taken in
portrait: its pixels are stored rotated (EXIF Orientation = 6, it shows upright only when a
viewer applies the tag), and it carries fake GPS coordinates (GPS IFD, tag 0x8825) plus a
camera make/model.  The example thereby proves that the publishing tool turns images upright
and strips their metadata (nobody's location ends up on the web site or in the PDF).
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "students" / "lea-moreau" / "images"

SS = 2  # supersampling factor for the rendered pictures

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Metals and stones
# --------------------------------------------------------------------------------------------

GOLD = [  # or jaune 750, polished: dark reflections and warm highlights
    (0.00, (70, 44, 12)), (0.16, (150, 104, 36)), (0.30, (226, 184, 96)),
    (0.38, (255, 238, 178)), (0.47, (214, 166, 74)), (0.62, (118, 78, 22)),
    (0.78, (198, 150, 62)), (0.90, (246, 214, 140)), (1.00, (170, 120, 44)),
]
GOLD_SOFT = [  # satin finish: narrower range, no mirror reflections
    (0.0, (150, 106, 40)), (0.45, (208, 164, 86)), (0.75, (232, 196, 124)),
    (1.0, (182, 136, 58)),
]
GOLD_DARK = [  # inside of the band, side walls
    (0.0, (54, 34, 10)), (0.35, (120, 82, 28)), (0.55, (196, 152, 70)),
    (0.75, (104, 70, 22)), (1.0, (72, 46, 14)),
]


RESIN = {  # castable resin (prototype), translucent green
    "main": [(0.0, (18, 70, 52)), (0.3, (60, 150, 110)), (0.4, (150, 220, 180)),
             (0.55, (40, 120, 86)), (0.8, (70, 160, 120)), (1.0, (24, 90, 64))],
    "soft": [(0.0, (40, 120, 88)), (0.5, (80, 170, 128)), (1.0, (50, 136, 100))],
    "dark": [(0.0, (10, 44, 32)), (0.5, (40, 110, 80)), (1.0, (14, 56, 40))],
    "face": [(0.0, (130, 210, 170)), (0.5, (50, 140, 100)), (1.0, (30, 100, 72))],
    "light": (190, 240, 210), "shadow": (8, 30, 22), "stone": False,
}
GOLD_SET = {
    "main": None, "soft": None, "dark": None,
    "face": [(0.0, (250, 226, 160)), (0.3, (214, 168, 80)), (0.55, (140, 96, 30)),
             (0.8, (222, 182, 100)), (1.0, (120, 80, 24))],
    "light": (255, 242, 196), "shadow": (90, 56, 14), "stone": True,
}


def fill_masked(canvas: Image.Image, mask: Image.Image, fill: Image.Image) -> None:
    canvas.paste(fill, (0, 0), mask)


def glow(canvas: Image.Image, shape_fn, color, blur: float, opacity: float = 1.0,
         clip: Image.Image | None = None) -> None:
    """Blend a blurred light (or shadow) drawn by ``shape_fn(draw)`` into ``canvas``."""
    m, d = mask_of(canvas.size)
    shape_fn(d)
    if blur:
        m = m.filter(ImageFilter.GaussianBlur(blur))
    if opacity != 1.0:
        m = m.point(lambda v: int(v * opacity))
    if clip is not None:
        m = ImageChops.multiply(m, clip)
    canvas.paste(solid(canvas.size, color), (0, 0), m)


def sparkle(canvas: Image.Image, x, y, size, opacity=1.0):
    """A four-branch star of light (facet flash)."""
    def shape(d):
        d.polygon([(x - size, y), (x, y - size * 0.09), (x + size, y), (x, y + size * 0.09)],
                  fill=255)
        d.polygon([(x, y - size), (x + size * 0.09, y), (x, y + size), (x - size * 0.09, y)],
                  fill=255)
        d.ellipse(ellipse_box(x, y, size * 0.16, size * 0.16), fill=255)
    glow(canvas, shape, (255, 255, 255), size * 0.05, opacity)
    glow(canvas, lambda d: d.ellipse(ellipse_box(x, y, size * 0.35, size * 0.35), fill=255),
         (255, 255, 255), size * 0.25, opacity * 0.5)


def sapphire(canvas: Image.Image, cx, cy, r, squash=1.0, seed=0):
    """Round brilliant-cut blue sapphire seen from above (``squash`` < 1 tilts it)."""
    box = tuple(int(v) for v in (cx - r * 2, cy - r * 2, cx + r * 2, cy + r * 2))
    local = canvas.crop(box)
    _sapphire(local, cx - box[0], cy - box[1], r, squash, seed)
    canvas.paste(local, box[:2])


def _sapphire(canvas: Image.Image, cx, cy, r, squash=1.0, seed=0):
    w, h = canvas.size
    m, d = mask_of((w, h))
    d.ellipse(ellipse_box(cx, cy, r, r * squash), fill=255)
    base = colorize(radial((w, h), (cx - r * 0.2, cy - r * 0.25 * squash), r * 1.5), [
        (0.0, (60, 110, 220)), (0.35, (22, 52, 150)), (0.7, (10, 22, 80)), (1.0, (6, 12, 48))])
    canvas.paste(base, (0, 0), m)
    # facets: alternating light / dark wedges from the table to the girdle
    n = 16
    light, dark = (66, 118, 226), (12, 28, 98)
    table = 0.52
    for i in range(n):
        a0, a1 = 2 * math.pi * i / n, 2 * math.pi * (i + 1) / n
        am = (a0 + a1) / 2
        pts = [(cx + r * table * math.cos(a0), cy + r * table * squash * math.sin(a0)),
               (cx + r * math.cos(a0), cy + r * squash * math.sin(a0)),
               (cx + r * math.cos(a1), cy + r * squash * math.sin(a1)),
               (cx + r * table * math.cos(a1), cy + r * table * squash * math.sin(a1))]
        t = 0.5 + 0.5 * math.cos(am * 3 + seed)
        col = mix(dark, light, t * (0.6 + 0.4 * math.sin(am + 1.2)))
        fm, fd = mask_of((w, h))
        fd.polygon(pts, fill=150)
        canvas.paste(solid((w, h), col), (0, 0), fm)
        # star facets towards the table
        pm = (cx + r * 0.78 * math.cos(am), cy + r * 0.78 * squash * math.sin(am))
        fm, fd = mask_of((w, h))
        fd.polygon([pts[0], pm, pts[3]], fill=110)
        canvas.paste(solid((w, h), mix(col, (140, 180, 255), 0.35)), (0, 0), fm)
    # table (octagon)
    tm, td = mask_of((w, h))
    td.polygon([(cx + r * table * math.cos(2 * math.pi * k / 8 + math.pi / 8),
                 cy + r * table * squash * math.sin(2 * math.pi * k / 8 + math.pi / 8))
                for k in range(8)], fill=255)
    tfill = colorize(linear((w, h), 60), [(0.0, (90, 140, 235)), (0.45, (26, 60, 160)),
                                          (0.55, (18, 44, 130)), (1.0, (54, 100, 210))])
    canvas.paste(tfill, (0, 0), tm)
    # facet edges
    ld = ImageDraw.Draw(canvas)
    edge = (120, 160, 240)
    for k in range(8):
        a0 = 2 * math.pi * k / 8 + math.pi / 8
        a1 = 2 * math.pi * (k + 1) / 8 + math.pi / 8
        ld.line([(cx + r * table * math.cos(a0), cy + r * table * squash * math.sin(a0)),
                 (cx + r * table * math.cos(a1), cy + r * table * squash * math.sin(a1))],
                fill=edge, width=max(1, int(r * 0.02)))
    # depth at the girdle and highlights
    glow(canvas, lambda dd: dd.ellipse(ellipse_box(cx, cy, r, r * squash),
                                       outline=255, width=int(r * 0.12)),
         (5, 10, 40), r * 0.08, 0.7, clip=m)
    glow(canvas, lambda dd: dd.ellipse(ellipse_box(cx - r * 0.3, cy - r * 0.35 * squash,
                                                   r * 0.28, r * 0.16 * squash), fill=255),
         (220, 235, 255), r * 0.12, 0.55, clip=m)
    sparkle(canvas, cx - r * 0.32, cy - r * 0.38 * squash, r * 0.55, 0.95)
    sparkle(canvas, cx + r * 0.45, cy + r * 0.2 * squash, r * 0.25, 0.7)


# --------------------------------------------------------------------------------------------
# The ginkgo leaf
# --------------------------------------------------------------------------------------------


def leaf_local(length: float, spread_deg: float = 62, notch: float = 0.2, n: int = 160,
               seed: int = 0, lobes: float = 0.008):
    """Ginkgo leaf outline in local coordinates: base at (0, 0), the blade opens towards -y."""
    r = random.Random(seed)
    phases = [r.uniform(0, 2 * math.pi) for _ in range(3)]
    s = math.radians(spread_deg)
    pts = [(0.0, 0.0)]
    edge_r = length * 0.5
    # left side, slightly concave
    for i in range(1, 12):
        t = i / 12
        a = -s * (1 - 0.10 * math.sin(math.pi * t))
        rr = edge_r * t
        pts.append((rr * math.sin(a), -rr * math.cos(a)))
    for i in range(n + 1):
        a = lerp(-s, s, i / n)
        u = abs(a) / s
        rho = length * (1 - 0.5 * u ** 6)
        k = max(0.0, 1 - abs(a) / 0.11)
        rho *= 1 - notch * k ** 1.6
        rho *= 1 + lobes * (math.sin(a * 19 + phases[0]) + 0.6 * math.sin(a * 41 + phases[1]))
        pts.append((rho * math.sin(a), -rho * math.cos(a)))
    for i in range(11, 0, -1):
        t = i / 12
        a = s * (1 - 0.10 * math.sin(math.pi * t))
        rr = edge_r * t
        pts.append((rr * math.sin(a), -rr * math.cos(a)))
    return pts


def leaf_veins_local(length: float, spread_deg: float = 62, count: int = 26, notch=0.2):
    s = math.radians(spread_deg)
    veins = []
    for i in range(count):
        a_end = lerp(-s * 0.93, s * 0.93, (i + 0.5) / count)
        u = abs(a_end) / s
        rho = length * (1 - 0.5 * u ** 6) * (1 - notch * max(0.0, 1 - abs(a_end) / 0.11) ** 1.6)
        line = []
        for j in range(14):
            t = 0.06 + 0.9 * j / 13
            a = a_end * (0.55 + 0.45 * t ** 0.5)
            rr = rho * t * 0.97
            line.append((rr * math.sin(a), -rr * math.cos(a)))
        veins.append(line)
    return veins


def place(points, x, y, scale=1.0, angle_deg=0.0, squash=1.0):
    """Rotate (degrees, clockwise on screen), scale, squash vertically, translate."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    out = []
    for px, py in points:
        px, py = px * scale, py * scale
        rx, ry = px * ca - py * sa, px * sa + py * ca
        out.append((x + rx, y + ry * squash))
    return out


def gold_leaf(canvas: Image.Image, x, y, length, angle=0.0, squash=1.0, thickness=0.0,
              seed=0, satin=True, light_angle=70, palette=None):
    """Render a gold ginkgo leaf (top face satin, polished rim, engraved veins)."""
    w, h = canvas.size
    pal = palette or GOLD_SET
    polished, soft, dark = pal["main"] or GOLD, pal["soft"] or GOLD_SOFT, pal["dark"] or GOLD_DARK
    tint = (250, 226, 170) if pal["stone"] else (170, 235, 200)
    groove = (110, 72, 22) if pal["stone"] else (16, 60, 42)
    outline = place(leaf_local(length, seed=seed), x, y, 1, angle, squash)
    full, fd = mask_of((w, h))
    if thickness:  # side wall: the outline swept downwards
        m, d = mask_of((w, h))
        for k in range(1, int(thickness) + 1, 2):
            d.polygon([(px, py + k) for px, py in outline], fill=255)
        canvas.paste(colorize(linear((w, h), 10), dark), (0, 0), m)
        full.paste(255, (0, 0), m)
    m, d = mask_of((w, h))
    d.polygon(outline, fill=255)
    full.paste(255, (0, 0), m)
    top = colorize(linear((w, h), light_angle), soft if satin else polished)
    canvas.paste(top, (0, 0), m)
    if satin:  # brushed texture following the veins
        tex = noise((w, h), 40, seed + 7, blur=0.6)
        tex = tex.filter(ImageFilter.GaussianBlur(1))
        shade = ImageChops.multiply(m, tex.point(lambda v: max(0, v - 110)))
        canvas.paste(solid((w, h), tint), (0, 0), shade.point(lambda v: v // 3))
    # veins: dark groove with a light lip
    vm, vd = mask_of((w, h))
    lm, ldr = mask_of((w, h))
    lw = max(1, int(length * 0.005))
    for vein in leaf_veins_local(length, count=34):
        pts = place(vein, x, y, 1, angle, squash)
        vd.line(pts, fill=255, width=lw, joint="curve")
        ldr.line([(px + lw, py + lw) for px, py in pts], fill=255, width=lw, joint="curve")
    canvas.paste(solid((w, h), (255, 236, 180)), (0, 0), lm.point(lambda v: v * 2 // 5))
    canvas.paste(solid((w, h), groove), (0, 0), vm.point(lambda v: v // 2))
    # polished rim
    rim, rd = mask_of((w, h))
    rd.line(outline + [outline[0]], fill=255, width=max(2, int(length * 0.03)), joint="curve")
    rim = ImageChops.multiply(rim, m)
    canvas.paste(colorize(linear((w, h), light_angle + 40), polished), (0, 0), rim)
    return full


# --------------------------------------------------------------------------------------------
# The ring, 3/4 view
# --------------------------------------------------------------------------------------------


def ring_layer(size, cx, cy, scale, seed=0, phi_cos=0.42, band_w_mm=2.6,
               material=None) -> Image.Image:
    """The Ginkgo ring on a transparent layer: band (3/4 view), leaf top, bezel-set sapphire.

    ``scale`` is in pixels per millimetre.  The ring axis is turned away from the viewer, so
    circles become ellipses of horizontal half axis ``radius * phi_cos``.
    """
    w, h = size
    mat = material or GOLD_SET
    main = mat["main"] or GOLD
    dark = mat["dark"] or GOLD_DARK
    R, r = 10.2 * scale, 8.6 * scale          # outer / inner radius (finger size 54)
    d = band_w_mm * scale * math.sqrt(1 - phi_cos ** 2)  # band width seen from the side
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    rgb = Image.new("RGB", size, (0, 0, 0))
    alpha = Image.new("L", size, 0)

    # outer surface: union of the outer ellipses swept along the band width
    outer, od = mask_of(size)
    steps = 24
    for i in range(steps + 1):
        ox = cx + d * i / steps
        od.ellipse(ellipse_box(ox, cy, R * phi_cos, R), fill=255)
    shade = linear(size, 96)
    band = colorize(shade, main)
    rgb.paste(band, (0, 0), outer)
    alpha.paste(255, (0, 0), outer)
    # a vertical streak of light along the curved outer surface (half-round profile)
    for off, col, op, bl in ((0.55, mat["light"], 0.85, 0.9), (0.95, mat["shadow"], 0.6, 1.2)):
        glow(rgb, lambda dd, off=off: dd.arc(ellipse_box(cx + d * off, cy, R * phi_cos, R),
                                             -80, 80, fill=255, width=int(scale * 0.9)),
             col, scale * bl, op, clip=outer)
    # inner surface, seen through the front opening
    inner, idr = mask_of(size)
    idr.ellipse(ellipse_box(cx, cy, r * phi_cos, r), fill=255)
    rgb.paste(colorize(linear(size, 100), dark), (0, 0), inner)
    glow(rgb, lambda dd: dd.arc(ellipse_box(cx + d * 0.25, cy, r * phi_cos, r), 110, 250,
                                fill=255, width=int(scale * 0.7)),
         (230, 190, 110), scale * 0.9, 0.8, clip=inner)
    # the hole: intersection of the front and back inner ellipses is see-through
    back, bd = mask_of(size)
    bd.ellipse(ellipse_box(cx + d, cy, r * phi_cos, r), fill=255)
    hole = ImageChops.multiply(inner, back)
    alpha.paste(0, (0, 0), hole)
    # front face of the band (flat annulus), lit from the upper left
    face, fd = mask_of(size)
    fd.ellipse(ellipse_box(cx, cy, R * phi_cos, R), fill=255)
    fd.ellipse(ellipse_box(cx, cy, r * phi_cos, r), fill=0)
    rgb.paste(colorize(linear(size, 75), mat["face"]), (0, 0), face)
    # the top: ginkgo leaf lying on the band, opening away from the viewer
    top_x, top_y = cx + d * 0.5, cy - R * 0.93
    leaf_len = 11.5 * scale
    leaf_mask = Image.new("L", size, 0)
    # shadow of the leaf on the band
    glow(rgb, lambda dd: dd.polygon(place(leaf_local(leaf_len, seed=seed), top_x + scale,
                                          top_y + scale * 1.6, 1, 8, 0.5), fill=255),
         (40, 24, 6), scale * 1.2, 0.7, clip=outer)
    leaf_mask = gold_leaf(rgb, top_x, top_y + scale * 1.2, leaf_len, angle=8, squash=0.5,
                          thickness=scale * 0.9, seed=seed, light_angle=80, palette=mat)
    alpha.paste(255, (0, 0), leaf_mask)
    # bezel (serti clos) with the sapphire at the birth of the leaf
    bx, by = top_x + scale * 0.2, top_y + scale * 0.6
    br = 2.75 * scale
    sq = 0.62
    m, dd = mask_of(size)  # bezel wall
    for k in range(1, int(scale * 1.4) + 1, 2):
        dd.ellipse(ellipse_box(bx, by + k, br, br * sq), fill=255)
    rgb.paste(colorize(linear(size, 0), dark), (0, 0), m)
    alpha.paste(255, (0, 0), m)
    m, dd = mask_of(size)
    dd.ellipse(ellipse_box(bx, by, br, br * sq), fill=255)
    rgb.paste(colorize(linear(size, 60), main), (0, 0), m)
    alpha.paste(255, (0, 0), m)
    if mat["stone"]:
        sapphire(rgb, bx, by, br * 0.80, sq, seed=seed)
    else:  # empty seat of the bezel on the model
        m, dd = mask_of(size)
        dd.ellipse(ellipse_box(bx, by, br * 0.8, br * 0.8 * sq), fill=255)
        rgb.paste(colorize(linear(size, 100), dark), (0, 0), m)
    layer = rgb.convert("RGBA")
    layer.putalpha(alpha)
    return layer


def drop_shadow(canvas: Image.Image, layer: Image.Image, offset, blur, opacity, color=(0, 0, 0),
                squash=1.0):
    a = layer.getchannel("A")
    if squash != 1.0:
        bbox = a.getbbox()
        if bbox:
            a2 = Image.new("L", a.size, 0)
            part = a.crop(bbox)
            part = part.resize((part.width, max(1, int(part.height * squash))))
            a2.paste(part, (bbox[0], bbox[3] - part.height))
            a = a2
    a = a.filter(ImageFilter.GaussianBlur(blur)).point(lambda v: int(v * opacity))
    canvas.paste(solid(canvas.size, color), offset, a)


def reflect(canvas: Image.Image, layer: Image.Image, opacity: float, gap: int = 0,
            length: float = 0.45) -> None:
    """Mirror image of ``layer`` on a glossy floor, fading with the distance."""
    bbox = layer.getbbox()
    if not bbox:
        return
    part = ImageOps.flip(layer.crop(bbox))
    fade = linear(part.size, 90).point(lambda v: int(max(0.0, 255 - v / length) * opacity))
    part.putalpha(ImageChops.multiply(part.getchannel("A"), fade))
    canvas.paste(part, (bbox[0], bbox[3] + gap), part)


def studio_background(size, top, bottom, vignette=0.35, seed=1):
    w, h = size
    bg = colorize(linear(size, 90), [(0.0, top), (1.0, bottom)])
    v = radial(size, (w * 0.55, h * 0.45), max(w, h) * 0.75)
    bg.paste(solid(size, (0, 0, 0)), (0, 0), v.point(lambda x: int(x * vignette)))
    grain = noise(size, 6, seed)
    bg = ImageChops.add(bg, Image.merge("RGB", [grain] * 3), scale=1.0, offset=-128)
    return bg


def cover() -> None:
    # 3000 px wide: the cover box is filled (cropped), 297 mm high in A3 landscape: 171 dpi.
    W, H = 3000 * SS, 2000 * SS
    bg = studio_background((W, H), (238, 234, 228), (196, 188, 178), 0.30, seed=11)
    # a soft "table" horizon
    glow(bg, lambda d: d.rectangle((0, int(H * 0.70), W, H), fill=255), (180, 170, 160),
         H * 0.08, 0.35)
    # two out-of-focus ginkgo leaves in the background (left)
    for (lx, ly, ll, ang, col, blur) in ((W * 0.14, H * 0.86, H * 0.26, -38, (206, 178, 96), 9),
                                         (W * 0.27, H * 1.00, H * 0.20, 24, (190, 168, 104), 13)):
        pts = place(leaf_local(ll, seed=3), lx, ly, 1, ang, 0.6)
        m, d = mask_of((W, H))
        d.polygon(pts, fill=255)
        d.line(place([(0, 0), (ll * 0.05, ll * 0.35), (ll * 0.12, ll * 0.6)], lx, ly, 1, ang,
                     0.6), fill=255, width=int(ll * 0.02))
        leaf = colorize(linear((W, H), 70), [(0, col), (1, mix(col, (120, 100, 40), 0.5))])
        m = m.filter(ImageFilter.GaussianBlur(blur * 1.25 * SS))
        bg.paste(leaf, (0, 0), m.point(lambda v: int(v * 0.5)))
    scale = 50 * SS
    cx, cy = W * 0.60, H * 0.55
    layer = ring_layer((W, H), cx, cy, scale, seed=5)
    layer = layer.rotate(-8, resample=Image.BICUBIC, center=(cx, cy))
    # reflection on the glossy table
    reflect(bg, layer, 0.22, gap=int(scale * 0.15))
    drop_shadow(bg, layer, (int(scale * 1.2), int(scale * 0.3)), scale * 1.4, 0.35,
                color=(70, 56, 40), squash=0.18)
    bg.paste(layer, (0, 0), layer)
    save_jpg(shrink(bg), "couverture.jpg")


# --------------------------------------------------------------------------------------------
# Pencil sketches
# --------------------------------------------------------------------------------------------


def paper(size, seed, tint=(246, 242, 232), texture=4):
    w, h = size
    base = solid(size, tint)
    n = noise(size, texture, seed, blur=3)
    base = ImageChops.add(base, Image.merge("RGB", [n] * 3), 1.0, -128)
    v = radial(size, None, max(w, h) * 0.8)
    base.paste(solid(size, mix(tint, (150, 130, 100), 0.5)), (0, 0),
               v.point(lambda x: int(x * 0.10)))
    return base


class Pencil:
    """Graphite on paper: wobbly double strokes, hatching, a grainy deposit."""

    def __init__(self, size, seed):
        self.size = size
        self.seed = seed
        self.r = random.Random(seed)
        self.ink = Image.new("L", size, 0)
        self.d = ImageDraw.Draw(self.ink)

    def line(self, pts, width=3, value=190, passes=2, wobble=2.0):
        n = len(pts)
        for p in range(passes):
            ph1, ph2 = self.r.uniform(0, 6.3), self.r.uniform(0, 6.3)
            dx, dy = self.r.gauss(0, wobble * 0.6), self.r.gauss(0, wobble * 0.6)
            out = []
            for i, (x, y) in enumerate(pts):
                t = i / max(1, n - 1)
                out.append((x + dx + wobble * math.sin(6 * t + ph1),
                            y + dy + wobble * math.sin(5 * t + ph2)))
            self.d.line(out, fill=value if p == 0 else int(value * 0.55),
                        width=width if p == 0 else max(1, width - 1), joint="curve")

    def closed(self, pts, **kw):
        self.line(list(pts) + [pts[0], pts[1]], **kw)

    def ellipse(self, cx, cy, ax, ay, a0=0, a1=360, rot=0.0, **kw):
        self.line(ellipse_points(cx, cy, ax, ay, a0, a1, 120, rot), **kw)

    def hatch(self, clip: Image.Image, angle=45, spacing=14, value=110, width=2):
        w, h = self.size
        lay = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(lay)
        a = math.radians(angle)
        ca, sa = math.cos(a), math.sin(a)
        diag = math.hypot(w, h)
        k = -diag
        while k < diag:
            jitter = self.r.uniform(-spacing * 0.2, spacing * 0.2)
            x0, y0 = w / 2 + (k + jitter) * -sa, h / 2 + (k + jitter) * ca
            d.line([(x0 - diag * ca, y0 - diag * sa), (x0 + diag * ca, y0 + diag * sa)],
                   fill=int(value * self.r.uniform(0.7, 1.0)), width=width)
            k += spacing
        self.ink = ImageChops.lighter(self.ink, ImageChops.multiply(lay, clip))
        self.d = ImageDraw.Draw(self.ink)

    def render(self, canvas: Image.Image, color=(38, 38, 46)):
        grain = noise(self.size, 55, self.seed + 1)
        ink = ImageChops.multiply(self.ink, grain.point(lambda v: min(255, v + 70)))
        ink = ink.point(lambda v: min(255, int(v * 1.45)))
        ink = ink.filter(ImageFilter.GaussianBlur(0.7))
        canvas.paste(solid(self.size, color), (0, 0), ink)
        return canvas


def poly_mask(size, pts):
    m, d = mask_of(size)
    d.polygon(pts, fill=255)
    return m


def sketch_leaf(pen: Pencil, x, y, length, angle=0.0, squash=1.0, veins=True, shade=True,
                seed=0, stem=True):
    outline = place(leaf_local(length, seed=seed, lobes=0.015), x, y, 1, angle, squash)
    pen.closed(outline, width=3, value=200)
    if stem:
        pen.line(place([(0, 0), (length * 0.03, length * 0.3), (length * 0.1, length * 0.6)],
                       x, y, 1, angle, squash), width=3, value=190)
    if veins:
        for v in leaf_veins_local(length, count=18):
            pen.line(place(v, x, y, 1, angle, squash), width=1, value=120, passes=1,
                     wobble=0.8)
    if shade:
        half = place([(0, 0)] + [(px, py) for px, py in leaf_local(length, seed=seed)
                                 if px > length * 0.05], x, y, 1, angle, squash)
        pen.hatch(poly_mask(pen.size, half), angle=angle + 60, spacing=13, value=90)


def sketch_ring(pen: Pencil, cx, cy, R, variant: str, seed=0):
    """A ring in 3/4 view, pencil: band ellipses and a leaf head in several variants."""
    c = 0.42
    d = R * 0.22
    r = R * 0.84
    pen.ellipse(cx, cy, R * c, R, 95, 265, width=3)
    pen.ellipse(cx + d, cy, R * c, R, -85, 85, width=3)
    pen.line([(cx, cy + R), (cx + d, cy + R)], width=3)
    pen.ellipse(cx, cy, r * c, r, 0, 360, width=2, value=150)
    band = Image.new("L", pen.size, 0)
    bd = ImageDraw.Draw(band)
    bd.ellipse(ellipse_box(cx + d, cy, R * c, R), fill=255)
    bd.ellipse(ellipse_box(cx, cy, R * c, R), fill=0)
    pen.hatch(band, angle=80, spacing=10, value=100)
    top = (cx + d * 0.5, cy - R * 0.9)
    L = R * 1.15
    if variant == "A":      # one leaf, stone at its base (retained)
        sketch_leaf(pen, top[0], top[1], L, 6, 0.5, seed=seed, stem=False)
        pen.ellipse(top[0], top[1] - R * 0.03, R * 0.26, R * 0.16, width=3, value=210)
        pen.ellipse(top[0], top[1] - R * 0.03, R * 0.19, R * 0.11, width=2, value=160)
    elif variant == "B":    # two leaves, toi et moi
        sketch_leaf(pen, top[0] - R * 0.1, top[1], L * 0.8, -40, 0.55, seed=seed, stem=False)
        sketch_leaf(pen, top[0] + R * 0.1, top[1], L * 0.8, 40, 0.55, seed=seed + 1,
                    stem=False)
        pen.ellipse(top[0], top[1] + R * 0.02, R * 0.15, R * 0.1, width=3)
    elif variant == "C":    # the band becomes the stem and wraps the leaf
        sketch_leaf(pen, top[0] + R * 0.15, top[1] - R * 0.05, L, 35, 0.5, seed=seed,
                    stem=False)
        pen.line([(cx + R * c * 0.9, cy - R * 0.3), (top[0] + R * 0.3, top[1] + R * 0.15),
                  (top[0] + R * 0.15, top[1] - R * 0.05)], width=4)
    else:                   # D: small leaf, three stones along the edge
        sketch_leaf(pen, top[0], top[1], L * 0.75, 0, 0.5, seed=seed, stem=False)
        for k in (-1, 0, 1):
            a = math.radians(k * 32)
            pen.ellipse(top[0] + L * 0.6 * math.sin(a), top[1] - L * 0.6 * 0.5 * math.cos(a),
                        R * 0.09, R * 0.06, width=2)


def arrow(pen: Pencil, p0, p1, width=3, value=170, head=18):
    pen.line([p0, p1], width=width, value=value, passes=1)
    a = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
    for s in (-1, 1):
        pen.line([p1, (p1[0] - head * math.cos(a + s * 0.45),
                       p1[1] - head * math.sin(a + s * 0.45))],
                 width=width, value=value, passes=1)


def croquis_1():
    """Leaf studies and progressive stylisation."""
    W, H = 2000, 1414
    pg = paper((W, H), 101)
    pen = Pencil((W, H), 102)
    sketch_leaf(pen, 470, 640, 400, -12, 1.0, seed=1)
    sketch_leaf(pen, 880, 560, 280, 28, 0.9, seed=2, shade=False)
    sketch_leaf(pen, 1120, 760, 240, -50, 0.45, seed=3, veins=False)   # turned leaf
    # a short shoot with a bouquet of leaves
    sx, sy = 1600, 720
    pen.line([(sx - 40, sy + 120), (sx, sy), (sx + 20, sy - 30)], width=6, value=170)
    for k, ang in enumerate((-70, -30, 5, 40, 75)):
        a = math.radians(ang)
        ex, ey = sx + 200 * math.sin(a), sy - 200 * math.cos(a)
        pen.line([(sx, sy), ((sx + ex) / 2 + 10, (sy + ey) / 2), (ex, ey)], width=2)
        sketch_leaf(pen, ex, ey, 150 + 20 * (k % 2), ang, 1.0, seed=10 + k, veins=k == 2,
                    shade=k % 2 == 0, stem=False)
    # stylisation: natural leaf -> simplified fan -> geometric fan
    y0 = 1220
    sketch_leaf(pen, 420, y0, 190, 0, 1.0, seed=4, shade=False)
    arrow(pen, (560, y0 - 90), (720, y0 - 90))
    fan = place(leaf_local(190, notch=0.12, lobes=0.0), 900, y0, 1, 0, 1)
    pen.closed(fan, width=4, value=210)
    for v in leaf_veins_local(190, count=7, notch=0.12):
        pen.line(place([v[0], v[-1]], 900, y0, 1, 0, 1), width=2, value=150, passes=1)
    arrow(pen, (1080, y0 - 90), (1240, y0 - 90))
    geo = [(1420, y0)]
    for k in range(7):
        a = math.radians(-60 + 20 * k)
        rr = 190 if k != 3 else 150
        geo.append((1420 + rr * math.sin(a), y0 - rr * math.cos(a)))
    pen.closed(geo, width=4, value=220)
    pen.ellipse(1420, y0 - 40, 26, 26, width=4, value=220)
    save_png(pen.render(pg), "croquis-1.png", colors=16)


def croquis_2():
    """Four ring variants, the retained one circled."""
    W, H = 2000, 1414
    pg = paper((W, H), 201, tint=(245, 241, 229))
    pen = Pencil((W, H), 202)
    spots = [(460, 480, "A"), (1160, 480, "B"), (460, 1150, "C"), (1160, 1150, "D")]
    for i, (x, y, v) in enumerate(spots):
        sketch_ring(pen, x, y, 230, v, seed=20 + i)
    # the retained variant: a loose double loop around A, and a check mark
    pen.ellipse(500, 440, 310, 345, rot=-6, width=4, value=230, wobble=6)
    pen.line([(800, 150), (830, 195), (900, 100)], width=6, value=230)
    # the retained head seen from above, larger (right column)
    sketch_leaf(pen, 1720, 860, 300, 0, 1.0, seed=9)
    pen.ellipse(1720, 815, 46, 46, width=4, value=220)
    pen.ellipse(1720, 815, 34, 34, width=2, value=170)
    save_png(pen.render(pg), "croquis-2.png", colors=16)


def croquis_3():
    """Technical sketches: bezel in section, claw alternative, band profiles."""
    W, H = 2000, 1414
    pg = paper((W, H), 301, tint=(247, 244, 236))
    pen = Pencil((W, H), 302)
    # 1. bezel setting in section (stone profile in its seat)
    cx, cy, sc = 480, 460, 60       # 60 px per mm
    stone_r = 2.1 * sc
    crown, pav = 0.65 * sc, 1.85 * sc
    table = 1.15 * sc
    stone = [(cx - table, cy - crown), (cx + table, cy - crown), (cx + stone_r, cy),
             (cx, cy + pav), (cx - stone_r, cy)]
    pen.closed(stone, width=3, value=200)
    pen.line([(cx - stone_r, cy), (cx + stone_r, cy)], width=2, value=140, passes=1)
    for side in (-1, 1):
        wall = [(cx + side * (stone_r + 0.05 * sc), cy - crown * 0.9),
                (cx + side * (stone_r + 0.5 * sc), cy - crown * 0.6),
                (cx + side * (stone_r + 0.5 * sc), cy + 1.9 * sc),
                (cx + side * (stone_r - 0.3 * sc), cy + 1.9 * sc),
                (cx + side * (stone_r - 0.3 * sc), cy + 0.35 * sc),
                (cx + side * (stone_r + 0.05 * sc), cy + 0.3 * sc)]
        pen.closed(wall, width=3, value=210)
        pen.hatch(poly_mask((W, H), wall), angle=45, spacing=12, value=150)
    # leaf plate under the bezel, in section
    plate = [(cx - 5.5 * sc, cy + 1.9 * sc), (cx + 5.5 * sc, cy + 1.9 * sc),
             (cx + 5.5 * sc, cy + 2.8 * sc), (cx - 5.5 * sc, cy + 2.8 * sc)]
    pen.closed(plate, width=3)
    pen.hatch(poly_mask((W, H), plate), angle=-45, spacing=12, value=130)
    # the burnisher pushing the metal over the girdle
    arrow(pen, (cx + 4.2 * sc, cy - 2.6 * sc), (cx + 2.9 * sc, cy - 1.0 * sc), head=24)
    # 2. claw alternative, top view
    gx, gy = 1400, 420
    pen.ellipse(gx, gy, 130, 130, width=3)
    for k in range(8):
        a = math.radians(22.5 + 45 * k)
        pen.line([(gx + 60 * math.cos(a), gy + 60 * math.sin(a)),
                  (gx + 130 * math.cos(a), gy + 130 * math.sin(a))], width=1, value=110,
                 passes=1)
    for k in range(4):
        a = math.radians(45 + 90 * k)
        pen.ellipse(gx + 135 * math.cos(a), gy + 135 * math.sin(a), 26, 26, width=4,
                    value=220)
    pen.line([(gx - 190, gy - 190), (gx + 190, gy + 190)], width=5, value=200)  # rejected
    pen.line([(gx + 190, gy - 190), (gx - 190, gy + 190)], width=5, value=200)
    # 3. band profiles: demi-jonc (kept), plat, jonc
    for i, kind in enumerate(("demi-jonc", "plat", "jonc")):
        x, y = 300 + i * 360, 1120
        if kind == "demi-jonc":
            pts = ellipse_points(x, y, 130, 85, 180, 360, 60) + [(x + 130, y), (x - 130, y)]
        elif kind == "plat":
            pts = [(x - 130, y - 50), (x + 130, y - 50), (x + 130, y + 20), (x - 130, y + 20)]
        else:
            pts = ellipse_points(x, y - 30, 120, 75, 0, 360, 80)
        pen.closed(pts, width=3, value=200)
        pen.hatch(poly_mask((W, H), pts), angle=45, spacing=11, value=140)
    pen.ellipse(300, 1080, 190, 150, width=3, value=220, wobble=5)
    # 4. the leaf is curved to follow the finger (front view)
    fx, fy = 1560, 1060
    pen.ellipse(fx, fy, 200, 200, width=3)
    pen.ellipse(fx, fy, 168, 168, width=2, value=150)
    pen.ellipse(fx, fy, 228, 228, 230, 310, width=6, value=220)
    pen.line([(fx - 40, fy - 228), (fx - 40, fy - 275), (fx + 40, fy - 275), (fx + 40, fy - 228)],
             width=4, value=220)
    arrow(pen, (fx + 300, fy - 260), (fx + 150, fy - 215), head=20)
    save_png(pen.render(pg), "croquis-3.png", colors=16)


# --------------------------------------------------------------------------------------------
# Gouache renderings
# --------------------------------------------------------------------------------------------


def brush_texture(size, seed, strength=26):
    """Streaky texture of a flat brush (horizontal strokes)."""
    w, h = size
    n = noise((max(8, w // 16), h), strength, seed)
    return n.resize((w, h), Image.BILINEAR).filter(ImageFilter.GaussianBlur(1.5))


def gouache_paper(size, seed, tint):
    w, h = size
    pg = solid(size, tint)
    n = noise(size, 10, seed, blur=1.2)
    pg = ImageChops.add(pg, Image.merge("RGB", [n] * 3), 1.0, -128)
    return pg


def paint(canvas, mask, color, seed, strength=24):
    tex = brush_texture(canvas.size, seed, strength)
    layer = ImageChops.add(solid(canvas.size, color), Image.merge("RGB", [tex] * 3), 1.0, -128)
    canvas.paste(layer, (0, 0), mask.filter(ImageFilter.GaussianBlur(1.2)))


def gouache_leaf(canvas, x, y, length, angle, metal, stone, seed, squash=1.0):
    """Top view of the head painted in gouache: flat tones, shadow side, white highlights."""
    W, H = canvas.size
    base_c, shade_c, light_c, line_c = metal
    out = place(leaf_local(length, seed=seed, lobes=0.01), x, y, 1, angle, squash)
    # cast shadow on the paper
    sh = poly_mask((W, H), [(px + length * 0.04, py + length * 0.05) for px, py in out])
    canvas.paste(solid((W, H), (30, 30, 34)), (0, 0),
                 sh.filter(ImageFilter.GaussianBlur(length * 0.03)).point(lambda v: v // 2))
    paint(canvas, poly_mask((W, H), out), base_c, seed)
    right = place([(0, 0)] + [(px, py) for px, py in leaf_local(length, seed=seed, lobes=0.01)
                              if px > length * 0.02], x, y, 1, angle, squash)
    paint(canvas, poly_mask((W, H), right), shade_c, seed + 1)
    d = ImageDraw.Draw(canvas)
    for v in leaf_veins_local(length, count=22):
        d.line(place(v, x, y, 1, angle, squash), fill=line_c, width=max(1, int(length * 0.006)))
    # white gouache highlights along the left rim and the notch
    hl = out[14:60]
    d.line(place([(px * 0.985, py * 0.985) for px, py in leaf_local(length, seed=seed,
                                                                     lobes=0.01)[14:70]],
                 x, y, 1, angle, squash), fill=light_c, width=max(2, int(length * 0.018)),
           joint="curve")
    del hl
    d.line(out + [out[0]], fill=line_c, width=max(2, int(length * 0.008)), joint="curve")
    # bezel and stone at the base
    bx, by = place([(0, -length * 0.12)], x, y, 1, angle, squash)[0]
    br = length * 0.2
    d.ellipse(ellipse_box(bx + br * 0.1, by + br * 0.12, br, br * squash), fill=(40, 36, 34))
    d.ellipse(ellipse_box(bx, by, br, br * squash), fill=base_c, outline=line_c,
              width=max(2, int(length * 0.008)))
    d.arc(ellipse_box(bx, by, br * 0.92, br * 0.92 * squash), 150, 260, fill=light_c,
          width=max(2, int(length * 0.02)))
    sr = br * 0.8
    st_base, st_dark, st_light = stone
    d.ellipse(ellipse_box(bx, by, sr, sr * squash), fill=st_base)
    d.pieslice(ellipse_box(bx, by, sr, sr * squash), 20, 200, fill=st_dark)
    for k in range(8):
        a = math.radians(22.5 + 45 * k)
        d.line([(bx + sr * 0.5 * math.cos(a), by + sr * 0.5 * squash * math.sin(a)),
                (bx + sr * math.cos(a), by + sr * squash * math.sin(a))], fill=st_light,
               width=max(1, int(length * 0.005)))
    d.regular_polygon((bx, by, sr * 0.5), 8, rotation=22.5, fill=None, outline=st_light)
    d.ellipse(ellipse_box(bx - sr * 0.35, by - sr * 0.35 * squash, sr * 0.14, sr * 0.14),
              fill=(250, 250, 250))


YELLOW = ((206, 160, 64), (150, 104, 36), (255, 246, 214), (96, 62, 20))
PINK = ((214, 150, 110), (160, 98, 70), (255, 240, 226), (110, 60, 44))
WHITE = ((198, 196, 188), (132, 130, 126), (255, 255, 255), (70, 70, 72))
SAPPHIRE = ((30, 64, 170), (14, 30, 96), (120, 160, 240))
TSAVORITE = ((40, 150, 70), (14, 80, 34), (150, 230, 160))
RHODOLITE = ((150, 30, 70), (80, 12, 36), (230, 120, 160))


def gouache_1():
    """The retained design painted on grey paper: head seen from above and the ring in 3/4."""
    W, H = 2200, 1500
    pg = gouache_paper((W, H), 401, (92, 96, 104))
    gouache_leaf(pg, 720, 1130, 760, 0, YELLOW, SAPPHIRE, seed=6)
    # the ring in 3/4, smaller, painted from the render
    layer = ring_layer((W, H), 1640, 820, 24, seed=5)
    drop_shadow(pg, layer, (18, 40), 18, 0.45, squash=0.2)
    poster = layer.convert("RGB").quantize(28, dither=Image.Dither.NONE).convert("RGB")
    poster = poster.filter(ImageFilter.ModeFilter(5))
    pg.paste(poster, (0, 0), layer.getchannel("A").filter(ImageFilter.GaussianBlur(1)))
    save_jpg(pg, "gouache-1.jpg")


def gouache_2():
    """Colour trials: three metals and three stones on black paper."""
    W, H = 2400, 1000
    pg = gouache_paper((W, H), 501, (34, 34, 38))
    for i, (metal, stone) in enumerate(((YELLOW, SAPPHIRE), (PINK, RHODOLITE),
                                        (WHITE, TSAVORITE))):
        gouache_leaf(pg, 450 + i * 750, 760, 380, (-10, 0, 10)[i], metal, stone,
                     seed=30 + i)
    d = ImageDraw.Draw(pg)   # the retained colours, framed in white pencil
    d.rounded_rectangle((450 - 380, 760 - 440, 450 + 380, 760 + 150), 30,
                        outline=(230, 226, 210), width=5)
    save_jpg(pg, "gouache-2.jpg")


# --------------------------------------------------------------------------------------------
# Research plates
# --------------------------------------------------------------------------------------------


def natural_leaf(canvas, x, y, length, angle, colors, seed, blur=0.0):
    W, H = canvas.size
    lay = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    out = place(leaf_local(length, seed=seed, lobes=0.02, notch=0.22), x, y, 1, angle, 1)
    m = poly_mask((W, H), out)
    c0, c1 = colors
    fill = colorize(radial((W, H), (x, y), length * 1.05), [(0, c0), (0.6, mix(c0, c1, 0.6)),
                                                           (1, c1)])
    d = ImageDraw.Draw(fill)
    for v in leaf_veins_local(length, count=40):
        d.line(place(v, x, y, 1, angle, 1), fill=mix(c1, (255, 255, 220), 0.35),
               width=max(1, int(length * 0.004)))
    d.line(place([(0, 0), (length * 0.02, length * 0.35), (length * 0.09, length * 0.62)], x,
                 y, 1, angle, 1), fill=mix(c0, (90, 80, 30), 0.5), width=int(length * 0.025))
    sm = m.copy()
    ImageDraw.Draw(sm).line(place([(0, 0), (length * 0.02, length * 0.35),
                                   (length * 0.09, length * 0.62)], x, y, 1, angle, 1),
                            fill=255, width=int(length * 0.025))
    lay.paste(fill.convert("RGBA"), (0, 0), sm)
    if blur:
        lay = lay.filter(ImageFilter.GaussianBlur(blur))
    shadow = lay.getchannel("A").filter(ImageFilter.GaussianBlur(length * 0.04))
    canvas.paste(solid((W, H), (10, 10, 8)), (int(length * 0.03), int(length * 0.05)),
                 shadow.point(lambda v: int(v * 0.55)))
    canvas.paste(lay, (0, 0), lay)


def ginkgo_feuille():
    W, H = 2200, 1100
    r = rng("ginkgo")
    bg = colorize(linear((W, H), 120), [(0, (62, 58, 50)), (0.5, (44, 42, 38)), (1, (26, 25, 24))])
    grain = noise((W, H), 22, 601, blur=1.0)
    bg = ImageChops.add(bg, Image.merge("RGB", [grain] * 3), 1.0, -128)
    yellow = ((238, 196, 52), (214, 150, 20))
    green = ((168, 190, 70), (110, 140, 40))
    mixed = ((220, 200, 70), (150, 160, 40))
    # background leaves, out of focus
    for i in range(9):
        natural_leaf(bg, r.uniform(0, W), r.uniform(0, H), r.uniform(160, 230),
                     r.uniform(-180, 180), r.choice((yellow, green, mixed)), 700 + i,
                     blur=r.uniform(9, 16))
    # sharp leaves
    for (x, y, L, a, col, sd) in ((860, 760, 480, -18, yellow, 1), (1500, 540, 400, 35, mixed, 2),
                                  (1330, 1020, 300, 160, green, 3)):
        natural_leaf(bg, x, y, L, a, col, sd)
    # drops of rain on the main leaf
    for _ in range(6):
        dx, dy = r.uniform(-170, 170), r.uniform(-360, -150)
        rad = r.uniform(8, 16)
        glow(bg, lambda d, dx=dx, dy=dy, rad=rad: d.ellipse(
            ellipse_box(860 + dx, 760 + dy, rad, rad), fill=255), (255, 255, 240), 2, 0.35)
        glow(bg, lambda d, dx=dx, dy=dy, rad=rad: d.ellipse(
            ellipse_box(860 + dx - rad * 0.3, 760 + dy - rad * 0.3, rad * 0.3, rad * 0.3),
            fill=255), (255, 255, 255), 1, 0.9)
    v = radial((W, H), None, W * 0.7)
    bg.paste(solid((W, H), (0, 0, 0)), (0, 0), v.point(lambda x: int(x * 0.45)))
    save_jpg(bg, "ginkgo-feuille.jpg")


def art_nouveau_motif():
    """A decorative plate in the Art Nouveau manner: arched frame, whiplash stems, fans."""
    W, H = 1900, 980
    cream, ink = (240, 230, 205), (52, 44, 36)
    sage, ochre, gold = (146, 160, 118), (196, 150, 70), (214, 180, 96)
    img = solid((W, H), cream)
    d = ImageDraw.Draw(img)
    m = 70
    # arched frame
    arch = [(m, H - m), (m, 360)] + ellipse_points(W / 2, 360, W / 2 - m, 290, 180, 360, 90) + \
        [(W - m, H - m)]
    d.polygon(arch, fill=(226, 214, 182))
    inner = [(m + 40, H - m - 40), (m + 40, 380)] + \
        ellipse_points(W / 2, 380, W / 2 - m - 40, 250, 180, 360, 90) + [(W - m - 40, H - m - 40)]
    d.polygon(inner, fill=cream)
    d.line(arch + [arch[0]], fill=ink, width=10, joint="curve")
    d.line(inner + [inner[0]], fill=ink, width=5, joint="curve")
    # sun disc behind
    d.ellipse(ellipse_box(W / 2, 390, 230, 230), fill=(232, 208, 150), outline=ink, width=4)
    # whiplash stems ("coup de fouet")
    def whip(x0, y0, amp, sgn, length, phase):
        pts = []
        for i in range(120):
            t = i / 119
            pts.append((x0 + sgn * amp * math.sin(3.2 * t + phase) * (1 - 0.4 * t),
                        y0 - length * t))
        return pts
    stems = [whip(W / 2 - 80, H - m - 40, 560, 1, 500, 0.0),
             whip(W / 2 + 80, H - m - 40, 560, -1, 480, 0.3),
             whip(W / 2, H - m - 40, 70, 1, 420, 1.3)]
    for pts in stems:
        d.line(pts, fill=ink, width=16, joint="curve")
        d.line(pts, fill=sage, width=8, joint="curve")
    # ginkgo fans at the stem ends and along them
    leaves = [(stems[0][-1], -40, 180, ochre), (stems[1][-1], 40, 180, ochre),
              (stems[2][-1], 0, 180, gold), (stems[0][80], 70, 150, sage),
              (stems[1][80], -70, 150, sage), (stems[0][40], -80, 130, ochre),
              (stems[1][40], 80, 130, ochre)]
    for (x, y), a, L, col in leaves:
        out = place(leaf_local(L, notch=0.16, lobes=0.0), x, y, 1, a, 1)
        d.polygon(out, fill=col)
        for v in leaf_veins_local(L, count=9, notch=0.16):
            d.line(place([v[1], v[-2]], x, y, 1, a, 1), fill=ink, width=3)
        d.line(out + [out[0]], fill=ink, width=7, joint="curve")
    # border of small fans (frieze) at the bottom
    for k in range(13):
        x = m + 80 + k * (W - 2 * m - 160) / 12
        out = place(leaf_local(60, notch=0.1, lobes=0.0), x, H - m - 70, 1, 0, 1)
        d.polygon(out, fill=gold, outline=ink)
    d.line([(m + 40, H - m - 140), (W - m - 40, H - m - 140)], fill=ink, width=5)
    img = img.filter(ImageFilter.SMOOTH)
    save_png(img, "art-nouveau-motif.png", colors=32)


# --------------------------------------------------------------------------------------------
# Technical drawing
# --------------------------------------------------------------------------------------------


def plan_technique():
    W, H = 2400, 1500
    img = solid((W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    k = 26                       # 26 px per mm of the ring: 6.5 px per mm of paper at 4:1
    blk, thin = (0, 0, 0), (0, 0, 0)
    f = font(26)
    fb = font(34)

    def label(xc, y, text):
        """Centred dimension text; the built-in font has no Ø, so the sign is drawn."""
        diam = text.startswith("Ø ")
        body = text[2:] if diam else text
        tw = d.textlength(body, font=f) + (30 if diam else 0)
        x = xc - tw / 2
        if diam:
            d.ellipse((x + 2, y + 8, x + 20, y + 26), outline=blk, width=2)
            d.line([(x, y + 30), (x + 22, y + 4)], fill=blk, width=2)
            x += 30
        d.text((x, y), body, fill=blk, font=f)

    def dim_h(x0, x1, y, text, ext_from=None):
        if ext_from is not None:
            for x in (x0, x1):
                d.line([(x, ext_from), (x, y + 10 * (1 if y > ext_from else -1))], fill=thin,
                       width=1)
        d.line([(x0, y), (x1, y)], fill=thin, width=2)
        for x, s in ((x0, 1), (x1, -1)):
            d.polygon([(x, y), (x + s * 18, y - 6), (x + s * 18, y + 6)], fill=blk)
        label((x0 + x1) / 2, y - 34, text)

    def dim_v(y0, y1, x, text, ext_from=None):
        if ext_from is not None:
            for y in (y0, y1):
                d.line([(ext_from, y), (x + 10 * (1 if x > ext_from else -1), y)], fill=thin,
                       width=1)
        d.line([(x, y0), (x, y1)], fill=thin, width=2)
        for y, s in ((y0, 1), (y1, -1)):
            d.polygon([(x, y), (x - 6, y + s * 18), (x + 6, y + s * 18)], fill=blk)
        d.text((x + 12, (y0 + y1) / 2 - 14), text, fill=blk, font=f)

    def axis(p0, p1):
        x0, y0 = p0
        x1, y1 = p1
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        t = 0.0
        pattern = [(40, True), (8, False), (6, True), (8, False)]
        while t < length:
            for seg, on in pattern:
                t2 = min(length, t + seg)
                if on:
                    d.line([(x0 + ux * t, y0 + uy * t), (x0 + ux * t2, y0 + uy * t2)],
                           fill=blk, width=1)
                t = t2

    def dashed(pts, width=2):
        for (xa, ya), (xb, yb) in zip(pts, pts[1:], strict=False):
            seg = math.hypot(xb - xa, yb - ya)
            n = max(1, int(seg / 14))
            for i in range(0, n, 2):
                t0, t1 = i / n, min(1, (i + 1) / n)
                d.line([(lerp(xa, xb, t0), lerp(ya, yb, t0)), (lerp(xa, xb, t1), lerp(ya, yb, t1))],
                       fill=blk, width=width)

    # ---- front view (along the finger) -------------------------------------------------
    fx, fy = 520, 800
    Ro, Ri = 10.2 * k, 8.6 * k
    d.ellipse(ellipse_box(fx, fy, Ro, Ro), outline=blk, width=4)
    d.ellipse(ellipse_box(fx, fy, Ri, Ri), outline=blk, width=4)
    Rl = Ro + 0.9 * k
    d.arc(ellipse_box(fx, fy, Rl, Rl), 220, 320, fill=blk, width=4)   # curved leaf
    for a in (220, 320):
        ar = math.radians(a)
        d.line([(fx + Ro * math.cos(ar), fy + Ro * math.sin(ar)),
                (fx + Rl * math.cos(ar), fy + Rl * math.sin(ar))], fill=blk, width=4)
    bw, bh = 2.6 * k, 2.8 * k
    top = fy - Rl
    d.rectangle((fx - bw, top - bh, fx + bw, top + 6), fill="white", outline=blk, width=4)
    dashed([(fx - 2.1 * k, top - bh + 0.6 * k), (fx, top + 1.2 * k),
            (fx + 2.1 * k, top - bh + 0.6 * k)])
    axis((fx - Ro - 60, fy), (fx + Ro + 60, fy))
    axis((fx, fy + Ro + 60), (fx, top - bh - 60))
    dim_h(fx - Ri, fx + Ri, fy + 40, "Ø 17,2 (T54)")
    dim_h(fx - Ro, fx + Ro, fy + Ro + 70, "Ø 20,4", ext_from=fy)
    dim_v(top - bh, fy + Ro, fx - Ro - 120, "", ext_from=fx - 10)
    d.text((fx - Ro - 112, fy - 260), "24,1", fill=blk, font=f)
    dim_h(fx - bw, fx + bw, top - bh - 50, "Ø 5,2", ext_from=top - bh)
    d.text((fx - 150, fy + Ro + 150), "VUE DE FACE", fill=blk, font=fb)

    # ---- side view ---------------------------------------------------------------------
    sx, sy = 1230, 800
    bwid = 2.6 * k
    d.rectangle((sx - bwid / 2, sy - Ro, sx + bwid / 2, sy + Ro), outline=blk, width=4)
    dashed([(sx - bwid / 2, sy - Ri), (sx + bwid / 2, sy - Ri)])
    dashed([(sx - bwid / 2, sy + Ri), (sx + bwid / 2, sy + Ri)])
    lt = sy - Ro
    leaf = [(sx - 4 * k, lt - 0.2 * k), (sx + 8 * k, lt - 0.6 * k), (sx + 8 * k, lt - 1.5 * k),
            (sx - 4 * k, lt - 1.1 * k)]
    d.polygon(leaf, outline=blk, width=4)
    d.rectangle((sx - 1.5 * k - bw, lt - 1.1 * k - bh, sx - 1.5 * k + bw, lt - 1.0 * k),
                fill="white", outline=blk, width=4)
    axis((sx, sy + Ro + 60), (sx, lt - bh - 80))
    dim_h(sx - 4 * k, sx + 8 * k, lt - bh - 90, "12", ext_from=lt - 1.2 * k)
    dim_h(sx - bwid / 2, sx + bwid / 2, sy + Ro + 70, "2,6", ext_from=sy + Ro)
    dim_v(lt - 1.5 * k, lt - 0.6 * k, sx + 8 * k + 40, "0,9")
    dim_v(sy - Ro, sy - Ri, sx + bwid / 2 + 50, "1,6")
    d.text((sx - 130, sy + Ro + 150), "VUE DE DROITE", fill=blk, font=fb)

    # ---- top view ----------------------------------------------------------------------
    tx, ty = 1900, 960
    L = 12 * k / 0.94
    out = place(leaf_local(L, seed=6, lobes=0.0), tx, ty, 1, 0, 1)
    d.line(out + [out[0]], fill=blk, width=4, joint="curve")
    dashed([(tx - 20 * k / 2, ty - 2.2 * k), (tx + 20 * k / 2, ty - 2.2 * k)])
    dashed([(tx - 20 * k / 2, ty + 0.4 * k), (tx + 20 * k / 2, ty + 0.4 * k)])
    sbx, sby = tx, ty - 1.5 * k
    d.ellipse(ellipse_box(sbx, sby, bw, bw), fill="white", outline=blk, width=4)
    d.ellipse(ellipse_box(sbx, sby, 2.1 * k, 2.1 * k), outline=blk, width=2)
    d.regular_polygon((sbx, sby, 1.2 * k), 8, rotation=22.5, outline=blk)
    for v in leaf_veins_local(L, count=12):
        pts = place(v, tx, ty, 1, 0, 1)
        pts = [p for p in pts if math.hypot(p[0] - sbx, p[1] - sby) > bw + 6]
        if len(pts) > 1:
            d.line(pts, fill=blk, width=1)
    xs = [p[0] for p in out]
    ys = [p[1] for p in out]
    dim_h(min(xs), max(xs), min(ys) - 70, "16", ext_from=min(ys))
    dim_v(min(ys), ty, max(xs) + 70, "12", ext_from=max(xs) - 40)
    axis((tx, ty + 140), (tx, min(ys) - 40))
    d.text((tx - 150, fy + Ro + 150), "VUE DE DESSUS", fill=blk, font=fb)

    # ---- frame and title block ---------------------------------------------------------
    d.rectangle((30, 30, W - 30, H - 30), outline=blk, width=5)
    cx0, cy0 = W - 900, H - 230
    d.rectangle((cx0, cy0, W - 30, H - 30), outline=blk, width=4)
    d.line([(cx0, cy0 + 70), (W - 30, cy0 + 70)], fill=blk, width=2)
    d.line([(cx0, cy0 + 135), (W - 30, cy0 + 135)], fill=blk, width=2)
    d.line([(cx0 + 450, cy0 + 70), (cx0 + 450, H - 30)], fill=blk, width=2)
    # (the built-in font has no accented capitals: plain capitals, as on many drawings)
    d.text((cx0 + 20, cy0 + 18), "BAGUE GINKGO  -  OR JAUNE 750 / SAPHIR 0,30 CT", fill=blk,
           font=fb)
    d.text((cx0 + 20, cy0 + 88), "ECHELLE 4:1 - COTES EN MM", fill=blk, font=f)
    d.text((cx0 + 470, cy0 + 88), "TOUR DE DOIGT 54", fill=blk, font=f)
    d.text((cx0 + 20, cy0 + 152), "L. MOREAU - BMA SESSION 2027", fill=blk, font=f)
    d.text((cx0 + 470, cy0 + 152), "PLANCHE 1/1", fill=blk, font=f)
    # The drawing at 4:1 records its size on paper: 6.5 px per mm, 165.1 dpi (pdf/plan/scale.py).
    save_png(img.convert("L"), "plan-technique.png", colors=0, dpi=k / 4 * 25.4)


# --------------------------------------------------------------------------------------------
# Making stages
# --------------------------------------------------------------------------------------------


def etape_cao():
    """CAD screen: four viewports, wireframe in three of them, shaded in perspective."""
    W, H = 2200, 1400
    img = solid((W, H), (58, 60, 64))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, W, 56), fill=(40, 42, 46))
    for i in range(22):
        d.rounded_rectangle((16 + i * 52, 10, 54 + i * 52, 46), 6, fill=(70, 74, 80))
    d.rectangle((0, 56, 64, H), fill=(46, 48, 52))
    for i in range(16):
        d.rounded_rectangle((12, 76 + i * 56, 52, 116 + i * 56), 6, fill=(72, 76, 82))
    f = font(24)
    panes = [(70, 62, 1130, 726, "Dessus"), (1136, 62, W - 6, 726, "Face"),
             (70, 732, 1130, H - 6, "Droite"), (1136, 732, W - 6, H - 6, "Perspective")]
    for (x0, y0, x1, y1, name) in panes:
        pane = colorize(linear((x1 - x0, y1 - y0), 90), [(0, (172, 174, 178)),
                                                         (1, (138, 140, 146))])
        img.paste(pane, (x0, y0))
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2 + 20
        if name != "Perspective":
            for gx in range(int(x0), int(x1), 40):
                d.line([(gx, y0), (gx, y1)], fill=(156, 158, 162), width=1)
            for gy in range(int(y0), int(y1), 40):
                d.line([(x0, gy), (x1, gy)], fill=(156, 158, 162), width=1)
            d.line([(cx, y0), (cx, y1)], fill=(60, 150, 60), width=2)
            d.line([(x0, cy), (x1, cy)], fill=(170, 60, 60), width=2)
        k = 22
        wire = (20, 20, 30)
        sel = (240, 230, 40)
        if name == "Dessus":
            L = 12 * k / 0.94
            out = place(leaf_local(L, seed=6, lobes=0.0), cx, cy + 100, 1, 0, 1)
            d.line(out + [out[0]], fill=sel, width=3)
            for v in leaf_veins_local(L, count=16):
                d.line(place(v, cx, cy + 100, 1, 0, 1), fill=wire, width=1)
            for rr in (2.6, 2.1):
                d.ellipse(ellipse_box(cx, cy + 100 - 1.5 * k, rr * k, rr * k), outline=wire,
                          width=2)
            d.rectangle((cx - 10.2 * k, cy + 100 - 2.2 * k, cx + 10.2 * k, cy + 100 + 0.4 * k),
                        outline=(80, 80, 200), width=1)
        elif name == "Face":
            for rr in (10.2, 9.4, 8.6):
                d.ellipse(ellipse_box(cx, cy + 40, rr * k, rr * k), outline=wire, width=2)
            d.arc(ellipse_box(cx, cy + 40, 11.1 * k, 11.1 * k), 220, 320, fill=sel, width=3)
            d.rectangle((cx - 2.6 * k, cy + 40 - 11.1 * k - 2.8 * k, cx + 2.6 * k,
                         cy + 40 - 11.1 * k), outline=wire, width=2)
            for a in range(0, 360, 30):
                ar = math.radians(a)
                d.line([(cx + 8.6 * k * math.cos(ar), cy + 40 + 8.6 * k * math.sin(ar)),
                        (cx + 10.2 * k * math.cos(ar), cy + 40 + 10.2 * k * math.sin(ar))],
                       fill=wire, width=1)
        elif name == "Droite":
            d.rectangle((cx - 1.3 * k, cy + 40 - 10.2 * k, cx + 1.3 * k, cy + 40 + 10.2 * k),
                        outline=wire, width=2)
            for t in range(-9, 10, 2):
                d.line([(cx - 1.3 * k, cy + 40 + t * k), (cx + 1.3 * k, cy + 40 + t * k)],
                       fill=wire, width=1)
            lt = cy + 40 - 10.2 * k
            d.polygon([(cx - 4 * k, lt - 0.2 * k), (cx + 8 * k, lt - 0.6 * k),
                       (cx + 8 * k, lt - 1.5 * k), (cx - 4 * k, lt - 1.1 * k)], outline=sel,
                      width=3)
            d.rectangle((cx - 1.5 * k - 2.6 * k, lt - 3.9 * k, cx - 1.5 * k + 2.6 * k,
                         lt - 1.0 * k), outline=wire, width=2)
        else:
            pane_size = (x1 - x0, y1 - y0)
            layer = ring_layer((pane_size[0] * SS, pane_size[1] * SS), pane_size[0] * SS * 0.5,
                               pane_size[1] * SS * 0.56, 20 * SS, seed=5)
            layer = shrink(layer)
            shadow = Image.new("RGB", pane_size, (0, 0, 0))
            region = img.crop((x0, y0, x1, y1))
            drop_shadow(region, layer, (10, 14), 10, 0.3, squash=0.2)
            region.paste(layer, (0, 0), layer)
            img.paste(region, (x0, y0))
            del shadow
        d.rectangle((x0, y0, x1, y1), outline=(240, 240, 240) if name == "Perspective"
                    else (90, 92, 96), width=2)
        d.text((x0 + 12, y0 + 8), name, fill=(30, 30, 30), font=f)
    save_jpg(img, "etape-cao.jpg")


def etape_cire():
    """The castable-resin model from the printer, still on its supports."""
    W, H = 2000 * SS, 1400 * SS
    bg = studio_background((W, H), (70, 74, 80), (30, 32, 36), 0.5, seed=801)
    # build plate in perspective
    plate = [(W * 0.12, H * 0.86), (W * 0.88, H * 0.86), (W * 0.78, H * 0.70), (W * 0.22, H * 0.70)]
    m = poly_mask((W, H), plate)
    bg.paste(colorize(linear((W, H), 0), [(0, (120, 124, 130)), (0.5, (190, 194, 200)),
                                         (1, (110, 114, 120))]), (0, 0), m)
    tex = noise((W, H), 30, 802).resize((W, H)).filter(ImageFilter.GaussianBlur(0.8))
    bg.paste(solid((W, H), (90, 94, 100)), (0, 0), ImageChops.multiply(m, tex.point(
        lambda v: max(0, v - 120) * 2)))
    scale = 30 * SS
    cx, cy = W * 0.48, H * 0.42
    layer = ring_layer((W, H), cx, cy, scale, seed=5, material=RESIN)
    # supports from the plate to the ring
    sup = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    sd = ImageDraw.Draw(sup)
    r = rng("supports")
    R = 10.2 * scale
    for k in range(11):
        a = math.radians(lerp(35, 145, k / 10))
        x = cx + R * 0.42 * math.cos(a) + scale * 1.2 + r.uniform(-8, 8)
        y = cy + R * math.sin(a)
        base_y = H * 0.77 + r.uniform(0, H * 0.03)
        sd.line([(x, y), (x + r.uniform(-20, 20), base_y)], fill=(60, 150, 110, 235),
                width=int(scale * 0.22))
        sd.ellipse(ellipse_box(x, base_y, scale * 0.5, scale * 0.2), fill=(40, 120, 86, 255))
    bg.paste(sup, (0, 0), sup)
    drop_shadow(bg, layer, (int(scale * 0.5), int(scale * 0.5)), scale, 0.25)
    # translucency: the resin lets some of the background through
    a = layer.getchannel("A").point(lambda v: int(v * 0.93))
    layer.putalpha(a)
    bg.paste(layer, (0, 0), layer)
    save_jpg(shrink(bg), "etape-cire.jpg")


def etape_fonte():
    """The casting tree just out of the flask: gold rings on their sprues around the trunk."""
    W, H = 1500 * SS, 2000 * SS
    bg = studio_background((W, H), (52, 50, 48), (22, 21, 20), 0.55, seed=901)
    cast = [(0.0, (86, 58, 24)), (0.3, (170, 122, 58)), (0.5, (214, 170, 100)),
            (0.7, (150, 104, 44)), (1.0, (96, 64, 26))]
    tx = W * 0.5
    top, bottom = H * 0.12, H * 0.84
    trunk_w = 60 * SS
    lay = Image.new("RGBA", (W, H), (0, 0, 0, 0))

    def cylinder(p0, p1, width):
        m, dd = mask_of((W, H))
        dd.line([p0, p1], fill=255, width=int(width))
        dd.ellipse(ellipse_box(p1[0], p1[1], width / 2, width / 2), fill=255)
        ang = math.degrees(math.atan2(p1[1] - p0[1], p1[0] - p0[0]))
        g = colorize(linear((W, H), ang + 90, 0.0, 1.0).resize((W, H)), cast)
        lay.paste(g.convert("RGBA"), (0, 0), m)
        return m

    r = rng("arbre")
    rings = []
    for level in range(5):
        y = lerp(top + 300 * SS, bottom - 180 * SS, level / 4)
        for side in (-1, 1):
            ang = math.radians(35 + r.uniform(-5, 5))
            length = 260 * SS
            ex, ey = tx + side * length * math.cos(ang), y - length * math.sin(ang)
            cylinder((tx, y), (ex, ey), 18 * SS)
            rings.append((ex + side * 100 * SS * math.cos(ang), ey - 80 * SS * math.sin(ang),
                          side, level))
    cylinder((tx, bottom), (tx, top), trunk_w)
    for off, col, op in ((-0.22, (255, 230, 170), 0.7), (0.3, (60, 40, 16), 0.6)):
        glow(lay, lambda dd, off=off: dd.line([(tx + off * trunk_w, bottom),
                                                (tx + off * trunk_w, top + 20 * SS)],
                                               fill=255, width=int(trunk_w * 0.18)),
             col, 6 * SS, op)
    # button (masselotte) at the bottom
    m, dd = mask_of((W, H))
    dd.ellipse(ellipse_box(tx, bottom + 60 * SS, 210 * SS, 70 * SS), fill=255)
    dd.rectangle((tx - 210 * SS, bottom, tx + 210 * SS, bottom + 60 * SS), fill=255)
    dd.ellipse(ellipse_box(tx, bottom, 210 * SS, 70 * SS), fill=255)
    lay.paste(colorize(linear((W, H), 0), cast).convert("RGBA"), (0, 0), m)
    for (x, y, side, level) in rings:
        Ro, Ri = 100 * SS, 82 * SS
        m, dd = mask_of((W, H))
        dd.ellipse(ellipse_box(x, y, Ro, Ro * 0.8), fill=255)
        dd.ellipse(ellipse_box(x, y, Ri, Ri * 0.8), fill=0)
        lay.paste(colorize(linear((W, H), 60 + 40 * side), cast).convert("RGBA"), (0, 0), m)
        if level == 1 and side == 1:  # our ring: the leaf head
            gold_leaf(lay, x - side * 20, y - Ro * 0.7, 170 * SS, angle=-side * 30, squash=0.6,
                      thickness=8 * SS, seed=5, satin=True)
    # fire scale: darken with a mottled texture
    n = noise((W, H), 50, 902, blur=6)
    dark = ImageChops.multiply(lay.getchannel("A"), n.point(lambda v: max(0, v - 120) * 2))
    rgb = lay.convert("RGB")
    rgb.paste(solid((W, H), (60, 40, 20)), (0, 0), dark.point(lambda v: v // 2))
    lay = Image.merge("RGBA", (*rgb.split(), lay.getchannel("A")))
    drop_shadow(bg, lay, (30 * SS, 30 * SS), 30 * SS, 0.5)
    bg.paste(lay, (0, 0), lay)
    save_jpg(shrink(bg), "etape-fonte.jpg")


def etape_sertissage():
    """The head held in a wooden ring clamp, the pusher closing the bezel."""
    W, H = 2000 * SS, 1400 * SS
    bg = studio_background((W, H), (88, 74, 60), (40, 32, 26), 0.55, seed=1001)
    wood = [(0, (120, 78, 42)), (0.3, (170, 118, 66)), (0.6, (140, 92, 50)), (1, (96, 60, 30))]
    # the clamp: two jaws converging at the bottom
    for side in (-1, 1):
        jaw = [(W * 0.5 + side * 40 * SS, H * 0.62), (W * 0.5 + side * 330 * SS, H * 0.62),
               (W * 0.5 + side * 190 * SS, H * 1.02), (W * 0.5 + side * 20 * SS, H * 1.02)]
        m = poly_mask((W, H), jaw)
        g = colorize(linear((W, H), 90 + side * 10), wood)
        grain = noise((W // 40, H // 3), 30, 1002 + side).resize((W, H), Image.BICUBIC).filter(
            ImageFilter.GaussianBlur(2))
        g = ImageChops.add(g, Image.merge("RGB", [grain] * 3), 1.0, -128)
        bg.paste(g, (0, 0), m)
        lining = [(W * 0.5 + side * 40 * SS, H * 0.62), (W * 0.5 + side * 330 * SS, H * 0.62),
                  (W * 0.5 + side * 322 * SS, H * 0.65), (W * 0.5 + side * 38 * SS, H * 0.65)]
        bg.paste(solid((W, H), (70, 44, 26)), (0, 0), poly_mask((W, H), lining))
    # the ring held between the jaws (leather lined)
    cx, cy = W * 0.5, H * 0.66
    layer = ring_layer((W, H), cx, cy, 46 * SS, seed=5, phi_cos=0.35)
    crop = Image.new("L", (W, H), 0)
    ImageDraw.Draw(crop).rectangle((0, 0, W, int(H * 0.62)), fill=255)
    layer.putalpha(ImageChops.multiply(layer.getchannel("A"), crop))
    drop_shadow(bg, layer, (20 * SS, 24 * SS), 24 * SS, 0.45)
    bg.paste(layer, (0, 0), layer)
    # the steel pusher coming from the upper right, its mushroom handle out of focus
    tip = (cx + 135 * SS, cy - 10.2 * 46 * SS * 0.93 + 16 * SS)
    end = (W * 0.98, H * 0.02)
    m, dd = mask_of((W, H))
    dd.line([tip, end], fill=255, width=34 * SS)
    steel = colorize(linear((W, H), 135), [(0, (80, 84, 92)), (0.45, (220, 224, 232)),
                                           (0.55, (150, 154, 162)), (1, (60, 62, 68))])
    bg.paste(steel, (0, 0), m)
    m, dd = mask_of((W, H))
    dd.ellipse(ellipse_box(W * 0.96, H * 0.0, 200 * SS, 150 * SS), fill=255)
    m = m.filter(ImageFilter.GaussianBlur(12 * SS))
    bg.paste(colorize(linear((W, H), 120), wood), (0, 0), m)
    sparkle(bg, tip[0] - 10 * SS, tip[1] + 6 * SS, 60 * SS, 0.8)
    save_jpg(shrink(bg), "etape-sertissage.jpg")


def etape_finale():
    """The finished ring photographed on slate, with a ginkgo leaf: a phone photo (see above)."""
    W, H = 1600 * SS, 2000 * SS   # portrait, as held in the hand
    bg = studio_background((W, H), (74, 78, 84), (34, 36, 40), 0.5, seed=1101)
    natural_leaf(bg, W * 0.30, H * 0.90, 520 * SS, -30, ((236, 194, 56), (206, 150, 24)), 4)
    cx, cy = W * 0.48, H * 0.45
    scale = 42 * SS
    layer = ring_layer((W, H), cx, cy, scale, seed=5, phi_cos=0.48)
    layer = layer.rotate(6, resample=Image.BICUBIC, center=(cx, cy))
    reflect(bg, layer, 0.12, gap=int(scale * 0.1))
    drop_shadow(bg, layer, (int(scale * 0.9), int(scale * 0.4)), scale * 1.2, 0.55, squash=0.2)
    bg.paste(layer, (0, 0), layer)
    upright = shrink(bg)
    stored = upright.transpose(Image.Transpose.ROTATE_90)   # what a phone sensor stores
    exif = Image.Exif()
    exif[0x0112] = 6                 # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "ExampleCam"      # Make
    exif[0x0110] = "Phone 12"        # Model
    exif[0x0131] = "make_example_images.py"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"                     # GPSLatitudeRef
    gps[2] = (45.0, 45.0, 51.0)      # GPSLatitude (fake: Lyon)
    gps[3] = "E"                     # GPSLongitudeRef
    gps[4] = (4.0, 50.0, 32.0)       # GPSLongitude
    save_jpg(stored, "etape-finale.jpg", exif=exif)


PICTURES = {
    "couverture": cover,
    "croquis-1": croquis_1,
    "croquis-2": croquis_2,
    "croquis-3": croquis_3,
    "gouache-1": gouache_1,
    "gouache-2": gouache_2,
    "ginkgo-feuille": ginkgo_feuille,
    "art-nouveau-motif": art_nouveau_motif,
    "plan-technique": plan_technique,
    "etape-cao": etape_cao,
    "etape-cire": etape_cire,
    "etape-fonte": etape_fonte,
    "etape-sertissage": etape_sertissage,
    "etape-finale": etape_finale,
}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    names = argv or list(PICTURES)
    for name in names:
        PICTURES[name]()
        print("écrit :", name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
