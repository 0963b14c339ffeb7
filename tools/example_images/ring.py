"""The ring in 3/4 view, its shadow and reflection, the studio background: the cover."""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageFilter, ImageOps

from .base import (
    SS,
    colorize,
    ellipse_box,
    linear,
    mask_of,
    mix,
    noise,
    radial,
    save_jpg,
    shrink,
    solid,
)
from .metals import GOLD, GOLD_DARK, GOLD_SET, glow, gold_leaf, leaf_local, place, sapphire


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
