"""Steps of a build -> timing records, as data (for the benchmark and anyone profiling a class).

A record is a dict: ``event`` (its kind), ``start`` and ``end`` (epoch seconds, ``time.time()``),
``pid`` and the event's own fields. Each one is

- a DEBUG logging record of the ``portfolio.processes.timings`` logger whose ``timing`` attribute
  is that dict (``logging.Logger.debug(..., extra={"timing": record})``): a handler reads the
  fields, never the message's wording;
- and, when the environment variable ``PORTFOLIO_TIMINGS`` names a file, one JSON line appended
  to it. Worker processes inherit the variable and append to the same file: each line is one
  ``write`` on a file opened in append mode, so lines of several processes never mix.

Events (``bench/classe.py`` reads them; ``tests/processes/test_timings.py`` checks that it can):

``images``
    one batch of image preparation (:meth:`ImageCache.prepare`): ``sources`` decoded,
    ``variants`` encoded, ``workers``.
``image``
    one source decoded outside a batch (a lookup that found no variant): ``source``,
    ``variants``.
``pdf``
    one PDF laid out and written into the content cache, in whichever process: ``slug``.
``pdf-stage``
    the parallel PDF stage of a class build: ``dossiers`` rendered, ``workers``.
``dossiers``
    one class build (:func:`portfolio.builder.pipeline.build_dossiers`): ``dossiers``, ``pending``
    (those whose PDF was not in the cache).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ENV", "emit", "timed"]

ENV = "PORTFOLIO_TIMINGS"

log = logging.getLogger(__name__)


def emit(event: str, start: float, end: float, **fields: object) -> dict:
    """Send one timing record (see the module's docstring) and return it."""
    record = {"event": event, "start": start, "end": end, "seconds": end - start,
              "pid": os.getpid(), **fields}
    log.debug("%s: %.3f s %s", event, end - start, fields, extra={"timing": record})
    if target := os.environ.get(ENV):
        line = (json.dumps(record, default=str, ensure_ascii=False) + "\n").encode()
        try:
            fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        except OSError:
            log.debug("cannot append to %s", target, exc_info=True)
    return record


@contextmanager
def timed(event: str, **fields: object) -> Iterator[dict]:
    """Time the ``with`` block; fields set on the yielded dict join the record."""
    start = time.time()
    extra = dict(fields)
    try:
        yield extra
    finally:
        emit(event, start, time.time(), **extra)
