"""Jewellery students' dossiers (Markdown + images) -> a budget-checked A3 PDF and a web portfolio.

The public API is what this root package exports; ``build.py`` and the MkDocs plugin
(:mod:`portfolio.plugin`, the only module that imports MkDocs) are thin layers over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import AssetError, BudgetError, ConfigError, DossierError, Problem  # noqa: E402
from .load import find_dossiers, load_dossier  # noqa: E402
from .model import Candidate, Dossier, Section, slugify  # noqa: E402
from .pipeline import BuildOptions, DossierBuild, build_dossier  # noqa: E402

__all__ = [
    "AssetError", "BudgetError", "BuildOptions", "Candidate", "ConfigError", "Dossier",
    "DossierBuild", "DossierError", "Problem", "Section", "build_dossier", "find_dossiers",
    "load_dossier", "slugify",
]
