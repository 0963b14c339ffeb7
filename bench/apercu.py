"""Preview benchmark: after one Markdown edit, how fast the page and its page count come back.

    .venv/bin/python bench/apercu.py --dir /tmp/bench-classe            # N = 30 dossiers
    .venv/bin/python bench/apercu.py --dir /tmp/bench-classe --count 5 --edits 3

Uses the reference class of ``bench/classe.py`` (generated once, cached in ``--dir``), warms the
cache with ``build.py check``, starts the real preview server (``build.py serve``), waits until
it has drawn the page strips of new PDFs (nothing drawn for 5 s), then edits one section of one
dossier several times and measures, from the moment the file is saved:

- until the rebuilt page with the new text is served (target: median under 1.5 s);
- until that page shows the recomputed page count, "à jour" (target: under 5 s);

and counts what was processed again meanwhile, from the server's timing records
(``portfolio/processes/timings.py``: ``pdf`` and ``image``/``images`` records in the file named by
``PORTFOLIO_TIMINGS``; the run stops if the server wrote none): target one PDF per edit, zero
images.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classbench.generate import generate, make_project  # noqa: E402  (bench/classe.py's class)
from classbench.records import read_timings, summarize_timings  # noqa: E402

from portfolio.processes.timings import ENV  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait(predicate, timeout: float, step: float = 0.05) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def newest(folder: Path) -> float:
    """The time the newest file under ``folder`` was written (0 if none)."""
    return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0) \
        if folder.is_dir() else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-classe"))
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)

    dossiers = generate(args.dir, args.count)
    project = make_project(dossiers, args.dir / "apercu")
    timings = project / ".timings.jsonl"
    timings.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", ENV: str(timings)}
    build = [sys.executable, str(ROOT / "build.py"), "--project", str(project)]
    print(f"Préchauffage du cache ({len(dossiers)} dossiers : build.py check)...", flush=True)
    start = time.perf_counter()
    subprocess.run([*build, "check"], env=env, stdout=subprocess.DEVNULL, check=False)
    print(f"  {time.perf_counter() - start:.0f} s")

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([*build, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    cache = project / ".cache" / "portfolio"
    slug = dossiers[0].name
    sections = sorted((project / "students" / slug / "sections").glob("*.md"))
    target = sections[len(sections) // 2]
    page = f"{url}{slug}/{classe_section_slug(target)}/"
    served, fresh, pdfs, images = [], [], [], []
    try:
        started = wait(lambda: slug in fetch(url), timeout=900, step=0.5)
        print(f"Serveur prêt en {started:.1f} s" if started else "Le serveur n'a pas démarré.")
        if started is None:
            return 1
        # The server draws the page strips of PDFs it has not drawn yet (low priority, in the
        # background): the edits are measured once it is at rest, as a student edits after
        # opening her page.
        quiet = wait(lambda: time.time() - newest(cache / "vignettes") > 5, timeout=600, step=0.5)
        print(f"Aperçu au repos après {quiet:.1f} s (bandeaux de pages dessinés)"
              if quiet is not None else "Bandeaux de pages encore en cours après 600 s.")
        original = target.read_text(encoding="utf-8")
        read_timings(timings)             # the server's first build left its records
        for edit in range(args.edits):
            token = f"MODIFICATION-{edit}-{time.time_ns()}"
            before = len(read_timings(timings))
            target.unlink()                      # break the hard link with the generated class
            target.write_text(original + f"\n\n{token}\n", encoding="utf-8")
            t_served = wait(lambda token=token: token in fetch(page), timeout=60)
            t_fresh = wait(lambda token=token: (lambda html: token in html and "pf-fresh" in html)(
                fetch(page)), timeout=120)
            time.sleep(1.0)
            served.append(t_served if t_served is not None else float("nan"))
            fresh.append(t_fresh if t_fresh is not None else float("nan"))
            done = summarize_timings(read_timings(timings)[before:])
            pdfs.append(len(done["printed"]))
            images.append(done["processed"])
            print(f"  modification {edit + 1} : page servie {served[-1]:.2f} s, "
                  f"nombre de pages à jour {fresh[-1]:.2f} s, PDF rendus {pdfs[-1]}, "
                  f"images traitées {images[-1]}", flush=True)
        target.write_text(original, encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    med_served, med_fresh = statistics.median(served), statistics.median(fresh)
    print()
    print(f"| {len(dossiers)} dossiers | médiane | max | cible |")
    print("|---|---|---|---|")
    print(f"| page servie après une modification | {med_served:.2f} s | {max(served):.2f} s "
          f"| < 1,5 s : {'ATTEINTE' if med_served < 1.5 else 'MANQUÉE'} |")
    print(f"| nombre de pages à jour | {med_fresh:.2f} s | {max(fresh):.2f} s "
          f"| < 5 s : {'ATTEINTE' if med_fresh < 5 else 'MANQUÉE'} |")
    print(f"| PDF rendus par modification | {statistics.median(pdfs):g} | {max(pdfs)} | 1 |")
    print(f"| images traitées par modification | {statistics.median(images):g} | "
          f"{max(images)} | 0 |")
    return 0


def classe_section_slug(path: Path) -> str:
    from portfolio.dossier.model import slugify
    from portfolio.dossier.paths import nfc
    from portfolio.dossier.sections import _NUMBER_PREFIX

    return slugify(_NUMBER_PREFIX.sub("", nfc(path.stem)))


if __name__ == "__main__":
    sys.exit(main())
