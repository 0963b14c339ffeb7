#!/usr/bin/env python3
"""Entry point: ``python3 build.py build|check|new|serve|test``.

First it checks the Debian packages the command needs (:mod:`portfolio.cli.system`: Pango for
the PDF; Chromium, Java and openssl too for the tests), installing them when run as root with
apt-get, else naming the command to run. On first run it creates ``.venv`` with the pinned
dependencies of ``requirements.lock`` (again whenever that file changes), then re-runs itself
inside it and hands over to :func:`portfolio.cli.main.main`. Standard library only until then.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".portfolio-installed"
OLDEST_PYTHON = (3, 11, 5)     # pymdown-extensions 13 (requirements.lock) requires it


def python_too_old(version: tuple[int, ...]) -> str | None:
    """The French message for a Python older than :data:`OLDEST_PYTHON`, else None."""
    if tuple(version[:3]) >= OLDEST_PYTHON:
        return None
    found = ".".join(str(n) for n in version[:3])
    return (f"erreur : Python {found} est trop ancien pour ce projet : il faut Python 3.11.5 ou "
            "plus récent (les versions figées de requirements.lock l'exigent). Debian 12 "
            "fournit 3.11.2 : installez le Python de python.org (ou de Debian 13), puis relancez "
            "la commande avec lui, par exemple « python3.12 build.py build ».")


def _wanted() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_environment() -> None:
    wanted = _wanted()
    if PYTHON.exists() and STAMP.is_file() and STAMP.read_text() == wanted:
        return
    print("Préparation de l'environnement Python (.venv) : quelques minutes la première fois...",
          flush=True)
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    for command in (pip + ["-r", str(ROOT / "requirements.lock")],
                    pip + ["--no-deps", "--no-build-isolation", "-e", str(ROOT)]):
        if subprocess.call(command) != 0:
            print("erreur : l'installation des dépendances a échoué (voir ci-dessus). "
                  "Vérifiez l'accès au dépôt de paquets puis relancez la commande.",
                  file=sys.stderr)
            sys.exit(1)
    STAMP.write_text(wanted)


def ensure_system(argv: list[str]) -> None:
    """Stop (exit 1) before anything runs when a Debian package the command needs is missing."""
    spec = importlib.util.spec_from_file_location("portfolio_system",
                                                  ROOT / "portfolio" / "cli" / "system.py")
    system = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = system          # dataclasses look their module up by name
    spec.loader.exec_module(system)
    purpose, needs = system.command_needs(argv)
    if system.ensure(needs, purpose) != 0:
        sys.exit(1)


def main() -> None:
    if Path(sys.prefix).resolve() != VENV.resolve():
        if message := python_too_old(sys.version_info):
            print(message, file=sys.stderr)
            sys.exit(1)
        ensure_system(sys.argv[1:])
        ensure_environment()
        os.execv(str(PYTHON), [str(PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])
    from portfolio.cli.main import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
