"""A class-sized benchmark: this tool's build against the plain tools a user would pick instead.

    .venv/bin/python -m pip install -r bench/requirements.txt     # Pandoc, Typst, libvips
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe        # N = 30, generation cached
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe --count 10 --scaling 10,30
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe --profile    # cProfile, 5 dossiers
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe --scaling 10,100 --warm-only

1. Generates (once, cached in ``--dir/gen``) a reference class: N dossiers near their budget
   (13-15 A3 pages + annexes), French text made from a jewellery vocabulary, 20 photos of
   12 MP each (camera-like JPEG, EXIF orientation/GPS; crop/tint variants of a pool of base
   photos from ``bench/images.py``, so that every dossier's bytes differ), 5 pencil sketches
   scanned at 300 dpi (4 PNG, 1 TIFF) and the example's ``couts.yml``.
2. Times on the same files, each step in its own process: plain ``mkdocs build`` (Material, the
   same Markdown and images, no plugin), raw WeasyPrint on the print HTML this tool generates
   (captured after the cold build, images = the tool's print variants) and Pandoc + Typst on
   the same Markdown (A3), both as many dossiers at a time as there are cores, each dossier
   timed in its worker as the tool's PDFs are; the same image files made by a Pillow script
   done well and by libvips (``bench/images.py``: ``competent``, ``vips``) on every image of
   the class, as many at a time as there are cores; and this tool's build
   (``build.py --project DIR -v build``, in-process in the step): cold, warm, one section
   edited. The tool's figures come from its timing records (``portfolio/processes/timings.py``, JSON
   lines in the file ``PORTFOLIO_TIMINGS`` names): a build that leaves none stops the run.
3. Samples the step's process tree every 0.2 s (resident memory summed over the tree, CPU per
   process), reads its rusage at the end, and prints the table, the ratios and the targets.

N = 30 on 2 cores: about 25 minutes (the cold build alone about 11), plus generation the first
time (about 15 s per dossier); ``--scaling 10,30`` adds a cold + warm build of 10 dossiers.

This file is the command and its table; its parts, by job, are in ``bench/classbench/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from classbench.anchors import step_images, step_pandoc, step_weasyprint  # noqa: E402
from classbench.generate import PHOTOS, SKETCHES, generate, make_plain, make_project  # noqa: E402
from classbench.sampling import measure, step  # noqa: E402
from classbench.tool import (  # noqa: E402
    edit_one_section,
    profile,
    run_tool,
    scaling_runs,
    step_capture,
    step_count,
    step_tool,
    warm_scaling,
)


def fmt_ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="dossiers de la classe (30)")
    parser.add_argument("--dir", type=Path, help="dossier de travail (génération en cache)")
    parser.add_argument("--scaling", nargs="?", const="10,30", default=None,
                        help="mesurer froid/chaud pour ces tailles de classe (10,30 ; "
                             "extrapolé à 100 si 100 n'est pas demandé)")
    parser.add_argument("--profile", action="store_true", help="cProfile froid + chaud, 5 dossiers")
    parser.add_argument("--warm-only", action="store_true",
                        help="avec --scaling : builds à chaud seulement, cache partagé")
    parser.add_argument("--count-pages", action="store_true", help="pages par dossier (réglage)")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--capture", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.step:
        data = {"tool": lambda: step_tool(args.project),
                "capture": lambda: step_capture(args.project, args.capture),
                "weasyprint": lambda: step_weasyprint(args.capture, args.out, args.workers),
                "pandoc": lambda: step_pandoc(args.project / "students", args.out,
                                              args.out / "bin", args.workers),
                "images": lambda: step_images(args.project / "students", args.engine, args.out,
                                              args.workers),
                "count": lambda: step_count(args.project / "students")}[args.step]()
        print(json.dumps(data, default=str))
        return 0

    folder = (args.dir or Path(tempfile.mkdtemp(prefix="bench-classe-"))).resolve()
    need = max([args.count] + ([int(n) for n in args.scaling.split(",")]
                               if args.scaling else []))
    dossiers = generate(folder, need)
    if args.generate_only:
        return 0
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    if args.profile:
        profile(dossiers, work, folder / "profile")
        return 0
    if args.warm_only:
        warm_scaling(dossiers, [int(c) for c in (args.scaling or "10,30").split(",")], work)
        return 0
    n = args.count
    class_dossiers = dossiers[:n]
    project = make_project(class_dossiers, work / "projet")
    if args.count_pages:
        result = step("count", "--project", str(project))
        for slug, parts in result["data"].items():
            print(f"  {slug}: {parts}")
        return 0
    plain = make_plain(class_dossiers, work / "plain")
    print(f"\n{n} dossiers ({PHOTOS} photos 12 Mpx + {SKETCHES} croquis scannés chacun), "
          f"{os.cpu_count()} cœurs ; dossier de travail {folder}", flush=True)

    # plain anchors (pages of the cache are warm for everybody: the files were just linked)
    mk = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                  str(plain / "mkdocs.yml")])
    print(f"  {'mkdocs build (Material)':<22} {mk['wall']:7.1f} s  CPU {mk['cpu']:4.0f} %  "
          f"mémoire {mk['rss_mb']:5.0f} Mo", flush=True)
    capture = work / "print-html"
    cold = run_tool(project, "outil à froid")
    step("capture", "--project", str(project), "--capture", str(capture))
    warm = run_tool(project, "outil à chaud")
    edited = edit_one_section(project)
    edit = run_tool(project, "outil, 1 section modifiée")
    workers = str(os.cpu_count() or 1)          # as many at a time as the tool's pools
    wp = step("weasyprint", "--capture", str(capture), "--out", str(work / "weasyprint"),
              "--workers", workers)
    print(f"  {'WeasyPrint seul':<22} {wp['wall']:7.1f} s  CPU {wp['cpu']:4.0f} %  "
          f"mémoire {wp['rss_mb']:5.0f} Mo", flush=True)
    pt = step("pandoc", "--project", str(project), "--out", str(work / "pandoc"),
              "--workers", workers)
    print(f"  {'Pandoc + Typst':<22} {pt['wall']:7.1f} s  CPU {pt['cpu']:4.0f} %  "
          f"mémoire {pt['rss_mb']:5.0f} Mo", flush=True)
    anchors_img = {}
    for engine, label in (("competent", "Pillow soigné"), ("vips", "libvips")):
        r = anchors_img[engine] = step("images", "--project", str(project), "--engine", engine,
                                       "--out", str(work / engine), "--workers", workers)
        r["cpu_per_image"] = r["cpu_s"] / r["data"]["images"]
        print(f"  {label:<22} {r['wall']:7.1f} s  CPU {r['cpu']:4.0f} %  "
              f"mémoire {r['rss_mb']:5.0f} Mo  ({r['data']['images']} images, "
              f"{r['cpu_per_image']:.2f} s CPU par image)", flush=True)
        shutil.rmtree(work / engine, ignore_errors=True)
    pil, vip = anchors_img["competent"], anchors_img["vips"]

    # -- table ------------------------------------------------------------------------------
    rows = [("mkdocs build, Material (plain)", mk, mk["wall"]),
            ("WeasyPrint alone, print HTML", wp, wp["wall"]),
            ("Pandoc + Typst, A3", pt, pt["wall"]),
            ("Pillow done well, every image", pil, pil["wall"]),
            ("libvips (pyvips), every image", vip, vip["wall"]),
            ("this tool, cold", cold, cold["wall"]),
            ("this tool, warm", warm, warm["wall"]),
            ("this tool, 1 section edited", edit, edit["wall"])]
    print(f"\n| step ({n} dossiers, {os.cpu_count()} cores) | wall s | vs mkdocs | CPU % "
          f"| peak RSS MB | PDFs rendered | images processed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r, wall in rows:
        d = r.get("data", {})
        printed = len(d["printed"]) if "printed" in d else "-"
        processed = d.get("processed", d.get("images", "-"))
        print(f"| {label} | {wall:.1f} | {fmt_ratio(wall, mk['wall'])} | {r['cpu']:.0f} "
              f"| {r['rss_mb']:.0f} | {printed} | {processed} |")
    cd = cold["data"]
    tool_image_cpu = ((cd["cpu_images"] or 0) / 100 * cd["images_seconds"]
                      / max(1, cd["processed"]))
    print(f"\nCold build: images {cd['images_seconds']:.0f} s at "
          f"{cd['cpu_images'] or 0:.0f} % CPU ({tool_image_cpu:.2f} s CPU per image), PDFs "
          f"{cd['pdf_seconds']:.0f} s at {cd['cpu_pdf'] or 0:.0f} % CPU, rest "
          f"{cold['wall'] - cd['images_seconds'] - cd['pdf_seconds']:.0f} s.")
    contenders = [(tool_image_cpu, "this tool"), (pil["cpu_per_image"], "Pillow done well"),
                  (vip["cpu_per_image"], "libvips")]
    print(f"Images, CPU per image: this tool {tool_image_cpu:.2f} s, Pillow done well "
          f"{pil['cpu_per_image']:.2f} s, libvips {vip['cpu_per_image']:.2f} s: "
          f"{min(contenders)[1]} wins.")

    # -- targets ------------------------------------------------------------------------------
    verdicts = []

    def target(ok: bool, text: str) -> None:
        verdicts.append((ok, text))
        print(f"{'PASS' if ok else 'MISS'}  {text}")

    print()
    ratio = warm["wall"] / mk["wall"]
    target(ratio <= 1.3, f"warm rebuild {warm['wall']:.1f} s = {ratio:.2f}x plain mkdocs "
           f"{mk['wall']:.1f} s (target <= 1.3x; "
           f"{'margin' if ratio <= 1.3 else 'over by'} "
           f"{abs(warm['wall'] - 1.3 * mk['wall']):.1f} s)")
    ed = edit["data"]
    target(ed["printed"] == [edited] and ed["processed"] == 0,
           f"one section edited: PDFs rendered {ed['printed']} (want [{edited}]), "
           f"images processed {ed['processed']} (want 0); {edit['wall']:.1f} s")
    busy = min(cd["cpu_images"] or 0, cd["cpu_pdf"] or 0)
    target(busy >= 170, f"cold build, both cores busy: images {cd['cpu_images'] or 0:.0f} %, "
           f"PDFs {cd['cpu_pdf'] or 0:.0f} % (target ~200 %, counted >= 170 %)")
    for name, img in (("Pillow done well", pil), ("libvips", vip)):
        anchors = mk["wall"] + wp["wall"] + img["wall"]
        target(cold["wall"] <= 0.5 * anchors,
               f"cold build {cold['wall']:.0f} s vs mkdocs + raw WeasyPrint + {name} "
               f"{mk['wall']:.0f} + {wp['wall']:.0f} + {img['wall']:.0f} = {anchors:.0f} s "
               f"({cold['wall'] / anchors:.2f}x; target <= 0.5x)")
    target(tool_image_cpu <= 0.3, f"image preparation {tool_image_cpu:.2f} s CPU per image, "
           f"all variants (target <= 0.3 s; libvips {vip['cpu_per_image']:.2f} s)")
    tool_pdf = sum(cd["pdf_each"]) / max(1, len(cd["pdf_each"]))
    edit_pdf = sum(ed["pdf_each"])
    pt_per = sum(pt["data"]["per"].values()) / n
    wp_per = sum(wp["data"]["per"].values()) / n
    tool_size = sum(cd["pdf_sizes"].values()) / max(1, len(cd["pdf_sizes"])) / 1e6
    pt_size = sum(pt["data"]["sizes"].values()) / n / 1e6
    target(tool_pdf <= 0.7 * pt_per and tool_size < pt_size,
           f"PDF per dossier (each timed in its worker, {workers} at a time): this tool "
           f"{tool_pdf:.1f} s (cold; {edit_pdf:.1f} s after an edit, alone), raw WeasyPrint "
           f"on the tool's HTML {wp_per:.1f} s; {tool_size:.1f} MB vs Pandoc + Typst "
           f"{pt_per:.1f} s, {pt_size:.1f} MB ({tool_pdf / pt_per:.2f}x the time; "
           f"target <= 0.7x)")
    peak = max(cold["rss_mb"], warm["rss_mb"], edit["rss_mb"])
    target(peak < 2048, f"peak resident memory {peak:.0f} MB (tree sum; target < 2048 MB)")
    if args.scaling:
        counts = [int(c) for c in args.scaling.split(",")]
        known = {n: {"cold": cold["wall"], "warm": warm["wall"], "mkdocs": mk["wall"]}}
        scale = scaling_runs(dossiers, counts, work, known)
        print("\n| dossiers | cold s | s/dossier | warm s | s/dossier | plain mkdocs s |")
        print("|---:|---:|---:|---:|---:|---:|")
        for c in sorted(scale):
            s = scale[c]
            print(f"| {c} | {s['cold']:.0f} | {s['cold'] / c:.1f} | {s['warm']:.1f} "
                  f"| {s['warm'] / c:.2f} | {s['mkdocs']:.1f} |")
        if 100 not in scale and len(scale) >= 2:
            (a, sa), (b, sb) = sorted(scale.items())[:2]
            slope = {k: (sb[k] - sa[k]) / (b - a) for k in ("cold", "warm", "mkdocs")}
            extra = {k: sb[k] + slope[k] * (100 - b) for k in slope}
            print(f"| 100 (extrapolated from {a} and {b}) | {extra['cold']:.0f} | "
                  f"{extra['cold'] / 100:.1f} | {extra['warm']:.1f} | "
                  f"{extra['warm'] / 100:.2f} | {extra['mkdocs']:.1f} |")
        if len(scale) >= 2:
            (a, sa), *_, (b, sb) = sorted(scale.items())
            per_a, per_b = sa["cold"] / a, sb["cold"] / b
            target(per_b <= per_a * 1.15, f"linear growth: cold {per_a:.1f} s/dossier at {a}, "
                   f"{per_b:.1f} s/dossier at {b}")
    print(f"\n{sum(ok for ok, _ in verdicts)}/{len(verdicts)} targets met. "
          f"Files kept in {folder} (generation cached; work/ is rebuilt each run).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
