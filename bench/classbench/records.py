"""The tool's timing records (JSON lines, ``portfolio/processes/timings.py``) read back into
what the benchmark's table needs."""

from __future__ import annotations

import json
from pathlib import Path


class NoTimingsError(RuntimeError):
    """The build left no timing record: the pipeline's records changed or were dropped."""


def read_timings(path: Path) -> list[dict]:
    """The timing records (JSON lines, see ``portfolio/processes/timings.py``) a build appended to
    ``path``; :class:`NoTimingsError` when there is none (a benchmark that reads nothing must
    say so, not print 0.0 s)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    records = [json.loads(line) for line in text.split("\n") if line.strip()]
    if not any(r.get("event") == "dossiers" for r in records):
        raise NoTimingsError(f"aucun enregistrement « dossiers » dans {path} : le pipeline n'émet "
                        "plus ses temps (portfolio/processes/timings.py), la mesure serait fausse.")
    return records


def summarize_timings(records: list[dict]) -> dict:
    """What the table needs from a build's records: the PDFs rendered (slugs, seconds each),
    the images decoded, and the spans of the image and PDF phases (for the CPU they used).

    The PDF phase is the parallel stage when there was one, else each PDF rendered in the
    build's own process (the one that emitted the ``dossiers`` record)."""
    main_pid = next((r["pid"] for r in records if r["event"] == "dossiers"), None)
    pdfs = [r for r in records if r["event"] == "pdf"]
    stages = [(r["start"], r["end"]) for r in records if r["event"] == "pdf-stage"]
    inside = [r for r in pdfs if r["pid"] == main_pid
              and not any(a <= r["start"] <= b for a, b in stages)]
    phases = [("images", r["start"], r["end"]) for r in records if r["event"] == "images"]
    phases += [("pdf", a, b) for a, b in stages]
    phases += [("pdf", r["start"], r["end"]) for r in inside]
    processed = sum(r["sources"] for r in records if r["event"] == "images")
    processed += sum(1 for r in records if r["event"] == "image" and r["variants"] > 0)
    return {"printed": sorted(r["slug"] for r in pdfs),
            "pdf_each": [r["seconds"] for r in pdfs], "processed": processed,
            "phases": phases, "records": len(records)}
