"""Errors a person can cause (bad YAML, missing image, page budget...) -> one French message each.

Log level policy for the whole package (``log = logging.getLogger(__name__)``):

- error: an input is unusable (the dossier cannot be built or published);
- warning: a rule or quality problem the author should fix (low resolution, missing alt text...);
- info: the steps of a build;
- debug: cache hits and other details.

Every message a student, a teacher or a jury reads is French; code and comments are English.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .terminal import visible, visible_name

__all__ = [
    "disk_full",
    "AssetError",
    "ConfigError",
    "DossierError",
    "ProblemsError",
    "Problem",
    "SecurityError",
    "display_path",
    "gather",
    "sort_problems",
    "internal_error",
]

#: Paths in messages are shown relative to this folder when possible (set by the CLI / plugin).
_display_root: Path | None = None


def set_display_root(root: Path | None) -> None:
    """Show file paths in messages relative to ``root`` (usually the project folder)."""
    global _display_root
    _display_root = root.resolve() if root else None


def display_path(path: Path | str | None) -> str:
    """Return ``path`` as a person would type it: relative to the project, with ``/``; a line
    break or an invisible character in a name is shown as an escape (``a\\u2028b``)."""
    if path is None:
        return ""
    path = Path(path)
    if _display_root is not None:
        try:
            # The folder resolved, not the file: a symlink is shown where it is, not where it
            # leads.
            return visible_name(
                (path.parent.resolve() / path.name).relative_to(_display_root).as_posix())
        except (ValueError, OSError):
            pass
    return visible_name(path.as_posix())


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dossier: where, what, and what to do (all in French)."""

    message: str
    path: Path | None = None
    line: int | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = display_path(self.path)
        if where and self.line:
            where = f"{where}:{self.line}"
        text = f"{where} : {self.message}" if where else self.message
        if self.hint:
            text = f"{text} {self.hint}"
        return visible(text)      # a name or link typed with ESC sequences is shown, not obeyed


class DossierError(Exception):
    """Base of every error a person can cause; ``str()`` is the French message to show."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None,
                 hint: str = "") -> None:
        self.problem = Problem(message, Path(path) if path else None, line, hint)
        super().__init__(str(self.problem))

    @property
    def path(self) -> Path | None:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line

    @property
    def problems(self) -> list[Problem]:
        """Every problem this error reports (one here; several for :class:`ProblemsError`)."""
        return [self.problem]

    def __str__(self) -> str:  # recomputed so that set_display_root applies late
        return str(self.problem)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without repeats, sorted by file then line (a problem with no line first)."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (display_path(p.path), p.line or 0))


class ProblemsError(DossierError):
    """Several problems found in one pass (two missing images...): all reported at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self._problems = sort_problems(problems)
        if not self._problems:
            raise ValueError("ProblemsError needs at least one problem")
        first = self._problems[0]
        super().__init__(first.message, first.path, first.line, first.hint)

    @classmethod
    def of(cls, errors: Iterable[DossierError]) -> DossierError:
        """One error reporting every problem of ``errors`` (the error itself when alone)."""
        errors = list(errors)
        if len(errors) == 1:
            return errors[0]
        return cls(p for error in errors for p in error.problems)

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)


Item = TypeVar("Item")
Result = TypeVar("Result")


def gather(items: Iterable[Item], step: Callable[[Item], Result]) -> list[Result]:
    """``[step(i) for i in items]``, but every item is tried: the problems of all the items
    that failed are raised together (:class:`ProblemsError`), sorted by file and line."""
    results, failed = [], []
    for item in items:
        try:
            results.append(step(item))
        except DossierError as exc:
            failed.append(exc)
    if failed:
        raise ProblemsError.of(failed)
    return results


class ConfigError(DossierError):
    """``dossier.yml`` (or another YAML file) is unreadable or invalid."""


class AssetError(DossierError):
    """A file referenced by the dossier is missing, broken or outside the dossier's folder."""


class SecurityError(AssetError):
    """The dossier reaches outside its folder (a link to another file of the machine...): it is
    refused and its previously published version is withdrawn, not kept online."""


def internal_error(exc: BaseException, dossier_root: Path) -> DossierError:
    """A bug met while building one dossier, as that dossier's French error: the class build
    goes on with the others and no traceback reaches the terminal (it is logged at debug)."""
    return DossierError(
        f"ce dossier n'a pas pu être construit (erreur interne : {type(exc).__name__}).",
        Path(dossier_root) / "dossier.yml",
        hint="Signalez-le à votre enseignant avec ce message ; les autres dossiers sont "
        "construits normalement.")


def disk_full(exc: OSError) -> str | None:
    """The French message for a full disk (or quota), None for any other ``OSError``."""
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
        return None
    where = f" ({display_path(exc.filename)})" if exc.filename else ""
    return (f"erreur : disque plein{where} : la commande s'est arrêtée sans rien remplacer (le "
            "site publié et les rendus précédents restent tels quels). Libérez de la place (le "
            "cache .cache/ peut être supprimé sans risque) puis relancez.")
