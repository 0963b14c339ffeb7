"""Jewellery students' dossiers (Markdown + images) -> a budget-checked A3 PDF and a web portfolio.

The public API is what this root package exports; ``build.py`` and the MkDocs plugin
(:mod:`portfolio.mkdocs`, the only package that imports MkDocs) are thin layers over it.
"""

from __future__ import annotations

from .builder.options import BuildOptions
from .builder.pipeline import build_dossier
from .builder.results import DossierBuild
from .dossier.load import find_dossiers, load_dossier
from .dossier.model import Candidate, Dossier, Section, slugify
from .util.errors import AssetError, ConfigError, DossierError, Problem
from .version import __version__

__all__ = [
    "AssetError", "BuildOptions", "Candidate", "ConfigError", "Dossier",
    "DossierBuild", "DossierError", "Problem", "Section", "__version__", "build_dossier",
    "find_dossiers", "load_dossier", "slugify",
]
