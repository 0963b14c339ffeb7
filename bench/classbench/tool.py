"""This tool's steps: its build in a step's process (timing records read back), the print HTML
captured for the raw WeasyPrint anchor, pages counted, and the runs built on them (cold, warm,
one section edited, class sizes, cProfile)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from classbench import ROOT
from classbench.generate import make_plain, make_project
from classbench.records import read_timings, summarize_timings
from classbench.sampling import measure, reap_forkserver, step


def step_tool(project: Path) -> dict:
    """``build.py --project P -v build`` in this process, its timing records read back.

    The build appends its records (``portfolio/processes/timings.py``) to a file named by
    ``PORTFOLIO_TIMINGS``; worker processes inherit it. No record: :class:`NoTimingsError`.
    """
    from portfolio.cli.main import main as cli_main
    from portfolio.processes.timings import ENV

    timings = project / ".timings.jsonl"
    timings.unlink(missing_ok=True)
    os.environ[ENV] = str(timings)
    start = time.time()
    sys.stdout = sys.stderr            # the CLI's summary: keep stdout for our JSON
    try:
        rc = cli_main(["--project", str(project), "-v", "build"])
    finally:
        sys.stdout = sys.__stdout__
    seconds = time.time() - start
    reap_forkserver()
    data = summarize_timings(read_timings(timings))
    pdfs = sorted((project / "site").rglob("*.pdf"))
    return {"rc": rc, "seconds": seconds, **data,
            "pdf_sizes": {p.parent.name: p.stat().st_size for p in pdfs
                          if p.parent.parent == project / "site"}}


def step_capture(project: Path, capture: Path) -> dict:
    """The print HTML the tool gives WeasyPrint, for each dossier (untimed, images cached)."""
    import portfolio.pdf.output.render as render_mod
    from portfolio import BuildOptions
    from portfolio.builder.assemble import render_print
    from portfolio.dossier.load import find_dossiers, load_dossier
    from portfolio.images import ImageCache

    class CapturedError(Exception):
        pass

    def render_pdf(main_html_for, annex_html, annex_entries, main_entries, base_url,
                   **kwargs):
        labels = [(title, "A1") for _, title, _ in annex_entries]
        slug = Path(base_url.rstrip("/")).name
        capture.mkdir(parents=True, exist_ok=True)
        (capture / f"{slug}.json").write_text(json.dumps(
            {"main": main_html_for(labels), "annex": annex_html, "base_url": base_url}))
        raise CapturedError

    render_mod.render_pdf = render_pdf
    cache = project / ".cache" / "portfolio"
    options, images = BuildOptions(cache_dir=cache), ImageCache(cache)
    for root in find_dossiers(project / "students"):
        try:
            render_print(load_dossier(root), options, images)
        except CapturedError:
            pass
    return {"captured": len(list(capture.glob("*.json")))}


def step_count(students: Path) -> dict:
    """Pages per part of each dossier, counted by the tool itself (tuning the generator)."""
    from portfolio import BuildOptions, build_dossier
    options = BuildOptions(cache_dir=students.parent / ".cache" / "portfolio")
    out = {}
    for root in sorted(p for p in students.iterdir() if (p / "dossier.yml").is_file()):
        build = build_dossier(root, options)
        out[root.name] = build.count.parts if build.count else str(build.error)
    reap_forkserver()
    return out


def run_tool(project: Path, label: str) -> dict:
    result = step("tool", "--project", str(project))
    data = result["data"]
    sampler = result["sampler"]
    for kind in ("images", "pdf"):
        spans = [(a, b) for k, a, b in data.get("phases", []) if k == kind]
        data[f"cpu_{kind}"] = sampler.cpu_between(spans)
        data[f"{kind}_seconds"] = sum(b - a for a, b in spans)
    print(f"  {label:<22} {result['wall']:7.1f} s  CPU {result['cpu']:4.0f} %  "
          f"mémoire {result['rss_mb']:5.0f} Mo  PDF refaits {len(data.get('printed', []))}  "
          f"images traitées {data.get('processed')}", flush=True)
    if data.get("rc") not in (0, None):
        print(f"    (build.py a rendu {data['rc']} : {result['stderr'][-600:]})")
    return result


def edit_one_section(project: Path) -> str:
    root = sorted((project / "students").iterdir())[0]
    path = root / "sections" / "04-recherches-techniques.md"
    text = path.read_text(encoding="utf-8")
    tmp = path.with_name(".edit.tmp")        # a new file: the hard link to gen/ is broken
    tmp.write_text(text + "\nJ'ai ajouté cette remarque après la relecture de mon tuteur.\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return root.name


def scaling_runs(dossiers: list[Path], counts: list[int], work: Path, known: dict) -> dict:
    out = {}
    for n in counts:
        if n in known:
            out[n] = known[n]
            continue
        if n > len(dossiers):
            continue
        print(f"Échelle : {n} dossiers", flush=True)
        project = make_project(dossiers[:n], work / f"scale-{n}")
        plain = make_plain(dossiers[:n], work / f"scale-plain-{n}")
        cold = run_tool(project, f"outil à froid ({n})")
        warm = run_tool(project, f"outil à chaud ({n})")
        mk = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                      str(plain / "mkdocs.yml")])
        out[n] = {"cold": cold["wall"], "warm": warm["wall"], "mkdocs": mk["wall"]}
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
    return out


def warm_scaling(dossiers: list[Path], counts: list[int], work: Path) -> dict:
    """Warm builds only, for each class size: the projects share one content cache (made by a
    first, unmeasured build of the largest class), so no class pays its cold images and PDFs
    and a busy machine spends its time on what is measured. Two warm builds each, the faster
    kept."""
    shared = work / "cache"
    shared.mkdir(parents=True, exist_ok=True)
    out = {}
    for n in sorted(counts, reverse=True):
        if n > len(dossiers):
            continue
        project = make_project(dossiers[:n], work / f"warm-{n}")
        (project / ".cache").symlink_to(shared)
        print(f"Échelle : {n} dossiers (premier build, non mesuré)", flush=True)
        run_tool(project, f"préparation ({n})")
        warm = min((run_tool(project, f"outil à chaud ({n})") for _ in range(2)),
                   key=lambda r: r["wall"])
        out[n] = warm["wall"]
        shutil.rmtree(project, ignore_errors=True)
    print("\n| dossiers | warm s | s/dossier |")
    print("|---:|---:|---:|")
    for n in sorted(out):
        print(f"| {n} | {out[n]:.1f} | {out[n] / n:.3f} |")
    if len(out) >= 2:
        (a, wa), *_, (b, wb) = sorted(out.items())
        ratio = (wb / b) / (wa / a)
        print(f"\n{'OK' if ratio <= 1.2 else 'NON'} : à chaud, {wb / b:.3f} s/dossier à {b} contre "
              f"{wa / a:.3f} s/dossier à {a} ({ratio:.2f}x ; objectif : au plus 1,2x)")
    return out


def profile(dossiers: list[Path], work: Path, out: Path) -> None:
    import pstats
    project = make_project(dossiers[:5], work / "profile")
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for label in ("cold", "warm"):
        prof = out / f"{label}.prof"
        t0 = time.time()
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof),
                        str(ROOT / "build.py"), "--project", str(project), "build"],
                       env=env, capture_output=True)
        print(f"\n== profil {label} (5 dossiers, {time.time() - t0:.1f} s ; "
              f"processus principal seulement) : {prof}")
        with open(out / f"{label}.txt", "w") as f:
            pstats.Stats(str(prof), stream=f).sort_stats("cumulative").print_stats(45)
            pstats.Stats(str(prof), stream=f).sort_stats("tottime").print_stats(25)
        stats = pstats.Stats(str(prof))
        stats.sort_stats("cumulative").print_stats(30)
