"""A finished build folder -> the live ``site/``, swapped in one step (old one kept till then)."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

__all__ = ["new_build_dir", "process_alive", "remove_stale", "swap_into_place"]

_RENAME_EXCHANGE = 2


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(site_dir: Path) -> list[Path]:
    """Remove the build folders left by builds that were killed (their process is gone)."""
    removed = []
    for stale in site_dir.parent.glob(f".{site_dir.name}.*-*"):
        kind, _, pid = stale.name[len(site_dir.name) + 2:].rpartition("-")
        if kind in ("build", "old") and pid.isascii() and pid.isdigit() \
                and not process_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
            removed.append(stale)
    return removed


def new_build_dir(site_dir: Path) -> Path:
    """A fresh, empty sibling of ``site_dir`` to build into (same file system)."""
    remove_stale(site_dir)
    build_dir = site_dir.with_name(f".{site_dir.name}.build-{os.getpid()}")
    if build_dir.exists():
        shutil.rmtree(build_dir)
    build_dir.mkdir(parents=True)
    return build_dir


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False when unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_into_place(build_dir: Path, site_dir: Path) -> None:
    """Make ``build_dir`` the new ``site_dir``; readers never see a half-written site."""
    if site_dir.is_dir() and _exchange(build_dir, site_dir):
        shutil.rmtree(build_dir, ignore_errors=True)   # now holds the previous site
        return
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(build_dir, site_dir)
    shutil.rmtree(old, ignore_errors=True)
