"""The plain tools this one is measured against, on the same files: raw WeasyPrint on the
captured print HTML, Pandoc + Typst on the Markdown, and the image anchors of
``bench/images.py`` (Pillow done well, libvips) on every image of the class."""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from classbench.generate import link_tree


def _weasyprint_one(path: str, out: str) -> tuple[str, float, int]:
    """Raw WeasyPrint on one captured print HTML (main part + annexes), timed in its worker."""
    import weasyprint
    doc = json.loads(Path(path).read_text())
    t0 = time.time()
    size = 0
    for part in ("main", "annex"):
        if doc[part]:
            target = Path(out) / f"{Path(path).stem}-{part}.pdf"
            weasyprint.HTML(string=doc[part], base_url=doc["base_url"]).write_pdf(target)
            size += target.stat().st_size
    return Path(path).stem, time.time() - t0, size


def step_weasyprint(capture: Path, out: Path, workers: int) -> dict:
    """Raw WeasyPrint (default URL fetcher) on each captured print HTML, measured as the tool's
    PDFs are: ``workers`` processes at a time, each dossier's time taken in its worker."""
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(str(p) for p in capture.glob("*.json"))
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        done = list(pool.map(_weasyprint_one, paths, [str(out)] * len(paths)))
    return {"per": {slug: t for slug, t, _ in done}, "sizes": {slug: n for slug, _, n in done}}


TYPST_WRAPPER = '''#!{python}
"""``typst compile [--root DIR] IN OUT`` over the typst package of PyPI (it ships no CLI)."""
import sys
import typst
args, root, files = sys.argv[2:], None, []
while args:
    a = args.pop(0)
    if a == "--root":
        root = args.pop(0)
    elif a.startswith("--root="):
        root = a.split("=", 1)[1]
    else:
        files.append(a)
typst.compile(files[0], output=files[1], root=root)
'''


def _pandoc_one(pandoc: str, root: Path, out: Path, env: dict) -> tuple[str, float, int]:
    """One dossier through Pandoc + Typst, timed in its worker."""
    files = sorted(p.name for p in (root / "sections").glob("*.md"))
    files += sorted(f"../annexes/{p.name}" for p in (root / "annexes").glob("*.md"))
    target = out / f"{root.name}.pdf"
    t0 = time.time()
    subprocess.run([pandoc, *files, "--pdf-engine=typst", "--pdf-engine-opt=--root=..",
                    "-V", "papersize=a3", "-o", str(target)],
                   cwd=root / "sections", env=env, check=True, capture_output=True)
    return root.name, time.time() - t0, target.stat().st_size


def step_pandoc(students: Path, out: Path, bindir: Path, workers: int) -> dict:
    """``pandoc sections/*.md annexes/*.md --pdf-engine=typst -V papersize=a3`` per dossier,
    ``workers`` at a time, each timed in its worker (as the tool's PDFs)."""
    import pypandoc
    pandoc = pypandoc.get_pandoc_path()
    bindir.mkdir(parents=True, exist_ok=True)
    wrapper = bindir / "typst"
    wrapper.write_text(TYPST_WRAPPER.format(python=sys.executable))
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    out.mkdir(parents=True, exist_ok=True)
    roots = []
    for src in sorted(p for p in students.iterdir() if (p / "dossier.yml").is_file()):
        root = out / "src" / src.name         # Typst reads no TIFF: a PNG copy, untimed
        shutil.rmtree(root, ignore_errors=True)
        link_tree(src, root)
        for tif in (root / "images").glob("*.tif"):
            with Image.open(tif) as img:
                img.save(tif.with_suffix(".png"), compress_level=1)
        for md in (*(root / "sections").glob("*.md"), *(root / "annexes").glob("*.md")):
            text = md.read_text(encoding="utf-8")
            if ".tif" in text:
                md.unlink()
                md.write_text(text.replace(".tif)", ".png)").replace('.tif "', '.png "'),
                              encoding="utf-8")
        roots.append(root)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:    # pandoc: its own process
        done = list(pool.map(lambda r: _pandoc_one(pandoc, r, out, env), roots))
    return {"per": {slug: t for slug, t, _ in done}, "sizes": {slug: n for slug, _, n in done}}


def image_jobs(students: Path) -> list[tuple[Path, int]]:
    """Every image of the class with the print width (px at 300 dpi) the tool first makes for
    it (its placement on the A3 grid), so that the anchors make the same files."""
    from portfolio.images.decode import header
    from portfolio.pdf.page.grid import figure_placement
    jobs = []
    for root in sorted(p for p in students.iterdir() if (p / "dossier.yml").is_file()):
        for path in sorted((root / "images").iterdir()):
            width, height, _ = header(path)
            mm = figure_placement(width, height, (420, 297), vector=False,
                                  drawing=path.suffix.lower() == ".png").copy_mm
            jobs.append((path, round(mm / 25.4 * 300)))
    return jobs


def _anchor_one(engine: str, path: Path, print_px: int, out: str) -> None:
    import images
    getattr(images, engine)([(path, print_px)], Path(out))


def step_images(students: Path, engine: str, out: Path, workers: int) -> dict:
    """An image anchor (``competent``: Pillow done well; ``vips``: libvips) on every image of
    the class, ``workers`` processes at a time (as the tool's pool)."""
    jobs = image_jobs(students)                    # header reads: before the clock
    t0 = time.time()
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        list(pool.map(_anchor_one, [engine] * len(jobs), *zip(*jobs, strict=True),
                      [str(out)] * len(jobs)))
    return {"images": len(jobs), "seconds": time.time() - t0}
