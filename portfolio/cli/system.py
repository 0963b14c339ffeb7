"""The Debian packages a command needs -> the missing ones installed with apt-get, or named.

``build.py`` loads this file by path before ``.venv`` exists: standard library only, and no
import of the rest of the package. Every lookup (PATH, the library loader, the user id, the
command runner) is a parameter, so the tests can play a machine without Chromium or as root.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

__all__ = ["BUILD", "TESTS", "Need", "Probe", "command_needs", "ensure", "missing"]


@dataclass(frozen=True)
class Need:
    """One thing found on the machine: an executable on PATH or a shared library (soname)."""

    package: str        # the Debian package that provides it
    executable: str = ""
    library: str = ""
    purpose: str = ""   # French, for the message: what it is needed for
    marker: str = ""    # the pytest marker every test needing it carries ("": any test)


# WeasyPrint opens these with dlopen (weasyprint/text/ffi.py). Their own dependencies come
# with them: GLib, HarfBuzz, Fontconfig, and through fontconfig-config a font package
# (fonts-dejavu-core or another): the PDF's own fonts are PyPI wheels (portfolio/util/fonts.py).
BUILD: tuple[Need, ...] = (
    Need("libpango-1.0-0", library="libpango-1.0.so.0", purpose="la mise en page du PDF"),
    Need("libpangoft2-1.0-0", library="libpangoft2-1.0.so.0", purpose="la mise en page du PDF"),
    Need("libharfbuzz-subset0", library="libharfbuzz-subset.so.0",
         purpose="les polices du PDF"),
)

# The suite also drives Debian's Chromium (tests/conftest.py, no browser download), runs the
# Nu Html Checker's jar with Java (tests/browser/test_html.py) and checks a hand-in's signature
# with openssl (tests/handin/test_handin.py) and reads PDFs back with poppler's
# pdfimages and pdftotext (tests/pdf/); the tests doing so are marked browser, or
# slow through the class they share (tests/conftest.py). ffmpeg and PDF rendering come from
# wheels (imageio-ffmpeg, pypdfium2); sha256sum is in coreutils.
TESTS: tuple[Need, ...] = BUILD + (
    Need("chromium", executable="chromium", purpose="les tests dans le navigateur",
         marker="browser"),
    Need("default-jre-headless", executable="java", purpose="le validateur HTML vnu",
         marker="slow"),
    Need("openssl", executable="openssl", purpose="la vérification des signatures",
         marker="slow"),
    # pdfimages and pdftotext read the PDFs back as a jury's tools do (tests/pdf/: the
    # cover's resolution, whole words in the text layer).
    Need("poppler-utils", executable="pdftotext", purpose="la relecture des PDF",
         marker="slow"),
)
MARKERS = ("browser", "slow")

TEST_COMMANDS = ("tester", "test")
NO_PDF_COMMANDS = ("nouveau", "new")   # every other command may lay out a PDF
OPTIONS_WITH_VALUE = ("--project",)


def command_needs(argv: Sequence[str]) -> tuple[str, tuple[Need, ...]]:
    """What the command line ``argv`` (after ``build.py``) needs: (French purpose, needs)."""
    args = iter(argv)
    for arg in args:
        if arg in OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            if arg in TEST_COMMANDS:
                expression = _marker_expression(list(args))
                return "lancer les tests", tuple(
                    need for need in TESTS if _selects(expression, need.marker))
            if arg in NO_PDF_COMMANDS:
                return "", ()
            return "produire le PDF", BUILD
    return "", ()                      # no command: the help


def _marker_expression(pytest_args: list[str]) -> str | None:
    """The last ``-m EXPR`` of pytest's arguments (None: every test runs)."""
    expression = None
    for index, arg in enumerate(pytest_args):
        if arg == "-m" and index + 1 < len(pytest_args):
            expression = pytest_args[index + 1]
        elif arg.startswith("-m") and len(arg) > 2:
            expression = arg[2:].lstrip("=")
    return expression


WORD = re.compile(r"[A-Za-z_][\w-]*")      # a marker's name, or and/or/not


def _selects(expression: str | None, marker: str) -> bool:
    """Can ``-m expression`` select a test carrying ``marker``, whatever its other markers?
    Anything not understood counts as yes: the check then asks for more, never less."""
    if expression is None or not marker:
        return True
    names = sorted(set(WORD.findall(expression)) - {"and", "or", "not"})
    if len(names) > 8:
        return True
    for values in itertools.product((False, True), repeat=len(names)):
        truth = dict(zip(names, values, strict=True))
        if not truth.get(marker, True):
            continue
        code = WORD.sub(lambda word, truth=truth: str(truth.get(word[0], word[0])), expression)
        if not re.fullmatch(r"(\s|\(|\)|True|False|and|or|not)*", code):
            return True
        try:
            if eval(code, {"__builtins__": {}}):    # only True, False, and, or, not, ()
                return True
        except (SyntaxError, RecursionError):
            return True
    return False


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


@dataclass
class Probe:
    """How the machine is looked at; the defaults look at this one."""

    path: str | None = None                        # PATH for executables (None: the process's)
    has_library: Callable[[str], bool] = _loads    # soname -> loadable?
    euid: int = -1                                 # -1: the process's effective user id
    run: Callable[..., subprocess.CompletedProcess] = subprocess.run

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=self.path)

    def is_root(self) -> bool:
        euid = self.euid if self.euid >= 0 else getattr(os, "geteuid", lambda: -1)()
        return euid == 0


def missing(needs: Sequence[Need], probe: Probe) -> list[Need]:
    """The needs ``probe`` does not find on the machine."""
    return [need for need in needs
            if (need.executable and not probe.which(need.executable))
            or (need.library and not probe.has_library(need.library))]


def _packages(needs: Sequence[Need]) -> list[str]:
    return list(dict.fromkeys(need.package for need in needs))


def _listing(needs: Sequence[Need]) -> str:
    purposes: dict[str, list[str]] = {}
    for need in needs:
        purposes.setdefault(need.package, [])
        if need.purpose not in purposes[need.package]:
            purposes[need.package].append(need.purpose)
    return ", ".join(f"{package} ({', '.join(why)})" for package, why in purposes.items())


def install_commands(packages: Sequence[str]) -> list[list[str]]:
    """apt-get update, then a quiet non-interactive install (run with DEBIAN_FRONTEND set)."""
    return [["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", *packages]]


def ensure(needs: Sequence[Need], purpose: str, probe: Probe | None = None,
           out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Install what ``needs`` lacks when root with apt-get; otherwise name it. 0 ready, 1 not.

    ``purpose`` is French, e.g. "lancer les tests". Nothing is printed when nothing lacks.
    """
    probe = probe or Probe()
    out, err = out or sys.stdout, err or sys.stderr
    lacking = missing(needs, probe)
    if not lacking:
        return 0
    packages = _packages(lacking)
    if not (probe.which("apt-get") and probe.is_root()):
        print(f"erreur : paquets système manquants pour {purpose} : {_listing(lacking)}.\n"
              f"{_instructions(packages, probe)}", file=err)
        return 1
    print(f"Installation des paquets système nécessaires pour {purpose} : "
          f"{' '.join(packages)} (apt-get)...", file=out, flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in install_commands(packages):
        done = probe.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                         text=True)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-10:])
            print(f"{tail}\nerreur : « {' '.join(command)} » a échoué (voir ci-dessus). "
                  "Vérifiez l'accès aux dépôts Debian puis relancez la commande.", file=err)
            return 1
    lacking = missing(needs, probe)
    if lacking:
        print(f"erreur : après l'installation, il manque encore {_listing(lacking)}. "
              "Vérifiez que ces paquets existent dans les dépôts configurés.", file=err)
        return 1
    return 0


def _instructions(packages: Sequence[str], probe: Probe) -> str:
    """The command a person runs to install ``packages`` (French)."""
    install = " ".join(["apt-get", "install", "-y", *packages])
    if not probe.which("apt-get"):
        return ("Ce système n'a pas apt-get : installez l'équivalent avec son gestionnaire de "
                f"paquets (sur Debian ou Ubuntu : {install}), puis relancez la commande.")
    if probe.which("sudo"):
        return f"Installez-les puis relancez la commande :\n  sudo apt-get update && sudo {install}"
    return ("Installez-les en tant que root puis relancez la commande :\n"
            f"  apt-get update && {install}")
