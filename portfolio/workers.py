"""A worker process of a pool -> one that dies with the command that started it.

``build`` renders PDFs and image variants in worker processes, ``serve`` renders PDFs in the
background. When the command is killed (``kill -9``, ``SIGTERM``, a closed terminal) its
workers must not live on, rendering for nobody. The pools use the ``forkserver`` method, whose
server stays alive as long as one of its workers does, so a worker cannot rely on its parent:
each one watches the command itself (a ``pidfd`` on Linux, polling elsewhere) and exits when it
is gone.
"""

from __future__ import annotations

import os
import select
import threading
import time

__all__ = ["die_with_command", "orphan_guard"]

POLL_SECONDS = 0.5


def _gone(command_pid: int) -> bool:
    try:
        os.kill(command_pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _watch(command_pid: int) -> None:
    try:
        handle = os.pidfd_open(command_pid)      # readable once the process has ended
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while not _gone(command_pid):
            time.sleep(POLL_SECONDS)
    os._exit(1)


def die_with_command(command_pid: int) -> None:
    """Pool initializer: exit this worker as soon as the command ``command_pid`` has ended."""
    if _gone(command_pid):
        os._exit(1)
    threading.Thread(target=_watch, args=(command_pid,), daemon=True,
                     name="portfolio-orphan-guard").start()


def orphan_guard() -> dict:
    """Keyword arguments for ``ProcessPoolExecutor``: its workers die with this process."""
    return {"initializer": die_with_command, "initargs": (os.getpid(),)}
