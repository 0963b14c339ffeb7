"""The bounds data file (rules/limites.yml): every bound is data with a French message, and the
time bound interrupts work that would not stop by itself, in any thread."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import pytest
from bad_inputs.cases import HEAD, base

from portfolio import BuildOptions, build_dossier
from portfolio.dossier.model import Section
from portfolio.markdown import dossier_budget, render_section
from portfolio.util.errors import ConfigError, DossierError, set_display_root
from portfolio.util.limits import LIMITS_FILE, TimeBudget, bound, load_limits, time_limit

# What the issue asks to bound, each a row of the data file.
BOUNDED = ["section", "yaml", "yaml_alias", "svg_elements", "svg_use", "markdown_imbrication",
           "markdown_crochets", "markdown_secondes", "markdown_secondes_dossier", "svg_filtres",
           "pdf_pages", "pdf_profondeur", "media"]


def test_every_bound_is_data_with_a_french_message():
    limits = load_limits()
    assert set(BOUNDED) <= set(limits)
    for name, limit in limits.items():
        text = str(limit.error(limit.max + 1))
        assert text.endswith(limit.hint) and "{" not in text, name
        assert limit.max >= 0


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("section", 210_000, "section trop longue (210 ko ; 200 ko au plus)."),
    ("yaml", 29_000_000, "fichier YAML trop gros (29 Mo ; 500 ko au plus)."),
    ("media", 250_500_000, "fichier trop lourd (250,5 Mo ; 200 Mo au plus)"),
    ("markdown_crochets", 20_000, "(20 000 ; 5 000 au plus)"),
    ("markdown_secondes", 5, "sa conversion dépasse 5 secondes."),
])
def test_values_are_shown_as_people_read_them(name, value, shown):
    assert shown in str(bound(name).error(value))


def test_a_value_at_the_bound_passes_one_above_is_refused():
    limit = bound("markdown_crochets")
    limit.check(limit.max)
    with pytest.raises(DossierError, match="trop de crochets"):
        limit.check(limit.max + 1, Path("x.md"), 3)


@pytest.mark.parametrize(("text", "message"), [
    ("section: 3\n", "clés attendues"),
    ("section:\n  max: -1\n  unite: octets\n  message: m\n  conseil: c\n", "nombre positif"),
    ("section:\n  max: 1\n  unite: octets\n  message: '{autre}'\n  conseil: c\n",
     "{valeur} et {max}"),
    ("- a\n", "bloc de clés"),
])
def test_a_broken_bounds_file_is_a_french_error(tmp_path, text, message):
    path = tmp_path / "limites.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("{", r"\{").replace("}", r"\}")):
        load_limits.__wrapped__(path)


def test_the_shipped_file_is_the_one_read():
    assert LIMITS_FILE.name == "limites.yml" and LIMITS_FILE.is_file()


def _spin() -> None:
    while True:
        pass


@pytest.mark.parametrize("where", ["main", "thread"])
def test_time_limit_interrupts_pure_python_work_in_any_thread(where):
    limit = dataclasses.replace(bound("markdown_secondes"), max=0.3)
    outcome: list[str] = []

    def run() -> None:
        start = time.perf_counter()
        try:
            with time_limit(limit, Path("x.md"), 4):
                _spin()
        except DossierError as exc:
            outcome.append(f"{time.perf_counter() - start:.1f} {exc}")

    if where == "main":
        run()
    else:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(10)
    [text] = outcome
    assert float(text.split()[0]) < 2
    assert "x.md:4 : texte trop complexe : sa conversion dépasse 0.3 secondes." in text


def test_time_limit_never_interrupts_what_follows_the_block():
    """The timer fires around the end of the block: either the block is said to be too long,
    or nothing happens; never an exception later, in the code after it."""
    limit = dataclasses.replace(bound("markdown_secondes"), max=0.001)
    late = 0
    for _ in range(200):
        try:
            with time_limit(limit):
                sum(range(300))
        except DossierError:
            pass                              # the block did take more than 1 ms
        try:
            time.sleep(0.003)                 # a late interruption would land here
        except BaseException:                 # noqa: BLE001 - that is what is counted
            late += 1
    assert late == 0


def test_markdown_that_takes_too_long_is_refused(monkeypatch):
    """Whatever the counts let through, a conversion is bounded in time (here 0.2 s for a text
    of 1,999 unclosed tags, which Python-Markdown converts in about a second)."""
    limits = load_limits()
    monkeypatch.setitem(limits, "markdown_secondes",
                        dataclasses.replace(limits["markdown_secondes"], max=0.2))
    section = Section(path=Path("s.md"), slug="s", title="S", role="autre",
                      body="<a href='" * 1999, body_line=5)
    start = time.perf_counter()
    with pytest.raises(DossierError, match="s.md:5 : texte trop complexe"):
        render_section(section, {}, Path("."), lambda *args: None)
    assert time.perf_counter() - start < 2


# Issue 28, item 8: the Markdown time of a whole dossier (one conversion pass) is bounded too.
# Each row: the seconds each section takes (a clock, not real time), the dossier's budget,
# the section refused (None: all converted).
BUDGET_ROWS = [
    ([5, 5, 5, 4.9, 0], 20, None),              # 19.9 s: under the budget
    ([5, 5, 5, 5, 0], 20, 4),                   # 20 s spent: the fifth finds nothing left
    ([1] * 19, 20, None),
    ([1] * 21, 20, 20),
    ([0.5, 0.5], 1, None),
]


@pytest.mark.parametrize(("seconds", "total", "refused"), BUDGET_ROWS)
def test_a_dossier_s_sections_share_one_time_budget(seconds, total, refused):
    now = [0.0]
    budget = TimeBudget(dataclasses.replace(bound("markdown_secondes_dossier"), max=total),
                        clock=lambda: now[0])
    done, caught = [], None
    try:
        for index, spent in enumerate(seconds):
            with budget.spend(bound("markdown_secondes"), Path(f"{index:02}.md"), 4):
                now[0] += spent
            done.append(index)
    except DossierError as exc:
        caught = exc
    if refused is None:
        assert caught is None and budget.ran_out is None
        return
    assert done == list(range(refused))
    assert str(caught) == str(budget.ran_out) == (
        f"{refused:02}.md:4 : texte du dossier trop complexe : la conversion de ses sections "
        f"dépasse {total} secondes en tout, le temps a manqué sur ce fichier (les sections "
        "suivantes ne sont pas converties). " + bound("markdown_secondes_dossier").hint)


def test_the_budget_interrupts_the_section_where_it_runs_out(monkeypatch):
    """Real time: a fast section, then one that takes about a second (1,999 unclosed tags),
    with 0.3 s for the dossier: the second is interrupted and named, well within a second."""
    limits = load_limits()
    monkeypatch.setitem(limits, "markdown_secondes_dossier",
                        dataclasses.replace(limits["markdown_secondes_dossier"], max=0.3))
    budget = dossier_budget()
    fast = Section(path=Path("01.md"), slug="a", title="A", role="autre", body="Court.",
                   body_line=4)
    slow = Section(path=Path("02.md"), slug="b", title="B", role="autre",
                   body="<a href='" * 1999, body_line=5)
    render_section(fast, {}, Path("."), lambda *args: None, budget=budget)
    start = time.perf_counter()
    with pytest.raises(DossierError, match=r"^02\.md:5 : texte du dossier trop complexe"):
        render_section(slow, {}, Path("."), lambda *args: None, budget=budget)
    assert time.perf_counter() - start < 2 and budget.ran_out is not None


def slow_sections(root: Path) -> None:
    """After the dossier's fast first section, one that takes about a second to convert
    (1,999 unclosed tags, under every count bound), then a fast one."""
    (root / "sections" / "02-lent.md").write_text(HEAD + "<a href='" * 1999 + "\n",
                                                  encoding="utf-8")
    (root / "sections" / "03-fin.md").write_text(HEAD + "Fin.\n", encoding="utf-8")


def test_a_dossier_over_its_budget_is_refused_and_the_others_are_built(tmp_path, monkeypatch):
    """The print pass, 0.2 s for the dossier (each section alone would pass its 5 s): the
    dossier is refused once, on the slow section, the one after it is not converted, and the
    next dossier of the class is built."""
    limits = load_limits()
    monkeypatch.setitem(limits, "markdown_secondes_dossier",
                        dataclasses.replace(limits["markdown_secondes_dossier"], max=0.2))
    students = tmp_path / "students"
    slow, good = base(students, "bad"), base(students, "ana")
    slow_sections(slow)
    set_display_root(tmp_path)
    try:
        refused, built = (build_dossier(root, BuildOptions(cache_dir=tmp_path / ".cache"))
                          for root in (slow, good))
        assert not refused.publishable and built.publishable
        assert [str(p) for p in refused.problems] == [
            "students/bad/sections/02-lent.md:4 : texte du dossier trop complexe : la "
            "conversion de ses sections dépasse 0.2 secondes en tout, le temps a manqué sur ce "
            "fichier (les sections suivantes ne sont pas converties). "
            + bound("markdown_secondes_dossier").hint]
    finally:
        set_display_root(None)


@pytest.mark.slow
def test_the_site_pass_has_its_own_budget(project, monkeypatch, capsys):
    """The site converts the sections again (the print did, within its own budget): with 0.2 s
    for the site's pass, the slow dossier is refused there, in French, naming the file where
    the time ran out, and the other dossier is published."""
    from portfolio import site
    from portfolio.cli.main import main

    small = dataclasses.replace(bound("markdown_secondes_dossier"), max=0.2)
    monkeypatch.setattr(site, "dossier_budget", lambda: TimeBudget(small))
    students = project / "students"
    slow, _ = base(students, "bad"), base(students, "ana")
    slow_sections(slow)
    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr().out
    assert ("bad : refusé — students/bad/sections/02-lent.md:4 : texte du dossier trop "
            "complexe : la conversion de ses sections dépasse 0.2 secondes en tout") in out
    assert (project / "site" / "ana" / "index.html").is_file()
    assert not (project / "site" / "bad").exists()
