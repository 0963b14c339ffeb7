"""The bounds data file (rules/limites.yml) -> each input's size and time bound, with the French
message a person reads when an input passes it.

``bound("section").check(size, path)`` raises a :class:`~portfolio.util.errors.DossierError`; a
``with time_limit(bound("markdown_secondes"), path):`` block that runs longer is interrupted
(in whatever thread it runs) and raises the bound's error instead. A :class:`TimeBudget`
shares one bound's seconds between several such blocks (a dossier's sections).
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .errors import ConfigError, DossierError

__all__ = ["LIMITS_FILE", "Bound", "TimeBudget", "bound", "load_limits", "time_limit"]

LIMITS_FILE = Path(__file__).resolve().parent.parent / "rules" / "limites.yml"
KEYS = {"max", "unite", "message", "conseil"}


def _size(count: float) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} Mo".replace(".0 ", " ").replace(".", ",")
    if count >= 1000:
        return f"{count / 1000:.0f} ko"
    return f"{count:g} octets"


@dataclass(frozen=True)
class Bound:
    name: str
    max: float
    unit: str
    message: str
    hint: str

    def show(self, value: float) -> str:
        """``value`` with its unit, as the message shows it (``210 ko``, ``5 secondes``)."""
        if self.unit == "octets":
            return _size(value)
        number = (f"{int(value):,}".replace(",", " ") if float(value).is_integer()
                  else f"{value:g}")
        return f"{number} {self.unit}".rstrip()

    def error(self, value: float, path: Path | None = None, line: int | None = None,
              kind: type[DossierError] = DossierError) -> DossierError:
        return kind(self.message.format(valeur=self.show(value), max=self.show(self.max)),
                    path, line, self.hint)

    def check(self, value: float, path: Path | None = None, line: int | None = None,
              kind: type[DossierError] = DossierError) -> None:
        """Raise this bound's error when ``value`` passes it."""
        if value > self.max:
            raise self.error(value, path, line, kind)


@cache
def load_limits(path: Path = LIMITS_FILE) -> dict[str, Bound]:
    """Read and check the bounds file (a mistake in it is a teacher's: a French ConfigError)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"fichier des limites illisible ({exc.__class__.__name__}).",
                          path) from None
    if not isinstance(data, dict):
        raise ConfigError("le fichier des limites doit être un bloc de clés.", path)
    bounds = {}
    for name, entry in data.items():
        if not isinstance(entry, dict) or set(entry) != KEYS:
            raise ConfigError(f"limite « {name} » : clés attendues "
                              + ", ".join(sorted(KEYS)) + ".", path)
        value = entry["max"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"limite « {name} » : « max » doit être un nombre positif.", path)
        bound_ = Bound(str(name), value, str(entry["unite"]), str(entry["message"]),
                       str(entry["conseil"]))
        try:
            bound_.message.format(valeur="", max="")
        except (KeyError, IndexError, ValueError):
            raise ConfigError(f"limite « {name} » : le message ne peut citer que {{valeur}} "
                              "et {max}.", path) from None
        bounds[str(name)] = bound_
    return bounds


def bound(name: str) -> Bound:
    return load_limits()[name]


class _OutOfTime(BaseException):
    """Raised asynchronously in a thread whose time is up (a BaseException: the code it
    interrupts, which may catch Exception, does not swallow it)."""


# PyThreadState_SetAsyncExc(thread id, exception class or NULL to clear): its own prototype,
# so that NULL can be passed (ctypes.pythonapi's is shared by every caller).
_set_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


@contextmanager
def time_limit(limit: Bound, path: Path | None = None, line: int | None = None,
               seconds: float | None = None) -> Iterator[None]:
    """Interrupt the block after ``limit.max`` seconds (or ``seconds``, what is left of a
    budget) and raise ``limit``'s error.

    For pure-Python work with no time bound of its own (Markdown's parsers): a watchdog thread
    raises an exception in this thread between two bytecodes, which works in any thread (the
    preview builds outside the main thread, where signals cannot be used).
    """
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(target, id(_OutOfTime))      # the class (module-level: alive)

    timer = threading.Timer(limit.max if seconds is None else seconds, expire)
    timer.daemon = True
    try:
        timer.start()
        try:
            yield
        finally:
            with lock:
                state["done"] = True
            timer.cancel()
    except _OutOfTime:
        raise limit.error(limit.max, path, line) from None
    if state["fired"]:     # fired as the block ended: the exception may still be pending
        _set_async_exc(target, None)                     # NULL: cleared


class TimeBudget:
    """``total.max`` seconds shared by several blocks of work, each also bounded by its own
    limit: one dossier's sections in one conversion pass (rules/limites.yml,
    ``markdown_secondes_dossier``: 20 sections of 5 s each would otherwise take 100 s)."""

    def __init__(self, total: Bound, clock: Callable[[], float] = time.perf_counter) -> None:
        self.total, self.clock = total, clock
        self.spent = 0.0
        self.ran_out: DossierError | None = None     # the error raised when time ran out

    @contextmanager
    def spend(self, each: Bound, path: Path | None = None, line: int | None = None
              ) -> Iterator[None]:
        """Run the block within ``each`` and what is left of the budget; past the budget,
        ``total``'s error names ``path``, the file on which the time ran out."""
        left = self.total.max - self.spent
        if left <= 0:
            self.ran_out = self.total.error(self.total.max, path, line)
            raise self.ran_out
        start = self.clock()
        try:
            if each.max <= left:
                with time_limit(each, path, line):
                    yield
            else:
                try:
                    with time_limit(self.total, path, line, seconds=left):
                        yield
                except DossierError as exc:
                    self.ran_out = exc
                    raise
        finally:
            self.spent += self.clock() - start
