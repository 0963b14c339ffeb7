"""A page of the site -> the words that say whose it is: the dossier's label, its ``<title>``.

Two candidates' "Étude des coûts" must not share a title (WCAG 2.4.2): a page of a dossier is
titled ``section – candidate, project – site`` (the candidate's number in an anonymous build,
where the dossier's candidate is already the anonymous one). Plain text: the theme escapes it.
"""

from __future__ import annotations

from ..dossier.model import Dossier
from ..util.text import french_spacing

__all__ = ["DOSSIER_HOME", "dossier_label", "page_title", "section_label"]

DOSSIER_HOME = "Présentation du dossier"


def dossier_label(dossier: Dossier) -> str:
    """``Léa Moreau — Bague Ginkgo`` (``Candidat n° 02417583901 — Bague Ginkgo``)."""
    return french_spacing(f"{dossier.candidate.full_name} — {dossier.title}")


def section_label(title: str, annex: bool) -> str:
    """A section's name in the navigation: ``Étude des coûts``, ``Annexe : Glossaire``."""
    return french_spacing(f"Annexe : {title}" if annex else title)


def page_title(kind: str, title: str, dossier: Dossier | None, site_name: str) -> str | None:
    """The ``<title>`` of a page of kind ``home``, ``dossier``, ``section``... (None: the
    theme's own, the site's name for the home page)."""
    if dossier is None:
        return None if kind == "home" else french_spacing(f"{title} – {site_name}")
    what = DOSSIER_HOME if kind == "dossier" else title
    return french_spacing(f"{what} – {dossier.candidate.full_name}, {dossier.title} – "
                          f"{site_name}")
