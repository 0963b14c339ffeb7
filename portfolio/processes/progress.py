"""Steps of a long job (dossiers read, images made, PDFs printed) -> progress records, and their
display: a bar per step on a terminal (tqdm), plain lines elsewhere (a log file, a pipe).

The pipeline only emits records on the ``portfolio.processes.progress`` logger (no global state,
nothing printed by the core): :func:`advance` says "``done`` of ``total`` of this step". The
command line installs :class:`ProgressHandler`, which shows them; without it (tests, MkDocs run
alone) they are ordinary INFO records, silent by default.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from ..util.terminal import visible

__all__ = ["ProgressHandler", "advance", "counted", "install", "log", "uninstall"]

log = logging.getLogger("portfolio.processes.progress")
BAR_FORMAT = "{desc} : {n}/{total} {bar} {elapsed} {postfix}"
T = TypeVar("T")
PLAIN_EVERY = 2.0            # seconds between two plain lines of the same step (not a terminal)


def advance(step: str, done: int, total: int, name: str = "") -> None:
    """Record that ``done`` of the ``total`` items of ``step`` (French: "images") are done,
    the last being ``name`` (a dossier, a file; may be empty)."""
    log.info("%s : %d/%d%s", step, done, total, f" ({name})" if name else "",
             extra={"progress": (step, done, total, name)})


def counted(items: Iterable[T], step: str, total: int, name: Callable[[T], str]) -> Iterator[T]:
    """``items`` as they come, each recorded as one more done of ``step``."""
    for done, item in enumerate(items, start=1):
        advance(step, done, total, name(item))
        yield item


def install(stream: TextIO) -> ProgressHandler:
    """Show progress on ``stream`` (bars if it is a terminal), in place of any shown before."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    for old in log.handlers[:]:
        log.removeHandler(old)
        old.close()
    handler = ProgressHandler(stream, terminal)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return handler


def uninstall() -> None:
    """Stop showing progress (the stream may close after the command)."""
    for handler in log.handlers[:]:
        log.removeHandler(handler)
        handler.close()


class ProgressHandler(logging.Handler):
    """Shows progress records on ``stream``: tqdm bars on a terminal, else a line per step at
    most every :data:`PLAIN_EVERY` seconds (and its last)."""

    def __init__(self, stream: TextIO, terminal: bool) -> None:
        super().__init__(logging.INFO)
        self.stream, self.terminal = stream, terminal
        self.bars: dict[str, object] = {}
        self.last: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        step, done, total, name = getattr(record, "progress", (None, 0, 0, ""))
        if step is None or self.stream.closed:
            return
        name = visible(name)          # a file name may hold escape sequences: shown, not obeyed
        if self.terminal:
            self._bar(step, done, total, name)
            return
        now = time.monotonic()
        if done < total and now - self.last.get(step, 0.0) < PLAIN_EVERY and done > 1:
            return
        self.last[step] = now
        rest = total - done
        tail = f", il en reste {rest}" if rest else ", terminé"
        self.stream.write(f"{step} : {done}/{total}{tail}{f' ({name})' if name else ''}\n")
        self.stream.flush()

    def _bar(self, step: str, done: int, total: int, name: str) -> None:
        from tqdm import tqdm

        bar = self.bars.get(step)
        if bar is None or bar.total != total:
            if bar is not None:
                bar.close()
            bar = self.bars[step] = tqdm(total=total, desc=step, unit="", file=self.stream,
                                         leave=True, dynamic_ncols=True, ascii=False,
                                         bar_format=BAR_FORMAT)
        bar.n = done
        bar.set_postfix_str(name, refresh=False)
        bar.refresh()
        if done >= total:
            bar.close()
            del self.bars[step]

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()
        super().close()
