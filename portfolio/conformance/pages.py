"""A dossier's part 1 pieces (stage reports, attestations, certificates) -> their page count.

Counted against the limits of the voies whose part 1 has a page budget (perfectionnement:
30 pages, 50 in all).
"""

from __future__ import annotations

from ..errors import DossierError
from ..model import Dossier
from ..paths import resolve_ref
from ..pdf.annexes import page_count
from ..rules import load_rules

__all__ = ["part1_pages"]


def part1_pages(dossier: Dossier) -> int:
    """Pages of the part 1 pieces declared in dossier.yml (PDF pages; an image is one page).

    Zero for a voie whose part 1 has no page budget. A missing piece counts nothing here (the
    conformance check reports it); an unreadable one raises its AssetError.
    """
    rules = load_rules()
    if dossier.partie1 is None or not any("partie1" in limit.parts
                                          for limit in rules.voies[dossier.voie].limits):
        return 0
    refs = [dossier.partie1.report] if dossier.partie1.report else []
    refs += [ref for period in (*dossier.partie1.stages, *dossier.partie1.certificates)
             for ref in period.pieces.values() if ref]
    pages = 0
    for ref in dict.fromkeys(refs):
        try:
            path = resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml)
        except DossierError:
            continue
        # A piece that cannot be counted (unreadable, too many pages) refuses the dossier: it
        # must not count as 0 pages.
        pages += page_count(path) if path.suffix.lower() == ".pdf" else 1
    return pages
