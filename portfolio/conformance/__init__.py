"""A Dossier + rules/voies.yml -> conformance verdict; a conforming dossier -> a frozen hand-in.

Required contents of part 2 (:mod:`.contents`), part 1 pieces and durations (:mod:`.partie1`,
:mod:`.durations`), cost sources (:mod:`.sources`), the session's dates (:mod:`.assess`), the one
verdict of a dossier (:mod:`.verdict`), the French report and its JSON (:mod:`.report`) and the
read-only snapshots handed in (:mod:`.handin`). No MkDocs here.
"""

from __future__ import annotations

from ..build.report import (
    check_json,
    check_lines,
    conformance_json,
    format_conformance,
    judge_build,
)
from ..handin.snapshot import freeze, latest_handin, snapshots, verify
from .assess import Conformance, Deadline, assess
from .contents import CHECKS, ContentStatus
from .partie1 import Placements
from .verdict import COMPLETE, CONFORMING, REFUSED, Judgement, judge

__all__ = [
    "CHECKS", "COMPLETE", "CONFORMING", "REFUSED", "Conformance", "ContentStatus", "Deadline",
    "Judgement", "Placements", "assess", "check_json", "check_lines", "conformance_json",
    "format_conformance", "freeze", "judge", "judge_build", "latest_handin", "snapshots",
    "verify",
]
