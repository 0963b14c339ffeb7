"""Gouache renderings and the research plates (ginkgo leaf, Art nouveau motif)."""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .base import (
    colorize,
    ellipse_box,
    ellipse_points,
    linear,
    mix,
    noise,
    radial,
    rng,
    save_jpg,
    save_png,
    solid,
)
from .metals import glow, leaf_local, leaf_veins_local, place
from .ring import drop_shadow, ring_layer
from .sketches import poly_mask


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
