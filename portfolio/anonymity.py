"""A dossier -> its anonymous form (candidate number only), and warnings where the name still shows.

Exam juries may need candidates anonymised: in an anonymous build the candidate appears by number
everywhere the tool writes (titles, navigation, URLs, file names, PDF cover and metadata, search
index). What the student wrote is not rewritten: the build warns where the name still appears.
"""

from __future__ import annotations

import re

from .errors import Problem
from .model import Candidate, Dossier, slugify
from .text import ascii_fold

__all__ = ["anonymize", "name_leaks"]


def _fold(text: str) -> str:
    return ascii_fold(text).casefold()


def _patterns(candidate: Candidate) -> list[re.Pattern]:
    words = [w for w in (candidate.prenom, candidate.nom) if len(w.strip()) >= 2]
    return [re.compile(rf"(?<![a-z0-9]){re.escape(_fold(w.strip()))}(?![a-z0-9])")
            for w in words]


def name_leaks(dossier: Dossier, candidate: Candidate) -> list[Problem]:
    """Where the candidate's first or last name appears in the texts or in file names."""
    patterns = _patterns(candidate)
    problems: list[Problem] = []
    if not patterns:
        return problems
    fields = [("titre du projet", dossier.title), ("thème du projet", dossier.theme)]
    for label, value in fields:
        if any(p.search(_fold(value)) for p in patterns):
            problems.append(Problem(f"anonymat : le nom du candidat apparaît dans le {label}.",
                                    dossier.yml, hint="Retirez-le pour un jury anonyme."))
    for section in dossier.all_sections():
        for number, line in enumerate(section.body.splitlines(), start=section.body_line):
            if any(p.search(_fold(line)) for p in patterns):
                problems.append(Problem(
                    "anonymat : le nom du candidat apparaît dans le texte.", section.path, number,
                    hint="Retirez-le ou remplacez-le par votre numéro de candidat."))
                break
    for path in sorted(dossier.root.rglob("*")):
        if path.is_file() and any(p.search(_fold(path.name)) for p in patterns):
            problems.append(Problem(
                "anonymat : le nom du candidat apparaît dans un nom de fichier.", path,
                hint="Renommez le fichier (les noms de fichiers publiés sont remplacés, mais "
                "pas ceux que vous citez dans le texte)."))
    return problems


def anonymize(dossier: Dossier) -> list[Problem]:
    """Replace the candidate by their number, in place; return the name leaks found."""
    real = dossier.candidate
    leaks = name_leaks(dossier, real)
    dossier.candidate = Candidate(prenom="Candidat", nom=f"n° {real.numero}",
                                  numero=real.numero, etablissement="")
    dossier.slug = f"candidat-{slugify(real.numero, 'x')}"
    dossier.anonymous = True
    return leaks
