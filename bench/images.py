"""Camera-like test photos -> timings of the image pipeline against naive Pillow (not a test).

    .venv/bin/python bench/images.py --count 100            # photos generated in a temp dir
    .venv/bin/python bench/images.py --dir /tmp/photos      # reuse (or fill) a folder

Each phase runs in its own process, so that its peak memory (``ru_maxrss`` of the process and
of its pool workers) is its own. Phases: ``naive`` (open, exif_transpose, resize and save each
variant from the full image, one after the other, Pillow's default WebP effort), ``cold``
(:meth:`ImageCache.prepare` on an empty cache, then every lookup a build makes) and ``warm``
(a new :class:`ImageCache` on the same cache, nothing changed). Both make the same files: WebP
at 480/960/1600/2400 px and a print JPEG 184 mm wide at 300 dpi (an A3 landscape column).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEB_WIDTHS = (480, 960, 1600, 2400)
PLACED_MM = (420 - 40 - 12) / 2                 # A3 landscape, one of two columns
GPS = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}


# -- photos --------------------------------------------------------------------------------

def camera_like(size: tuple[int, int], seed: int) -> Image.Image:
    """Smooth gradients, shapes and lines blurred like optics, fine detail and sensor noise."""
    rnd = random.Random(seed)
    width, height = size
    small = (width // 8, height // 8)
    img = Image.merge("RGB", [Image.linear_gradient("L").rotate(rnd.uniform(0, 360))
                              .resize(small) for _ in range(3)])
    draw = ImageDraw.Draw(img)
    for _ in range(120):
        x, y, r = rnd.randrange(small[0]), rnd.randrange(small[1]), rnd.randrange(3, 60)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        if rnd.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.line((x, y, x + rnd.randrange(-90, 90), y + rnd.randrange(-90, 90)),
                      fill=colour, width=rnd.randrange(1, 5))
    img = img.filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(400):
        x, y = rnd.randrange(width), rnd.randrange(height)
        draw.line((x, y, x + rnd.randrange(-40, 40), y + rnd.randrange(-40, 40)),
                  fill=tuple(rnd.randrange(256) for _ in range(3)), width=rnd.randrange(1, 3))
    noise = Image.merge("RGB", [Image.effect_noise(size, 8) for _ in range(3)])
    return ImageChops.add(img, noise, offset=-128)


def as_shot(img: Image.Image, orientation: int, gps: bool, date: str | None = None
            ) -> tuple[Image.Image, Image.Exif]:
    """The pixels and EXIF a phone would store: rotated for ``orientation``, camera, GPS."""
    if orientation == 6:
        img = img.transpose(Image.Transpose.ROTATE_90)
    elif orientation == 8:
        img = img.transpose(Image.Transpose.ROTATE_270)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F], exif[0x0110] = "BenchCam", "BC-12"
    if date:
        exif[0x0132] = date
    if gps:
        exif.get_ifd(0x8825).update(GPS)
    return img, exif


def make_photo(path: str, seed: int, size: tuple[int, int]) -> None:
    img, exif = as_shot(camera_like(size, seed), (1, 1, 6, 8)[seed % 4], bool(seed % 2))
    img.save(path, "JPEG", quality=92, exif=exif)


def ensure_photos(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo-{i:03d}.jpg" for i in range(count)]
    todo = [(str(p), i, size) for i, p in enumerate(paths) if not p.is_file()]
    if todo:
        print(f"Génération de {len(todo)} photos {size[0]} x {size[1]} dans {folder}...",
              flush=True)
        start = time.perf_counter()
        with concurrent.futures.ProcessPoolExecutor(2) as pool:
            list(pool.map(make_photo, *zip(*todo, strict=True)))
        print(f"  {time.perf_counter() - start:.1f} s", flush=True)
    return paths


# -- phases (each in its own process) --------------------------------------------------------

def naive(paths: list[Path], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        for width in WEB_WIDTHS:
            img = ImageOps.exif_transpose(Image.open(path))
            if width < img.width:
                img = img.resize((width, round(img.height * width / img.width)),
                                 Image.Resampling.LANCZOS)
            img.save(out / f"{path.stem}-{width}.webp", "WEBP", quality=80)
        img = ImageOps.exif_transpose(Image.open(path))
        width = min(img.width, round(PLACED_MM / 25.4 * 300))
        img = img.resize((width, round(img.height * width / img.width)),
                         Image.Resampling.LANCZOS)
        img.save(out / f"{path.stem}-print.jpg", "JPEG", quality=90)


def _widths(width: int, print_px: int) -> list[tuple[str, int]]:
    """The tool's outputs for a ``width`` px image: its web widths (never wider than the
    source) and the print copy, largest first."""
    web = sorted({w for w in WEB_WIDTHS if w < width} | {min(width, WEB_WIDTHS[-1])})
    return sorted([("web", w) for w in web] + [("print", min(width, print_px))],
                  key=lambda item: (-item[1], item[0]))


def competent(jobs: list[tuple[Path, int]], out: Path) -> None:
    """What a user who cares writes with Pillow: each image decoded once (JPEG at the smallest
    scale that covers the widest output: draft mode), upright, metadata dropped, every width
    made from the previous one, the tool's encoder settings (WebP q80 method 2, JPEG q90)."""
    out.mkdir(parents=True, exist_ok=True)
    for path, print_px in jobs:
        with Image.open(path) as img:
            turned = img.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            width, height = img.size[::-1] if turned else img.size
            widest = _widths(width, print_px)[0][1]
            if img.format == "JPEG":         # decoded at 1/2, 1/4, 1/8 while that covers it
                scale = widest / width
                img.draft("RGB", (math.ceil(img.size[0] * scale), math.ceil(img.size[1] * scale)))
            img = ImageOps.exif_transpose(img).convert("RGB")
        for purpose, width in _widths(img.width, print_px):
            if width < img.width:
                img = img.resize((width, round(img.height * width / img.width)),
                                 Image.Resampling.LANCZOS)
            if purpose == "web":
                img.save(out / f"{path.stem}-{width}.webp", "WEBP", quality=80, method=2)
            else:
                img.save(out / f"{path.stem}-print.jpg", "JPEG", quality=90, optimize=True)


def vips(jobs: list[tuple[Path, int]], out: Path) -> None:
    """The same outputs with libvips (pyvips + its binary wheel): shrink-on-load to the widest
    output, upright (``thumbnail`` applies the EXIF orientation), each width from the previous,
    no metadata kept (``keep="none"``)."""
    import pyvips

    out.mkdir(parents=True, exist_ok=True)
    for path, print_px in jobs:
        head = pyvips.Image.new_from_file(str(path), access="sequential")
        width = head.height if head.get_typeof("orientation") and head.get(
            "orientation") in (5, 6, 7, 8) else head.width
        outputs = _widths(width, print_px)
        img = pyvips.Image.thumbnail(str(path), outputs[0][1], height=100_000,
                                     size="down").copy_memory()
        for purpose, width in outputs:
            if width < img.width:
                img = img.resize(width / img.width, kernel="lanczos3").copy_memory()
            if purpose == "web":
                img.webpsave(str(out / f"{path.stem}-{width}.webp"), Q=80, effort=2, keep="none")
            else:
                img.jpegsave(str(out / f"{path.stem}-print.jpg"), Q=90, optimize_coding=True,
                             keep="none")


def pipeline(paths: list[Path], cache_dir: Path) -> dict:
    from portfolio.images import ImageCache

    cache = ImageCache(cache_dir)   # the package is imported before the clock starts
    errors = cache.prepare(paths, ("web", "print"), placed_mm=PLACED_MM)
    for path in paths:                         # what a build asks afterwards
        cache.web_variants(path)
        cache.variant(path, "web")
        cache.variant(path, "print", placed_mm=PLACED_MM)
    return {"errors": len(errors), "processed": cache.processed, "misses": cache.misses}


def run_phase(phase: str, folder: Path, count: int, work: Path) -> dict:
    import portfolio.images  # noqa: F401 - imports (about 0.4 s, WeasyPrint included) untimed

    paths = sorted(folder.glob("photo-*.jpg"))[:count]
    start = time.perf_counter()
    extra = (naive(paths, work / "naive") if phase == "naive"
             else pipeline(paths, work / "cache")) or {}
    seconds = time.perf_counter() - start
    from multiprocessing import forkserver
    if getattr(forkserver, "_forkserver", None) and hasattr(forkserver._forkserver, "_stop"):
        forkserver._forkserver._stop()     # reaped: its workers count in RUSAGE_CHILDREN
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"phase": phase, "seconds": seconds, "self_mb": self_kb / 1024,
            "children_mb": children_kb / 1024, **extra}


def spawn(phase: str, folder: Path, count: int, work: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", phase, "--dir", str(folder),
                          "--count", str(count), "--work", str(work)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def profile(folder: Path, count: int, work: Path) -> None:
    import cProfile
    import pstats

    from portfolio.images import ImageCache

    paths = sorted(folder.glob("photo-*.jpg"))[:count]
    cache = ImageCache(work / "profile-cache", workers=1)     # in-process: visible to cProfile
    profiler = cProfile.Profile()
    profiler.runcall(cache.prepare, paths, ("web", "print"), placed_mm=PLACED_MM)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--dir", type=Path, help="dossier des photos (créé si besoin)")
    parser.add_argument("--size", default="4000x3000", help="taille des photos générées")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profil cProfile à froid")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.dir, args.count, args.work)))
        return 0
    size = tuple(int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        folder = args.dir or Path(tmp) / "photos"
        ensure_photos(folder, args.count, size)
        work = Path(tmp) / "work"
        if args.profile:
            profile(folder, args.count, work)
            return 0
        rows = [] if args.skip_naive else [spawn("naive", folder, args.count, work)]
        rows += [spawn("cold", folder, args.count, work), spawn("warm", folder, args.count, work)]
    base = rows[0]["seconds"] if not args.skip_naive else None
    print(f"\n{args.count} photos {size[0]} x {size[1]} px, 4 WebP widths + 1 print JPEG each")
    print(f"{'phase':<6} {'seconds':>8} {'vs naive':>9} {'peak MB':>8} {'workers MB':>11}")
    for row in rows:
        ratio = f"{base / row['seconds']:.1f}x" if base else "-"
        print(f"{row['phase']:<6} {row['seconds']:>8.2f} {ratio:>9} {row['self_mb']:>8.0f} "
              f"{row['children_mb']:>11.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
