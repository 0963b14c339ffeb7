"""Jobs -> their results computed in worker processes (images, PDFs), or here when none can start.

Workers start with ``forkserver``: they never inherit the threads of a live-reload server (a
fork would). How many run at once is the machine's core count unless said otherwise
(``build.py --processus N`` or the ``PORTFOLIO_PROCESSUS`` variable).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .workers import end_pool, orphan_guard

__all__ = ["NoWorkersError", "pool_context", "run_in_workers", "workers"]

log = logging.getLogger(__name__)


class NoWorkersError(Exception):
    """No worker process can start here: do the jobs in this process."""


def workers() -> int:
    """How many worker processes run at once: every core, unless set otherwise."""
    return max(1, os.cpu_count() or 1)


def pool_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """How worker processes start; ``preload`` names modules the fork server imports once."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def run_in_workers(job: Callable, jobs: Sequence[tuple], count: int,
                   preload: Sequence[str] = (), tick: Callable[[], None] | None = None,
                   every: float = 5.0) -> Iterator[tuple[int, object | None]]:
    """``(index, job(*jobs[index]))`` as each job finishes in one of ``count`` processes.

    A job whose worker failed gives ``None`` (the caller does it again itself, and so reports
    its errors); :class:`NoWorkersError` is raised when no worker process can start here.
    ``tick()`` is called every ``every`` seconds that pass with no job finished (a long job
    says it is still at work).
    """
    try:
        pool = ProcessPoolExecutor(min(count, len(jobs)), mp_context=pool_context(preload),
                                   **orphan_guard())   # workers die with the command
        futures = {pool.submit(job, *args): index for index, args in enumerate(jobs)}
    except (OSError, RuntimeError) as exc:
        log.debug("worker processes unavailable", exc_info=True)
        raise NoWorkersError from exc
    try:
        waiting = set(futures)
        while waiting:
            finished, waiting = wait(waiting, timeout=every if tick else None,
                                     return_when=FIRST_COMPLETED)
            if not finished and tick is not None:
                tick()
            for future in finished:
                if future.exception() is not None:
                    log.debug("a worker failed: %r", future.exception())
                    yield futures[future], None
                else:
                    yield futures[future], future.result()
    except BaseException:       # Ctrl+C, SIGTERM, the caller gone: the workers end now
        end_pool(pool)
        raise
    pool.shutdown()
