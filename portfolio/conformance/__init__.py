"""A Dossier + rules/voies.yml -> conformance verdict.

Required contents of part 2 (:mod:`.contents`), part 1 pieces and durations (:mod:`.partie1`,
:mod:`.durations`, :mod:`.periods`), what part 1's pieces written here say (:mod:`.reports`),
cost sources (:mod:`.sources`), the page budget (:mod:`.budget`), the session's dates
(:mod:`.assess`), the one verdict of a dossier (:mod:`.verdict`) and the bilan form to print
(:mod:`.bilan_form`). The report of a build is :mod:`portfolio.builder.report`; the hand-in,
:mod:`portfolio.handin`. No MkDocs here.
"""

from __future__ import annotations

from .assess import Conformance, Deadline, assess
from .contents import CHECKS, ContentStatus
from .partie1 import Placements
from .verdict import COMPLETE, CONFORMING, REFUSED, Judgement, judge

__all__ = [
    "CHECKS", "COMPLETE", "CONFORMING", "REFUSED", "Conformance", "ContentStatus", "Deadline",
    "Judgement", "Placements", "assess", "judge",
]
