"""The pipeline's timing records, read by the benchmark's own parser on a tiny real build.

Renaming an event, dropping a field or a record fails here, not silently in the benchmark's
table (issue 27: a benchmark that parsed log wording printed 0.0 s for months)."""

from __future__ import annotations

import importlib.util
import logging
import sys

import pytest
from helpers import REPO

from portfolio.cli.main import main
from portfolio.processes.timings import ENV

SECTION = """---
titre: Étapes
role: etapes
---

Le chaton, scié puis limé.

![Bague](../images/bague.jpg "Bague")
"""


def _bench():
    """``bench/classbench/records.py``, the parser ``bench/classe.py`` reads the records with."""
    path = REPO / "bench" / "classbench" / "records.py"
    spec = importlib.util.spec_from_file_location("bench_records", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_records", module)
    spec.loader.exec_module(module)
    return module


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def timing_log():
    """The records of the ``portfolio.processes.timings`` logger (the CLI replaces the root's
    handlers, so the handler sits on that logger itself)."""
    logger, kept = logging.getLogger("portfolio.processes.timings"), Kept()
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(kept)
    yield kept.records
    logger.removeHandler(kept)
    logger.setLevel(level)


def test_bench_reads_the_records_of_a_real_build(project, make_dossier, monkeypatch,
                                                 timing_log):
    bench = _bench()
    make_dossier(project / "students", "ana", {"01-etapes.md": SECTION},
                 images={"bague.jpg": (1200, 900)})
    timings = project / "timings.jsonl"
    monkeypatch.setenv(ENV, str(timings))

    assert main(["--project", str(project), "build"]) == 0
    cold = bench.summarize_timings(bench.read_timings(timings))
    timings.unlink()
    assert main(["--project", str(project), "build"]) == 0
    warm = bench.summarize_timings(bench.read_timings(timings))

    # row: build -> PDFs rendered, images decoded, phases timed
    assert cold["printed"] == ["ana"]
    assert len(cold["pdf_each"]) == 1 and cold["pdf_each"][0] > 0
    assert cold["processed"] == 1
    kinds = {kind for kind, start, end in cold["phases"] if end >= start}
    assert kinds == {"images", "pdf"}
    assert (warm["printed"], warm["pdf_each"], warm["processed"], warm["phases"]) == (
        [], [], 0, [])
    # The same records reach logging as data (``record.timing``), whatever the message says.
    events = [r.timing["event"] for r in timing_log if hasattr(r, "timing")]
    assert events.count("pdf") == 1 and events.count("dossiers") == 2


@pytest.mark.parametrize("content", [None, "", "\n", '{"event": "pdf", "slug": "ana"}\n'])
def test_bench_refuses_a_build_that_left_no_record(tmp_path, content):
    bench = _bench()
    path = tmp_path / "timings.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(bench.NoTimingsError, match="aucun enregistrement"):
        bench.read_timings(path)
