"""Test helper: WeasyPrint's instancing of the variable fonts done once per identical input
in a test process (tests/conftest.py turns it on for the session)."""

from __future__ import annotations

import hashlib
import io


class _SavedFont:
    """What WeasyPrint does with an instanced font: ``save`` it to a buffer."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def save(self, file) -> None:
        file.write(self.data)


def reuse_variable_font_instances() -> None:
    """Make WeasyPrint's instancing of the variable fonts (``pdf/fonts.py``: the subset of
    each face at each weight and size of a document, about three quarters of a one-page PDF's
    render) happen once per identical input in this process: keyed by the subset font's
    bytes and the axes, the same font comes back, so every PDF is still laid out and written
    whole, as without it (its fonts' tables equal, but for the ``head`` table's "modified"
    time stamp, which differs between any two renders anyway). The PDFs rendered in worker
    processes (a class's ``publier``) instance their fonts themselves."""
    import weasyprint.pdf.fonts as weasyprint_fonts

    instantiate = weasyprint_fonts.instantiateVariableFont
    if getattr(instantiate, "reused", False):
        return
    made: dict[tuple, bytes] = {}

    def instantiate_once(ttfont, variations, **options):
        reader = ttfont.reader        # the font's bytes; its tables' offsets name the face
        key = (hashlib.sha256(reader.file.getvalue()).digest(),
               tuple(sorted((tag, entry.offset) for tag, entry in reader.tables.items())),
               tuple(sorted(variations.items())), tuple(sorted(options.items())))
        if key not in made:
            if len(made) >= 500:       # a few hundred kB each: bounded
                made.clear()
            buffer = io.BytesIO()
            instantiate(ttfont, variations, **options).save(buffer)
            made[key] = buffer.getvalue()
        return _SavedFont(made[key])

    instantiate_once.reused = True
    weasyprint_fonts.instantiateVariableFont = instantiate_once
