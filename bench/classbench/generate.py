"""The reference class (cached base images, then N dossiers near their budget) and the
projects made from it: this tool's (``students/``) and a plain MkDocs + Material one."""

from __future__ import annotations

import concurrent.futures
import os
import random
import shutil
import time
from pathlib import Path

from images import as_shot, camera_like  # (bench/images.py)
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from classbench import ROOT
from classbench.text import (
    ANNEXES,
    FIRST,
    LAST,
    METALS,
    MOTIFS,
    PIECES,
    SECTIONS,
    STONES,
    Text,
    annex_md,
    section_md,
)

GEN_VERSION = "7"               # bump when the generator changes: dossiers are made again
PHOTOS, SKETCHES = 20, 5
BASE_PHOTOS, BASE_SKETCHES = 24, 8
PHOTO_SIZE = (4000, 3000)       # 12 MP
BASE_SIZE = (4096, 3072)        # crops of 4000 x 3000 at random offsets
SCAN_SIZE = (3508, 2480)        # A4 landscape at 300 dpi
EXAMPLE = ROOT / "students" / "lea-moreau"


def make_base_photo(path: str, seed: int) -> None:
    camera_like(BASE_SIZE, 1000 + seed).save(path, "JPEG", quality=95)


def make_base_sketch(path: str, seed: int) -> None:
    """A pencil sketch on grained paper, as a 300 dpi colour scan gives it (noisy, warm)."""
    rnd = random.Random(2000 + seed)
    w, h = SCAN_SIZE
    paper = Image.new("L", (w, h), 236)
    paper = ImageChops.add(paper, Image.effect_noise((w, h), 7), offset=-128)
    strokes = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(strokes)
    for _ in range(rnd.randint(6, 10)):              # shapes: ellipses, fans, leaves
        cx, cy, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(150, 700)
        for _ in range(rnd.randint(3, 9)):
            jitter = rnd.randrange(-12, 12)
            draw.arc((cx - r + jitter, cy - r * 0.7, cx + r, cy + r * 0.7 + jitter),
                     rnd.randrange(0, 180), rnd.randrange(180, 360),
                     fill=rnd.randrange(40, 120), width=rnd.randint(2, 5))
            r = int(r * 0.93)
    for _ in range(1500):                            # hatching and construction lines
        x, y = rnd.randrange(w), rnd.randrange(h)
        length = rnd.randrange(10, 120)
        draw.line((x, y, x + length, y - length * rnd.uniform(0.3, 1.2)),
                  fill=rnd.randrange(90, 190),
                  width=rnd.randint(1, 3))
    strokes = strokes.filter(ImageFilter.GaussianBlur(1.2))
    gray = ImageChops.multiply(paper, strokes)
    scan = Image.merge("RGB", [gray.point(lambda v, d=d: max(0, min(255, v + d)))
                               for d in (3, 0, -8)])
    scan.save(path, "PNG", compress_level=6)


def _variant_photo(base: str, out: str, seed: int) -> None:
    """A 12 MP crop/tint of a base photo, with a camera's EXIF (orientation, GPS sometimes)."""
    rnd = random.Random(seed)
    with Image.open(base) as img:
        img = img.convert("RGB")
    x = rnd.randrange(BASE_SIZE[0] - PHOTO_SIZE[0])
    y = rnd.randrange(BASE_SIZE[1] - PHOTO_SIZE[1])
    img = img.crop((x, y, x + PHOTO_SIZE[0], y + PHOTO_SIZE[1]))
    gains = [rnd.uniform(0.9, 1.1) for _ in range(3)]
    img = img.point([min(255, int(v * g)) for g in gains for v in range(256)])
    if rnd.random() < 0.5:
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    orientation = rnd.choice((1, 1, 1, 6, 8))
    date = f"2026:{rnd.randint(1, 12):02d}:{rnd.randint(1, 28):02d} 10:00:00"
    img, exif = as_shot(img, orientation, rnd.random() < 0.5, date)
    img.save(out, "JPEG", quality=92, exif=exif)


def _variant_sketch(base: str, out: str, seed: int) -> None:
    rnd = random.Random(seed)
    with Image.open(base) as img:
        img = img.convert("RGB")
    dx, dy = rnd.randrange(-40, 40), rnd.randrange(-40, 40)
    img = ImageChops.offset(img, dx, dy)
    if rnd.random() < 0.5:
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    shade = rnd.randint(-6, 6)
    img = img.point(lambda v: max(0, min(255, v + shade)))
    if out.endswith(".tif"):
        img.save(out, "TIFF", compression="tiff_lzw", dpi=(300, 300))
    else:
        img.save(out, "PNG", compress_level=6, dpi=(300, 300))


def _dossier_yml(index: int, first: str, last: str, title: str, theme: str) -> str:
    text = (EXAMPLE / "dossier.yml").read_text(encoding="utf-8")
    text = text.replace("prenom: Léa", f"prenom: {first}").replace("nom: Moreau", f"nom: {last}")
    text = text.replace('"02417583901"', f'"0241758{index:04d}"')
    text = text.replace("titre: Bague Ginkgo", f"titre: {title}")
    lines = [(f"  theme: {theme}" if line.startswith("  theme:") else line)
             for line in text.splitlines()]
    text = "\n".join(lines) + "\n"
    return text.replace("couverture: images/couverture.jpg", "couverture: images/photo-01.jpg")


def make_dossier(gen: Path, index: int, pool: Path) -> str:
    """One dossier in ``gen/<slug>/`` (skipped when complete for this GEN_VERSION)."""
    rnd = random.Random(index)
    first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
    slug = f"{index + 1:03d}-{first.lower()}-{last.lower()}".replace("é", "e").replace(
        "è", "e").replace("ë", "e").replace("ï", "i").replace("ç", "c").replace("ô", "o")
    root = gen / slug
    stamp = root / ".complete"
    if stamp.is_file() and stamp.read_text() == GEN_VERSION:
        return slug
    if root.exists():
        shutil.rmtree(root)
    (root / "images").mkdir(parents=True)
    (root / "sections").mkdir()
    (root / "annexes").mkdir()
    shutil.copytree(EXAMPLE / "partie1", root / "partie1")
    shutil.copy2(EXAMPLE / "couts.yml", root / "couts.yml")
    photos = [f"photo-{i:02d}.jpg" for i in range(1, PHOTOS + 1)]
    sketches = [f"croquis-{i}.png" for i in range(1, SKETCHES)] + [f"croquis-{SKETCHES}.tif"]
    bases = sorted(pool.glob("base-*.jpg"))
    for i, name in enumerate(photos):
        _variant_photo(str(bases[rnd.randrange(len(bases))]), str(root / "images" / name),
                       index * 1000 + i)
    scans = sorted(pool.glob("scan-*.png"))
    for i, name in enumerate(sketches):
        _variant_sketch(str(scans[rnd.randrange(len(scans))]), str(root / "images" / name),
                        index * 1000 + 500 + i)
    piece, piece_text = rnd.choice(PIECES)
    motif, metal, stone = rnd.choice(MOTIFS), rnd.choice(METALS), rnd.choice(STONES)
    (root / "dossier.yml").write_text(_dossier_yml(
        index, first, last, f"{piece} {motif}",
        f"{piece_text.capitalize()} en {metal} et {stone[3:].strip()} inspiré du motif "
        f"« {motif} »."), encoding="utf-8")
    text = Text(rnd, metal, stone)
    queue, scans = list(photos), list(sketches)
    for name, title, role, n_photos, n_sketch, words in SECTIONS:
        mine, queue = queue[:n_photos], queue[n_photos:]
        drawn, scans = scans[:n_sketch], scans[n_sketch:]
        md = section_md(rnd, text, title, role, words, mine, drawn)
        (root / "sections" / f"{name}.md").write_text(md, encoding="utf-8")
    for name, title, words, n_photos, n_sketch in ANNEXES:
        mine, queue = queue[:n_photos], queue[n_photos:]
        drawn, scans = scans[:n_sketch], scans[n_sketch:]
        md = annex_md(rnd, text, title, words, mine + drawn)
        (root / "annexes" / f"{name}.md").write_text(md, encoding="utf-8")
    assert not queue and not scans, (queue, scans)    # every photo and scan is placed once
    stamp.write_text(GEN_VERSION)
    return slug


def generate(folder: Path, count: int) -> list[Path]:
    pool, gen = folder / "pool", folder / "gen"
    pool.mkdir(parents=True, exist_ok=True)
    gen.mkdir(parents=True, exist_ok=True)
    jobs = [(make_base_photo, str(pool / f"base-{i:02d}.jpg"), i) for i in range(BASE_PHOTOS)]
    jobs += [(make_base_sketch, str(pool / f"scan-{i:02d}.png"), i) for i in range(BASE_SKETCHES)]
    jobs = [j for j in jobs if not Path(j[1]).is_file()]
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(2) as pool_ex:
        if jobs:
            print(f"Génération de {len(jobs)} images de base dans {pool}...", flush=True)
            for f in [pool_ex.submit(fn, path, seed) for fn, path, seed in jobs]:
                f.result()
        todo = [i for i in range(count)]
        futures = [pool_ex.submit(make_dossier, gen, i, pool) for i in todo]
        slugs = [f.result() for f in futures]
    took = time.perf_counter() - start
    if took > 2:
        print(f"  classe générée dans {gen} en {took:.0f} s", flush=True)
    return [gen / s for s in slugs]


def link_tree(src: Path, dest: Path) -> None:
    try:
        shutil.copytree(src, dest, copy_function=os.link,
                        ignore=shutil.ignore_patterns(".complete"))
    except OSError:
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".complete"))


def make_project(dossiers: list[Path], dest: Path) -> Path:
    """A project folder like this checkout: mkdocs.yml, themes (link), students/ (hard links)."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "students").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "themes").symlink_to(ROOT / "themes")
    for root in dossiers:
        link_tree(root, dest / "students" / root.name)
    return dest


def make_plain(dossiers: list[Path], dest: Path) -> Path:
    """The same Markdown and images as a plain MkDocs + Material project (no plugin)."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Dossiers\n", encoding="utf-8")
    for root in dossiers:
        for part in ("sections", "annexes", "images"):
            link_tree(root / part, docs / root.name / part)
    (dest / "mkdocs.yml").write_text(
        "site_name: Dossiers\ntheme:\n  name: material\n  language: fr\nplugins:\n  - search\n",
        encoding="utf-8")
    return dest
