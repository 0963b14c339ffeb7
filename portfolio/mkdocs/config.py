"""The portfolio plugin's options in mkdocs.yml (``plugins: - portfolio: ...``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

__all__ = ["PortfolioConfig"]


class PortfolioConfig(base.Config):
    students_dir = c.Type(str, default="students")
    """Folder with one sub-folder per candidate, relative to ``mkdocs.yml``."""
    drafts = c.Type(bool, default=False)
    """Publish dossiers marked ``brouillon: true`` too (teacher's preview, never the jury's)."""
    cache_dir = c.Type(str, default=".cache/portfolio")
    """Where image variants and rendered PDFs are cached (safe to delete)."""
    previous_site = c.Optional(c.Type(str))
    """A previously published site: a refused dossier keeps its last published version."""
    anonymous = c.Type(bool, default=False)
    """Show candidates by their number only, everywhere (anonymous jury)."""
    preview = c.Optional(c.Type(bool))
    """Teacher's and student's preview: drafts, review notes, page meter, class dashboard.
    Unset: on under ``mkdocs serve``, off in ``mkdocs build``."""
    workers = c.Optional(c.Type(int))
    """Processes at once for images and PDFs (unset: one per core of the machine)."""
