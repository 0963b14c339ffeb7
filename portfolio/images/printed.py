"""WeasyPrint's failures to load or draw an image -> French warnings naming the student's file.

WeasyPrint leaves out of the PDF an image it cannot load or draw (an SVG whose masks refer to
themselves, a file it does not understand) and logs an English error. :func:`unprinted`
collects those while a PDF is laid out and written, keeps them off the terminal, and turns
them into French warnings on the student's image.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urldefrag

from ..util.errors import Problem

__all__ = ["unprinted"]

_FAILURES = ("Failed to load image at", "Failed to render SVG image")


class _Collector(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(_FAILURES) and record.args:
            self.urls.append(str(record.args[0]))
            return False                  # said in French instead (see unprinted)
        return True


@contextmanager
def unprinted(placed: dict[str, Path]) -> Iterator[list[Problem]]:
    """Within the block, WeasyPrint's image failures become warnings in the yielded list.

    ``placed`` maps each image file's URL (without the fragment the print HTML may add) to
    the student's file.
    """
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addFilter(collector)
    problems: list[Problem] = []
    try:
        yield problems
    finally:
        logger.removeFilter(collector)
        for url in dict.fromkeys(collector.urls):
            # ``placed`` holds files; the print HTML marks a figure's URL with its placement
            source = placed.get(urldefrag(url).url)
            problems.append(Problem(
                "image impossible à imprimer : elle manque dans le PDF"
                + ("" if source else f" ({url.rsplit('/', 1)[-1][:60]})") + ".", source,
                hint="Exportez-la de nouveau en PNG (ou en « SVG simple ») et remplacez-la."))
