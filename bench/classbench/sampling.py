"""A step in its own process (``classe.py --step NAME``): wall time, CPU and peak memory of its
process tree, sampled from ``/proc`` every 0.2 s and read from its rusage at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from classbench import CLASSE

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLK = os.sysconf("SC_CLK_TCK")


def tree_pids(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


class Sampler(threading.Thread):
    """Every ``interval`` s: resident memory summed over the tree, CPU % of the tree."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float, int]] = []   # (time, cpu %, rss bytes)
        self.stop = threading.Event()
        self._cpu: dict[int, int] = {}

    def _read(self) -> tuple[int, int]:
        ticks_delta, rss = 0, 0
        for p in tree_pids(self.pid):
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{p}/statm") as f:
                    rss += int(f.read().split()[1]) * PAGE_SIZE
            except (OSError, IndexError):
                continue
            ticks = int(fields[11]) + int(fields[12])
            ticks_delta += ticks - self._cpu.get(p, 0)
            self._cpu[p] = ticks
        return ticks_delta, rss

    def run(self) -> None:
        last = time.time()
        self._read()
        while not self.stop.wait(self.interval):
            ticks, rss = self._read()
            now = time.time()
            self.samples.append((now, 100 * ticks / CLK / (now - last), rss))
            last = now

    def cpu_between(self, intervals: list[tuple[float, float]]) -> float | None:
        vals = [c for t, c, _ in self.samples
                if any(a + self.interval <= t <= b for a, b in intervals)]
        return sum(vals) / len(vals) if vals else None


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run ``command``; wall time, CPU % (rusage of the process and its reaped children),
    peak resident memory (sum over the process tree, sampled; and the largest process)."""
    start = time.time()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                            cwd=cwd, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = [], []
    readers = [threading.Thread(target=lambda s=s, o=o: o.append(s.read()), daemon=True)
               for s, o in ((proc.stdout, out), (proc.stderr, err))]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.time() - start
    sampler.stop.set()
    sampler.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_tree = max((s[2] for s in sampler.samples), default=0)
    return {"wall": wall, "cpu": 100 * (usage.ru_utime + usage.ru_stime) / wall,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "rss_mb": max(peak_tree, usage.ru_maxrss * 1024) / 2**20,
            "maxrss_mb": usage.ru_maxrss / 1024, "rc": proc.returncode,
            "stdout": "".join(out), "stderr": "".join(err), "sampler": sampler}


def step(name: str, *args: str, **kwargs) -> dict:
    result = measure([sys.executable, str(CLASSE), "--step", name, *args], **kwargs)
    if result["rc"] != 0 and name != "tool":
        sys.exit(f"étape {name} en échec :\n{result['stderr'][-3000:]}")
    lines = result["stdout"].strip().splitlines()
    try:
        result["data"] = json.loads(lines[-1]) if lines else {}
    except ValueError:
        sys.exit(f"étape {name} : sortie illisible\n{result['stdout'][-2000:]}"
                 f"\n{result['stderr'][-2000:]}")
    return result


def reap_forkserver() -> None:
    """Stop the image pool's forkserver, so that its workers count in our rusage."""
    from multiprocessing import forkserver
    server = getattr(forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):
        server._stop()
