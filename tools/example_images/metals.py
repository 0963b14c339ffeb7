"""Metals and stones (colour ramps, glow, sparkle, a faceted sapphire); the ginkgo leaf in gold
(its outline, veins and placement)."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .base import colorize, ellipse_box, lerp, linear, mask_of, mix, noise, radial, solid

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
