"""Jobs -> their results computed in worker processes (images, PDFs), or here when none can start.

Workers start with ``forkserver``: they never inherit the threads of a live-reload server (a
fork would).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

__all__ = ["WORKERS", "pool_context", "run_in_workers"]

log = logging.getLogger(__name__)

WORKERS = 2


def pool_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """How worker processes start; ``preload`` names modules the fork server imports once."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def run_in_workers(job: Callable, jobs: Sequence[tuple], workers: int,
                   preload: Sequence[str] = ()) -> Iterator[tuple[int, object]]:
    """``(index, job(*jobs[index]))`` as each job finishes in one of ``workers`` processes.

    A job that raised is left out, and nothing comes when no worker process can start here:
    the caller does what is missing itself (and so reports its errors).
    """
    try:
        with ProcessPoolExecutor(min(workers, len(jobs)),
                                 mp_context=pool_context(preload)) as pool:
            futures = {pool.submit(job, *args): index for index, args in enumerate(jobs)}
            for future in as_completed(futures):
                if future.exception() is None:
                    yield futures[future], future.result()
    except (OSError, RuntimeError):    # no worker process here
        log.debug("worker processes unavailable", exc_info=True)
