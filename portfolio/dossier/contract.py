"""The training contract's file (the class's, a student's) -> the competences of each stage.

The regulation: each period in a company has its "contrat individuel de formation", which lists
"les compétences à acquérir ou à mobiliser", and the bilan gives "les performances réalisées
par l'élève pour chacune des compétences prévues au contrat". The teacher writes the
competences once for the class in ``contrat-formation.yml`` beside mkdocs.yml (like
sessions.yml), or for one student in ``students/<dossier>/contrat-formation.yml``. For each
stage the most specific list wins: the student's for that stage, the student's for every stage,
the class's for that stage, the class's for every stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..util.yamlfile import YamlDoc, load_yaml
from .sessions import project_of
from .yamlcheck import describe, suggest_key

__all__ = ["CONTRACT_FILE", "Competences", "contract_files", "stage_competences"]

CONTRACT_FILE = "contrat-formation.yml"
KEYS = ("competences", "stages")
MAX_LENGTH = 200            # characters of one competence
EXAMPLE = ("Exemple :\ncompetences:\n  - Analyser une demande de réparation\nstages:\n  2:\n"
           "    - Ajuster et préparer au sertissage")


@dataclass(frozen=True)
class Competences:
    """The competences of one stage's training contract, and where they are written."""

    names: tuple[str, ...]
    path: Path
    line: int | None


def _names(doc: YamlDoc, value, *key) -> Competences:
    if not isinstance(value, list) or not value:
        raise doc.error(f"« {key[-1]} » doit être une liste de compétences (une par ligne, "
                        f"commençant par « - »), pas {describe(value)}.", *key, hint=EXAMPLE)
    names: list[str] = []
    for index, item in enumerate(value):
        text = " ".join(str(item).split()) if isinstance(item, str | int | float) else ""
        if not text or len(text) > MAX_LENGTH:
            raise doc.error(f"compétence n° {index + 1} : un texte de 1 à {MAX_LENGTH} "
                            f"caractères est attendu, pas {describe(item)}.", *key, index,
                            hint="Écrivez la compétence telle que le contrat la formule.")
        if text not in names:
            names.append(text)
    return Competences(tuple(names), doc.path, doc.line(*key))


def _read(path: Path) -> tuple[Competences | None, dict[int, Competences]]:
    """The competences of every stage and of each stage named, from one file."""
    doc = load_yaml(path)
    data = doc.data
    if data is None:
        return None, {}
    if not isinstance(data, dict):
        raise doc.error("le contrat de formation attend les clés « competences: » et "
                        "« stages: ».", hint=EXAMPLE)
    for key in data:
        if key not in KEYS:
            raise doc.error(f"clé inconnue « {key} ».", key,
                            hint=suggest_key(key, KEYS) or EXAMPLE)
    every = _names(doc, data["competences"], "competences") if "competences" in data else None
    stages = data.get("stages") or {}
    if not isinstance(stages, dict):
        raise doc.error("« stages: » attend le numéro de chaque stage (1, 2...) et ses "
                        "compétences.", "stages", hint=EXAMPLE)
    each: dict[int, Competences] = {}
    for number, value in stages.items():
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise doc.error(f"« {number} » n'est pas un numéro de stage (1, 2...) : le numéro "
                            "d'un stage est sa place sous « stages: » dans dossier.yml.",
                            "stages", number, hint=EXAMPLE)
        each[number] = _names(doc, value, "stages", number)
    return every, each


def contract_files(dossier_root: Path) -> list[Path]:
    """The contract files that apply to a dossier, the most specific first."""
    return [path for path in (Path(dossier_root) / CONTRACT_FILE,
                              project_of(dossier_root) / CONTRACT_FILE) if path.is_file()]


def stage_competences(dossier_root: Path, number: int) -> Competences | None:
    """The competences of the ``number``-th stage of the dossier at ``dossier_root`` (None: no
    contract file says them). A mistake in a file is a French :class:`ConfigError`."""
    for path in contract_files(dossier_root):
        every, each = _read(path)
        if number in each:
            return each[number]
        if every is not None:
            return every
    return None
