"""A worker process of a pool -> one that dies with the command that started it.

``build`` renders PDFs and image variants in worker processes, ``serve`` renders PDFs in the
background. When the command is killed (``kill -9``, ``SIGTERM``, a closed terminal) its
workers must not live on, rendering for nobody. The pools use the ``forkserver`` method, whose
server stays alive as long as one of its workers does, so a worker cannot rely on its parent:
each one watches the command itself (a ``pidfd`` on Linux, polling elsewhere) and exits when it
is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from ..util.publish import process_alive

__all__ = ["OneWorker", "die_with_command", "end_pool", "orphan_guard"]

POLL_SECONDS = 0.5


def _watch(command_pid: int) -> None:
    try:
        handle = os.pidfd_open(command_pid)      # readable once the process has ended
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while process_alive(command_pid):
            time.sleep(POLL_SECONDS)
    os._exit(1)


def die_with_command(command_pid: int) -> None:
    """Pool initializer: exit this worker as soon as the command ``command_pid`` has ended.

    Ctrl+C reaches every process of the terminal: a worker leaves it to the command, which
    ends its pool (:func:`end_pool`), instead of printing a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not process_alive(command_pid):
        os._exit(1)
    threading.Thread(target=_watch, args=(command_pid,), daemon=True,
                     name="portfolio-orphan-guard").start()


def orphan_guard() -> dict:
    """Keyword arguments for ``ProcessPoolExecutor``: its workers die with this process."""
    return {"initializer": die_with_command, "initargs": (os.getpid(),)}


def end_pool(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` now: jobs waiting are cancelled, the running ones' workers terminated.

    ``shutdown(wait=False)`` alone lets a running job finish, and the interpreter waits for it
    at exit: a preview stopped by Ctrl+C or SIGTERM would hang for the rest of a PDF render.
    """
    if hasattr(pool, "terminate_workers"):     # Python 3.14+: the public way
        pool.terminate_workers()
        return
    # Before 3.14 no public API names a pool's processes: read them, or find none (a later
    # Python without ``_processes`` has ``terminate_workers`` above).
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _low_priority(command_pid: int) -> None:
    """Initializer: below the command's other work (the server, the PDFs), dies with it."""
    try:
        os.nice(10)
    except OSError:
        pass
    die_with_command(command_pid)


class OneWorker:
    """One background worker process (``forkserver``: no thread of the server inherited),
    started when first needed, dying with the command, ended at once by :meth:`shutdown`."""

    def __init__(self, low_priority: bool = False) -> None:
        self._initializer = _low_priority if low_priority else die_with_command
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.closed = False

    def submit(self, job: Callable, *args: object) -> Future | None:
        """``job(*args)`` in the worker; None once shut down."""
        with self._lock:
            if self.closed:
                return None
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("forkserver"),
                    initializer=self._initializer, initargs=(os.getpid(),))
            return self._pool.submit(job, *args)

    def restart(self) -> None:
        """After the worker died (``BrokenProcessPool``): a new one for the next job."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            end_pool(pool)

    def shutdown(self) -> None:
        with self._lock:
            self.closed = True
        self.restart()
