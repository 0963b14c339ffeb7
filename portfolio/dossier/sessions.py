"""The project's sessions.yml (beside mkdocs.yml) -> the exam sessions: hand-in and exam dates.

The recteur sets the hand-in date: it is the school's setting, not the regulation's, so it lives
in the project (a teacher who sets a date edits no file of the package, and the rules' hash in
RENDU.json does not move with it). French keys, French errors at the file's line::

    2027:
      remise: 2027-04-15      # date de remise du dossier (fixée par le recteur)
      examen: 2027-06-10      # facultatif : date de l'examen (les durées se comptent avant)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..rules import Session
from ..util.errors import display_path
from ..util.yamlfile import load_yaml

__all__ = ["SESSIONS_FILE", "load_sessions", "project_of", "sessions_for", "sessions_hint"]

SESSIONS_FILE = "sessions.yml"
KEYS = ("remise", "examen")
HINT = ("Chaque session s'écrit « 2027: » puis, en dessous et en retrait, « remise: AAAA-MM-JJ »"
        " (et, si vous la connaissez, « examen: AAAA-MM-JJ »).")

_memo: dict[Path, tuple[tuple[int, int], dict[str, Session]]] = {}


def project_of(dossier_root: Path) -> Path:
    """The project folder of a dossier, where its sessions.yml is: the nearest folder above
    it that holds ``mkdocs.yml`` (the students' folder may be anywhere under it, the plugin's
    ``students_dir``); a sessions.yml beside the students' folder itself is still read when
    that folder has none (the layout before issue 26), and without mkdocs.yml that folder is
    the project."""
    beside_students = Path(dossier_root).parent.parent
    site = next((folder for folder in Path(dossier_root).absolute().parents
                 if (folder / "mkdocs.yml").is_file()), None)
    if site is None or (not (site / SESSIONS_FILE).is_file()
                        and (beside_students / SESSIONS_FILE).is_file()):
        return beside_students
    return site


def _date(doc, value, *key) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise doc.error(f"« {key[-1]} » doit être une date AAAA-MM-JJ, pas « {value} ».", *key,
                    hint="Exemple : « remise: 2027-04-15 ».")


def _read(path: Path) -> dict[str, Session]:
    doc = load_yaml(path)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise doc.error("le fichier doit lister les sessions (« 2027: » puis ses dates).",
                        hint=HINT)
    sessions = {}
    for key, block in doc.data.items():
        name = str(key)           # the file's lines know a key as written: 2027 -> "2027"
        if not isinstance(block, dict):
            raise doc.error(f"la session « {name} » doit être un bloc de dates.", name, hint=HINT)
        for key in block:
            if key not in KEYS:
                raise doc.error(f"clé inconnue « {key} » dans la session {name}.", name, key,
                                hint="Clés possibles : remise, examen.")
        if block.get("remise") is None:
            raise doc.error(f"la session {name} n'a pas de date de remise (« remise: »).", name,
                            hint=HINT)
        remise = _date(doc, block["remise"], name, "remise")
        examen = (_date(doc, block["examen"], name, "examen")
                  if block.get("examen") is not None else None)
        if examen is not None and examen < remise:
            raise doc.error(f"session {name} : l'examen ({examen:%d/%m/%Y}) est avant la date "
                            f"de remise ({remise:%d/%m/%Y}).", name, "examen",
                            hint="Vérifiez les deux dates (année comprise).")
        sessions[str(name)] = Session(str(name), remise, examen)
    return sessions


def load_sessions(project: Path) -> dict[str, Session]:
    """The sessions of ``project``'s sessions.yml (none without the file), read again only when
    the file changes; a mistake in it is a French :class:`ConfigError` with its line."""
    path = Path(project) / SESSIONS_FILE
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    kept = _memo.get(path)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    sessions = _read(path)
    _memo[path] = (stamp, sessions)
    return sessions


def sessions_for(dossier_root: Path) -> dict[str, Session]:
    """The sessions of the project that holds the dossier at ``dossier_root``."""
    return load_sessions(project_of(dossier_root))


def sessions_hint(project: Path, known: dict[str, Session]) -> str:
    """Which sessions exist and where a teacher declares one (French)."""
    where = Path(project) / SESSIONS_FILE
    names = ", ".join(f"{s.id} (remise le {s.remise:%d/%m/%Y})" for s in known.values())
    return (f"Sessions déclarées : {names or 'aucune'}. Vérifiez « session: » dans dossier.yml ; "
            f"l'enseignant déclare une session et sa date de remise (fixée par le recteur) dans "
            f"{display_path(where)}, à côté de mkdocs.yml.")

