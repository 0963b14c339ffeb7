"""Pages + format + contents + part 1 + deadline -> one verdict per dossier, with its reasons.

The budget (:mod:`.budget`) and the conformance (:mod:`.assess`) each find problems;
this module says what they add up to, once, for the text report and the JSON alike:

- ``non conforme``: something refuses the dossier in this mode (pages over a limit, a page
  larger than A3, an input that cannot be read, or a conformance error of the mode);
- ``à compléter``: nothing refuses it now, but the hand-in (``rendre``) would: the points to
  complete are the reasons;
- ``conforme``: nothing is missing (quality warnings may remain: they are not reasons).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..util.errors import DossierError, Problem, sort_problems
from .assess import Conformance
from .budget import Verdict

__all__ = ["COMPLETE", "CONFORMING", "Judgement", "REFUSED", "judge"]

CONFORMING, COMPLETE, REFUSED = "conforme", "à compléter", "non conforme"


@dataclass
class Judgement:
    """The one verdict of a dossier in a mode, and why."""

    state: str                                   # CONFORMING | COMPLETE | REFUSED
    errors: list[Problem] = field(default_factory=list)    # what refuses it now
    pending: list[Problem] = field(default_factory=list)   # what the hand-in would refuse
    warnings: list[Problem] = field(default_factory=list)  # the rest: quality, deadline...

    @property
    def reasons(self) -> list[Problem]:
        """The short list of reasons for the verdict, sorted by file and line."""
        return self.errors if self.errors else self.pending


def judge(error: DossierError | None, budget: Verdict | None, conformance: Conformance | None,
          warnings: list[Problem] | tuple[Problem, ...] = ()) -> Judgement:
    """The verdict from a build's parts: its input error, its budget verdict (whose errors may
    already hold the conformance errors), its conformance and its other ``warnings``."""
    if error is not None:      # an input refused, and every other problem found all the same
        errors = sort_problems([*error.problems, *(budget.errors if budget else []),
                                *(conformance.errors if conformance else [])])
        pending = sort_problems(conformance.pending) if conformance else []
        return Judgement(REFUSED, errors, pending, warnings=list(warnings))
    errors = sort_problems([*(budget.errors if budget else []),
                            *(conformance.errors if conformance else [])])
    pending = sort_problems(conformance.pending) if conformance else []
    summary = conformance.summary if conformance else []     # the build's short version
    others = [w for w in warnings if w not in summary]
    others += [w for w in (conformance.warnings if conformance else []) if w not in pending]
    state = REFUSED if errors else COMPLETE if pending else CONFORMING
    return Judgement(state, errors, pending, list(dict.fromkeys(others)))
