"""The dimensioned technical drawing."""

from __future__ import annotations

import math

from PIL import ImageDraw

from .base import ellipse_box, font, lerp, save_png, solid
from .metals import leaf_local, leaf_veins_local, place


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
