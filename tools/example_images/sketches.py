"""Pencil sketches on paper: the pencil, sketched leaves and rings, the three sketch sheets."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .base import ellipse_box, ellipse_points, mask_of, mix, noise, radial, save_png, solid
from .metals import leaf_local, leaf_veins_local, place


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
