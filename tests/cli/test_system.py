"""The Debian packages a command needs: found, installed as root with apt-get, or named.

A fake machine: a PATH folder holding the executables it has, a set of loadable libraries, a
user id, and a runner that records the apt-get commands (and "installs" by adding the files).
Nothing is installed on the real machine.
"""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from portfolio.cli import system
from portfolio.cli.system import BUILD, TESTS, Probe, command_needs, ensure

LIBRARIES = {need.library for need in BUILD}
EVERYTHING = ("chromium", "java", "openssl", "pdftotext", "apt-get", "sudo")
PROVIDES = {"chromium": ["chromium"], "default-jre-headless": ["java"],
            "openssl": ["openssl"], "poppler-utils": ["pdftotext"],
            "libpango-1.0-0": ["libpango-1.0.so.0"]}


class Machine:
    def __init__(self, tmp: Path, executables, libraries, euid: int, apt_fails: bool = False,
                 installs: bool = True) -> None:
        self.bin = tmp / "bin"
        self.bin.mkdir()
        for name in executables:
            self.add(name)
        self.libraries = set(libraries)
        self.apt_fails, self.installs = apt_fails, installs
        self.ran: list[tuple[list[str], str]] = []
        self.probe = Probe(path=str(self.bin), has_library=self.libraries.__contains__,
                           euid=euid, run=self.run)

    def add(self, name: str) -> None:
        tool = self.bin / name
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)

    def run(self, command, *, env, **kwargs) -> subprocess.CompletedProcess:
        self.ran.append((command, env.get("DEBIAN_FRONTEND", "")))
        if self.apt_fails:
            return subprocess.CompletedProcess(command, 100, "", "E: Unable to locate package")
        if command[1] == "install" and self.installs:
            for package in command[4:]:
                for thing in PROVIDES.get(package, []):
                    (self.libraries.add if ".so" in thing else self.add)(thing)
        return subprocess.CompletedProcess(command, 0, "", "")


def without(*names: str) -> tuple[str, ...]:
    return tuple(name for name in EVERYTHING if name not in names)


UPDATE = ["apt-get", "update", "-qq"]
NOTICE = "Installation des paquets système nécessaires pour lancer les tests : "


@pytest.mark.parametrize(("executables", "libraries", "euid", "code", "ran", "stdout", "stderr"), [
    # nothing missing: silent, nothing run (root or not)
    (EVERYTHING, LIBRARIES, 0, 0, [], "", ""),
    (without("apt-get", "sudo"), LIBRARIES, 1000, 0, [], "", ""),
    # root with apt-get: a one-line French notice, apt-get update first, then a quiet install
    (without("chromium"), LIBRARIES, 0, 0,
     [UPDATE, ["apt-get", "install", "-y", "-qq", "chromium"]],
     NOTICE + "chromium (apt-get)...\n", ""),
    (without("chromium", "java", "openssl"), LIBRARIES - {"libpango-1.0.so.0"}, 0, 0,
     [UPDATE, ["apt-get", "install", "-y", "-qq", "libpango-1.0-0", "chromium",
               "default-jre-headless", "openssl"]],
     NOTICE + "libpango-1.0-0 chromium default-jre-headless openssl (apt-get)...\n", ""),
    # not root: the exact command, exit 1, nothing run
    (without("chromium", "java"), LIBRARIES, 1000, 1, [], "",
     "erreur : paquets système manquants pour lancer les tests : chromium (les tests dans le "
     "navigateur), default-jre-headless (le validateur HTML vnu).\n"
     "Installez-les puis relancez la commande :\n"
     "  sudo apt-get update && sudo apt-get install -y chromium default-jre-headless\n"),
    (without("chromium", "sudo"), LIBRARIES, 1000, 1, [], "",
     "erreur : paquets système manquants pour lancer les tests : chromium (les tests dans le "
     "navigateur).\nInstallez-les en tant que root puis relancez la commande :\n"
     "  apt-get update && apt-get install -y chromium\n"),
    # two libraries of WeasyPrint's from different packages, each named once
    (EVERYTHING, {"libharfbuzz-subset.so.0"}, 1000, 1, [], "",
     "erreur : paquets système manquants pour lancer les tests : libpango-1.0-0 (la mise "
     "en page du PDF), libpangoft2-1.0-0 (la mise en page du PDF).\n"
     "Installez-les puis relancez la commande :\n  sudo apt-get update && sudo apt-get "
     "install -y libpango-1.0-0 libpangoft2-1.0-0\n"),
    # root on a system without apt-get: named, nothing run
    (without("openssl", "apt-get"), LIBRARIES, 0, 1, [], "",
     "erreur : paquets système manquants pour lancer les tests : openssl (la vérification des "
     "signatures).\nCe système n'a pas apt-get : installez l'équivalent avec son gestionnaire "
     "de paquets (sur Debian ou Ubuntu : apt-get install -y openssl), puis relancez la "
     "commande.\n"),
], ids=["ready-root", "ready-user", "root-chromium", "root-all", "user-sudo", "user-no-sudo",
        "user-libraries", "root-no-apt"])
def test_missing_packages(tmp_path, executables, libraries, euid, code, ran, stdout, stderr):
    machine = Machine(tmp_path, executables, libraries, euid)
    out, err = io.StringIO(), io.StringIO()
    assert ensure(TESTS, "lancer les tests", machine.probe, out, err) == code
    assert [command for command, _ in machine.ran] == ran
    assert all(frontend == "noninteractive" for _, frontend in machine.ran)
    assert (out.getvalue(), err.getvalue()) == (stdout, stderr)
    assert system.missing(TESTS, machine.probe) == [] or code == 1


@pytest.mark.parametrize(("apt_fails", "installs", "message"), [
    (True, True, "E: Unable to locate package\nerreur : « apt-get update -qq » a échoué (voir "
                 "ci-dessus). Vérifiez l'accès aux dépôts Debian puis relancez la commande.\n"),
    (False, False, "erreur : après l'installation, il manque encore chromium (les tests dans le "
                   "navigateur). Vérifiez que ces paquets existent dans les dépôts configurés.\n"),
])
def test_a_failed_install_stops(tmp_path, apt_fails, installs, message):
    machine = Machine(tmp_path, without("chromium"), LIBRARIES, 0, apt_fails, installs)
    out, err = io.StringIO(), io.StringIO()
    assert ensure(TESTS, "lancer les tests", machine.probe, out, err) == 1
    assert out.getvalue().startswith(NOTICE) and err.getvalue() == message


CHROMIUM, JAVA, OPENSSL, POPPLER = TESTS[len(BUILD):]


@pytest.mark.parametrize(("argv", "needs"), [
    (["test"], TESTS), (["tester", "tests/cli/test_cli.py", "-x"], TESTS),
    (["--project", "x", "test", "tests/cli/test_cli.py"], TESTS),
    # a quick loop needs no browser, Java, openssl or poppler: their tests are browser or slow
    (["test", "-m", "not browser and not slow"], BUILD),
    (["test", "-m", "not browser"], (*BUILD, JAVA, OPENSSL, POPPLER)),
    (["test", "-mnot slow"], (*BUILD, CHROMIUM)),
    (["test", "-m", "browser"], TESTS),              # a browser test may be slow too
    (["test", "-m", "slow and not browser"], (*BUILD, JAVA, OPENSSL, POPPLER)),
    (["test", "-m", "not (browser or slow)", "-x"], BUILD),
    (["test", "-m", "browser", "-m", "not browser and not slow"], BUILD),   # the last -m
    (["test", "-m", "parametrize"], TESTS),          # other markers: any test may carry them
    (["test", "-m", "not browser and parametrize"], (*BUILD, JAVA, OPENSSL, POPPLER)),
    (["test", "-m", "browser and not browser"], BUILD),
    (["test", "-m", "not browser or"], TESTS),       # not understood: everything
    (["test", "-m", "__import__('os')"], TESTS),
    (["test", "-m"], TESTS),
    (["--project", "test", "build"], BUILD), (["build"], BUILD), (["publier"], BUILD),
    (["--verbose", "check", "ana"], BUILD), (["serve"], BUILD), (["rendre"], BUILD),
    (["nouveau", "Ana Dupont"], ()), (["new", "test"], ()), ([], ()), (["--help"], ()),
])
def test_what_each_command_needs(argv, needs):
    assert command_needs(argv)[1] == needs


def test_the_real_lookups_find_this_machine_ready():
    """The default probe really loads the libraries WeasyPrint loads (the suite runs here)."""
    assert system.missing(BUILD, Probe()) == []
    assert not Probe(has_library=lambda name: False).has_library("libpango-1.0.so.0")
    assert not system._loads("libportfolio-absent.so.0")


def test_build_py_stops_before_the_tests_and_the_venv(tmp_path):
    """With nothing on PATH (no Chromium, no apt-get), build.py test names the packages and
    exits 1 before pytest or the .venv step, as root or not."""
    env = {**os.environ, "PATH": str(tmp_path)}
    done = subprocess.run([sys._base_executable, str(REPO / "build.py"), "test", "-x"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("erreur : paquets système manquants pour lancer les tests : "
                                  "chromium (les tests dans le navigateur), default-jre-headless")
    assert "apt-get install -y chromium default-jre-headless openssl poppler-utils" in done.stderr


@pytest.mark.parametrize("version, refused", [
    ((3, 10, 12), True),
    ((3, 11, 2), True),             # Debian 12's python3
    ((3, 11, 4), True),
    ((3, 11, 5), False),            # the oldest pymdown-extensions 13 accepts
    ((3, 11, 7, "final", 0), False),
    ((3, 12, 0), False),
    ((3, 13, 1), False),
])
def test_build_py_refuses_a_python_too_old_in_french(version, refused):
    spec = importlib.util.spec_from_file_location("build_script", REPO / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    message = build.python_too_old(version)
    assert (message is not None) == refused
    if refused:
        found = ".".join(map(str, version[:3]))
        assert message.startswith(f"erreur : Python {found} est trop ancien")
        assert "3.11.5" in message and "python.org" in message
