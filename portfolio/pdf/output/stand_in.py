"""An image that cannot be printed -> a grey photo frame: the pages are counted all the same.

A missing image refuses the dossier, but it must not hide the dossier's other problems (issue
26, edge 2): the student would fix it, run again and only then learn of the 16th page. So the
print is laid out with a frame of a photo's proportions (4:3, the size of an image that cannot
be read is unknown) in place of each image that cannot be printed, its pages are counted, and
the render ends in :class:`CountedWithStandInsError`: the images' errors, the count, and a
warning that says the count was made with frames. An annex PDF's page larger than A3 is counted the
same way, as an A3 page (:func:`.annexes.read_annex`): its number of pages is known. That PDF
is never written nor cached.
"""

from __future__ import annotations

from pathlib import Path

from ...util.errors import DossierError, Problem, ProblemsError
from ...util.files import replacing
from .count import PageCount

__all__ = ["STAND_IN_SIZE", "CountedWithStandInsError", "stand_in_image", "stand_in_note"]

STAND_IN_SIZE = (3200, 2400)       # px: a 4:3 photo, sharp enough for a full A3 width
STAND_IN_NAME = "image-introuvable-4x3.jpg"


def stand_in_image(folder: Path) -> Path:
    """The frame's image file in ``folder`` (the content cache), made once."""
    path = Path(folder) / STAND_IN_NAME
    if not path.is_file():       # the same bytes whoever writes it: the last rename wins
        from PIL import Image

        with replacing(path) as partial:        # workers may write it at once
            Image.new("RGB", STAND_IN_SIZE, (200, 200, 200)).save(partial, "JPEG", quality=80)
    return path


def stand_in_note(count: int, yml: Path) -> Problem:
    """The warning that goes with a count made with frames (French)."""
    what = ("de l'image qui ne peut pas être imprimée : le compte peut changer quand elle "
            "sera là" if count == 1 else f"des {count} images qui ne peuvent pas être "
            "imprimées : le compte peut changer quand elles seront là")
    return Problem(f"pages comptées avec un cadre de photo (format 4:3) à la place {what}.",
                   yml, hint="Corrigez les images signalées, puis relancez pour le compte exact.")


class CountedWithStandInsError(Exception):
    """A print laid out with stand-ins (frames, A3 pages): its ``error`` (the problems of
    those images and pages, as one :class:`DossierError` of their kind), its ``count`` and its
    ``warnings``."""

    def __init__(self, errors: list[DossierError], count: PageCount,
                 warnings: list[Problem]) -> None:
        self.error = ProblemsError.of(errors)
        super().__init__(str(self.error))
        self.count = count
        self.warnings = warnings
