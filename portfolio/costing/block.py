"""A dossier -> the fenced blocks its Markdown may use (``couts``: the cost study's tables;
``devis``: a stage report's quote against the market price)."""

from __future__ import annotations

from collections.abc import Callable

from ..dossier.model import Dossier, Section
from ..util.errors import DossierError
from ..util.yamlfile import parse_yaml
from .load import load_costs, parse_costs
from .quote import quote_from_block, render_quote_html
from .render import render_costs_html

__all__ = ["section_blocks"]


def section_blocks(dossier: Dossier) -> dict[str, Callable[[str, int, Section], str]]:
    """Fenced blocks the dossier's Markdown may use, computed from data (``couts``)."""

    def costs(text: str, line: int, section: Section) -> str:
        if text.strip():
            # Inline YAML: pad with newlines so that messages give the Markdown file's lines.
            doc = parse_yaml("\n" * line + text, section.path)
            return render_costs_html(parse_costs(doc))
        path = dossier.root / "couts.yml"
        if not path.is_file():
            raise DossierError("le bloc « couts » demande un fichier couts.yml, absent.",
                               dossier.root / "couts.yml",
                               hint="Créez couts.yml à la racine de votre dossier "
                               "(voir le modèle de « build.py nouveau »).")
        return render_costs_html(load_costs(path))

    def quote(text: str, line: int, section: Section) -> str:
        return render_quote_html(quote_from_block(text, line, section.path))

    return {"couts": costs, "devis": quote}
