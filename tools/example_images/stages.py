"""Photographs of the making stages (CAD, wax, casting, setting, the finished piece with
its EXIF orientation and fake GPS)."""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .base import (
    SS,
    colorize,
    ellipse_box,
    font,
    lerp,
    linear,
    mask_of,
    noise,
    rng,
    save_jpg,
    shrink,
    solid,
)
from .metals import RESIN, glow, gold_leaf, leaf_local, leaf_veins_local, place, sparkle
from .paintings import natural_leaf
from .ring import drop_shadow, reflect, ring_layer, studio_background
from .sketches import poly_mask


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
