"""Text -> its plain ASCII letters (accents dropped), for slugs, key suggestions and name search."""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_fold"]


def ascii_fold(text: str) -> str:
    """``"Éloïse Œuvre"`` -> ``"Eloise OEuvre"``: compatibility forms split, accents dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
