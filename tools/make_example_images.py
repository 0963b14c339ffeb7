#!/usr/bin/env python3
"""Draw the images of the shipped example dossier ``students/lea-moreau/``.

Run from the repository root::

    python tools/make_example_images.py            # writes students/lea-moreau/images/

Only the standard library and Pillow are used, and every random choice comes from a seeded
``random.Random``: the same Pillow version gives the same files, so the outputs are committed
as the example's assets and this script documents how they were made.

The pictures are stylised stand-ins for what a student would scan or photograph: a rendered
cover, pencil sketch sheets, gouache renderings, research plates, a dimensioned drawing and
photographs of the making stages.

Deliberate oddity: ``etape-finale.jpg`` is written the way a phone writes a photo taken in
portrait: its pixels are stored rotated (EXIF Orientation = 6, it shows upright only when a
viewer applies the tag), and it carries fake GPS coordinates (GPS IFD, tag 0x8825) plus a
camera make/model.  The example thereby proves that the publishing tool turns images upright
and strips their metadata (nobody's location ends up on the web site or in the PDF).
The drawing code, by job, is in ``tools/example_images/`` (base helpers, metals and the
ginkgo leaf, the ring and cover, sketches, paintings and plates, the technical drawing, the
making stages); this file is the command.
"""

from __future__ import annotations

import sys

from example_images.base import OUT
from example_images.drawing import plan_technique
from example_images.paintings import art_nouveau_motif, ginkgo_feuille, gouache_1, gouache_2
from example_images.ring import cover
from example_images.sketches import croquis_1, croquis_2, croquis_3
from example_images.stages import (
    etape_cao,
    etape_cire,
    etape_finale,
    etape_fonte,
    etape_sertissage,
)

PICTURES = {
    "couverture": cover,
    "croquis-1": croquis_1,
    "croquis-2": croquis_2,
    "croquis-3": croquis_3,
    "gouache-1": gouache_1,
    "gouache-2": gouache_2,
    "ginkgo-feuille": ginkgo_feuille,
    "art-nouveau-motif": art_nouveau_motif,
    "plan-technique": plan_technique,
    "etape-cao": etape_cao,
    "etape-cire": etape_cire,
    "etape-fonte": etape_fonte,
    "etape-sertissage": etape_sertissage,
    "etape-finale": etape_finale,
}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    names = argv or list(PICTURES)
    for name in names:
        PICTURES[name]()
        print("écrit :", name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
