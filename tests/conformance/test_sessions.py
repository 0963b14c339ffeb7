"""The project's sessions.yml (beside mkdocs.yml): hand-in and exam dates, French errors at their
lines; a teacher who sets a date edits no file of the package."""

from __future__ import annotations

import datetime as dt

import pytest
from dossiers import conforming

from portfolio import ConfigError, load_dossier
from portfolio.conformance import assess
from portfolio.dossier.sessions import load_sessions
from portfolio.rules import RULES_FILE

GOOD = "2027:\n  remise: 2027-04-15\n  examen: 2027-06-10\n2028:\n  remise: 2028-04-14\n"


@pytest.mark.parametrize(("text", "message"), [
    ("2027:\n  remise: 15/04/2027\n",
     "sessions.yml:2 : « remise » doit être une date AAAA-MM-JJ, pas « 15/04/2027 »."),
    ("2027:\n  remise: 2027-04-31\n",
     "sessions.yml:2 : date impossible « 2027-04-31 » : ce jour n'existe pas."),
    ("2027:\n  examen: 2027-06-10\n",
     "sessions.yml:1 : la session 2027 n'a pas de date de remise (« remise: »)."),
    ("2027:\n  remise: 2027-04-15\n  date: 2027-06-10\n",
     "sessions.yml:3 : clé inconnue « date » dans la session 2027. Clés possibles : remise, "
     "examen."),
    ("2027: 2027-04-15\n", "sessions.yml:1 : la session « 2027 » doit être un bloc de dates."),
    ("2027:\n  remise: 2027-04-15\n  examen: 2027-03-10\n",
     "sessions.yml:3 : session 2027 : l'examen (10/03/2027) est avant la date de remise "
     "(15/04/2027)."),
    ("- 2027\n", "sessions.yml:1 : le fichier doit lister les sessions"),
])
def test_a_mistake_in_sessions_is_a_french_error_at_its_line(tmp_path, text, message):
    (tmp_path / "sessions.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sessions(tmp_path)
    assert message in str(info.value).replace(str(tmp_path) + "/", "")


def test_sessions_are_read_with_their_dates(tmp_path):
    (tmp_path / "sessions.yml").write_text(GOOD, encoding="utf-8")
    sessions = load_sessions(tmp_path)
    assert sessions["2027"].remise == dt.date(2027, 4, 15)
    assert sessions["2027"].reference == dt.date(2027, 6, 10)
    assert sessions["2028"].examen is None
    assert load_sessions(tmp_path / "ailleurs") == {}       # no file: no session


def test_a_teacher_sets_the_date_in_the_project_not_in_the_package(project, make_dossier):
    """The regulation's file holds no date; the verdict follows the project's sessions.yml,
    read again when it changes."""
    assert "remise" not in RULES_FILE.read_text(encoding="utf-8").split("sessions.yml")[-1]
    root = conforming(make_dossier, project / "students")
    today = dt.date(2027, 4, 20)
    assert assess(load_dossier(root), "rendre", today=today).late is not None
    (project / "sessions.yml").write_text("2027:\n  remise: 2027-04-30\n", encoding="utf-8")
    result = assess(load_dossier(root), "rendre", today=today)
    assert result.ok and result.deadline.remise == dt.date(2027, 4, 30)


@pytest.mark.parametrize(("mkdocs", "sessions", "students", "read"), [
    # (folder of mkdocs.yml, folder of sessions.yml, the students' folder) -> which is read
    ("", "", "students", ""),                              # the usual project
    ("", "", "classes/2027/eleves", ""),                   # students_dir elsewhere under it
    ("", "classes/2027", "classes/2027/eleves", "classes/2027"),   # beside students (before)
    (None, "classe", "classe/students", "classe"),         # no mkdocs.yml: beside students
    ("", None, "students", None),                          # none declared: no session
])
def test_sessions_yml_is_read_beside_mkdocs_yml(tmp_path, mkdocs, sessions, students, read):
    """sessions.yml is the project's, beside mkdocs.yml, wherever the students' folder is."""
    from portfolio.dossier.sessions import project_of, sessions_for
    project = tmp_path / "projet"
    if mkdocs is not None:
        (project / mkdocs).mkdir(parents=True, exist_ok=True)
        (project / mkdocs / "mkdocs.yml").write_text("site_name: Classe\n", encoding="utf-8")
    if sessions is not None:
        (project / sessions).mkdir(parents=True, exist_ok=True)
        (project / sessions / "sessions.yml").write_text(GOOD, encoding="utf-8")
    root = project / students / "ana"
    root.mkdir(parents=True)
    found = sessions_for(root)
    assert (project_of(root) == project / read) if read is not None else not found
    assert bool(found) == (read is not None)
