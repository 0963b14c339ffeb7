"""requirements.lock pins no version with a known advisory (minimum safe versions, CVE ids)."""

from __future__ import annotations

import re

import pytest
from helpers import REPO
from packaging.version import Version

# package (normalised name) -> (first safe version, advisories fixed there)
MINIMUM_SAFE = {
    "mkdocs-material": ("9.7.7", "CVE-2026-73295: DOM XSS in the search (fixed in 9.7.7)"),
    "weasyprint": ("69.0", "CVE-2026-49452 (fixed in 69.0)"),
}


def pinned() -> dict[str, Version]:
    versions = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9._-]+)\s*==\s*([^\s;#]+)", line)
        if match:
            versions[re.sub(r"[-_.]+", "-", match[1]).lower()] = Version(match[2])
    return versions


@pytest.mark.parametrize("package", sorted(MINIMUM_SAFE))
def test_lock_pins_a_version_without_known_advisory(package):
    minimum, advisory = MINIMUM_SAFE[package]
    versions = pinned()
    assert package in versions, f"{package} is not pinned in requirements.lock"
    assert versions[package] >= Version(minimum), (
        f"{package}=={versions[package]} < {minimum}: {advisory}")


def test_installed_versions_match_the_lock():
    from importlib.metadata import version

    versions = pinned()
    for package in MINIMUM_SAFE:
        assert Version(version(package)) == versions[package], package
