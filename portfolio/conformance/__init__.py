"""A Dossier + rules/voies.yml -> conformance verdict; a conforming dossier -> a frozen hand-in.

Required contents of part 2 (:mod:`.contents`), part 1 pieces and durations (:mod:`.partie1`,
:mod:`.durations`), the session's hand-in date (:mod:`.assess`), the French report
(:mod:`.report`) and the read-only snapshots handed in (:mod:`.handin`). No MkDocs here.
"""

from __future__ import annotations

from .assess import Conformance, Deadline, assess
from .contents import CHECKS, ContentStatus
from .handin import freeze, latest_handin, snapshots, verify
from .partie1 import Placements
from .report import conformance_json, format_conformance

__all__ = [
    "CHECKS", "Conformance", "ContentStatus", "Deadline", "Placements", "assess",
    "conformance_json", "format_conformance", "freeze", "latest_handin", "snapshots", "verify",
]
